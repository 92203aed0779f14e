import { Brackets, type DataSource, type EntityManager } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import { requireViewer } from "../auth/auth.service";
import { inViewerCommune, viewerCommunes } from "../auth/scope";
import { Role } from "../auth/user.entity";
import { Product } from "../catalog/product.entity";
import { productSearchCondition } from "../catalog/product-index";
import { Certificate } from "../certificates/certificate.entity";
import { type CursorCodec, pageSize } from "../core/connection";
import { keysetPage } from "../core/paging";
import { badInput, conflict, notFound } from "../core/errors";
import { fold } from "../core/text";
import { enumRef } from "../i18n/messages";
import { inTransaction } from "../core/transaction";
import { parseId } from "../core/ids";
import type { RequestScope } from "../request";
import { Commune } from "../geography/commune.entity";
import { allRuleSets, rulesOfDossier } from "../rules/rule-book";
import { addDays, type LocalDate } from "../core/time";
import { requireNotFuture } from "../core/validation";
import { ruleSetIn } from "../rules/rule-set.entity";
import { levelsFallenShort } from "../rules/scoring";
import { type CommuneReport, type CriterionVerdict, type ProductSamples } from "./evaluation.types";
import { Dossier, DossierKind } from "./dossier.entity";
import { EvaluationRound } from "./round.entity";
import type { CommuneReportInput, CreateDossierInput, DossierFilter, ReturnArgs } from "./dossier.types";
import { openRequest, supplementItems } from "./commune-work.service";
import { DossierConnection } from "./dossier.types";
import { criteriaSetOf, GUARDS, loadedGuardFacts, samplesRequired } from "./guards";
import { followDossier } from "../programme/follow-dossier";
import type { ScoringService } from "./scoring.service";
import { actionsFrom, DossierAction, DossierStatus } from "./workflow";
import { CLOSED, COUNCIL_STATES, transitionDossier, visibleTo, type Work } from "./transition-runner";

const LOCAL_CRITERIA = ["localOrigin", "localLabour", "ideaOrigin", "localIdentity"] as const;

/** "a) Nguồn gốc sản phẩm" starts with "nguồn gốc sản phẩm": compared without the letter, case or marks. */
const titleStartsWith = (title: string, start: string) =>
  fold(title.replace(/^[a-zđ]\s*[).]\s*/i, "")).startsWith(fold(start));

/**
 * Dossiers until the council: reading, creating, and the commune's and province's steps. Every action goes
 * through the transition runner: visibility (NOT_FOUND), the transition table (INVALID_TRANSITION,
 * FORBIDDEN), the action's guards, then one transaction holding a conditional
 * `UPDATE … WHERE id = ? AND version = ?` (CONFLICT when another change came first) and the audit event.
 * Rounds, documents, scoring and recognition have their own services beside this one.
 */
export class DossierService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cursors: CursorCodec,
    private readonly scoring: ScoringService,
  ) {}

  // ── reading ───────────────────────────────────────────────────────────────────────────────────────

  /** A dossier the viewer may see, or null (another commune's is as absent as a missing one). */
  async dossier(ctx: RequestScope, rawId: string): Promise<Dossier | null> {
    const dossier = await this.dataSource.getRepository(Dossier).findOneBy({ id: parseId(rawId, "id") });
    return dossier && visibleTo(requireViewer(ctx), dossier) ? dossier : null;
  }

  async dossiers(
    ctx: RequestScope,
    args: { filter?: DossierFilter | null; first?: number | null; after?: string | null },
  ): Promise<DossierConnection> {
    const viewer = requireViewer(ctx);
    const first = pageSize(args.first);
    const filtered = () => {
      const qb = this.dataSource.getRepository(Dossier).createQueryBuilder("d");
      const communes = viewerCommunes(viewer);
      if (communes) qb.andWhere("d.communeCode IN (:...scope)", { scope: communes });
      if (viewer.role === Role.COUNCIL_MEMBER)
        qb.andWhere("d.status IN (:...councilStates)", { councilStates: COUNCIL_STATES });
      const f = args.filter ?? {};
      if (f.statuses?.length) qb.andWhere("d.status IN (:...statuses)", { statuses: f.statuses });
      if (f.kinds?.length) qb.andWhere("d.kind IN (:...kinds)", { kinds: f.kinds });
      if (f.roundId) qb.andWhere("d.roundId = :roundId", { roundId: parseId(f.roundId, "filter.roundId") });
      if (f.communeCodes?.length)
        qb.andWhere("d.communeCode IN (:...communeCodes)", { communeCodes: f.communeCodes });
      const search = f.search?.trim();
      if (search) {
        const byProduct = productSearchCondition(qb, "d.productId", search);
        qb.andWhere(
          new Brackets((b) => {
            b.where("d.code LIKE :codePrefix", { codePrefix: `${search.replace(/[%_\\]/g, "")}%` });
            if (byProduct) b.orWhere(byProduct);
          }),
        );
      }
      return qb;
    };
    const page = await keysetPage(filtered(), {
      alias: "d",
      sortKey: "id",
      direction: "DESC",
      first,
      tag: ["dossiers"],
      numeric: true,
      after: args.after,
      cursors: this.cursors,
      countTotal: () => filtered().getCount(),
    });
    return Object.assign(new DossierConnection(), page);
  }

  /**
   * What the viewer may do to the dossier now: the transition table for the viewer's role and commune,
   * less the actions whose guards would refuse (documents missing, deadline passed, threshold not reached).
   */
  async allowedActions(ctx: RequestScope, dossier: Dossier): Promise<DossierAction[]> {
    const viewer = requireViewer(ctx);
    if (!inViewerCommune(viewer, dossier.communeCode)) return [];
    const actions = actionsFrom(dossier.status, viewer.role);
    if (!actions.some((a) => GUARDS[a])) return actions;
    const facts = await loadedGuardFacts(ctx, dossier);
    return actions.filter((a) => !GUARDS[a]?.(dossier, facts));
  }

  // ── creating ──────────────────────────────────────────────────────────────────────────────────────

  async createDossier(ctx: RequestScope, input: CreateDossierInput): Promise<Dossier> {
    const productId = parseId(input.productId, "input.productId", "Product");
    const roundId = parseId(input.roundId, "input.roundId");
    return inTransaction(this.dataSource, (m) =>
      openDossier(m, ctx, { productId, roundId, kind: input.kind }),
    );
  }

  // ── the workflow ──────────────────────────────────────────────────────────────────────────────────

  submit(ctx: RequestScope, id: string) {
    // The guards (documents attached, a request's supplements confirmed) run in the transition runner.
    return this.transition(ctx, id, DossierAction.SUBMIT, async (d) => {
      const request = d.supplementRequest;
      const open = request && !request.settledAt;
      return {
        changes: {
          returnReason: null,
          ...(open ? { supplementRequest: { ...request, settledAt: ctx.now.toISOString() } } : {}),
        },
        note: open ? `supplements brought: ${request.items.map((i) => i.kind).join(", ")}` : null,
      };
    });
  }

  /** The commune received the product samples (the rule set says how many; none for community tourism). */
  recordSamples(ctx: RequestScope, id: string, count: number, receivedOn: LocalDate) {
    requireNotFuture(receivedOn, ctx.today, "receivedOn");
    return this.transition(ctx, id, DossierAction.RECORD_SAMPLES, async (d, _m, facts) => {
      if (d.samplesReceived === count && d.samplesReceivedOn === receivedOn) return { unchanged: true };
      const { rules, criteriaSet } = await facts();
      const required = samplesRequired(rules, criteriaSet);
      return {
        changes: { samplesReceived: count, samplesReceivedOn: receivedOn },
        note: `${count} of ${required} samples received on ${receivedOn}`,
      };
    });
  }

  /** The samples the dossier's rule set asks of its product set, and what was received (null: none asked). */
  async productSamples(ctx: RequestScope, d: Dossier): Promise<ProductSamples | null> {
    const rules = rulesOfDossier(await ctx.loaders.ruleSets(), d, ctx.today);
    const required = samplesRequired(rules, await criteriaSetOf(ctx, d));
    return required > 0 ? { required, received: d.samplesReceived, receivedOn: d.samplesReceivedOn } : null;
  }

  /**
   * Back for correction, optionally with the list of what the producer must bring (submitting again needs a
   * CONFIRMED document of each); the province may grant days to forward it again after the round's deadline.
   */
  returnDossier(
    ctx: RequestScope,
    { id, reason, graceDays, items }: Pick<ReturnArgs, "id" | "reason" | "graceDays" | "items">,
  ) {
    const viewer = requireViewer(ctx);
    const note = reason.trim();
    const listed = items?.length ? supplementItems(items, "items") : null;
    return this.transition(ctx, id, DossierAction.RETURN, async (d, _m, facts) => {
      if (graceDays && d.status !== DossierStatus.FORWARDED)
        throw badInput("dossier.graceDaysProvince", "graceDays");
      const forwardAgainBy = graceDays ? addDays(ctx.today, graceDays) : null;
      const supplementRequest =
        listed &&
        openRequest(ctx, viewer.id, {
          items: listed,
          dueOn: forwardAgainBy ?? (await facts()).round.submissionDeadline,
          byProvince: d.status === DossierStatus.FORWARDED,
        });
      return {
        changes: { returnReason: note, forwardAgainBy, ...(supplementRequest ? { supplementRequest } : {}) },
        note:
          note +
          (forwardAgainBy ? ` (may be forwarded again until ${forwardAgainBy})` : "") +
          (listed ? `; to bring: ${listed.map((i) => i.kind).join(", ")}` : ""),
      };
    });
  }

  /**
   * The commune's report on the four local criteria: its conclusion on each and, where the product set's
   * sheet is usable, the option it chose for the sheet criterion the local criterion grades (the mapping is
   * the rule set's `localCriteria`), so that the province and the council see the commune's grades.
   */
  recordCommuneReport(ctx: RequestScope, input: CommuneReportInput) {
    return this.transition(ctx, input.dossierId, DossierAction.RECORD_COMMUNE_REPORT, async (d, m) => {
      const { rules, sheet } = await this.scoring.sheetOf(m, d, ctx);
      const criteria = sheet?.parts.flatMap((p) => p.criteria) ?? [];
      const report = {} as CommuneReport;
      for (const rule of rules.localCriteria ?? []) {
        const given = input[rule.key];
        const criterion = criteria.find((c) => rule.criterionTitles.some((t) => titleStartsWith(c.title, t)));
        const verdict: CriterionVerdict = { met: given.met, note: given.note?.trim() || null };
        if (criterion) {
          const option = criterion.options.find((o) => o.code === given.optionCode);
          if (!given.optionCode)
            throw badInput("scoring.noLocalGrade", `input.${rule.key}.optionCode`, {
              criterion: rule.key,
              criterionCode: criterion.code,
            });
          if (!option)
            throw badInput("scoring.badLocalGrade", `input.${rule.key}.optionCode`, {
              optionCode: given.optionCode,
              criterionCode: criterion.code,
            });
          // "Met" with an option below the criterion's 3-star mark says two things at once.
          if (given.met && levelsFallenShort(criterion, option.points).some((stars) => stars <= 3))
            throw badInput("scoring.gradeBelowMet", `input.${rule.key}.met`, {
              criterion: criterion.title,
              optionCode: option.code,
              criterionCode: criterion.code,
            });
          Object.assign(verdict, {
            criterionCode: criterion.code,
            optionCode: option.code,
            points: option.points,
          });
        }
        report[rule.key] = verdict;
      }
      for (const key of LOCAL_CRITERIA)
        report[key] ??= { met: input[key].met, note: input[key].note?.trim() || null };
      const met = LOCAL_CRITERIA.filter((k) => report[k].met).length;
      const grades = LOCAL_CRITERIA.filter((k) => report[k].optionCode).map((k) => `${report[k].optionCode}`);
      return {
        changes: { communeReport: report },
        note: `${met} of 4 local criteria met${grades.length ? ` (graded ${grades.join(", ")})` : ""}`,
      };
    });
  }

  /** To the province before the deadline; the rule set in force today is the one the dossier is evaluated under. */
  forward(ctx: RequestScope, id: string) {
    return this.transition(ctx, id, DossierAction.FORWARD, async (d, m) => {
      const rules = ruleSetIn(await allRuleSets(m), ctx.today);
      return {
        changes: { forwardedAt: ctx.now, ruleSetVersion: rules.version, forwardAgainBy: null },
        note: `evaluated under ${rules.version}`,
      };
    });
  }

  accept(ctx: RequestScope, id: string) {
    return this.transition(ctx, id, DossierAction.ACCEPT, async () => ({}));
  }

  withdraw(ctx: RequestScope, id: string, reason?: string | null) {
    return this.transition(ctx, id, DossierAction.WITHDRAW, async () => ({
      note: reason?.trim().slice(0, 2000) || null,
    }));
  }

  private transition(
    ctx: RequestScope,
    rawId: string,
    action: DossierAction,
    work: Work<never>,
  ): Promise<Dossier> {
    return transitionDossier(this.dataSource, ctx, rawId, action, work);
  }
}

/**
 * Opens a DRAFT dossier for a product of the viewer's commune in the caller's transaction (createDossier,
 * and a potential product's dossier). The potential products of the product follow it (DOSSIER_OPENED).
 */
export async function openDossier(
  m: EntityManager,
  ctx: RequestScope,
  { productId, roundId, kind }: { productId: number; roundId: number; kind: DossierKind },
): Promise<Dossier> {
  const viewer = requireViewer(ctx);
  const product = await m.findOneBy(Product, { id: productId });
  if (!product || !inViewerCommune(viewer, product.communeCode)) throw notFound("catalog.noProduct");
  if (product.archivedAt)
    throw badInput("catalog.productArchived", "input.productId", { name: product.name });
  const round = await m.findOneBy(EvaluationRound, { id: roundId });
  if (!round) throw notFound("round.notFound");
  const current = product.currentCertificateId
    ? await m.findOneBy(Certificate, { id: product.currentCertificateId })
    : null;
  if (kind === DossierKind.NEW && current) throw badInput("dossier.alreadyCertified", "input.kind");
  if (kind !== DossierKind.NEW && !current)
    throw badInput("dossier.needsCertificate", "input.kind", { kind: enumRef("DossierKind", kind) });
  const open = await m
    .getRepository(Dossier)
    .createQueryBuilder("d")
    .where("d.productId = :productId AND d.roundId = :roundId AND d.status NOT IN (:...closed)", {
      productId,
      roundId,
      closed: CLOSED,
    })
    .getOne();
  if (open) throw conflict("dossier.openInRound", { code: open.code }, { dossierCode: open.code });
  const commune = await m.findOneByOrFail(Commune, { code: product.communeCode });
  const dossier = await m.save(
    m.create(Dossier, {
      code: `pending-${productId}-${roundId}-${Date.now()}-${Math.random()}`.slice(0, 32),
      productId,
      roundId,
      communeCode: product.communeCode,
      kind,
      status: DossierStatus.DRAFT,
      openKey: 1, // with the unique key (product, round, openKey): one open dossier per product and round
      version: 1,
      createdById: viewer.id,
    }),
  );
  // The id makes the code unique without a counter: province-year-number.
  dossier.code = `${commune.provinceCode}-${round.year}-${String(dossier.id).padStart(4, "0")}`;
  await m.update(Dossier, dossier.id, { code: dossier.code });
  await audit(m, {
    at: ctx.now,
    actorId: viewer.id,
    action: "CREATE",
    subjectType: "Dossier",
    subjectId: dossier.id,
    toStatus: DossierStatus.DRAFT,
    note: `${kind} for product ${productId}`,
  });
  await followDossier(m, ctx, dossier, DossierStatus.DRAFT);
  return dossier;
}
