import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { User } from "../auth/user.entity";
import { Role } from "../auth/user.entity";
import { Product } from "../catalog/product.entity";
import { LocalDateScalar } from "../core/scalars";
import type { LocalDate } from "../core/time";
import type { Context } from "../context";
import { Commune } from "../geography/commune.entity";
import { pageComplexity } from "../http/limits";
import { Dossier, DossierDocument } from "./dossier.entity";
import { EvaluationRound } from "./round.entity";
import { ProductSamples } from "./evaluation.types";
import {
  CommuneReportInput,
  CreateDossierInput,
  DossierConnection,
  DossierEvent,
  ReturnArgs,
  OptionalReasonArgs,
  DossierFilter,
} from "./dossier.types";
import { DossierAction, DossierStatus, rolesFor } from "./workflow";

/** Every staff role (an administrator passes every check). */
export const STAFF = [Role.PROVINCE_OFFICER, Role.COUNCIL_MEMBER, Role.COMMUNE_OFFICER];

/** Dossiers and their workflow at the commune and the province's door (DossierService). */
@Resolver(() => Dossier)
export class DossierResolver {
  @Authorized(...STAFF)
  @Query(() => DossierConnection, {
    description:
      "Dossiers the viewer may see (commune officers: their commune; council members: from UNDER_REVIEW on), newest first.",
    complexity: pageComplexity,
  })
  dossiers(
    @Ctx() ctx: Context,
    @Arg("filter", () => DossierFilter, { nullable: true }) filter?: DossierFilter | null,
    @Arg("first", () => Int, { nullable: true }) first?: number | null,
    @Arg("after", () => String, { nullable: true }) after?: string | null,
  ): Promise<DossierConnection> {
    return ctx.services.dossiers.dossiers(ctx, { filter, first, after });
  }

  @Authorized(...STAFF)
  @Query(() => Dossier, { nullable: true, description: "Null when there is none the viewer may see." })
  dossier(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<Dossier | null> {
    return ctx.services.dossiers.dossier(ctx, id);
  }

  @Authorized(Role.COMMUNE_OFFICER)
  @Mutation(() => Dossier, { description: "A DRAFT dossier for a product of your commune." })
  createDossier(
    @Ctx() ctx: Context,
    @Arg("input", () => CreateDossierInput) input: CreateDossierInput,
  ): Promise<Dossier> {
    return ctx.services.dossiers.createDossier(ctx, input);
  }

  @Authorized(...rolesFor(DossierAction.SUBMIT))
  @Mutation(() => Dossier, {
    description:
      "Needs REGISTRATION_FORM, BUSINESS_PLAN, ORGANISATION_PROFILE and BUSINESS_REGISTRATION; names what is missing.",
  })
  submitDossier(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<Dossier> {
    return ctx.services.dossiers.submit(ctx, id);
  }

  @Authorized(...rolesFor(DossierAction.RECORD_SAMPLES))
  @Mutation(() => Dossier, {
    description:
      "The commune received the product samples (see productSamples for how many the rules ask; none for community tourism).",
  })
  recordProductSamples(
    @Ctx() ctx: Context,
    @Arg("dossierId", () => ID) dossierId: string,
    @Arg("count", () => Int) count: number,
    @Arg("receivedOn", () => LocalDateScalar) receivedOn: LocalDate,
  ): Promise<Dossier> {
    return ctx.services.dossiers.recordSamples(ctx, dossierId, count, receivedOn);
  }

  @Authorized(...rolesFor(DossierAction.RETURN))
  @Mutation(() => Dossier, {
    description:
      "Back to the producer for correction (the commune before forwarding, the province after, optionally granting graceDays to forward it again after the deadline).",
  })
  returnDossier(@Ctx() ctx: Context, @Args() args: ReturnArgs): Promise<Dossier> {
    return ctx.services.dossiers.returnDossier(ctx, args);
  }

  @Authorized(...rolesFor(DossierAction.RECORD_COMMUNE_REPORT))
  @Mutation(() => Dossier, { description: "The commune's evaluation of the four local criteria." })
  recordCommuneReport(
    @Ctx() ctx: Context,
    @Arg("input", () => CommuneReportInput) input: CommuneReportInput,
  ): Promise<Dossier> {
    return ctx.services.dossiers.recordCommuneReport(ctx, input);
  }

  @Authorized(...rolesFor(DossierAction.FORWARD))
  @Mutation(() => Dossier, {
    description: "To the province; DEADLINE_PASSED after the round's deadline day (Vietnam time).",
  })
  forwardDossier(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<Dossier> {
    return ctx.services.dossiers.forward(ctx, id);
  }

  @Authorized(...rolesFor(DossierAction.ACCEPT))
  @Mutation(() => Dossier, { description: "The province accepts a forwarded dossier for the council." })
  acceptDossier(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<Dossier> {
    return ctx.services.dossiers.accept(ctx, id);
  }

  @Authorized(...rolesFor(DossierAction.WITHDRAW))
  @Mutation(() => Dossier, { description: "Withdraws a dossier that has not been accepted by the province." })
  withdrawDossier(@Ctx() ctx: Context, @Args() { id, reason }: OptionalReasonArgs): Promise<Dossier> {
    return ctx.services.dossiers.withdraw(ctx, id, reason);
  }

  @FieldResolver(() => ProductSamples, {
    nullable: true,
    description:
      "The product samples the dossier's rules ask, and what the commune received (null: none asked).",
  })
  productSamples(@Root() d: Dossier, @Ctx() ctx: Context): Promise<ProductSamples | null> {
    return ctx.services.dossiers.productSamples(ctx, d);
  }

  @FieldResolver(() => Product)
  async product(@Root() d: Dossier, @Ctx() ctx: Context): Promise<Product> {
    return (await ctx.loaders.product.load(d.productId))!;
  }

  @FieldResolver(() => Commune)
  async commune(@Root() d: Dossier, @Ctx() ctx: Context): Promise<Commune> {
    return (await ctx.loaders.commune.load(d.communeCode))!;
  }

  @FieldResolver(() => EvaluationRound)
  async round(@Root() d: Dossier, @Ctx() ctx: Context): Promise<EvaluationRound> {
    return (await ctx.loaders.round.load(d.roundId))!;
  }

  @FieldResolver(() => [DossierDocument])
  documents(@Root() d: Dossier, @Ctx() ctx: Context): Promise<DossierDocument[]> {
    return ctx.loaders.documentsByDossier.load(d.id);
  }

  @FieldResolver(() => [DossierAction], {
    description:
      "What you may do to this dossier now: the transition table, less actions whose checks would refuse (missing documents, deadline passed, threshold not reached).",
  })
  allowedActions(@Root() d: Dossier, @Ctx() ctx: Context): Promise<DossierAction[]> {
    return ctx.services.dossiers.allowedActions(ctx, d);
  }

  @FieldResolver(() => [DossierEvent], { description: "Every change, oldest first (append-only)." })
  async history(@Root() d: Dossier, @Ctx() ctx: Context): Promise<DossierEvent[]> {
    return (await ctx.loaders.historyByDossier.load(d.id)).map((e) =>
      Object.assign(new DossierEvent(), {
        at: e.at,
        action: e.action,
        fromStatus: e.fromStatus as DossierStatus | null,
        toStatus: e.toStatus as DossierStatus | null,
        note: ctx.services.scoring.historyNote(ctx, d, e),
        actorId: e.actorId,
      }),
    );
  }
}

@Resolver(() => DossierEvent)
export class DossierEventResolver {
  @FieldResolver(() => User, { nullable: true, description: "Who acted (null for the system)." })
  actor(@Root() e: DossierEvent, @Ctx() ctx: Context): Promise<User | null> | null {
    return e.actorId ? ctx.loaders.user.load(e.actorId) : null;
  }
}
