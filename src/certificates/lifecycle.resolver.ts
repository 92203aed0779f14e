import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { inViewerCommune } from "../auth/scope";
import { ReasonArgs } from "../dossiers/dossier.types";
import { Role, User } from "../auth/user.entity";
import { Product } from "../catalog/product.entity";
import { LocalDateScalar } from "../core/scalars";
import type { LocalDate } from "../core/time";
import type { Context } from "../context";
import {
  Inspection,
  RecommendationStatus,
  RevocationRecommendation,
  Violation,
} from "../oversight/oversight.entity";
import { Certificate } from "./certificate.entity";
import { NoticeChannel } from "./expiry-notice.entity";
import { LIFECYCLE_ROLES } from "./lifecycle.service";
import {
  CommuneCertificates,
  ExpiryNoticeInput,
  InspectionInput,
  RevocationRecommendationInput,
  RevokeCertificateInput,
  ExpiringArgs,
  RecognizedInArgs,
} from "./lifecycle.types";

@Resolver(() => Certificate)
export class CertificateLifecycleResolver {
  @Authorized(...LIFECYCLE_ROLES)
  @Query(() => [Certificate], {
    description:
      "Current certificates expiring within withinDays days (and already expired ones not replaced, if includeExpired), oldest expiry first; commune officers see their commune.",
  })
  expiringCertificates(@Ctx() ctx: Context, @Args() args: ExpiringArgs): Promise<Certificate[]> {
    return ctx.services.lifecycle.expiring(ctx, args);
  }

  @Authorized(...LIFECYCLE_ROLES)
  @Mutation(() => Certificate, {
    description:
      "Records that the producer was told of the expiry (once per certificate; flagged late after the notice period).",
  })
  recordExpiryNotice(
    @Ctx() ctx: Context,
    @Arg("input", () => ExpiryNoticeInput) input: ExpiryNoticeInput,
  ): Promise<Certificate> {
    return ctx.services.lifecycle.recordNotice(ctx, input);
  }

  @Authorized(...LIFECYCLE_ROLES)
  @Query(() => [CommuneCertificates], {
    description:
      "Certificates recognised in a year, per commune, with expiry and notice (also as GET /reports/certificates.csv).",
  })
  certificatesRecognizedIn(
    @Ctx() ctx: Context,
    @Args() args: RecognizedInArgs,
  ): Promise<CommuneCertificates[]> {
    return ctx.services.lifecycle.recognizedIn(ctx, args);
  }

  @Authorized(Role.PROVINCE_OFFICER)
  @Mutation(() => Certificate, {
    description:
      "Revokes: the product leaves the public catalog at once; pending recommendations are accepted.",
  })
  revokeCertificate(
    @Ctx() ctx: Context,
    @Arg("input", () => RevokeCertificateInput) input: RevokeCertificateInput,
  ): Promise<Certificate> {
    return ctx.services.lifecycle.revoke(ctx, input);
  }

  @Authorized()
  @FieldResolver(() => LocalDateScalar, {
    nullable: true,
    description: "Staff only: when the expiry notice was sent.",
  })
  async noticeSentOn(@Root() c: Certificate, @Ctx() ctx: Context): Promise<LocalDate | null> {
    return (await noticeFor(ctx, c))?.sentOn ?? null;
  }

  @Authorized()
  @FieldResolver(() => NoticeChannel, { nullable: true, description: "Staff only." })
  async noticeChannel(@Root() c: Certificate, @Ctx() ctx: Context): Promise<NoticeChannel | null> {
    return (await noticeFor(ctx, c))?.channel ?? null;
  }

  @Authorized()
  @FieldResolver(() => Boolean, {
    nullable: true,
    description: "Staff only: was the notice sent later than the rules' notice period before expiry?",
  })
  async noticeLate(@Root() c: Certificate, @Ctx() ctx: Context): Promise<boolean | null> {
    return (await noticeFor(ctx, c))?.late ?? null;
  }
}

/** The certificate's expiry notice, for staff whose scope covers the product's commune (else null, as for none). */
async function noticeFor(ctx: Context, c: Certificate) {
  const product = await ctx.loaders.product.load(c.productId);
  if (!ctx.viewer || !product || !inViewerCommune(ctx.viewer, product.communeCode)) return null;
  return ctx.loaders.expiryNotice.load(c.id);
}

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
    return (await ctx.services.lifecycle.recordInspection(ctx, input)).inspection;
  }

  @Authorized(...LIFECYCLE_ROLES)
  @Query(() => [Inspection], { description: "A product's inspections, newest first." })
  inspections(@Ctx() ctx: Context, @Arg("productId", () => ID) productId: string): Promise<Inspection[]> {
    return ctx.services.lifecycle.inspections(ctx, productId);
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
  @Authorized(Role.COMMUNE_OFFICER)
  @Mutation(() => RevocationRecommendation, {
    description: "A commune asks the province to revoke an active certificate of its commune.",
  })
  recommendRevocation(
    @Ctx() ctx: Context,
    @Arg("input", () => RevocationRecommendationInput) input: RevocationRecommendationInput,
  ): Promise<RevocationRecommendation> {
    return ctx.services.lifecycle.recommend(ctx, input);
  }

  @Authorized(Role.PROVINCE_OFFICER)
  @Mutation(() => RevocationRecommendation)
  rejectRevocationRecommendation(
    @Ctx() ctx: Context,
    @Args() { id, reason }: ReasonArgs,
  ): Promise<RevocationRecommendation> {
    return ctx.services.lifecycle.reject(ctx, id, reason);
  }

  @Authorized(...LIFECYCLE_ROLES)
  @Query(() => [RevocationRecommendation], {
    description: "The province's queue (commune officers: their own commune's), oldest first.",
  })
  revocationRecommendations(
    @Ctx() ctx: Context,
    @Arg("status", () => RecommendationStatus, { nullable: true }) status?: RecommendationStatus | null,
  ): Promise<RevocationRecommendation[]> {
    return ctx.services.lifecycle.recommendations(ctx, status);
  }

  @FieldResolver(() => Certificate)
  async certificate(@Root() r: RevocationRecommendation, @Ctx() ctx: Context): Promise<Certificate> {
    return (await ctx.loaders.certificate.load(r.certificateId))!;
  }
}
