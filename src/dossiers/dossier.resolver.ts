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
import { Certificate } from "../certificates/certificate.entity";
import { LocalDateScalar } from "../core/scalars";
import type { LocalDate } from "../core/time";
import type { Context } from "../context";
import { Commune } from "../geography/commune.entity";
import { pageComplexity } from "../http/limits";
import { StoredFile } from "../files/stored-file.entity";
import { CriteriaSheet } from "../rules/criteria-sheet";
import { RuleSet } from "../rules/rule-set.entity";
import {
  Dossier,
  DossierDocument,
  Evaluation,
  EvaluationRound,
  ProductSamples,
  ScoreSheet,
  UnmetCriterion,
} from "./dossier.entity";
import {
  AttachDossierDocumentInput,
  CentralResultInput,
  CommuneForwardingStatus,
  CommuneReportInput,
  CreateDossierInput,
  CriteriaScoreSheetArgs,
  DossierConnection,
  DossierEvent,
  ScoreSubmission,
  ReasonArgs,
  OptionalReasonArgs,
  CarryOverArgs,
  DossierFilter,
  OpenEvaluationRoundInput,
  PreviousDocuments,
  RecognitionInput,
  ScoreSheetInput,
  ScoreSummary,
} from "./dossier.types";
import { DossierAction, DossierStatus, rolesFor } from "./workflow";

const STAFF = [Role.PROVINCE_OFFICER, Role.COUNCIL_MEMBER, Role.COMMUNE_OFFICER];

@Resolver(() => EvaluationRound)
export class EvaluationRoundResolver {
  @Authorized(Role.PROVINCE_OFFICER)
  @Mutation(() => EvaluationRound)
  openEvaluationRound(
    @Ctx() ctx: Context,
    @Arg("input", () => OpenEvaluationRoundInput) input: OpenEvaluationRoundInput,
  ): Promise<EvaluationRound> {
    return ctx.services.rounds.openRound(ctx, input);
  }

  @Authorized(Role.PROVINCE_OFFICER)
  @Mutation(() => EvaluationRound, { description: "Moves the round's deadline later." })
  extendSubmissionDeadline(
    @Ctx() ctx: Context,
    @Arg("roundId", () => ID) roundId: string,
    @Arg("submissionDeadline", () => LocalDateScalar) submissionDeadline: LocalDate,
  ): Promise<EvaluationRound> {
    return ctx.services.rounds.extendDeadline(ctx, roundId, submissionDeadline);
  }

  @Authorized(...STAFF)
  @Query(() => [EvaluationRound], { description: "Evaluation rounds, newest first." })
  evaluationRounds(@Ctx() ctx: Context): Promise<EvaluationRound[]> {
    return ctx.services.rounds.rounds(ctx);
  }

  @Authorized(Role.PROVINCE_OFFICER)
  @Query(() => [CommuneForwardingStatus], {
    description: "Per commune, the round's dossiers not forwarded yet (to chase before the deadline).",
  })
  dossiersNotForwarded(
    @Ctx() ctx: Context,
    @Arg("roundId", () => ID) roundId: string,
  ): Promise<CommuneForwardingStatus[]> {
    return ctx.services.rounds.notForwarded(ctx, roundId);
  }
}

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

  @Authorized(...rolesFor(DossierAction.ATTACH_DOCUMENT))
  @Mutation(() => DossierDocument, {
    description: "Links an uploaded file (POST /files) while the dossier is DRAFT or RETURNED.",
  })
  attachDossierDocument(
    @Ctx() ctx: Context,
    @Arg("input", () => AttachDossierDocumentInput) input: AttachDossierDocumentInput,
  ): Promise<DossierDocument> {
    return ctx.services.dossierDocuments.attachDocument(ctx, input);
  }

  @Authorized(...rolesFor(DossierAction.REMOVE_DOCUMENT))
  @Mutation(() => Dossier, { description: "Removes a document while the dossier is DRAFT or RETURNED." })
  removeDossierDocument(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<Dossier> {
    return ctx.services.dossierDocuments.removeDocument(ctx, id);
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
    description: "Back to the producer for correction (the commune before forwarding, the province after).",
  })
  returnDossier(@Ctx() ctx: Context, @Args() { id, reason }: ReasonArgs): Promise<Dossier> {
    return ctx.services.dossiers.returnDossier(ctx, id, reason);
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

  @Authorized(...rolesFor(DossierAction.SUBMIT_SCORE_SHEET))
  @Mutation(() => ScoreSheet, {
    description:
      "Your score sheet by part totals, only for a product set whose criteria sheet is not usable (see criteriaSheet); submitting again replaces it until the evaluation is concluded.",
  })
  submitScoreSheet(
    @Ctx() ctx: Context,
    @Arg("input", () => ScoreSheetInput) input: ScoreSheetInput,
  ): Promise<ScoreSheet> {
    return ctx.services.scoring.submitScoreSheet(ctx, input);
  }

  @Authorized(...rolesFor(DossierAction.SUBMIT_SCORE_SHEET))
  @Mutation(() => ScoreSheet, {
    description:
      "Your score sheet by criterion: one choice for every criterion of criteriaSheet (optionCode null: none applies). Points, part totals and mandatory criteria are computed. Submitting again replaces it until the evaluation is concluded.",
  })
  submitCriteriaScoreSheet(
    @Ctx() ctx: Context,
    @Args() { dossierId, choices }: CriteriaScoreSheetArgs,
  ): Promise<ScoreSheet> {
    return ctx.services.scoring.submitCriteriaScoreSheet(ctx, dossierId, choices);
  }

  @Authorized(...rolesFor(DossierAction.CONCLUDE_EVALUATION))
  @Mutation(() => Dossier, {
    description:
      "Averages the totals (the band) and consolidates the members' choices (the mandatory criteria met) under the dossier's rule set; the stars are the lower of the two: SCORED, or NOT_ACHIEVED below 3 stars. SCORE_SPREAD when the totals differ by more than the rules allow.",
  })
  concludeEvaluation(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<Dossier> {
    return ctx.services.scoring.concludeEvaluation(ctx, id);
  }

  @Authorized(...rolesFor(DossierAction.RECORD_RECOGNITION))
  @Mutation(() => Certificate, {
    description: "The province's recognition decision (3 or 4 stars): issues the certificate.",
  })
  recordRecognition(
    @Ctx() ctx: Context,
    @Arg("input", () => RecognitionInput) input: RecognitionInput,
  ): Promise<Certificate> {
    return ctx.services.recognition.recordRecognition(ctx, input);
  }

  @Authorized(...rolesFor(DossierAction.PROPOSE_TO_CENTRAL))
  @Mutation(() => Dossier, { description: "A 5-star result goes to the Ministry." })
  proposeToCentral(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<Dossier> {
    return ctx.services.recognition.proposeToCentral(ctx, id);
  }

  @Authorized(...rolesFor(DossierAction.RECORD_CENTRAL_RESULT))
  @Mutation(() => Certificate, {
    description:
      "The Ministry's decision (or the province's, when the Ministry does not give 5 stars): issues the certificate.",
  })
  recordCentralResult(
    @Ctx() ctx: Context,
    @Arg("input", () => CentralResultInput) input: CentralResultInput,
  ): Promise<Certificate> {
    return ctx.services.recognition.recordCentralResult(ctx, input);
  }

  @Authorized(...rolesFor(DossierAction.WITHDRAW))
  @Mutation(() => Dossier, { description: "Withdraws a dossier that has not been accepted by the province." })
  withdrawDossier(@Ctx() ctx: Context, @Args() { id, reason }: OptionalReasonArgs): Promise<Dossier> {
    return ctx.services.dossiers.withdraw(ctx, id, reason);
  }

  @Authorized(...rolesFor(DossierAction.ATTACH_DOCUMENT))
  @Mutation(() => Dossier, {
    description:
      "Copies still-valid documents of the product's earlier dossier (see previousDocuments) into this one.",
  })
  carryOverDocuments(
    @Ctx() ctx: Context,
    @Args() { dossierId, documentIds }: CarryOverArgs,
  ): Promise<Dossier> {
    return ctx.services.dossierDocuments.carryOverDocuments(ctx, dossierId, documentIds);
  }

  @FieldResolver(() => PreviousDocuments, {
    nullable: true,
    description: "RE_EVALUATION and UPGRADE: the previous dossier's documents, still valid or lapsed.",
  })
  previousDocuments(@Root() d: Dossier, @Ctx() ctx: Context): Promise<PreviousDocuments | null> {
    return ctx.services.dossierDocuments.previousDocuments(ctx, d);
  }

  @FieldResolver(() => CriteriaSheet, {
    nullable: true,
    description:
      "The criteria sheet of the product's set under the dossier's rule set (null: the rule set has none for it).",
  })
  criteriaSheet(@Root() d: Dossier, @Ctx() ctx: Context): Promise<CriteriaSheet | null> {
    return ctx.services.scoring.criteriaSheet(ctx, d);
  }

  @FieldResolver(() => ProductSamples, {
    nullable: true,
    description:
      "The product samples the dossier's rules ask, and what the commune received (null: none asked).",
  })
  productSamples(@Root() d: Dossier, @Ctx() ctx: Context): Promise<ProductSamples | null> {
    return ctx.services.dossiers.productSamples(ctx, d);
  }

  @FieldResolver(() => Evaluation, {
    nullable: true,
    description:
      "The council's result once concluded: consolidated choices, mandatory criteria met and unmet.",
  })
  evaluation(@Root() d: Dossier): Evaluation | null {
    return d.evaluation;
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

  @FieldResolver(() => [ScoreSheet], {
    description:
      "Until the evaluation is concluded, only your own sheet (council members); afterwards every sheet.",
  })
  scoreSheets(@Root() d: Dossier, @Ctx() ctx: Context): Promise<ScoreSheet[]> {
    return ctx.services.scoring.scoreSheets(ctx, d);
  }

  @FieldResolver(() => [ScoreSubmission], {
    description:
      "Who has submitted a score sheet, and when (without the scores, which are shown once concluded).",
  })
  async scoreSubmissions(@Root() d: Dossier, @Ctx() ctx: Context): Promise<ScoreSubmission[]> {
    return (await ctx.loaders.scoreSheetsByDossier.load(d.id)).map((s) =>
      Object.assign(new ScoreSubmission(), { memberId: s.memberId, submittedAt: s.updatedAt }),
    );
  }

  @FieldResolver(() => ScoreSummary, { nullable: true, description: "Once concluded." })
  async scoreSummary(@Root() d: Dossier, @Ctx() ctx: Context): Promise<ScoreSummary | null> {
    if (d.averageScore === null) return null;
    const totals = (await ctx.loaders.scoreSheetsByDossier.load(d.id)).map((s) => s.total);
    return {
      sheets: totals.length,
      minTotal: Math.min(...totals),
      maxTotal: Math.max(...totals),
      average: d.averageScore,
    };
  }

  @FieldResolver(() => Certificate, {
    nullable: true,
    description: "The certificate issued for this dossier.",
  })
  async certificate(@Root() d: Dossier, @Ctx() ctx: Context): Promise<Certificate | null> {
    return d.certificateId ? ctx.loaders.certificate.load(d.certificateId) : null;
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

@Resolver(() => DossierDocument)
export class DossierDocumentResolver {
  @FieldResolver(() => StoredFile, {
    description: "The uploaded file: name, type, size, SHA-256 and where to download it.",
  })
  async file(@Root() document: DossierDocument, @Ctx() ctx: Context): Promise<StoredFile> {
    return (await ctx.loaders.file.load(document.fileId))!;
  }
}

@Resolver(() => ScoreSheet)
export class ScoreSheetResolver {
  @FieldResolver(() => [UnmetCriterion], {
    description:
      "Per level, the mandatory criteria this sheet's choices fall short of (empty for a part-total sheet).",
  })
  unmetMandatory(@Root() s: ScoreSheet): UnmetCriterion[] {
    return s.unmetMandatory ?? [];
  }
}

@Resolver(() => RuleSet)
export class RuleSetResolver {
  @Authorized(...STAFF)
  @Query(() => [RuleSet], { description: "Every version of the rules, oldest first." })
  ruleSets(@Ctx() ctx: Context): Promise<RuleSet[]> {
    return ctx.loaders.ruleSets();
  }
}

@Resolver(() => ScoreSubmission)
export class ScoreSubmissionResolver {
  @FieldResolver(() => User)
  async member(@Root() s: ScoreSubmission, @Ctx() ctx: Context): Promise<User> {
    return (await ctx.loaders.user.load(s.memberId))!;
  }
}

@Resolver(() => DossierEvent)
export class DossierEventResolver {
  @FieldResolver(() => User, { nullable: true, description: "Who acted (null for the system)." })
  actor(@Root() e: DossierEvent, @Ctx() ctx: Context): Promise<User | null> | null {
    return e.actorId ? ctx.loaders.user.load(e.actorId) : null;
  }
}
