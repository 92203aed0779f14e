import type { DataSource, EntityManager } from "typeorm";
import { requireViewer } from "../auth/auth.service";
import { Product } from "../catalog/product.entity";
import { Certificate } from "../certificates/certificate.entity";
import { AppError, badInput, ErrorCode, invalidTransition } from "../core/errors";
import type { RequestScope } from "../request";
import { CriteriaSheet, type ParsedSheet } from "../rules/criteria-sheet.types";
import { criteriaSheetFor, rulesOfDossier } from "../rules/rule-book";
import { majorityLevel, type RuleSet, starsFor } from "../rules/rule-set.entity";
import {
  bandStars,
  type Choice,
  choiceProblems,
  consolidate,
  mandatoryCheck,
  partTotals,
  pointChoices,
} from "../rules/scoring";
import { type Dossier, DossierKind, ScoreSheet } from "./dossier.entity";
import { EvaluationBasis, type Evaluation } from "./evaluation.types";
import type { CriterionChoiceInput, ScoreSheetInput } from "./dossier.types";
import { rulesOfSet } from "./guards";
import { runTransition, transitionDossier } from "./transition-runner";
import { DossierAction, DossierStatus } from "./workflow";

/** The evaluation is concluded once the average is recorded: from then on every sheet may be seen. */
export const isConcluded = (d: Dossier) => d.averageScore !== null;

/** The stars of the product's current certificate (null when it has none). */
async function currentStars(m: EntityManager, productId: number): Promise<number | null> {
  const product = await m.findOneByOrFail(Product, { id: productId });
  if (!product.currentCertificateId) return null;
  return (await m.findOneByOrFail(Certificate, { id: product.currentCertificateId })).stars;
}

/** The sheet of a dossier's product set under its rule set, and why none can be used when so. */
type SheetOfDossier = {
  rules: RuleSet;
  /** Present when usable. */
  sheet?: ParsedSheet;
  /** Why there is no usable sheet: its defects, or none when the rule set has no sheet for the set. */
  unusable?: { defects: string[] };
};

/** A product set's sheet under a rule set when usable, else why not. */
function sheetFor(rules: RuleSet, criteriaSet: number | null): SheetOfDossier {
  const sheet = criteriaSheetFor(rules, criteriaSet);
  if (!sheet) return { rules, unusable: { defects: [] } };
  if (sheet.defects.length) return { rules, unusable: { defects: sheet.defects } };
  return { rules, sheet };
}

/** For the record (evaluation.fallbackReason, history): why a dossier is scored by part totals. */
const fallbackReason = (rules: RuleSet, unusable: { defects: string[] }) =>
  unusable.defects.length
    ? unusable.defects.join("; ")
    : `${rules.version} has no criteria sheet for this product set`;

/**
 * The council's scoring: per criterion on the criteria sheet of the dossier's product set under its rule
 * set (points, part totals and mandatory criteria computed), or by part totals where that sheet has defects.
 */
export class ScoringService {
  constructor(private readonly dataSource: DataSource) {}

  /** The sheet that applies to the dossier, with `usable` and its defects; null when its rule set has none. */
  async criteriaSheet(ctx: RequestScope, dossier: Dossier): Promise<CriteriaSheet | null> {
    const all = await ctx.loaders.ruleSets();
    const product = await ctx.loaders.product.load(dossier.productId);
    const category = product
      ? (await ctx.loaders.categoryTree.load("all")).byCode.get(product.categoryCode)
      : undefined;
    const rules = rulesOfDossier(all, dossier, ctx.today);
    const sheet = criteriaSheetFor(rules, category?.criteriaSet ?? null);
    if (!sheet || !category) return null;
    return Object.assign(new CriteriaSheet(), {
      productSetCode: category.code,
      criteriaSet: sheet.criteriaSet,
      ruleSetVersion: rules.version,
      usable: sheet.defects.length === 0,
      defects: sheet.defects,
      parts: sheet.parts,
    });
  }

  /** A member's sheet by criterion: one choice per criterion of the sheet; points and totals computed. */
  async submitCriteriaScoreSheet(
    ctx: RequestScope,
    dossierId: string,
    given: CriterionChoiceInput[],
  ): Promise<ScoreSheet> {
    const viewer = requireViewer(ctx);
    const { result } = await runTransition(
      this.dataSource,
      ctx,
      dossierId,
      DossierAction.SUBMIT_SCORE_SHEET,
      async (d, m) => {
        const { rules, sheet, unusable } = await this.sheetOf(m, d, ctx);
        if (!sheet)
          throw unusable!.defects.length
            ? badInput("scoring.sheetUnusable", "dossierId", { defects: unusable!.defects.join("; ") })
            : badInput("scoring.noCriteriaSheet", "dossierId", { version: rules.version });
        const problems = choiceProblems(sheet, given);
        if (Object.values(problems).some((codes) => codes.length)) {
          const listed = (codes: string[]) => (codes.length ? codes.join(", ") : "—");
          throw new AppError(
            ErrorCode.BAD_USER_INPUT,
            "scoring.badChoices",
            {
              missing: listed(problems.missing),
              unknown: listed(problems.unknown),
              duplicate: listed(problems.duplicate),
              badOptions: listed(problems.badOptions),
            },
            { argument: "choices", ...problems },
          );
        }
        const choices = pointChoices(sheet, given);
        const { mandatoryStarsMet, unmetMandatory } = mandatoryCheck(sheet, choices);
        const values = { ...partTotals(choices), mandatoryStarsMet, choices, unmetMandatory };
        return this.saveSheet(m, d, viewer.id, values);
      },
    );
    return result!;
  }

  /** A member's sheet by part totals: only for a product set whose criteria sheet is not usable. */
  async submitScoreSheet(ctx: RequestScope, input: ScoreSheetInput): Promise<ScoreSheet> {
    const viewer = requireViewer(ctx);
    const { result } = await runTransition(
      this.dataSource,
      ctx,
      input.dossierId,
      DossierAction.SUBMIT_SCORE_SHEET,
      async (d, m) => {
        if ((await this.sheetOf(m, d, ctx)).sheet) throw badInput("scoring.useCriteriaSheet", "input");
        const values = {
          partA: input.partA,
          partB: input.partB,
          partC: input.partC,
          total: input.partA + input.partB + input.partC,
          mandatoryStarsMet: input.mandatoryStarsMet,
          choices: null,
          unmetMandatory: null,
        };
        return this.saveSheet(m, d, viewer.id, values);
      },
    );
    return result!;
  }

  /**
   * The council's result. The average of the totals gives the band. Per criterion, the mandatory level comes
   * from the council's consolidated choices (the rule set says how members' points are consolidated); by
   * part totals, from a majority of the declared levels. The stars are the lower of band and level.
   */
  concludeEvaluation(ctx: RequestScope, id: string): Promise<Dossier> {
    return transitionDossier(
      this.dataSource,
      ctx,
      id,
      DossierAction.CONCLUDE_EVALUATION,
      async (d, m, facts) => {
        const { rules: dossierRules, criteriaSet } = await facts();
        const sheets = await m.find(ScoreSheet, { where: { dossierId: d.id }, order: { id: "ASC" } });
        const { rules, sheet, unusable } = sheetFor(dossierRules, criteriaSet);
        const totals = sheets.map((s) => s.total);
        const spread = Math.max(...totals) - Math.min(...totals);
        if (rules.maxScoreSpread !== null && spread > rules.maxScoreSpread)
          throw new AppError(
            ErrorCode.SCORE_SPREAD,
            "scoring.spread",
            { totals: totals.join(", "), spread, maxSpread: rules.maxScoreSpread },
            { sheets: sheets.map((s) => ({ memberId: String(s.memberId), total: s.total })) },
          );
        const average = Math.round((totals.reduce((s, t) => s + t, 0) / sheets.length) * 100) / 100;
        const band = bandStars(rules, average);
        let evaluation: Evaluation;
        // Sheets given by part totals before per-criterion scoring began are concluded as they were given.
        const byCriteria = sheet && sheets.every((s) => s.choices) ? sheet : undefined;
        if (sheet && !byCriteria && sheets.some((s) => s.choices))
          throw invalidTransition("scoring.mixedSheets");
        if (byCriteria) {
          const consolidated = consolidate(
            byCriteria,
            sheets.map((s) => s.choices as Choice[]),
            rules.consolidation,
          );
          evaluation = {
            ruleSetVersion: rules.version,
            basis: EvaluationBasis.CRITERIA,
            fallbackReason: null,
            bandStars: band,
            ...mandatoryCheck(byCriteria, consolidated),
            consolidated,
          };
        } else {
          evaluation = {
            ruleSetVersion: rules.version,
            basis: EvaluationBasis.PART_TOTALS,
            fallbackReason: unusable
              ? fallbackReason(rules, unusable)
              : "the sheets were given by part totals before per-criterion scoring",
            bandStars: band,
            mandatoryStarsMet: majorityLevel(sheets.map((s) => s.mandatoryStarsMet)),
            unmetMandatory: [],
            consolidated: [],
          };
        }
        const stars = starsFor(rules, average, evaluation.mandatoryStarsMet);
        // An upgrade that reaches no more than the current stars ends here: the current certificate stays.
        const current = d.kind === DossierKind.UPGRADE ? await currentStars(m, d.productId) : null;
        const upgraded = current === null || stars > current;
        return {
          to: stars >= 3 && upgraded ? DossierStatus.SCORED : DossierStatus.NOT_ACHIEVED,
          changes: { averageScore: average, resultStars: stars, ruleSetVersion: rules.version, evaluation },
          note:
            `average ${average} of ${sheets.length} sheets (band ${band} stars), mandatory criteria met up to ` +
            `${evaluation.mandatoryStarsMet} stars: ${stars} stars under ${rules.version}` +
            (byCriteria ? "" : ` (by part totals: ${evaluation.fallbackReason})`) +
            (upgraded ? "" : `; not an upgrade of the current ${current} stars, whose certificate stays`),
        };
      },
    );
  }

  /**
   * Score sheets: until the evaluation is concluded each member sees only their own and nobody else sees any
   * (who has submitted is in `scoreSubmissions`); afterwards everyone who sees the dossier sees all.
   */
  async scoreSheets(ctx: RequestScope, dossier: Dossier): Promise<ScoreSheet[]> {
    const viewer = requireViewer(ctx);
    const sheets = await ctx.loaders.scoreSheetsByDossier.load(dossier.id);
    return isConcluded(dossier) ? sheets : sheets.filter((s) => s.memberId === viewer.id);
  }

  /** A history note that would tell a score before the conclusion is shown only to the member who gave it. */
  historyNote(
    ctx: RequestScope,
    dossier: Dossier,
    event: { action: string; actorId: number | null; note: string | null },
  ): string | null {
    const hidden =
      event.action === DossierAction.SUBMIT_SCORE_SHEET &&
      !isConcluded(dossier) &&
      event.actorId !== requireViewer(ctx).id;
    return hidden ? "score sheet submitted (scores are shown once the evaluation is concluded)" : event.note;
  }

  /** The dossier's rule set and its product set's sheet when usable (else why not), read in the transaction. */
  async sheetOf(m: EntityManager, d: Dossier, ctx: RequestScope): Promise<SheetOfDossier> {
    const { rules, criteriaSet } = await rulesOfSet(m, d, ctx);
    return sheetFor(rules, criteriaSet);
  }

  /** Saves (or replaces) the member's sheet; a repeat of the same sheet changes nothing. */
  private async saveSheet(
    m: EntityManager,
    d: Dossier,
    memberId: number,
    values: Pick<
      ScoreSheet,
      "partA" | "partB" | "partC" | "total" | "mandatoryStarsMet" | "choices" | "unmetMandatory"
    >,
  ) {
    const existing = await m.findOneBy(ScoreSheet, { dossierId: d.id, memberId });
    const same = (k: keyof typeof values) =>
      JSON.stringify(existing?.[k] ?? null) === JSON.stringify(values[k] ?? null);
    if (existing && (Object.keys(values) as (keyof typeof values)[]).every(same))
      return { result: existing, unchanged: true as const };
    const sheet = await m.save(
      existing
        ? Object.assign(existing, values)
        : m.create(ScoreSheet, { dossierId: d.id, memberId, ...values }),
    );
    const how = values.choices ? `${values.choices.length} criteria, ` : "";
    const scores = `${how}A ${values.partA}, B ${values.partB}, C ${values.partC} = ${values.total}; mandatory criteria met up to ${values.mandatoryStarsMet} stars`;
    return {
      result: sheet,
      note: `${existing ? "score sheet replaced" : "score sheet submitted"}: ${scores}`,
    };
  }
}
