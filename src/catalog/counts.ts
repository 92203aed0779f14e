import { Brackets, In, type DataSource, type EntityManager, type SelectQueryBuilder } from "typeorm";
import {
  CatalogCount,
  CatalogCountCommune,
  CatalogCountCommuneCategory,
  CatalogCountRollup,
} from "./counts.entity";
import type { LocalDate } from "../core/time";
import { inTransaction, lockRow } from "../core/transaction";
import { CatalogGenerationRow } from "./generation";
import { catalogWritten } from "./catalog-written";
import { Product } from "./product.entity";

/** A category code and the codes of its ancestors ("I.2.b" → I, I.2, I.2.b): codes extend their parent's. */
const withAncestors = (code: string) => code.split(".").map((_, i, parts) => parts.slice(0, i + 1).join("."));

/** A cell's dimensions, as the count queries select them. */
export type Cell = { communeCode: string; categoryCode: string; stars: number; certifiedYear: number };
export type CountedCell = Cell & { count: number };

/** Before any sweep: the table counts from the beginning of time (every expiry is then subtracted). */
const EPOCH: LocalDate = "1900-01-01";

/** The day the cells count from. */
export async function countedFrom(m: EntityManager): Promise<LocalDate> {
  return (await countState(m)).from;
}

/** The day the cells count from and the catalog generation, read together (one row). */
export async function countState(m: EntityManager): Promise<{ from: LocalDate; generation: number }> {
  const row = await m.findOneBy(CatalogGenerationRow, { id: 1 });
  return { from: row?.countedFrom ?? EPOCH, generation: row?.generation ?? 0 };
}

const YEAR = "SUBSTR(p.certifiedOn, 1, 4)";

/** Products listed on `day`, grouped into cells (optionally of some communes only). */
function productCells(
  m: EntityManager,
  day: LocalDate,
  communeCodes?: string[],
): SelectQueryBuilder<Product> {
  const qb = m
    .getRepository(Product)
    .createQueryBuilder("p")
    .select("p.communeCode", "communeCode")
    .addSelect("p.categoryCode", "categoryCode")
    .addSelect("p.stars", "stars")
    .addSelect(YEAR, "certifiedYear")
    .addSelect("COUNT(*)", "count")
    .where("p.certificateExpiresOn >= :day", { day })
    .groupBy("p.communeCode")
    .addGroupBy("p.categoryCode")
    .addGroupBy("p.stars")
    .addGroupBy(YEAR);
  if (communeCodes) qb.andWhere("p.communeCode IN (:...communeCodes)", { communeCodes });
  return qb;
}

const asCells = (rows: Record<string, string | number>[]): CountedCell[] =>
  rows.map((r) => ({
    communeCode: String(r.communeCode),
    categoryCode: String(r.categoryCode),
    stars: Number(r.stars),
    certifiedYear: Number(r.certifiedYear),
    count: Number(r.count),
  }));

type Row = Record<string, string | number> & { count: number };

/**
 * The tables summed from the cells, as data: each sums the cells by its key (a cell counts once per
 * category level in the commune × category table).
 */
const SUMS = [
  {
    name: "rollup",
    entity: CatalogCountRollup,
    key: ["categoryCode", "stars", "certifiedYear"],
    of: (c: Cell) => [{ categoryCode: c.categoryCode, stars: c.stars, certifiedYear: c.certifiedYear }],
  },
  {
    name: "commune",
    entity: CatalogCountCommune,
    key: ["communeCode", "stars", "certifiedYear"],
    of: (c: Cell) => [{ communeCode: c.communeCode, stars: c.stars, certifiedYear: c.certifiedYear }],
  },
  {
    name: "commune and category",
    entity: CatalogCountCommuneCategory,
    key: ["communeCode", "categoryCode"],
    of: (c: Cell) =>
      withAncestors(c.categoryCode).map((categoryCode) => ({ communeCode: c.communeCode, categoryCode })),
  },
] as const;
type Sum = (typeof SUMS)[number];

const keyOf = (sum: Sum, row: Record<string, unknown>) => sum.key.map((k) => String(row[k])).join("|");

/** The cells summed by the table's key (rows summing to 0 left out). */
function sumOf(sum: Sum, cells: CountedCell[]): Row[] {
  const rows = new Map<string, Row>();
  for (const cell of cells)
    for (const dims of sum.of(cell)) {
      const key = keyOf(sum, dims);
      const row = rows.get(key) ?? { ...dims, count: 0 };
      row.count += cell.count;
      rows.set(key, row);
    }
  return [...rows.values()].filter((r) => r.count !== 0);
}

async function insertAll(m: EntityManager, entity: Sum["entity"] | typeof CatalogCount, rows: object[]) {
  for (let i = 0; i < rows.length; i += 500) await m.insert(entity, rows.slice(i, i + 500));
}

const [ROLLUP, ...PER_COMMUNE] = SUMS;

/**
 * Recounts every cell of these communes from the products, in the caller's transaction: what an event that
 * changed the listing of products of these communes calls after its writes. Exact whatever came before.
 */
export async function recountCommunes(m: EntityManager, communeCodes: string[]): Promise<void> {
  const codes = [...new Set(communeCodes)];
  if (!codes.length) return;
  const from = await countedFrom(m);
  const before = await m.find(CatalogCount, { where: { communeCode: In(codes) } });
  const cells = asCells(await productCells(m, from, codes).getRawMany());
  await m.delete(CatalogCount, { communeCode: In(codes) });
  await insertAll(m, CatalogCount, cells);
  // The rollup (all communes) moves by the difference; the per-commune sums are rewritten.
  const difference = [...before.map((c) => ({ ...c, count: -c.count })), ...cells];
  for (const { count, ...key } of sumOf(ROLLUP, difference)) {
    const updated = await m
      .createQueryBuilder()
      .update(CatalogCountRollup)
      .set({ count: () => `count + ${Number(count)}` })
      .where(key)
      .execute();
    if (!updated.affected) await m.insert(CatalogCountRollup, { ...key, count });
  }
  for (const sum of PER_COMMUNE) {
    await m.delete(sum.entity, { communeCode: In(codes) });
    await insertAll(m, sum.entity, sumOf(sum, cells));
  }
}

/** Rebuilds the counts as of `day` (the benchmark's generated data, counts:verify --fix). */
export async function rebuildCounts(m: EntityManager, day: LocalDate): Promise<void> {
  const cells = asCells(await productCells(m, day).getRawMany());
  await m.clear(CatalogCount);
  await insertAll(m, CatalogCount, cells);
  for (const sum of SUMS) {
    await m.clear(sum.entity);
    await insertAll(m, sum.entity, sumOf(sum, cells));
  }
  await setCountedFrom(m, day);
}

/** Where a table summed from the cells is not their sum (a line each; empty when right). */
export async function verifyRollups(m: EntityManager): Promise<string[]> {
  const cells = await m.find(CatalogCount);
  const problems: string[] = [];
  for (const sum of SUMS) {
    const stored = new Map(
      ((await m.find(sum.entity)) as unknown as Row[]).map((r) => [keyOf(sum, r), r.count] as const),
    );
    for (const row of sumOf(sum, cells)) {
      const key = keyOf(sum, row);
      if ((stored.get(key) ?? 0) !== row.count)
        problems.push(`${sum.name} ${key}: ${stored.get(key) ?? 0}, cells ${row.count}`);
      stored.delete(key);
    }
    for (const [key, count] of stored)
      if (count !== 0) problems.push(`${sum.name} ${key}: ${count}, cells 0`);
  }
  return problems;
}

async function setCountedFrom(m: EntityManager, day: LocalDate): Promise<void> {
  const updated = await m.update(CatalogGenerationRow, { id: 1 }, { countedFrom: day });
  if (!updated.affected) await m.insert(CatalogGenerationRow, { id: 1, generation: 1, countedFrom: day });
}

/**
 * What to add to the table's cells (counted as of `from`) for the listing of `today`: the products that
 * expired since, negatively; if the clock is behind the table's day, the products expiring in between,
 * positively. Empty once the day's sweep ran.
 */
export async function driftSince(
  m: EntityManager,
  from: LocalDate,
  today: LocalDate,
): Promise<CountedCell[]> {
  if (from === today) return [];
  const [start, end, sign] = from < today ? [from, today, -1] : [today, from, 1];
  const cells = asCells(
    await productCells(m, start).andWhere("p.certificateExpiresOn < :end", { end }).getRawMany(),
  );
  return cells.map((c) => ({ ...c, count: sign * c.count }));
}

/**
 * Moves the products that expired since the table's day out of it, once a day (the first count of the day
 * on any instance): recounts their communes as of today, moves the day and raises the catalog generation.
 * Concurrent sweeps take turns on the generation row; the second finds the work done.
 */
export async function sweepExpired(dataSource: DataSource, today: LocalDate): Promise<void> {
  await inTransaction(dataSource, async (m) => {
    const row = await lockRow(m, CatalogGenerationRow, { id: 1 });
    const from = row?.countedFrom ?? EPOCH;
    if (from >= today) return;
    const expired = await driftSince(m, from, today);
    await setCountedFrom(m, today);
    // Every instance's counts are keyed by the generation: a new one makes them read the new day. The
    // products that left are stamped for the change feed.
    await catalogWritten(m, {
      communes: expired.map((c) => c.communeCode),
      expired: { from, before: today },
    });
  });
}

/** The filter's dimensions on the cells, as the catalog's filter gives them. */
export type CellFilter = {
  communeCodes?: string[] | null;
  categoryCodes?: string[] | null;
  stars?: number[] | null;
  certifiedInYear?: number | null;
};
export type Dimension = "stars" | "communes" | "categories";

/**
 * The per commune and category table answers a filter on categories (none inside another: it counts every
 * level) and communes only, summed or grouped by commune.
 */
function perCommuneCategory(
  f: CellFilter,
  except: Dimension | undefined,
  groupBy: keyof Cell | undefined,
): boolean {
  const codes = f.categoryCodes ?? [];
  const nested = codes.some((a) => codes.some((b) => a !== b && b.startsWith(`${a}.`)));
  const starsOrYear = (f.stars && except !== "stars") || f.certifiedInYear;
  return !nested && !starsOrYear && (groupBy === undefined || groupBy === "communeCode");
}

/** Does a cell pass the filter (less one dimension, for disjunctive facets)? */
export function cellMatches(cell: Cell, f: CellFilter, except?: Dimension): boolean {
  if (f.communeCodes && except !== "communes" && !f.communeCodes.includes(cell.communeCode)) return false;
  if (f.stars && except !== "stars" && !f.stars.includes(cell.stars)) return false;
  if (f.certifiedInYear && cell.certifiedYear !== f.certifiedInYear) return false;
  if (f.categoryCodes && except !== "categories")
    return f.categoryCodes.some(
      (code) => cell.categoryCode === code || cell.categoryCode.startsWith(`${code}.`),
    );
  return true;
}

/**
 * The counts narrowed by the filter (less one dimension), for SUM … GROUP BY `column`: the rollup when no
 * commune is asked for or grouped by, the communes' totals by stars and year when no category is, per
 * commune and category when no stars or year are, else the cells.
 */
export function filteredCells(
  m: EntityManager,
  f: CellFilter,
  except?: Dimension,
  groupBy?: keyof Cell,
): SelectQueryBuilder<CatalogCount> {
  const byCommune = (f.communeCodes && except !== "communes") || groupBy === "communeCode";
  const byCategory = f.categoryCodes && except !== "categories";
  const table = !byCommune
    ? CatalogCountRollup
    : !byCategory && groupBy !== "categoryCode"
      ? CatalogCountCommune
      : perCommuneCategory(f, except, groupBy)
        ? CatalogCountCommuneCategory
        : CatalogCount;
  const qb = m
    .getRepository(table)
    .createQueryBuilder("k")
    .where("k.count > 0") as unknown as SelectQueryBuilder<CatalogCount>;
  if (f.communeCodes && except !== "communes")
    qb.andWhere("k.communeCode IN (:...communes)", { communes: f.communeCodes });
  if (f.stars && except !== "stars") qb.andWhere("k.stars IN (:...stars)", { stars: f.stars });
  if (f.certifiedInYear) qb.andWhere("k.certifiedYear = :year", { year: f.certifiedInYear });
  const categories = f.categoryCodes;
  if (categories && except !== "categories" && table === CatalogCountCommuneCategory)
    qb.andWhere("k.categoryCode IN (:...categories)", { categories }); // rows at every level: no prefixes
  else if (categories && except !== "categories")
    qb.andWhere(
      new Brackets((b) =>
        categories.forEach((code, i) =>
          b.orWhere(`(k.categoryCode = :cat${i} OR k.categoryCode LIKE :catPrefix${i})`, {
            [`cat${i}`]: code,
            [`catPrefix${i}`]: `${code}.%`,
          }),
        ),
      ),
    );
  return qb;
}

/**
 * Compares the table with a recount from the products (as of the table's day, less what expired since):
 * the differing cells, empty when the table is exact. What `npm run counts:verify` reports.
 */
export async function verifyCounts(
  m: EntityManager,
  today: LocalDate,
): Promise<{ cell: Cell; table: number; products: number }[]> {
  const from = await countedFrom(m);
  const key = (c: Cell) => `${c.communeCode}|${c.categoryCode}|${c.stars}|${c.certifiedYear}`;
  const table = new Map<string, CountedCell>();
  for (const c of await m.find(CatalogCount)) table.set(key(c), { ...c });
  for (const c of await driftSince(m, from, today)) {
    const cell = table.get(key(c));
    if (cell) cell.count += c.count;
    else table.set(key(c), { ...c });
  }
  const actual = new Map(asCells(await productCells(m, today).getRawMany()).map((c) => [key(c), c]));
  const differences: { cell: Cell; table: number; products: number }[] = [];
  for (const k of new Set([...table.keys(), ...actual.keys()])) {
    const t = table.get(k)?.count ?? 0;
    const a = actual.get(k)?.count ?? 0;
    if (t !== a) {
      const { communeCode, categoryCode, stars, certifiedYear } = (table.get(k) ?? actual.get(k))!;
      differences.push({ cell: { communeCode, categoryCode, stars, certifiedYear }, table: t, products: a });
    }
  }
  return differences;
}
