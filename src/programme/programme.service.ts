import { Brackets, In, Not, type DataSource, type EntityManager } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import { requireViewer } from "../auth/auth.service";
import { inViewerCommune, requireCommune, viewerCommunes } from "../auth/scope";
import { Certificate } from "../certificates/certificate.entity";
import { Producer } from "../catalog/producer.entity";
import { LISTED, Product } from "../catalog/product.entity";
import { insertProducer, insertProduct, requireProductSet } from "../catalog/staff-catalog.service";
import { type CursorCodec, pageSize } from "../core/connection";
import { badInput, conflict, invalidTransition, notFound } from "../core/errors";
import { parseId } from "../core/ids";
import { Memo } from "../core/memo";
import { keysetPage } from "../core/paging";
import { blankToNull, fold } from "../core/text";
import { addDays, addMonths, endOfVietnamDay } from "../core/time";
import { inTransaction, lockRow } from "../core/transaction";
import { Dossier, DossierKind, EvaluationRound } from "../dossiers/dossier.entity";
import { openDossier } from "../dossiers/dossier.service";
import { CLOSED } from "../dossiers/transition-runner";
import { DossierStatus } from "../dossiers/workflow";
import { Commune } from "../geography/commune.entity";
import { enumRef, enumRefs } from "../i18n/messages";
import type { RequestScope } from "../request";
import { PlanTarget, PotentialProduct, PotentialProductStatus } from "./programme.entity";
import {
  type DossierFigures,
  type KindCounts,
  type OpenPotentialDossierArgs,
  type PlanTargetInput,
  type PotentialProductInput,
  PotentialProductConnection,
  type PotentialProductsArgs,
  type ProgrammeStatistics,
  type ProgrammeSummary,
} from "./programme.types";
import { communeMovesFrom, transitionTo } from "./potential-workflow";

const { SELECTED, IN_PREPARATION, DROPPED, CERTIFIED } = PotentialProductStatus;
/** How long the public summary is reused (a catalog event makes a new generation, hence a new key). */
const SUMMARY_TTL_MS = 60_000;

type Grouped = { key: string; count: number };
type GroupedRow = { key: string | number | null; count: string | number };
const grouped = (rows: GroupedRow[]): Grouped[] =>
  rows.map((r) => ({ key: String(r.key), count: Number(r.count) }));
const countOf = (rows: Grouped[], key: string) => rows.find((r) => r.key === key)?.count ?? 0;

/**
 * The programme around the dossiers: the communes' register of potential products (publicise, review,
 * select), the province's plan targets, and the figures a province reports on.
 */
export class ProgrammeService {
  private readonly summaries = new Memo<ProgrammeSummary>(SUMMARY_TTL_MS, 10);

  constructor(
    private readonly dataSource: DataSource,
    private readonly cursors: CursorCodec,
  ) {}

  // ── the register ──────────────────────────────────────────────────────────────────────────────────

  async propose(ctx: RequestScope, input: PotentialProductInput): Promise<PotentialProduct> {
    const viewer = requireViewer(ctx);
    requireCommune(viewer, input.communeCode);
    const name = input.name.trim();
    const producerId = input.producerId ? parseId(input.producerId, "input.producerId") : null;
    return inTransaction(this.dataSource, async (m) => {
      // The commune's row is held: two proposals of one product take turns, and the second finds the first.
      if (!(await lockRow(m, Commune, { code: input.communeCode })))
        throw badInput("geo.unknownCommune", "input.communeCode", { code: input.communeCode });
      await requireProductSet(m, input.categoryCode, "input.categoryCode");
      if (producerId !== null) {
        const producer = await m.findOneBy(Producer, { id: producerId });
        // Another commune's producer is, to a commune officer, no producer at all.
        if (!producer || !inViewerCommune(viewer, producer.communeCode)) throw notFound("catalog.noProducer");
        if (producer.communeCode !== input.communeCode)
          throw badInput("programme.producerElsewhere", "input.producerId");
      }
      const same = await m.findOneBy(PotentialProduct, {
        communeCode: input.communeCode,
        nameKey: fold(name),
        status: Not(In([DROPPED, CERTIFIED])),
      });
      if (same)
        throw conflict(
          "programme.alreadyRegistered",
          { name: same.name, status: enumRef("PotentialProductStatus", same.status) },
          {
            existingId: String(same.id),
          },
        );
      const potential = await m.save(
        m.create(PotentialProduct, {
          name,
          categoryCode: input.categoryCode,
          communeCode: input.communeCode,
          producerId,
          contact: blankToNull(input.contact),
          source: input.source,
          note: blankToNull(input.note),
          plannedYear: input.plannedYear ?? null,
          status: PotentialProductStatus.PROPOSED,
          dropReason: null,
          productId: null,
          dossierId: null,
          createdById: viewer.id,
        }),
      );
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "POTENTIAL_PRODUCT_PROPOSED",
        subjectType: "PotentialProduct",
        subjectId: potential.id,
        toStatus: potential.status,
        note: `${name} (${input.source})`,
      });
      return potential;
    });
  }

  /** The commune moves a potential product along the register (the table in potential-workflow.ts). */
  async setStatus(
    ctx: RequestScope,
    rawId: string,
    status: PotentialProductStatus,
    rawReason?: string | null,
  ): Promise<PotentialProduct> {
    const viewer = requireViewer(ctx);
    const reason = blankToNull(rawReason);
    return inTransaction(this.dataSource, async (m) => {
      const potential = await this.visible(m, viewer, rawId, { lock: true });
      if (potential.status === status) return potential; // asked again: already so
      const transition = transitionTo(potential.status, status, "commune");
      if (!transition)
        throw invalidTransition(
          "programme.notPossible",
          {
            from: enumRef("PotentialProductStatus", potential.status),
            to: enumRef("PotentialProductStatus", status),
            allowed: enumRefs("PotentialProductStatus", communeMovesFrom(potential.status)),
          },
          { status: potential.status, allowedStatuses: communeMovesFrom(potential.status) },
        );
      if (transition.needsReason && !reason) throw badInput("programme.dropReason", "reason");
      const changes = { status, dropReason: status === DROPPED ? reason : null };
      await m.update(PotentialProduct, potential.id, changes);
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "POTENTIAL_PRODUCT_STATUS",
        subjectType: "PotentialProduct",
        subjectId: potential.id,
        fromStatus: potential.status,
        toStatus: status,
        note: reason,
      });
      return Object.assign(potential, changes);
    });
  }

  /**
   * Opens the dossier of a SELECTED or IN_PREPARATION potential product: its producer and product are found
   * as the import finds them (producer by registration number, else by folded name in the commune; product
   * by folded name and producer) or created, so that nothing is recorded twice.
   */
  async openDossier(ctx: RequestScope, args: OpenPotentialDossierArgs): Promise<Dossier> {
    const viewer = requireViewer(ctx);
    const roundId = parseId(args.roundId, "roundId");
    return inTransaction(this.dataSource, async (m) => {
      const potential = await this.visible(m, viewer, args.id, { lock: true });
      if (!transitionTo(potential.status, PotentialProductStatus.DOSSIER_OPENED, "dossier"))
        throw invalidTransition("programme.notReady", {
          status: enumRef("PotentialProductStatus", potential.status),
        });
      const producer = await this.producerOf(m, ctx, potential, args.producer);
      const product = await this.productOf(m, ctx, potential, producer);
      await m.update(PotentialProduct, potential.id, { producerId: producer.id, productId: product.id });
      return openDossier(m, ctx, { productId: product.id, roundId, kind: DossierKind.NEW });
    });
  }

  async list(ctx: RequestScope, args: PotentialProductsArgs): Promise<PotentialProductConnection> {
    const viewer = requireViewer(ctx);
    const filtered = () => {
      const qb = this.dataSource.getRepository(PotentialProduct).createQueryBuilder("pp");
      const scope = viewerCommunes(viewer);
      if (scope) qb.andWhere("pp.communeCode IN (:...scope)", { scope });
      if (args.communeCodes?.length)
        qb.andWhere("pp.communeCode IN (:...communes)", { communes: args.communeCodes });
      if (args.statuses?.length) qb.andWhere("pp.status IN (:...statuses)", { statuses: args.statuses });
      if (args.plannedYear) qb.andWhere("pp.plannedYear = :year", { year: args.plannedYear });
      const categories = args.categoryCodes ?? [];
      if (categories.length)
        qb.andWhere(
          new Brackets((b) =>
            categories.forEach((code, i) =>
              b.orWhere(`(pp.categoryCode = :cat${i} OR pp.categoryCode LIKE :catPrefix${i})`, {
                [`cat${i}`]: code,
                [`catPrefix${i}`]: `${code}.%`,
              }),
            ),
          ),
        );
      return qb;
    };
    const page = await keysetPage(filtered(), {
      alias: "pp",
      sortKey: "id",
      direction: "DESC",
      first: pageSize(args.first),
      tag: ["potentialProducts"],
      numeric: true,
      after: args.after,
      cursors: this.cursors,
      countTotal: () => filtered().getCount(),
    });
    return Object.assign(new PotentialProductConnection(), page);
  }

  // ── plan targets ──────────────────────────────────────────────────────────────────────────────────

  async setTarget(ctx: RequestScope, input: PlanTargetInput): Promise<PlanTarget> {
    const viewer = requireViewer(ctx);
    const values = {
      newProducts: input.newProducts,
      upgrades: input.upgrades,
      reEvaluations: input.reEvaluations,
    };
    return inTransaction(this.dataSource, async (m) => {
      if (!(await lockRow(m, Commune, { code: input.communeCode })))
        throw badInput("geo.unknownCommune", "input.communeCode", { code: input.communeCode });
      const key = { year: input.year, communeCode: input.communeCode };
      const before = await m.findOneBy(PlanTarget, key);
      const same =
        before && (Object.keys(values) as (keyof typeof values)[]).every((k) => before[k] === values[k]);
      if (same) return before; // asked again: already so
      await m.save(m.create(PlanTarget, { ...key, ...values }));
      const show = (t: typeof values) =>
        `new ${t.newProducts}, upgrades ${t.upgrades}, re-evaluations ${t.reEvaluations}`;
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "PLAN_TARGET_SET",
        subjectType: "PlanTarget",
        subjectId: `${input.year}-${input.communeCode}`,
        note: before ? `${show(before)} → ${show(values)}` : show(values),
      });
      return m.findOneByOrFail(PlanTarget, key);
    });
  }

  /** A year's targets; commune officers see their commune's only. */
  targets(ctx: RequestScope, year: number): Promise<PlanTarget[]> {
    const scope = viewerCommunes(requireViewer(ctx));
    return this.dataSource.getRepository(PlanTarget).find({
      where: { year, ...(scope ? { communeCode: In(scope) } : {}) },
      order: { communeCode: "ASC" },
    });
  }

  // ── figures ───────────────────────────────────────────────────────────────────────────────────────

  /**
   * The year's figures, in a fixed number of statements whatever the number of communes: today's catalog
   * by stars, product set and commune; the year's recognitions by commune and kind of dossier; the year's
   * rounds' dossiers; targets; the pipeline.
   */
  async statistics(ctx: RequestScope, year: number): Promise<ProgrammeStatistics> {
    const viewer = requireViewer(ctx);
    const m = this.dataSource.manager;
    const start = `${year}-01-01`;
    const end = `${year}-12-31`;
    const [byStars, bySet, byCommune, expiring, recognitions, dossiers, targets, potentials, open] =
      await Promise.all([
        this.activeBy(ctx, "stars"),
        this.activeBy(ctx, "categoryCode"),
        this.activeBy(ctx, "communeCode"),
        this.listed(ctx)
          .andWhere("p.certificateExpiresOn <= :until", { until: addDays(ctx.today, 90) })
          .getCount(),
        m
          .createQueryBuilder(Certificate, "c")
          .innerJoin(Product, "p", "p.id = c.productId")
          .leftJoin(Dossier, "d", "d.certificateId = c.id")
          .select("p.communeCode", "commune")
          .addSelect("d.kind", "kind")
          .addSelect("COUNT(*)", "count")
          .where("c.decisionDate BETWEEN :start AND :end", { start, end })
          .groupBy("p.communeCode")
          .addGroupBy("d.kind")
          .getRawMany<{ commune: string; kind: DossierKind | null; count: string | number }>(),
        m
          .createQueryBuilder(Dossier, "d")
          .innerJoin(EvaluationRound, "r", "r.id = d.roundId")
          .leftJoin(Certificate, "c", "c.id = d.certificateId")
          .select(["d.id AS id", "d.status AS status", "d.forwardedAt AS forwardedAt"])
          .addSelect("r.firstDeadline", "deadline")
          .addSelect("c.decisionDate", "decisionDate")
          .addSelect(
            (q) =>
              q
                .select("COUNT(*)")
                .from("audit_event", "e")
                .where(
                  "e.subjectType = 'Dossier' AND e.action = 'RETURN' AND e.subjectId = " + castId("d.id"),
                ),
            "returns",
          )
          .where("r.year = :year", { year })
          .getRawMany<{
            id: number;
            status: DossierStatus;
            forwardedAt: Date | string | null;
            deadline: Date | string;
            decisionDate: Date | string | null;
            returns: string | number;
          }>(),
        m.find(PlanTarget, { where: { year } }),
        m
          .createQueryBuilder(PotentialProduct, "pp")
          .select("pp.communeCode", "key")
          .addSelect("COUNT(*)", "count")
          .where("pp.status IN (:...statuses)", { statuses: [SELECTED, IN_PREPARATION] })
          .groupBy("pp.communeCode")
          .getRawMany<GroupedRow>(),
        m
          .createQueryBuilder(Dossier, "d")
          .select("d.communeCode", "key")
          .addSelect("COUNT(*)", "count")
          .where("d.status NOT IN (:...closed)", { closed: CLOSED })
          .groupBy("d.communeCode")
          .getRawMany<GroupedRow>(),
      ]);
    const tree = await ctx.loaders.categoryTree.load("all");
    const communes = (await ctx.loaders.communeList.load("all")).filter((c) =>
      inViewerCommune(viewer, c.code),
    );
    const pipeline = [...grouped(potentials), ...grouped(open)];
    const achieved = (commune: string): KindCounts => {
      const kindCount = (kind: DossierKind) =>
        recognitions
          .filter((r) => r.kind === kind && r.commune === commune)
          .reduce((s, r) => s + Number(r.count), 0);
      return {
        newProducts: kindCount(DossierKind.NEW),
        upgrades: kindCount(DossierKind.UPGRADE),
        reEvaluations: kindCount(DossierKind.RE_EVALUATION),
      };
    };
    const recognizedIn = (commune: string) =>
      recognitions.filter((r) => r.commune === commune).reduce((s, r) => s + Number(r.count), 0);
    return {
      year,
      activeByStars: byStars
        .map((r) => ({ stars: Number(r.key), count: r.count }))
        .sort((a, b) => b.stars - a.stars),
      activeByProductSet: bySet
        .map((r) => ({ category: tree.byCode.get(r.key)!, count: r.count }))
        .filter((r) => r.category)
        .sort((a, b) => a.category.position - b.category.position),
      recognizedInYear: recognitions.reduce((s, r) => s + Number(r.count), 0),
      expiringWithin90Days: expiring,
      dossiers: dossierFigures(dossiers),
      communes: communes.map((commune) => {
        const target = targets.find((t) => t.communeCode === commune.code);
        return {
          commune,
          active: countOf(byCommune, commune.code),
          recognizedInYear: recognizedIn(commune.code),
          target: target
            ? {
                newProducts: target.newProducts,
                upgrades: target.upgrades,
                reEvaluations: target.reEvaluations,
              }
            : null,
          achieved: achieved(commune.code),
          pipeline: pipeline.filter((r) => r.key === commune.code).reduce((s, r) => s + r.count, 0),
        };
      }),
    };
  }

  /** The public summary: the catalog in figures, the same counts as the catalog's (reused per generation and day). */
  async summary(ctx: RequestScope): Promise<ProgrammeSummary> {
    const key = `${ctx.today}|${await ctx.catalogGeneration()}`;
    return this.summaries.get(key, async () => {
      const [byStars, bySet, byCommune, recent] = await Promise.all([
        this.activeBy(ctx, "stars"),
        this.activeBy(ctx, "categoryCode"),
        this.activeBy(ctx, "communeCode"),
        this.listed(ctx)
          .andWhere("p.certifiedOn > :since", { since: addMonths(ctx.today, -12) })
          .getCount(),
      ]);
      const tree = await ctx.loaders.categoryTree.load("all");
      const sectors = new Map<string, number>();
      for (const { key, count } of bySet) {
        let code: string | null = key;
        while (code && tree.byCode.get(code)?.parentCode) code = tree.byCode.get(code)!.parentCode;
        if (code) sectors.set(code, (sectors.get(code) ?? 0) + count);
      }
      const communes = await ctx.loaders.communeList.load("all");
      return {
        activeProducts: byStars.reduce((s, r) => s + r.count, 0),
        byStars: byStars
          .map((r) => ({ stars: Number(r.key), count: r.count }))
          .sort((a, b) => b.stars - a.stars),
        bySector: tree.all
          .filter((c) => sectors.has(c.code))
          .map((category) => ({ category, count: sectors.get(category.code)! })),
        byCommune: communes
          .filter((c) => countOf(byCommune, c.code) > 0)
          .map((commune) => ({ commune, count: countOf(byCommune, commune.code) })),
        communesWithProducts: byCommune.filter((r) => r.count > 0).length,
        certifiedLast12Months: recent,
      };
    });
  }

  // ── helpers ───────────────────────────────────────────────────────────────────────────────────────

  private listed(ctx: RequestScope) {
    return this.dataSource.getRepository(Product).createQueryBuilder("p").where(LISTED, { today: ctx.today });
  }

  /** Listed products (an active certificate today) counted by one column. */
  private async activeBy(
    ctx: RequestScope,
    column: "stars" | "categoryCode" | "communeCode",
  ): Promise<Grouped[]> {
    return grouped(
      await this.listed(ctx)
        .select(`p.${column}`, "key")
        .addSelect("COUNT(*)", "count")
        .groupBy(`p.${column}`)
        .orderBy("NULL") // MariaDB would otherwise sort the groups
        .getRawMany<GroupedRow>(),
    );
  }

  private async visible(
    m: EntityManager,
    viewer: ReturnType<typeof requireViewer>,
    rawId: string,
    { lock }: { lock: boolean },
  ): Promise<PotentialProduct> {
    const id = parseId(rawId, "id");
    const potential = lock
      ? await lockRow(m, PotentialProduct, id)
      : await m.findOneBy(PotentialProduct, { id });
    if (!potential || !inViewerCommune(viewer, potential.communeCode)) throw notFound("programme.notFound");
    return potential;
  }

  private async producerOf(
    m: EntityManager,
    ctx: RequestScope,
    potential: PotentialProduct,
    given: OpenPotentialDossierArgs["producer"],
  ): Promise<Producer> {
    if (potential.producerId) return m.findOneByOrFail(Producer, { id: potential.producerId });
    if (!given) throw badInput("programme.producerNeeded", "producer");
    const registrationNumber = blankToNull(given.registrationNumber);
    const found =
      (registrationNumber &&
        (await m.findOneBy(Producer, { communeCode: potential.communeCode, registrationNumber }))) ||
      (await m.findOneBy(Producer, { communeCode: potential.communeCode, nameKey: fold(given.name) }));
    if (found) return found;
    return insertProducer(
      m,
      ctx,
      {
        name: given.name.trim(),
        kind: given.kind,
        communeCode: potential.communeCode,
        registrationNumber,
        representative: null,
        address: null,
        phone: null,
        email: null,
        website: null,
      },
      `potential product ${potential.id}`,
    );
  }

  private async productOf(
    m: EntityManager,
    ctx: RequestScope,
    potential: PotentialProduct,
    producer: Producer,
  ): Promise<Product> {
    if (potential.productId) return m.findOneByOrFail(Product, { id: potential.productId });
    const found = await m.findOneBy(Product, { producerId: producer.id, nameKey: fold(potential.name) });
    if (found) return found;
    return insertProduct(
      m,
      ctx,
      { name: potential.name, description: null, categoryCode: potential.categoryCode, producer },
      `potential product ${potential.id}`,
    );
  }
}

/** The figures of a year's rounds' dossiers (each row: its status, forwarding, first deadline, decision, returns). */
function dossierFigures(
  rows: {
    status: DossierStatus;
    forwardedAt: Date | string | null;
    deadline: Date | string;
    decisionDate: Date | string | null;
    returns: string | number;
  }[],
): DossierFigures {
  const day = (v: Date | string) =>
    v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
  const instant = (v: Date | string) => (v instanceof Date ? v : new Date(`${String(v).replace(" ", "T")}Z`));
  const forwarded = rows.filter((r) => r.forwardedAt);
  const onTime = forwarded.filter(
    (r) => instant(r.forwardedAt!).getTime() < endOfVietnamDay(day(r.deadline)).getTime(),
  );
  const waits = rows
    .filter((r) => r.forwardedAt && r.decisionDate && r.status === DossierStatus.RECOGNIZED)
    .map((r) =>
      Math.round(
        (Date.parse(`${day(r.decisionDate!)}T00:00:00Z`) -
          Date.parse(`${day(instant(r.forwardedAt!).toISOString())}T00:00:00Z`)) /
          86_400_000,
      ),
    )
    .sort((a, b) => a - b);
  const median = waits.length
    ? waits.length % 2
      ? waits[(waits.length - 1) / 2]
      : (waits[waits.length / 2 - 1] + waits[waits.length / 2]) / 2
    : null;
  return {
    forwarded: forwarded.length,
    forwardedOnTime: onTime.length,
    forwardedLate: forwarded.length - onTime.length,
    returned: rows.filter((r) => Number(r.returns) > 0).length,
    recognized: rows.filter((r) => r.status === DossierStatus.RECOGNIZED).length,
    notAchieved: rows.filter((r) => r.status === DossierStatus.NOT_ACHIEVED).length,
    medianDaysToDecision: median,
  };
}

/** A dossier's id as the audit log keeps subject ids (text), on MySQL and SQLite alike. */
const castId = (column: string) => `CAST(${column} AS CHAR)`;
