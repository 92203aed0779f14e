// npm run bench: generates a national-scale catalog into its own MySQL database, then measures the public
// operations with autocannon on loopback against the GraphQL server (uncached and with the response cache)
// and against a hand-written floor. Writes bench/results.md. A measurement, not a test: it asserts nothing.
import "reflect-metadata";
import { fork, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import { dataSourceFor } from "../src/db/data-source";
import { loadReferenceData } from "../src/db/reference/load-reference";
import { vietnamDate } from "../src/core/time";
import { projectRoot } from "../src/core/paths";
import { rebuildCounts } from "../src/catalog/counts";
import { generateDataset } from "./dataset";
import { ensureDatabase } from "../src/db/ensure-database";

const BENCH_URL = process.env.BENCH_DATABASE_URL ?? "mysql://root@127.0.0.1:3306/ocop_bench";
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = 3;
const CONNECTIONS = [10, 50];
/** BENCH_ONLY=CatalogPage,CatalogFacets measures only those operations (the table then has gaps). */
const ONLY = process.env.BENCH_ONLY?.split(",");
/** BENCH_REUSE=1 keeps the generated database of an earlier run. */
const REUSE = process.env.BENCH_REUSE === "1";

const CATALOG_PAGE = `query CatalogPage($filter: ProductFilter, $sort: ProductSort, $first: Int, $after: String) {
  products(filter: $filter, sort: $sort, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id slug name stars category { code name nameEn } commune { code name } producer { id name kind }
      certificate { number stars status issuedOn expiresOn } } } } }`;
const CATALOG_FACETS = `query CatalogFacets($filter: ProductFilter) { productFacets(filter: $filter) { total stars { stars count }
  communes { commune { code name } count } categories { category { code name } count } } }`;
const PRODUCT_DETAIL = `query ProductDetail($slug: String!) { product(slug: $slug) { id slug name description stars
  category { code name nameEn parent { code name parent { code name } } } commune { code name kind formerDistrict }
  producer { id name kind address phone website products { slug name stars } }
  certificate { number stars status issuedOn expiresOn decisionNumber } } }`;
const VERIFY = `query VerifyCertificate($number: String!) { certificate(number: $number) { number stars status issuedOn expiresOn
  decisionNumber revokedOn revocationReason product { name slug producer { name } commune { name } } } }`;

type Server = { child: ChildProcess; port: number };

async function startServer(mode: string): Promise<Server> {
  const child = fork(join(__dirname, "server.js"), [mode], {
    env: { ...process.env, NODE_ENV: "production", BENCH_DATABASE_URL: BENCH_URL },
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m: any) => resolve(m.listening));
    child.once("exit", (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return { child, port };
}

const stats = (s: Server) =>
  new Promise<{ maxRssMb: number; statements: number }>((resolve) => {
    s.child.once("message", (m: any) => resolve(m));
    s.child.send({ cmd: "stats" });
  });

type Op = { name: string; body: string };

async function load(port: number, op: Op, connections: number, duration: number) {
  let bad = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/graphql`,
    connections,
    duration,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: op.body,
        onResponse: (status: number, body: string) => {
          if (status !== 200 || body.includes('"errors"')) bad++;
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: bad + result.errors + result.non2xx,
  };
}

async function main() {
  const today = vietnamDate(new Date());
  if (!REUSE) await ensureDatabase(BENCH_URL, { fresh: true });
  const ds = await dataSourceFor({ kind: "mysql", url: BENCH_URL });
  await ds.initialize();
  await ds.runMigrations();
  let counts: Awaited<ReturnType<typeof generateDataset>>;
  if (REUSE) {
    const count = async (table: string) =>
      Number((await ds.query(`SELECT COUNT(*) AS n FROM \`${table}\``))[0].n);
    counts = {
      provinces: await count("province"),
      communes: await count("commune"),
      producers: await count("producer"),
      products: await count("product"),
      searchWords: await count("product_search_token"),
    };
  } else {
    await loadReferenceData(ds);
    const started = Date.now();
    counts = await generateDataset(ds, today);
    await ds.transaction((m) => rebuildCounts(m, today)); // generated rows bypass the events that keep the counts
    console.log(`dataset: ${JSON.stringify(counts)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const [{ slug, communeCode, categoryCode }] = await ds.query(
    "SELECT slug, communeCode, categoryCode FROM product WHERE certificateExpiresOn >= ? ORDER BY id LIMIT 1",
    [today],
  );
  const [{ number }] = await ds.query("SELECT number FROM certificate ORDER BY id DESC LIMIT 1");
  const [{ word }] = await ds.query(
    "SELECT SUBSTRING_INDEX(name, ' ', 1) AS word FROM product WHERE slug = ?",
    [slug],
  );
  await ds.destroy();

  const body = (query: string, variables: object) => JSON.stringify({ query, variables });
  const filtered = {
    communeCodes: [communeCode],
    categoryCodes: [categoryCode.split(".")[0]],
    search: word.slice(0, 3),
  };
  const ops: Op[] = [
    { name: "CatalogPage", body: body(CATALOG_PAGE, { first: 20 }) },
    { name: "CatalogPage filtered", body: body(CATALOG_PAGE, { first: 20, filter: filtered }) },
    { name: "CatalogFacets", body: body(CATALOG_FACETS, { filter: { stars: [4] } }) },
    { name: "ProductDetail", body: body(PRODUCT_DETAIL, { slug }) },
    { name: "VerifyCertificate", body: body(VERIFY, { number }) },
  ];

  if (ONLY) ops.splice(0, ops.length, ...ops.filter((o) => ONLY.includes(o.name)));
  const rows: string[] = [];
  const results: Record<string, { rps: number; p50: number; p99: number; errors: number }> = {};
  const record = (
    label: string,
    connections: number,
    r: { rps: number; p50: number; p99: number; errors: number },
    extra = "",
  ) => {
    results[`${label}@${connections}`] = r;
    console.log(
      `${label} @${connections}: ${r.rps.toFixed(0)} req/s p50 ${r.p50} ms p99 ${r.p99} ms errors ${r.errors} ${extra}`,
    );
  };

  // The floor first.
  const floor = await startServer("floor");
  const floorOp = { name: "floor", body: "" };
  for (const c of CONNECTIONS) {
    await load(floor.port, floorOp, c, WARMUP);
    record("floor CatalogPage", c, await load(floor.port, floorOp, c, DURATION));
  }
  const floorRss = (await stats(floor)).maxRssMb;
  floor.child.kill();

  const statementsPerOp: Record<string, number> = {};
  const peakRss: Record<string, number> = {};
  for (const mode of ["graphql", "graphql-cached"]) {
    const server = await startServer(mode);
    // Statements of one request of each operation, measured before any load (so none is in flight),
    // after a first request of another operation has loaded the in-memory reference data.
    if (mode === "graphql")
      await fetch(`http://127.0.0.1:${server.port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: body(CATALOG_PAGE, { first: 1, filter: { stars: [5] } }),
      });
    for (const op of mode === "graphql" ? ops : []) {
      const before = (await stats(server)).statements;
      await fetch(`http://127.0.0.1:${server.port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: op.body,
      });
      statementsPerOp[op.name] = (await stats(server)).statements - before;
    }
    for (const op of ops) {
      for (const c of CONNECTIONS) {
        await load(server.port, op, c, WARMUP);
        const r = await load(server.port, op, c, DURATION);
        record(`${mode} ${op.name}`, c, r);
      }
    }
    peakRss[mode] = (await stats(server)).maxRssMb;
    server.child.kill();
  }

  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  rows.push(`# Benchmark results`, "");
  rows.push(
    `Run on ${new Date().toISOString()} (${process.platform}, Node ${process.version}), \`npm run bench\`, ${DURATION} s per cell after a ${WARMUP} s warm-up, autocannon on loopback.`,
  );
  rows.push(
    `Dataset: ${counts.provinces} provinces, ${counts.communes} communes, ${counts.producers} producers, ${counts.products} products (${counts.searchWords} search words), seed 20251031.`,
    "",
  );
  rows.push(
    "Uncached: the response cache is off; a listing's total and facet counts are still memoized per filter for 60 s (as in production). SQL/request: the first request of each operation.",
    "",
  );
  rows.push(
    line([
      "operation",
      "conns",
      "uncached req/s",
      "p50 ms",
      "p99 ms",
      "× floor",
      "cached req/s",
      "cached p99 ms",
      "cached × floor",
      "errors",
      "SQL/request",
    ]),
  );
  rows.push(line(Array(11).fill("---")));
  for (const op of ops) {
    for (const c of CONNECTIONS) {
      const u1 = results[`graphql ${op.name}@${c}`];
      const c1 = results[`graphql-cached ${op.name}@${c}`];
      const f = results[`floor CatalogPage@${c}`];
      const ratio = (x: number) => (op.name === "CatalogPage" ? (x / f.rps).toFixed(2) : "–");
      rows.push(
        line([
          op.name,
          c,
          u1.rps.toFixed(0),
          u1.p50,
          u1.p99,
          ratio(u1.rps),
          c1.rps.toFixed(0),
          c1.p99,
          ratio(c1.rps),
          u1.errors + c1.errors,
          statementsPerOp[op.name],
        ]),
      );
    }
  }
  for (const c of CONNECTIONS) {
    const f = results[`floor CatalogPage@${c}`];
    rows.push(
      line([
        "floor (hand-written CatalogPage)",
        c,
        f.rps.toFixed(0),
        f.p50,
        f.p99,
        "1.00",
        "",
        "",
        "",
        f.errors,
        6,
      ]),
    );
  }
  rows.push(
    "",
    `Peak RSS: GraphQL server ${peakRss.graphql} MB uncached, ${peakRss["graphql-cached"]} MB with the response cache; floor ${floorRss} MB.`,
  );
  const text = `${rows.join("\n")}\n`;
  writeFileSync(join(projectRoot(), "bench", "results.md"), text);
  console.log(`\n${text}`);
}

main().catch((e) => {
  console.error(`bench: ${e instanceof Error ? e.stack : e}`);
  process.exit(1);
});
