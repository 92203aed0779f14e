import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { Role } from "../auth/user.entity";
import { Category } from "../catalog/category.entity";
import { Producer } from "../catalog/producer.entity";
import { Product } from "../catalog/product.entity";
import { Certificate } from "../certificates/certificate.entity";
import { UpgradeCandidateInput } from "./self-assessment.types";
import { PUBLIC_CACHE } from "../core/cache";
import type { Context } from "../context";
import { Dossier } from "../dossiers/dossier.entity";
import { Commune } from "../geography/commune.entity";
import { pageComplexity } from "../http/limits";
import { PlanTarget, PotentialProduct } from "./programme.entity";
import {
  OpenPotentialDossierArgs,
  PlanTargetInput,
  PotentialProductConnection,
  PotentialProductInput,
  PotentialProductsArgs,
  PotentialStatusArgs,
  ProgrammeStatistics,
  ProgrammeSummary,
} from "./programme.types";

/** The register and the figures are the province's and the communes' (council members score dossiers only). */
const PROGRAMME_STAFF = [Role.PROVINCE_OFFICER, Role.COMMUNE_OFFICER];

@Resolver(() => PotentialProduct)
export class PotentialProductResolver {
  @Authorized(Role.COMMUNE_OFFICER)
  @Mutation(() => PotentialProduct, {
    description: "Adds a product with potential to your commune's register (PROPOSED).",
  })
  proposePotentialProduct(
    @Ctx() ctx: Context,
    @Arg("input", () => PotentialProductInput) input: PotentialProductInput,
  ): Promise<PotentialProduct> {
    return ctx.services.potentialProducts.propose(ctx, input);
  }

  @Authorized(Role.COMMUNE_OFFICER)
  @Mutation(() => PotentialProduct, {
    description:
      "Selects, prepares, drops (with a reason) or reconsiders a potential product; DOSSIER_OPENED and CERTIFIED follow its dossier and cannot be set.",
  })
  setPotentialProductStatus(
    @Ctx() ctx: Context,
    @Args() { id, status, reason }: PotentialStatusArgs,
  ): Promise<PotentialProduct> {
    return ctx.services.potentialProducts.setStatus(ctx, id, status, reason);
  }

  @Authorized(Role.COMMUNE_OFFICER)
  @Mutation(() => PotentialProduct, {
    description:
      "Proposes a product of your commune holding an ACTIVE certificate for more stars (targetStars above the certificate's): a PROPOSED entry whose dossier, once opened, is an UPGRADE.",
  })
  proposeUpgradeCandidate(
    @Ctx() ctx: Context,
    @Arg("input", () => UpgradeCandidateInput) input: UpgradeCandidateInput,
  ): Promise<PotentialProduct> {
    return ctx.services.potentialProducts.proposeUpgrade(ctx, input);
  }

  @Authorized(...PROGRAMME_STAFF)
  @Query(() => PotentialProduct, {
    nullable: true,
    description: "One entry of the register (commune officers: their commune's; null otherwise).",
  })
  potentialProduct(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<PotentialProduct | null> {
    return ctx.services.potentialProducts.entry(ctx, id);
  }

  @Authorized(Role.COMMUNE_OFFICER)
  @Mutation(() => Dossier, {
    description:
      "Opens the dossier of a selected potential product, finding or creating its producer and product (no duplicates): an UPGRADE dossier for an upgrade candidate, a NEW one otherwise.",
  })
  openPotentialProductDossier(@Ctx() ctx: Context, @Args() args: OpenPotentialDossierArgs): Promise<Dossier> {
    return ctx.services.potentialProducts.openDossier(ctx, args);
  }

  @Authorized(...PROGRAMME_STAFF)
  @Query(() => PotentialProductConnection, {
    description: "The register, newest first (commune officers: their commune).",
    complexity: pageComplexity,
  })
  potentialProducts(
    @Ctx() ctx: Context,
    @Args() args: PotentialProductsArgs,
  ): Promise<PotentialProductConnection> {
    return ctx.services.potentialProducts.list(ctx, args);
  }

  @FieldResolver(() => Commune)
  async commune(@Root() p: PotentialProduct, @Ctx() ctx: Context): Promise<Commune> {
    return (await ctx.loaders.commune.load(p.communeCode))!;
  }

  @FieldResolver(() => Category)
  async category(@Root() p: PotentialProduct, @Ctx() ctx: Context): Promise<Category> {
    return (await ctx.loaders.categoryTree.load("all")).byCode.get(p.categoryCode)!;
  }

  @FieldResolver(() => Producer, { nullable: true })
  producer(@Root() p: PotentialProduct, @Ctx() ctx: Context): Promise<Producer | null> | null {
    return p.producerId ? ctx.loaders.producer.load(p.producerId) : null;
  }

  @FieldResolver(() => Product, { nullable: true, description: "The catalog product, once it exists." })
  product(@Root() p: PotentialProduct, @Ctx() ctx: Context): Promise<Product | null> | null {
    return p.productId ? ctx.loaders.product.load(p.productId) : null;
  }

  @FieldResolver(() => Certificate, {
    nullable: true,
    description: "An upgrade candidate: the certificate it was proposed from.",
  })
  upgradeOf(@Root() p: PotentialProduct, @Ctx() ctx: Context): Promise<Certificate | null> | null {
    return p.upgradeOfId ? ctx.loaders.certificate.load(p.upgradeOfId) : null;
  }

  @FieldResolver(() => Dossier, { nullable: true, description: "Its dossier, once opened." })
  dossier(@Root() p: PotentialProduct, @Ctx() ctx: Context): Promise<Dossier | null> | null {
    return p.dossierId ? ctx.loaders.dossier.load(p.dossierId) : null;
  }
}

@Resolver(() => PlanTarget)
export class PlanTargetResolver {
  @Authorized(Role.PROVINCE_OFFICER)
  @Mutation(() => PlanTarget, {
    description: "The province's targets for a commune and year (replaces earlier ones).",
  })
  setPlanTarget(
    @Ctx() ctx: Context,
    @Arg("input", () => PlanTargetInput) input: PlanTargetInput,
  ): Promise<PlanTarget> {
    return ctx.services.planTargets.setTarget(ctx, input);
  }

  @Authorized(...PROGRAMME_STAFF)
  @Query(() => [PlanTarget], { description: "A year's targets (commune officers: their commune's)." })
  planTargets(@Ctx() ctx: Context, @Arg("year", () => Int) year: number): Promise<PlanTarget[]> {
    return ctx.services.planTargets.targets(ctx, year);
  }

  @FieldResolver(() => Commune)
  async commune(@Root() t: PlanTarget, @Ctx() ctx: Context): Promise<Commune> {
    return (await ctx.loaders.commune.load(t.communeCode))!;
  }
}

@Resolver()
export class ProgrammeResolver {
  @Authorized(...PROGRAMME_STAFF)
  @Query(() => ProgrammeStatistics, {
    description:
      "The year's figures: today's certified products, the year's recognitions and rounds, targets and progress per commune (also GET /reports/programme.xlsx?year=).",
  })
  programmeStatistics(
    @Ctx() ctx: Context,
    @Arg("year", () => Int) year: number,
  ): Promise<ProgrammeStatistics> {
    return ctx.services.programmeFigures.statistics(ctx, year);
  }

  @Directive(PUBLIC_CACHE)
  @Query(() => ProgrammeSummary, {
    description: "The programme in figures, for anyone; the same counts as the catalog.",
  })
  programmeSummary(@Ctx() ctx: Context): Promise<ProgrammeSummary> {
    return ctx.services.programmeFigures.summary(ctx);
  }
}
