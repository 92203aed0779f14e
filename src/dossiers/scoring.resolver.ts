import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { User } from "../auth/user.entity";
import type { Context } from "../context";
import { CriteriaSheet } from "../rules/criteria-sheet.types";
import { RuleSet } from "../rules/rule-set.entity";
import { Dossier, ScoreSheet } from "./dossier.entity";
import { Evaluation, UnmetCriterion } from "./evaluation.types";
import { CriteriaScoreSheetArgs, ScoreSubmission, ScoreSheetInput, ScoreSummary } from "./dossier.types";
import { DossierAction, rolesFor } from "./workflow";
import { STAFF } from "./dossier.resolver";

/** The council's score sheets and result (ScoringService). */
@Resolver(() => Dossier)
export class DossierScoringResolver {
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
      "The council's result once concluded: consolidated choices, mandatory criteria met and unmet.",
  })
  evaluation(@Root() d: Dossier): Evaluation | null {
    return d.evaluation;
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
    description:
      "Per level, the mandatory criteria this sheet's choices fall short of (empty for a part-total sheet).",
  })
  unmetMandatory(@Root() s: ScoreSheet): UnmetCriterion[] {
    return s.unmetMandatory ?? [];
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
}
