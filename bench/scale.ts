// npm run bench:counts: facet counts and totals on filters never asked before, at the national scale and
// BENCH_SCALE times it (default 10), on MySQL/MariaDB (BENCH_DATABASE_URL's server; databases
// ocop_bench_counts_1 and ocop_bench_counts_<scale>, dropped and re-created unless BENCH_REUSE=1).
// Measures, per new filter, the catalog's facets (which include the total) from the pre-aggregated cells,
// and the same counts taken from the products as before the cells (the four statements the catalog ran),
// then writes bench/counts-results.md.
import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureDatabase } from "../src/db/ensure-database";
import type { DataSource } from "typeorm";
import { rebuildCounts } from "../src/catalog/counts";
import { CatalogService } from "../src/catalog/catalog.service";
import { LISTED, Product } from "../src/catalog/product.entity";
import { ReferenceCache } from "../src/catalog/reference-cache";
import { CursorCodec } from "../src/core/connection";
import { projectRoot } from "../src/core/paths";
import { vietnamDate } from "../src/core/time";
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
  return { median: at(0.5), p95: at(0.95), worst: sorted.at(-1)! };
};

async function measure(scale: number, today: string) {
  const ds = await database(scale, today);
  try {
    const active = Number(
      (await ds.query("SELECT COUNT(*) AS n FROM product WHERE certificateExpiresOn >= ?", [today]))[0].n,
    );
    const cells = Number((await ds.query("SELECT COUNT(*) AS n FROM catalog_count"))[0].n);
    const communes = (await ds.query("SELECT code FROM commune")).map((r: { code: string }) => r.code);
    const categories = (await ds.query("SELECT code FROM category")).map((r: { code: string }) => r.code);
    const catalog = new CatalogService(ds, new CursorCodec());
    const reference = new ReferenceCache(ds);
    const scope = (): RequestScope =>
      ({
        requestId: "bench",
        viewer: null,
        ip: "127.0.0.1",
        now: new Date(),
        today,
        catalogGeneration: () => Promise.resolve(1),
        reader: ds,
        loaders: createLoaders(ds, reference, today),
        log: console,
      }) as unknown as RequestScope;
    await catalog.facets(scope(), {}); // warms the reference cache and the day's sweep
    const list = filters(communes, categories, 7 + scale);
    const cellsMs: number[] = [];
    const rowsMs: number[] = [];
    const slowest: { ms: number; filter: Filter }[] = [];
    for (const f of list) {
      catalog.forgetCounts(); // every filter is new
      let start = performance.now();
      await catalog.facets(scope(), f);
      cellsMs.push(performance.now() - start);
      slowest.push({ ms: cellsMs.at(-1)!, filter: f });
      start = performance.now();
      await fromProducts(ds, f, today);
      rowsMs.push(performance.now() - start);
    }
    slowest.sort((a, b) => b.ms - a.ms);
    return {
      scale,
      active,
      cells,
      cellsMs: summary(cellsMs),
      rowsMs: summary(rowsMs),
      slowest: slowest.slice(0, 5),
    };
  } finally {
    await ds.destroy();
  }
}

async function main() {
  const today = vietnamDate(new Date());
  const results = [];
  for (const scale of [1, SCALE]) results.push(await measure(scale, today));
  const ms = (n: number) => n.toFixed(1);
  const lines = [
    "# Facet counts and totals on new filters",
    "",
    `\`npm run bench:counts\` (BENCH_SCALE=${SCALE}, ${FILTERS} filters never asked before, each timed once: the`,
    "catalog's `productFacets`, which includes the total, then the same counts taken from the products as",
    `before the cells). MariaDB with its default settings on the 2-core machine; ${today}.`,
    "",
    "| catalog | active products | cells | cells: median | p95 | worst | products: median | p95 | worst |",
    "|---|---|---|---|---|---|---|---|---|",
    ...results.map(
      (r) =>
        `| ${r.scale}× national | ${r.active.toLocaleString("en")} | ${r.cells.toLocaleString("en")} | ${ms(r.cellsMs.median)} ms | ${ms(r.cellsMs.p95)} ms | ${ms(r.cellsMs.worst)} ms | ${ms(r.rowsMs.median)} ms | ${ms(r.rowsMs.p95)} ms | ${ms(r.rowsMs.worst)} ms |`,
    ),
    "",
    `Slowest new filters at ${SCALE}× (cells):`,
    "",
    ...results.at(-1)!.slowest.map((s) => `- ${ms(s.ms)} ms: \`${JSON.stringify(s.filter)}\``),
    "",
  ];
  writeFileSync(join(projectRoot(), "bench", "counts-results.md"), lines.join("\n"));
  console.log(lines.join("\n"));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
