import type { DataSource, EntityManager } from "typeorm";
import { requireViewer } from "../auth/auth.service";
import { Role } from "../auth/user.entity";
import { Product } from "../catalog/product.entity";
import { Certificate } from "../certificates/certificate.entity";
import { AppError, badInput, ErrorCode, invalidTransition } from "../core/errors";
import { parseId } from "../core/ids";
import type { RequestScope } from "../request";
import { CriteriaSheet, type ParsedSheet } from "../rules/criteria-sheet.types";
import { criteriaSheetFor, rulesOfDossier } from "../rules/rule-book";
import { type RuleSet, ruleSetIn, starsFor } from "../rules/rule-set.entity";
import { bandStars, type Choice, councilLevel, councilMarks, sameMark, type Unmet } from "../rules/scoring";
import { type ScoredAnswers, scoreAnswers, usableSheet } from "./sheet-answers";
import { type Dossier, DossierDocument, DossierKind, MandatoryFinding, ScoreSheet } from "./dossier.entity";
import { type DisputedMark, EvaluationBasis, type Evaluation, type Finding } from "./evaluation.types";
import type { CriteriaScoreSheetArgs, MandatoryFindingInput } from "./dossier.types";
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

/** The sheet of a dossier's product set under its rule set, when it has a usable one. */
type SheetOfDossier = { rules: RuleSet; sheet?: ParsedSheet };

/** Sheets with per-criterion choices, as the council's marks read them. */
const perCriterion = (sheets: ScoreSheet[]) =>
  sheets
    .filter((s) => s.choices)
    .map((s) => ({ choices: s.choices as Choice[], unmetMandatory: s.unmetMandatory ?? [] }));
const markList = (marks: Unmet[]) => marks.map((m) => `${m.criterionCode} (${m.stars}★)`).join(", ");

/**
 * The council's scoring, per criterion on the criteria sheet of the dossier's product set under its rule set:
 * each member's choices (the case of each case group, the bounded credit of each incomplete group), points,
 * totals and own mandatory level computed; the province officer's findings on the marks the members dispute;
 * and the result: the band of the average, capped by the highest level whose marks are all met.
 */
export class ScoringService {
  constructor(private readonly dataSource: DataSource) {}

  /** The sheet that applies to the dossier, with `usable` and its defects; null when its rule set has none. */
  async criteriaSheet(ctx: RequestScope, dossier: Dossier): Promise<CriteriaSheet | null> {
    const product = await ctx.loaders.product.load(dossier.productId);
    const rules = rulesOfDossier(await ctx.loaders.ruleSets(), dossier, ctx.today);
    return product && this.sheetOfSet(ctx, rules, product.categoryCode);
  }

  /** A product set's sheet under the rules in force today (null: not a product set, or no sheet for it). */
  async criteriaSheetInForce(ctx: RequestScope, productSetCode: string): Promise<CriteriaSheet | null> {
    return this.sheetOfSet(ctx, ruleSetIn(await ctx.loaders.ruleSets(), ctx.today), productSetCode.trim());
  }

  private async sheetOfSet(ctx: RequestScope, rules: RuleSet, code: string): Promise<CriteriaSheet | null> {
    const category = (await ctx.loaders.categoryTree.load("all")).byCode.get(code);
    const sheet = category && criteriaSheetFor(rules, category.criteriaSet ?? null);
    if (!sheet || !category) return null;
    return Object.assign(new CriteriaSheet(), sheet, {
      productSetCode: category.code,
      ruleSetVersion: rules.version,
      usable: sheet.defects.length === 0,
    });
  }

  /**
   * A member's sheet: one choice per criterion scored, the case of each case group, the credit of each
   * incomplete group; points, totals and the member's own mandatory level computed.
   */
  async submitCriteriaScoreSheet(ctx: RequestScope, args: CriteriaScoreSheetArgs): Promise<ScoreSheet> {
    const viewer = requireViewer(ctx);
    const { result } = await runTransition(
      this.dataSource,
      ctx,
      args.dossierId,
      DossierAction.SUBMIT_SCORE_SHEET,
      async (d, m) => {
        const { rules, criteriaSet } = await rulesOfSet(m, d, ctx);
        return this.saveSheet(
          m,
          d,
          viewer.id,
          scoreAnswers(usableSheet(rules, criteriaSet, "dossierId"), args),
        );
      },
    );
    return result!;
  }

  /**
   * The province officer records the council's finding on a disputed mark: met or not, why, and the
   * dossier's document it rests on. Recording again replaces it until the evaluation is concluded.
   */
  recordMandatoryFinding(ctx: RequestScope, input: MandatoryFindingInput): Promise<Dossier> {
    const viewer = requireViewer(ctx);
    const documentId = parseId(input.documentId, "input.documentId");
    const reason = input.reason.trim();
    return transitionDossier(
      this.dataSource,
      ctx,
      input.dossierId,
      DossierAction.RECORD_MANDATORY_FINDING,
      async (d, m) => {
        const sheets = await m.find(ScoreSheet, { where: { dossierId: d.id } });
        const mark = { criterionCode: input.criterionCode, stars: input.stars };
        const { disputed } = councilMarks(perCriterion(sheets));
        if (!disputed.some((x) => sameMark(x, mark)))
          throw badInput("scoring.notDisputed", "input.criterionCode", {
            mark: markList([mark]),
            disputed: disputed.length ? markList(disputed) : "—",
          });
        if (!(await m.existsBy(DossierDocument, { id: documentId, dossierId: d.id })))
          throw badInput("scoring.findingDocument", "input.documentId");
        const existing = await m.findOneBy(MandatoryFinding, { dossierId: d.id, ...mark });
        if (
          existing &&
          existing.met === input.met &&
          existing.reason === reason &&
          existing.documentId === documentId
        )
          return { unchanged: true };
        const values = { met: input.met, reason, documentId, recordedById: viewer.id, recordedAt: ctx.now };
        await m.save(
          existing
            ? Object.assign(existing, values)
            : m.create(MandatoryFinding, { dossierId: d.id, ...mark, ...values }),
        );
        return {
          note: `finding on ${markList([mark])}: ${input.met ? "met" : "not met"}, ${reason} (document ${documentId})`,
        };
      },
    );
  }

  /**
   * The marks the members' sheets dispute, each with its finding (null: none yet). Before the conclusion only
   * the province (who records the findings) sees them; afterwards, as the evaluation kept them.
   */
  async disputedMarks(ctx: RequestScope, d: Dossier): Promise<DisputedMark[]> {
    const viewer = requireViewer(ctx);
    if (isConcluded(d)) {
      const kept = d.evaluation?.findings ?? [];
      return (d.evaluation?.disputedMarks ?? []).map((mark) => ({
        ...mark,
        finding: kept.find((f) => sameMark(f, mark)) ?? null,
      }));
    }
    if (viewer.role !== Role.PROVINCE_OFFICER && viewer.role !== Role.ADMIN) return [];
    const [sheets, findings] = await Promise.all([
      ctx.loaders.scoreSheetsByDossier.load(d.id),
      ctx.loaders.findingsByDossier.load(d.id),
    ]);
    return councilMarks(perCriterion(sheets)).disputed.map((mark) => ({
      ...mark,
      finding: findings.find((f) => sameMark(f, mark)) ?? null,
    }));
  }

  /**
   * The council's result. The average of the totals gives the band; the marks give the level: unanimous marks
   * as the members chose, disputed ones as the findings say (refused while one has none). The stars are the
   * band capped by that level.
   */
  concludeEvaluation(ctx: RequestScope, id: string): Promise<Dossier> {
    return transitionDossier(
      this.dataSource,
      ctx,
      id,
      DossierAction.CONCLUDE_EVALUATION,
      async (d, m, facts) => {
        const { rules, criteriaSet } = await facts();
        const sheets = await m.find(ScoreSheet, { where: { dossierId: d.id }, order: { id: "ASC" } });
        if (sheets.some((s) => !s.choices)) throw invalidTransition("scoring.partTotalSheets");
        const sheet = usableSheet(rules, criteriaSet, "dossierId");
        const totals = sheets.map((s) => s.total);
        const spread = Math.max(...totals) - Math.min(...totals);
        if (rules.maxScoreSpread !== null && spread > rules.maxScoreSpread)
          throw new AppError(
            ErrorCode.SCORE_SPREAD,
            "scoring.spread",
            { totals: totals.join(", "), spread, maxSpread: rules.maxScoreSpread },
            { sheets: sheets.map((s) => ({ memberId: String(s.memberId), total: s.total })) },
          );
        const marks = councilMarks(perCriterion(sheets));
        const recorded = await m.find(MandatoryFinding, { where: { dossierId: d.id } });
        const findings = marks.disputed.flatMap((mark) => recorded.filter((f) => sameMark(f, mark)));
        const undecided = marks.disputed.filter((mark) => !findings.some((f) => sameMark(f, mark)));
        if (undecided.length)
          throw new AppError(
            ErrorCode.BAD_USER_INPUT,
            "scoring.findingsMissing",
            { marks: markList(undecided) },
            { argument: "id", disputedMarks: undecided },
          );
        const average = Math.round((totals.reduce((s, t) => s + t, 0) / sheets.length) * 100) / 100;
        const band = bandStars(rules, average);
        const evaluation: Evaluation = {
          ruleSetVersion: rules.version,
          basis: EvaluationBasis.CRITERIA,
          fallbackReason: null,
          bandStars: band,
          ...councilLevel(marks, findings),
          sheetComplete: sheet.incompleteGroups.length === 0,
          memberLevels: sheets.map((s) => ({
            memberId: s.memberId,
            total: s.total,
            mandatoryStarsMet: s.mandatoryStarsMet,
          })),
          disputedMarks: marks.disputed,
          findings: findings.map((f): Finding => ({
            criterionCode: f.criterionCode,
            stars: f.stars,
            met: f.met,
            reason: f.reason,
            documentId: f.documentId,
            recordedById: f.recordedById,
            recordedAt: f.recordedAt,
          })),
        };
        const stars = starsFor(rules, average, evaluation.mandatoryStarsMet);
        // An upgrade that reaches no more than the current stars ends here: the current certificate stays.
        const current = d.kind === DossierKind.UPGRADE ? await currentStars(m, d.productId) : null;
        const upgraded = current === null || stars > current;
        return {
          to: stars >= 3 && upgraded ? DossierStatus.SCORED : DossierStatus.NOT_ACHIEVED,
          changes: { averageScore: average, resultStars: stars, ruleSetVersion: rules.version, evaluation },
          note:
            `average ${average} of ${sheets.length} sheets (band ${band} stars), mandatory criteria met up to ` +
            `${evaluation.mandatoryStarsMet} stars` +
            (findings.length ? ` (${findings.length} disputed marks decided by findings)` : "") +
            `: ${stars} stars under ${rules.version}` +
            (evaluation.sheetComplete ? "" : "; the sheet lacks points, credited by members") +
            (upgraded ? "" : `; not an upgrade of the current ${current} stars, whose certificate stays`),
        };
      },
    );
  }

  /** A SCORED dossier the province closes without a certificate, with the reason. */
  closeWithoutCertificate(ctx: RequestScope, id: string, reason: string): Promise<Dossier> {
    const note = reason.trim();
    return transitionDossier(
      this.dataSource,
      ctx,
      id,
      DossierAction.CLOSE_WITHOUT_CERTIFICATE,
      async (d) => ({
        note: `${d.resultStars} stars, closed without a certificate: ${note}`,
      }),
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

  /** The dossier's rule set and its product set's sheet when usable, read in the transaction. */
  async sheetOf(m: EntityManager, d: Dossier, ctx: RequestScope): Promise<SheetOfDossier> {
    const { rules, criteriaSet } = await rulesOfSet(m, d, ctx);
    const sheet = criteriaSheetFor(rules, criteriaSet);
    return { rules, sheet: sheet && !sheet.defects.length ? sheet : undefined };
  }

  /** Saves (or replaces) the member's sheet; a repeat of the same sheet changes nothing. */
  private async saveSheet(m: EntityManager, d: Dossier, memberId: number, values: ScoredAnswers) {
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
    const credited = values.missingPoints?.length
      ? ` (${values.missingPoints.reduce((s, c) => s + c.points, 0)} credited for what the sheet lacks)`
      : "";
    const scores = `${values.choices.length} criteria, A ${values.partA}, B ${values.partB}, C ${values.partC} = ${values.total}${credited}; mandatory criteria met up to ${values.mandatoryStarsMet} stars`;
    return {
      result: sheet,
      note: `${existing ? "score sheet replaced" : "score sheet submitted"}: ${scores}`,
    };
  }
}
