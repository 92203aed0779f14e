import { type DataSource } from "typeorm";
import { requireViewer } from "../auth/auth.service";
import { inViewerCommune } from "../auth/scope";
import { Certificate } from "../certificates/certificate.entity";
import { LISTED, Product } from "../catalog/product.entity";
import { Memo } from "../core/memo";
import { addDays, addMonths } from "../core/time";
import { Dossier, DossierKind } from "../dossiers/dossier.entity";
import { EvaluationRound, forwardingClosesAt } from "../dossiers/round.entity";
import { CLOSED } from "../dossiers/transition-runner";
import { DossierStatus } from "../dossiers/workflow";
import type { RequestScope } from "../request";
import { PlanTarget, PotentialProduct, PotentialProductStatus } from "./programme.entity";
import {
  type DossierFigures,
  type KindCounts,
  type ProgrammeStatistics,
  type ProgrammeSummary,
} from "./programme.types";

const { SELECTED, IN_PREPARATION } = PotentialProductStatus;

/** How long the public summary is reused (a catalog event makes a new generation, hence a new key). */
const SUMMARY_TTL_MS = 60_000;

type Grouped = { key: string; count: number };
type GroupedRow = { key: string | number | null; count: string | number };
const grouped = (rows: GroupedRow[]): Grouped[] =>
  rows.map((r) => ({ key: String(r.key), count: Number(r.count) }));
const countOf = (rows: Grouped[], key: string) => rows.find((r) => r.key === key)?.count ?? 0;

/** The figures a province reports on: the year's statistics (staff) and the public summary. */
export class ProgrammeFigures {
  private readonly summaries = new Memo<ProgrammeSummary>(SUMMARY_TTL_MS, 10);

  constructor(private readonly dataSource: DataSource) {}

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
          .addSelect("r.deadlineDayIncluded", "deadlineDayIncluded")
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
            deadlineDayIncluded: boolean | number;
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
}

/** The figures of a year's rounds' dossiers (each row: its status, forwarding, first deadline, decision, returns). */
function dossierFigures(
  rows: {
    status: DossierStatus;
    forwardedAt: Date | string | null;
    deadline: Date | string;
    deadlineDayIncluded: boolean | number;
    decisionDate: Date | string | null;
    returns: string | number;
  }[],
): DossierFigures {
  const day = (v: Date | string) =>
    v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
  const instant = (v: Date | string) => (v instanceof Date ? v : new Date(`${String(v).replace(" ", "T")}Z`));
  const forwarded = rows.filter((r) => r.forwardedAt);
  const onTime = forwarded.filter(
    (r) =>
      instant(r.forwardedAt!).getTime() <
      forwardingClosesAt({ deadlineDayIncluded: Boolean(r.deadlineDayIncluded) }, day(r.deadline)).getTime(),
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
