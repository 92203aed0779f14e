// npm run bench:scale: the catalog on filters never asked before, at the national scale and BENCH_SCALE
// times it (default 10), on MySQL/MariaDB (BENCH_DATABASE_URL's server; databases ocop_bench_counts_1 and
// ocop_bench_counts_<scale>, dropped and re-created unless BENCH_REUSE=1), one request at a time:
// - facets (which include the total) from the pre-aggregated cells, and the same counts taken from the
//   products as before the cells (the four statements the catalog ran);
// - pages of 20 with their totalCount in every sort, for random filters, every sector and group of the
//   category tree (prefixes), and searches;
// - the day's first requests: after midnight before the scheduled sweep, and while it runs.
// Writes bench/scale-results.md; `npm run bench` puts the same section in bench/results.md.
import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureDatabase } from "../src/db/ensure-database";
import type { DataSource } from "typeorm";
import { rebuildCounts } from "../src/catalog/counts";
import { CatalogService } from "../src/catalog/catalog.service";
import { LISTED, Product } from "../src/catalog/product.entity";
import { ProductSortField, SortDirection } from "../src/catalog/catalog.types";
import { Language } from "../src/http/labels.resolver";
import { ReferenceCache } from "../src/catalog/reference-cache";
import { CursorCodec } from "../src/core/connection";
import { projectRoot } from "../src/core/paths";
import { addDays, vietnamDate } from "../src/core/time";
import { dataSourceFor } from "../src/db/data-source";
import { loadReferenceData } from "../src/db/reference/load-reference";
import { createLoaders } from "../src/loaders";
import type { RequestScope } from "../src/request";
import { generateDataset, NATIONAL, random } from "./dataset";

const SERVER = process.env.BENCH_DATABASE_URL ?? "mysql://root@127.0.0.1:3306/ocop_bench";
const SCALE = Number(process.env.BENCH_SCALE ?? 10);
const REUSE = process.env.BENCH_REUSE === "1";
const FILTERS = Number(process.env.BENCH_FILTERS ?? 200);

type Filter = {
  communeCodes?: string[];
  categoryCodes?: string[];
  stars?: number[];
  certifiedInYear?: number;
  search?: string;
};

async function database(scale: number, today: string): Promise<DataSource> {
  const u = new URL(SERVER);
  u.pathname = `/ocop_bench_counts_${scale}`;
  if (!REUSE) await ensureDatabase(u.toString(), { fresh: true });
  const ds = await dataSourceFor({ kind: "mysql", url: u.toString() });
  await ds.initialize();
  if (!REUSE) {
    await ds.runMigrations();
    await loadReferenceData(ds);
    const started = Date.now();
    const size = { ...NATIONAL, producers: NATIONAL.producers * scale, products: NATIONAL.products * scale };
    const counts = await generateDataset(ds, today, size);
    await ds.transaction((m) => rebuildCounts(m, today));
    console.log(`${scale}×: ${JSON.stringify(counts)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  return ds;
}

/** New filters: one to three communes, or a category of any level, or stars, or a year, or a mix. */
function filters(communes: string[], categories: string[], seed: number): Filter[] {
  const rnd = random(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  return Array.from({ length: FILTERS }, () => {
    const f: Filter = {};
    if (rnd() < 0.6)
      f.communeCodes = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(communes)))];
    if (rnd() < 0.5) f.categoryCodes = [pick(categories)];
    if (rnd() < 0.4) f.stars = rnd() < 0.5 ? [4, 5] : [3];
    if (rnd() < 0.3) f.certifiedInYear = 2023 + Math.floor(rnd() * 4);
    return f;
  });
}

/** The four statements the catalog ran per new filter before the cells (total and three grouped counts). */
async function fromProducts(ds: DataSource, f: Filter, today: string): Promise<void> {
  const filtered = (except?: string) => {
    const qb = ds.getRepository(Product).createQueryBuilder("p").where(LISTED, { today });
    if (f.communeCodes && except !== "communes")
      qb.andWhere("p.communeCode IN (:...c)", { c: f.communeCodes });
    if (f.stars && except !== "stars") qb.andWhere("p.stars IN (:...s)", { s: f.stars });
    if (f.categoryCodes && except !== "categories")
      qb.andWhere("(p.categoryCode = :cat OR p.categoryCode LIKE :prefix)", {
        cat: f.categoryCodes[0],
        prefix: `${f.categoryCodes[0]}.%`,
      });
    if (f.certifiedInYear)
      qb.andWhere("p.certifiedOn BETWEEN :a AND :b", {
        a: `${f.certifiedInYear}-01-01`,
        b: `${f.certifiedInYear}-12-31`,
      });
    return qb;
  };
  const grouped = (except: string, column: string) =>
    filtered(except)
      .select(`p.${column}`, "v")
      .addSelect("COUNT(*)", "n")
      .groupBy(`p.${column}`)
      .orderBy("NULL")
      .getRawMany();
  await Promise.all([
    filtered().getCount(),
    grouped("stars", "stars"),
    grouped("communes", "communeCode"),
    grouped("categories", "categoryCode"),
  ]);
}

const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), worst: sorted.at(-1)!, n: sorted.length };
};
type Summary = ReturnType<typeof summary>;
type Timed = { ms: number; what: string };

const SORTS = Object.values(ProductSortField)
  .filter((f) => f !== ProductSortField.RELEVANCE)
  .flatMap((field) => [SortDirection.ASC, SortDirection.DESC].map((direction) => ({ field, direction })));
/** Whole name words of the generated products, one of them two words, and a two-letter prefix. */
const SEARCHES = ["Măng", "trà shan", "minh", "Ruou ngo", "ca"];

async function measure(scale: number, today: string) {
  const ds = await database(scale, today);
  try {
    const active = Number(
      (await ds.query("SELECT COUNT(*) AS n FROM product WHERE certificateExpiresOn >= ?", [today]))[0].n,
    );
    const cells = Number((await ds.query("SELECT COUNT(*) AS n FROM catalog_count"))[0].n);
    const communes = (await ds.query("SELECT code FROM commune")).map((r: { code: string }) => r.code);
    const categories: { code: string; level: string }[] = await ds.query("SELECT code, level FROM category");
    const catalog = new CatalogService(ds, new CursorCodec());
    const reference = new ReferenceCache(ds);
    const scope = (day = today): RequestScope =>
      ({
        requestId: "bench",
        viewer: null,
        ip: "127.0.0.1",
        now: new Date(),
        today: day,
        catalogGeneration: async () =>
          Number((await ds.query("SELECT generation FROM catalog_generation WHERE id = 1"))[0].generation),
        reader: ds,
        loaders: createLoaders(ds, reference, day),
        log: console,
      }) as unknown as RequestScope;
    const timed = async (what: string, run: () => Promise<unknown>): Promise<Timed> => {
      catalog.forgetCounts(); // every filter is new
      const start = performance.now();
      await run();
      return { ms: performance.now() - start, what };
    };
    /** A page of 20 and its total, as CatalogPage asks them. */
    const page = (f: Filter, sort: { field: ProductSortField; direction: SortDirection }, day = today) =>
      timed(`${JSON.stringify(f)} by ${sort.field} ${sort.direction}`, async () => {
        const connection = await catalog.products(scope(day), {
          filter: f,
          sort,
          first: 20,
          language: Language.VI,
        });
        await connection.countTotal();
      });
    const facets = (f: Filter, day = today) => timed(JSON.stringify(f), () => catalog.facets(scope(day), f));

    await catalog.sweptToday(today); // as the scheduled sweep would have done
    await catalog.facets(scope(), {}); // warms the reference cache
    const list = filters(
      communes,
      categories.map((c) => c.code),
      7 + scale,
    );
    const facetTimes: Timed[] = [];
    const rowsMs: number[] = [];
    for (const f of list) {
      facetTimes.push(await facets(f));
      const start = performance.now();
      await fromProducts(ds, f, today);
      rowsMs.push(performance.now() - start);
    }

    const pages: Record<string, Timed[]> = { filters: [], prefixes: [], searches: [] };
    for (const f of list) for (const sort of SORTS) pages.filters.push(await page(f, sort));
    const prefixes = categories.filter((c) => c.level !== "set").map((c) => c.code);
    for (const code of prefixes)
      for (const stars of [undefined, [3], [4, 5]])
        for (const sort of SORTS) pages.prefixes.push(await page({ categoryCodes: [code], stars }, sort));
    for (const search of SEARCHES)
      for (const f of [
        {},
        { stars: [4, 5] },
        { categoryCodes: ["I"] },
        { communeCodes: communes.slice(0, 3) },
      ])
        for (const sort of [{ field: ProductSortField.RELEVANCE, direction: SortDirection.DESC }, SORTS[0]])
          pages.searches.push(await page({ ...f, search }, sort));

    // The day's first requests: tomorrow, before the scheduled sweep (the day's expiries are subtracted),
    // then while the sweep runs. The sweep moves the table's day; rebuilt for today at the end.
    const tomorrow = addDays(today, 1);
    const firstOfDay = filters(
      communes,
      categories.map((c) => c.code),
      99 + scale,
    ).slice(0, 40);
    const beforeSweep: Timed[] = [];
    for (const f of firstOfDay.slice(0, 20)) {
      beforeSweep.push(await facets(f, tomorrow));
      beforeSweep.push(await page(f, SORTS[0], tomorrow));
    }
    const duringSweep: Timed[] = [];
    const sweepStart = performance.now();
    let sweepMs = 0;
    const sweep = catalog.sweptToday(tomorrow).then(() => (sweepMs = performance.now() - sweepStart));
    for (const f of firstOfDay.slice(20)) {
      if (sweepMs) break;
      duringSweep.push(await facets(f, tomorrow));
    }
    await sweep;
    await ds.transaction((m) => rebuildCounts(m, today));

    const worst = (xs: Timed[]) => [...xs].sort((a, b) => b.ms - a.ms).slice(0, 5);
    return {
      scale,
      active,
      cells,
      facets: summary(facetTimes.map((t) => t.ms)),
      rowsMs: summary(rowsMs),
      slowestFacets: worst(facetTimes),
      pages: Object.fromEntries(Object.entries(pages).map(([k, v]) => [k, summary(v.map((t) => t.ms))])),
      slowestPages: Object.fromEntries(Object.entries(pages).map(([k, v]) => [k, worst(v).slice(0, 3)])),
      beforeSweep: summary(beforeSweep.map((t) => t.ms)),
      duringSweep: duringSweep.length ? summary(duringSweep.map((t) => t.ms)) : null,
      sweepMs,
    };
  } finally {
    await ds.destroy();
  }
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const cellsOf = (s: Summary) => `${ms(s.median)} | ${ms(s.p95)} | ${ms(s.worst)}`;

/** The measurements at 1× and BENCH_SCALE×, as a section of markdown. */
export async function scaleReport(): Promise<string[]> {
  const today = vietnamDate(new Date());
  const results = [];
  for (const scale of [1, SCALE]) results.push(await measure(scale, today));
  const big = results.at(-1)!;
  return [
    `## At ${SCALE}× the national catalog`,
    "",
    `\`npm run bench:scale\` (also run by \`npm run bench\`), ${today}: the national dataset and ${SCALE} times it`,
    `(${SCALE}× the producers and products), MariaDB with its default settings, one request at a time, in process`,
    "(the catalog service and its SQL, no HTTP). Every filter is new: the memoized totals and facets are",
    `forgotten before each request. ${FILTERS} random filters (one to three communes, a category of any level,`,
    "stars, a year of certification, or a mix).",
    "",
    "| catalog | active products | cells | facets: median | p95 | worst | counted from products: median | p95 | worst |",
    "|---|---|---|---|---|---|---|---|---|",
    ...results.map(
      (r) =>
        `| ${r.scale}× | ${r.active.toLocaleString("en")} | ${r.cells.toLocaleString("en")} | ${cellsOf(r.facets)} | ${cellsOf(r.rowsMs)} |`,
    ),
    "",
    "Pages of 20 with their `totalCount` (CatalogPage's statements), in every sort (name, stars, certified,",
    "expiry; ascending and descending): the random filters; each sector and group of the category tree",
    "(a prefix of the codes) alone, with 3★ and with 4–5★; searches (five words, each alone, with 4–5★, in",
    "sector I and in three communes, by relevance and by name).",
    "",
    "| catalog | pages | requests | median | p95 | worst |",
    "|---|---|---|---|---|---|",
    ...results.flatMap((r) =>
      Object.entries(r.pages).map(([k, s]) => `| ${r.scale}× | ${k} | ${s.n} | ${cellsOf(s)} |`),
    ),
    "",
    "The day's first requests (facets and a page on new filters, the day after the table's): after midnight",
    "before the scheduled sweep, and while the sweep runs (a request never waits for it).",
    "",
    "| catalog | when | requests | median | p95 | worst | sweep |",
    "|---|---|---|---|---|---|---|",
    ...results.flatMap((r) => [
      `| ${r.scale}× | before the sweep | ${r.beforeSweep.n} | ${cellsOf(r.beforeSweep)} | |`,
      `| ${r.scale}× | during the sweep | ${r.duringSweep?.n ?? 0} | ${r.duringSweep ? cellsOf(r.duringSweep) : "– | – | –"} | ${ms(r.sweepMs)} |`,
    ]),
    "",
    `Slowest at ${SCALE}×: facets`,
    "",
    ...big.slowestFacets.map((s) => `- ${ms(s.ms)}: \`${s.what}\``),
    "",
    `Slowest at ${SCALE}×: pages`,
    "",
    ...Object.entries(big.slowestPages).flatMap(([k, slowest]) =>
      slowest.map((s) => `- ${k}, ${ms(s.ms)}: \`${s.what}\``),
    ),
    "",
  ];
}

if (require.main === module)
  scaleReport()
    .then((lines) => {
      const text = ["# The catalog at scale", "", ...lines.slice(1)].join("\n");
      writeFileSync(join(projectRoot(), "bench", "scale-results.md"), text);
      console.log(text);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
