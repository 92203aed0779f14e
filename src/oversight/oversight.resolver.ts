import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Role, User } from "../auth/user.entity";
import { Product } from "../catalog/product.entity";
import { Certificate, groundsWithSource } from "../certificates/certificate.entity";
import { LIFECYCLE_ROLES } from "../certificates/lifecycle.service";
import type { Context } from "../context";
import { RevocationGround } from "../rules/rule-set.entity";
import { ReasonArgs } from "../dossiers/dossier.types";
import { Inspection, RecommendationStatus, RevocationRecommendation, Violation } from "./oversight.entity";
import {
  InspectionInput,
  MinistryRefusalInput,
  MinistryRevocationProposalInput,
  RevocationRecommendationInput,
  RevokeCertificateInput,
} from "./oversight.types";

@Resolver(() => Inspection)
export class InspectionResolver {
  @Authorized(...LIFECYCLE_ROLES)
  @Mutation(() => Inspection, {
    description: "Commune officers for their commune, province officers anywhere.",
  })
  async recordInspection(
    @Ctx() ctx: Context,
    @Arg("input", () => InspectionInput) input: InspectionInput,
  ): Promise<Inspection> {
    return (await ctx.services.oversight.recordInspection(ctx, input)).inspection;
  }

  @Authorized(...LIFECYCLE_ROLES)
  @Query(() => [Inspection], { description: "A product's inspections, newest first." })
  inspections(@Ctx() ctx: Context, @Arg("productId", () => ID) productId: string): Promise<Inspection[]> {
    return ctx.services.oversight.inspections(ctx, productId);
  }

  @FieldResolver(() => [Violation])
  violations(@Root() i: Inspection, @Ctx() ctx: Context): Promise<Violation[]> {
    return ctx.loaders.violationsByInspection.load(i.id);
  }

  @FieldResolver(() => Product)
  async product(@Root() i: Inspection, @Ctx() ctx: Context): Promise<Product> {
    return (await ctx.loaders.product.load(i.productId))!;
  }

  @FieldResolver(() => User, { nullable: true })
  inspector(@Root() i: Inspection, @Ctx() ctx: Context): Promise<User | null> {
    return ctx.loaders.user.load(i.inspectorId);
  }
}

@Resolver(() => RevocationRecommendation)
export class RevocationResolver {
  @Authorized(Role.PROVINCE_OFFICER)
  @Mutation(() => Certificate, {
    description:
      "Records the revocation decision (the province's, or for a certificate the Ministry issued the Ministry's, after proposeRevocationToMinistry or on its own initiative): at least one ground; the product leaves the public catalog at once; pending recommendations are accepted.",
  })
  revokeCertificate(
    @Ctx() ctx: Context,
    @Arg("input", () => RevokeCertificateInput) input: RevokeCertificateInput,
  ): Promise<Certificate> {
    return ctx.services.oversight.revoke(ctx, input);
  }

  @Authorized(Role.PROVINCE_OFFICER)
  @Mutation(() => Certificate, {
    description:
      "Records the province's letter proposing that the Ministry revoke a certificate the Ministry issued (5 stars).",
  })
  proposeRevocationToMinistry(
    @Ctx() ctx: Context,
    @Arg("input", () => MinistryRevocationProposalInput) input: MinistryRevocationProposalInput,
  ): Promise<Certificate> {
    return ctx.services.oversight.proposeToMinistry(ctx, input);
  }

  @Authorized(Role.PROVINCE_OFFICER)
  @Mutation(() => Certificate, {
    description:
      "Records the Ministry's letter declining the pending revocation proposal: the certificate stays in force; a later proposal is possible.",
  })
  recordMinistryRefusal(
    @Ctx() ctx: Context,
    @Arg("input", () => MinistryRefusalInput) input: MinistryRefusalInput,
  ): Promise<Certificate> {
    return ctx.services.oversight.recordMinistryRefusal(ctx, input);
  }

  @Authorized(Role.COMMUNE_OFFICER)
  @Mutation(() => RevocationRecommendation, {
    description: "A commune asks the province to revoke an active certificate of its commune.",
  })
  recommendRevocation(
    @Ctx() ctx: Context,
    @Arg("input", () => RevocationRecommendationInput) input: RevocationRecommendationInput,
  ): Promise<RevocationRecommendation> {
    return ctx.services.oversight.recommend(ctx, input);
  }

  @Authorized(Role.PROVINCE_OFFICER)
  @Mutation(() => RevocationRecommendation)
  rejectRevocationRecommendation(
    @Ctx() ctx: Context,
    @Args() { id, reason }: ReasonArgs,
  ): Promise<RevocationRecommendation> {
    return ctx.services.oversight.reject(ctx, id, reason);
  }

  @Authorized(...LIFECYCLE_ROLES)
  @Query(() => [RevocationRecommendation], {
    description: "The province's queue (commune officers: their own commune's), oldest first.",
  })
  revocationRecommendations(
    @Ctx() ctx: Context,
    @Arg("status", () => RecommendationStatus, { nullable: true }) status?: RecommendationStatus | null,
  ): Promise<RevocationRecommendation[]> {
    return ctx.services.oversight.recommendations(ctx, status);
  }

  @FieldResolver(() => Certificate)
  async certificate(@Root() r: RevocationRecommendation, @Ctx() ctx: Context): Promise<Certificate> {
    return (await ctx.loaders.certificate.load(r.certificateId))!;
  }

  @FieldResolver(() => [RevocationGround], {
    description: "The revocation grounds it cites, as worded then.",
  })
  grounds(@Root() r: RevocationRecommendation): RevocationGround[] {
    return groundsWithSource(r.grounds);
  }
}
