import type { DataSource, EntityManager } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import { requireViewer } from "../auth/auth.service";
import { inViewerCommune } from "../auth/scope";
import { Category } from "../catalog/category.entity";
import { Product } from "../catalog/product.entity";
import { badInput, invalidTransition, notFound } from "../core/errors";
import { parseId } from "../core/ids";
import { blankToNull } from "../core/text";
import { inTransaction, lockRow } from "../core/transaction";
import type { Dossier } from "../dossiers/dossier.entity";
import { scoreAnswers, usableSheet } from "../dossiers/sheet-answers";
import { runTransition } from "../dossiers/transition-runner";
import { DossierAction } from "../dossiers/workflow";
import { enumRef } from "../i18n/messages";
import type { RequestScope } from "../request";
import { allRuleSets, rulesOfDossier } from "../rules/rule-book";
import { type RuleSet, ruleSetIn } from "../rules/rule-set.entity";
import { PotentialProduct, PotentialProductStatus } from "./programme.entity";
import { SelfAssessment } from "./self-assessment.entity";
import type { SelfAssessmentInput } from "./self-assessment.types";

/** Entries of the register that are closed: certified or dropped. */
const CLOSED_ENTRIES = [PotentialProductStatus.CERTIFIED, PotentialProductStatus.DROPPED];

/**
 * Self-assessments (Mẫu 02): the commune fills in the criteria sheet of the product set with or for the
 * producer, on a potential product or on a dossier until it is forwarded; scored as a council sheet is, kept
 * as a reference and never counted.
 */
export class SelfAssessmentService {
  constructor(private readonly dataSource: DataSource) {}

  async record(ctx: RequestScope, input: SelfAssessmentInput): Promise<SelfAssessment> {
    if (!input.potentialProductId === !input.dossierId) throw badInput("selfAssessment.oneSubject", "input");
    if (input.dossierId) {
      const { result } = await runTransition(
        this.dataSource,
        ctx,
        input.dossierId,
        DossierAction.RECORD_SELF_ASSESSMENT,
        async (d, m) => {
          const product = await m.findOneByOrFail(Product, { id: d.productId });
          const rules = rulesOfDossier(await allRuleSets(m), d, ctx.today);
          const { saved, repeat } = await this.save(m, ctx, input, rules, product.categoryCode, {
            dossierId: d.id,
          });
          return repeat ? { result: saved, unchanged: true } : { result: saved, note: summary(saved) };
        },
      );
      return result!;
    }
    const viewer = requireViewer(ctx);
    const id = parseId(input.potentialProductId!, "input.potentialProductId");
    return inTransaction(this.dataSource, async (m) => {
      const potential = await lockRow(m, PotentialProduct, id);
      if (!potential || !inViewerCommune(viewer, potential.communeCode)) throw notFound("programme.notFound");
      if (CLOSED_ENTRIES.includes(potential.status))
        throw invalidTransition("selfAssessment.closedEntry", {
          status: enumRef("PotentialProductStatus", potential.status),
        });
      const rules = ruleSetIn(await allRuleSets(m), ctx.today);
      const { saved, repeat } = await this.save(m, ctx, input, rules, potential.categoryCode, {
        potentialProductId: id,
      });
      if (repeat) return saved;
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: DossierAction.RECORD_SELF_ASSESSMENT,
        subjectType: "PotentialProduct",
        subjectId: id,
        note: summary(saved),
      });
      return saved;
    });
  }

  /**
   * A dossier's self-assessments, newest first: those recorded on it and on the register entry whose dossier
   * it is (the producer's Mẫu 02 follows its dossier to the council).
   */
  async ofDossier(ctx: RequestScope, d: Dossier): Promise<SelfAssessment[]> {
    const [own, entries] = await Promise.all([
      ctx.loaders.selfAssessmentsByDossier.load(d.id),
      ctx.loaders.potentialProductsByDossier.load(d.id),
    ]);
    const earlier = await Promise.all(
      entries.map((p) => ctx.loaders.selfAssessmentsByPotentialProduct.load(p.id)),
    );
    return newestFirst([...own, ...earlier.flat()]);
  }

  async ofPotentialProduct(ctx: RequestScope, p: PotentialProduct): Promise<SelfAssessment[]> {
    return newestFirst(await ctx.loaders.selfAssessmentsByPotentialProduct.load(p.id));
  }

  /**
   * Checks and scores the choices on the product set's sheet under the rules, and keeps them; the same
   * answers as the subject's latest self-assessment are a repeat (a second click), answered with it.
   */
  private async save(
    m: EntityManager,
    ctx: RequestScope,
    input: SelfAssessmentInput,
    rules: RuleSet,
    productSetCode: string,
    subject: { dossierId: number } | { potentialProductId: number },
  ): Promise<{ saved: SelfAssessment; repeat: boolean }> {
    const category = await m.findOneBy(Category, { code: productSetCode });
    const scored = scoreAnswers(usableSheet(rules, category?.criteriaSet ?? null, "input"), input);
    const note = blankToNull(input.note);
    const [latest] = await m.find(SelfAssessment, { where: subject, order: { id: "DESC" }, take: 1 });
    const same = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);
    if (
      latest &&
      latest.ruleSetVersion === rules.version &&
      latest.note === note &&
      same(latest.choices, scored.choices) &&
      same(latest.cases, scored.cases) &&
      same(latest.missingPoints, scored.missingPoints)
    )
      return { saved: latest, repeat: true };
    const saved = await m.save(
      m.create(SelfAssessment, {
        potentialProductId: null,
        dossierId: null,
        ...subject,
        productSetCode,
        ruleSetVersion: rules.version,
        ...scored,
        note,
        recordedById: requireViewer(ctx).id,
        recordedAt: ctx.now,
      }),
    );
    return { saved, repeat: false };
  }
}

const newestFirst = (list: SelfAssessment[]) => [...list].sort((a, b) => b.id - a.id);

const summary = (s: SelfAssessment) =>
  `self-assessment ${s.id} on ${s.productSetCode}: A ${s.partA}, B ${s.partB}, C ${s.partC} = ${s.total}; mandatory criteria met up to ${s.mandatoryStarsMet} stars`;
