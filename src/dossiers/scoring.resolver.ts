import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { PUBLIC_CACHE } from "../core/cache";
import { User } from "../auth/user.entity";
import type { Context } from "../context";
import { CriteriaSheet } from "../rules/criteria-sheet.types";
import { RuleSet } from "../rules/rule-set.entity";
import { Dossier, DossierDocument, ScoreSheet } from "./dossier.entity";
import {
  CaseChoice,
  DisputedMark,
  Evaluation,
  Finding,
  MemberLevel,
  MissingPointsCredit,
  UnmetCriterion,
} from "./evaluation.types";
import {
  CriteriaScoreSheetArgs,
  MandatoryFindingInput,
  ReasonArgs,
  ScoreSubmission,
  ScoreSummary,
} from "./dossier.types";
import { DossierAction, rolesFor } from "./workflow";
import { STAFF } from "./dossier.resolver";

/** The council's score sheets and result (ScoringService). */
@Resolver(() => Dossier)
export class DossierScoringResolver {
  @Authorized(...rolesFor(DossierAction.SUBMIT_SCORE_SHEET))
  @Mutation(() => ScoreSheet, {
    description:
      "Your score sheet by criterion: one choice for every criterion of criteriaSheet (optionCode null: none applies; in a case group, the criteria of the case you choose in `cases`), and for an incomplete sheet the points you credit for each incompleteGroup. Points, part totals and your own mandatory level are computed. Submitting again replaces it until the evaluation is concluded.",
  })
  submitCriteriaScoreSheet(@Ctx() ctx: Context, @Args() args: CriteriaScoreSheetArgs): Promise<ScoreSheet> {
    return ctx.services.scoring.submitCriteriaScoreSheet(ctx, args);
  }

  @Authorized(...rolesFor(DossierAction.RECORD_MANDATORY_FINDING))
  @Mutation(() => Dossier, {
    description:
      "The council's finding on a mark the members' sheets dispute (see disputedMarks): met or not, why, and the dossier's document it rests on. Recording again replaces it until the evaluation is concluded.",
  })
  recordMandatoryFinding(
    @Ctx() ctx: Context,
    @Arg("input", () => MandatoryFindingInput) input: MandatoryFindingInput,
  ): Promise<Dossier> {
    return ctx.services.scoring.recordMandatoryFinding(ctx, input);
  }

  @Authorized(...rolesFor(DossierAction.CLOSE_WITHOUT_CERTIFICATE))
  @Mutation(() => Dossier, {
    description:
      "Closes a SCORED dossier without a certificate (the decision was not signed, or a 5★ result is not proposed), with the reason: NOT_RECOGNIZED.",
  })
  closeDossierWithoutCertificate(@Ctx() ctx: Context, @Args() { id, reason }: ReasonArgs): Promise<Dossier> {
    return ctx.services.scoring.closeWithoutCertificate(ctx, id, reason);
  }

  @Authorized(...rolesFor(DossierAction.CONCLUDE_EVALUATION))
  @Mutation(() => Dossier, {
    description:
      "Averages the totals (the band) and caps it by the highest level whose mandatory marks are all met (unanimous marks as the members chose, disputed ones as the findings say) under the dossier's rule set: SCORED, or NOT_ACHIEVED below 3 stars. BAD_USER_INPUT while a disputed mark has no finding; SCORE_SPREAD when the totals differ by more than the rules allow.",
  })
  concludeEvaluation(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<Dossier> {
    return ctx.services.scoring.concludeEvaluation(ctx, id);
  }

  @FieldResolver(() => CriteriaSheet, {
    nullable: true,
    description:
      "The criteria sheet of the product's set under the dossier's rule set (null: the rule set has none for it).",
  })
  criteriaSheet(@Root() d: Dossier, @Ctx() ctx: Context): Promise<CriteriaSheet | null> {
    return ctx.services.scoring.criteriaSheet(ctx, d);
  }

  @FieldResolver(() => Evaluation, {
    nullable: true,
    description:
      "The council's result once concluded: band, members' levels, disputed marks and findings, mandatory level.",
  })
  evaluation(@Root() d: Dossier): Evaluation | null {
    // Evaluations concluded before findings were kept have none of the newer figures.
    const older = { sheetComplete: true, memberLevels: [], disputedMarks: [], findings: [] };
    return d.evaluation && Object.assign(older, d.evaluation);
  }

  @Authorized(...STAFF)
  @FieldResolver(() => [DisputedMark], {
    description:
      "The mandatory marks on which the submitted sheets disagree (some members meet them, some do not), with the finding recorded on each (null: none yet). Before the conclusion, for the province only.",
  })
  disputedMarks(@Root() d: Dossier, @Ctx() ctx: Context): Promise<DisputedMark[]> {
    return ctx.services.scoring.disputedMarks(ctx, d);
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
}

@Resolver(() => ScoreSheet)
export class ScoreSheetResolver {
  @FieldResolver(() => [UnmetCriterion], {
    description: "Per level, the mandatory marks this sheet's choices fall short of.",
  })
  unmetMandatory(@Root() s: ScoreSheet): UnmetCriterion[] {
    return s.unmetMandatory ?? [];
  }

  @FieldResolver(() => [CaseChoice])
  cases(@Root() s: ScoreSheet): CaseChoice[] {
    return s.cases ?? [];
  }

  @FieldResolver(() => [MissingPointsCredit])
  missingPoints(@Root() s: ScoreSheet): MissingPointsCredit[] {
    return s.missingPoints ?? [];
  }
}

@Resolver(() => Finding)
export class FindingResolver {
  @FieldResolver(() => DossierDocument, { description: "The evidence document the finding rests on." })
  async document(@Root() f: Finding, @Ctx() ctx: Context): Promise<DossierDocument> {
    return (await ctx.loaders.document.load(f.documentId))!;
  }

  @FieldResolver(() => User, { description: "The province officer who recorded it." })
  async recordedBy(@Root() f: Finding, @Ctx() ctx: Context): Promise<User> {
    return (await ctx.loaders.user.load(f.recordedById))!;
  }

  @FieldResolver(() => Date)
  recordedAt(@Root() f: Finding): Date {
    return new Date(f.recordedAt);
  }
}

@Resolver(() => MemberLevel)
export class MemberLevelResolver {
  @FieldResolver(() => User)
  async member(@Root() l: MemberLevel, @Ctx() ctx: Context): Promise<User> {
    return (await ctx.loaders.user.load(l.memberId))!;
  }
}

@Resolver(() => ScoreSubmission)
export class ScoreSubmissionResolver {
  @FieldResolver(() => User)
  async member(@Root() s: ScoreSubmission, @Ctx() ctx: Context): Promise<User> {
    return (await ctx.loaders.user.load(s.memberId))!;
  }
}

@Resolver(() => RuleSet)
export class RuleSetResolver {
  @Authorized(...STAFF)
  @Query(() => [RuleSet], { description: "Every version of the rules, oldest first." })
  ruleSets(@Ctx() ctx: Context): Promise<RuleSet[]> {
    return ctx.loaders.ruleSets();
  }

  @Directive(PUBLIC_CACHE)
  @Query(() => CriteriaSheet, {
    nullable: true,
    name: "criteriaSheet",
    description:
      "For anyone: the criteria sheet of a product set (category code, e.g. I.1.a) under the rules in force today, to guide producers before a dossier exists; null when the code is not a product set or the rules have no sheet for it.",
  })
  criteriaSheetOfSet(
    @Ctx() ctx: Context,
    @Arg("productSetCode", () => String) productSetCode: string,
  ): Promise<CriteriaSheet | null> {
    return ctx.services.scoring.criteriaSheetInForce(ctx, productSetCode);
  }
}
