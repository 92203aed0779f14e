// npm run bench: generates a national-scale catalog into its own MySQL database, then measures the public
// operations with autocannon on loopback against the GraphQL server (uncached and with the response cache)
// and against a hand-written floor. Writes bench/results.md. A measurement, not a test: it asserts nothing.
import "reflect-metadata";
import { fork, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { scaleReport } from "./scale";
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
const SEARCH = `query SearchProducts($filter: ProductFilter!, $language: Language, $first: Int, $after: String) {
  products(filter: $filter, sort: { field: RELEVANCE }, language: $language, first: $first, after: $after) { totalCount
    pageInfo { hasNextPage endCursor } edges { cursor node { id slug name nameEn stars category { id code nameEn }
      commune { id code name } producer { id name } } } } }`;
const SUGGESTIONS = `query ProductSuggestions($prefix: String!, $first: Int) { productSuggestions(prefix: $prefix, first: $first) {
  kind text product { id slug name } producer { id name } commune { id code name } } }`;
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

type Stats = { maxRssMb: number; statements: number; cpuMs: number };
const stats = (s: Server) =>
  new Promise<Stats>((resolve) => {
    s.child.once("message", (m: any) => resolve(m));
    s.child.send({ cmd: "stats" });
  });

/** What a client sends: a POST of a query, or a GET of a URL (a persisted query, or the floor's page). */
type Req = { method: "POST"; body: string } | { method: "GET"; path: string };
type Op = { name: string; body: string; query: string; variables: object };
type Cell = { rps: number; p50: number; p99: number; errors: number; cpuMs: number };

async function load(port: number, req: Req, connections: number, duration: number) {
  let bad = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration,
    requests: [
      {
        ...(req.method === "POST"
          ? {
              method: "POST",
              path: "/graphql",
              headers: { "content-type": "application/json" },
              body: req.body,
            }
          : { method: "GET", path: req.path, headers: { "apollo-require-preflight": "true" } }),
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
    requests: result.requests.total,
  };
}

/** A warm-up, then the measured load, with the server's CPU time per request served meanwhile. */
async function measure(server: Server, req: Req, connections: number): Promise<Cell> {
  await load(server.port, req, connections, WARMUP);
  const before = await stats(server);
  const r = await load(server.port, req, connections, DURATION);
  const after = await stats(server);
  return { ...r, cpuMs: (after.cpuMs - before.cpuMs) / Math.max(1, r.requests) };
}

/** The URL of a persisted query: its hash, its variables (the query itself only the first time). */
function persistedPath(op: Op, withQuery = false): string {
  const params = new URLSearchParams({
    operationName: op.name.split(" ")[0],
    variables: JSON.stringify(op.variables),
    extensions: JSON.stringify({
      persistedQuery: { version: 1, sha256Hash: createHash("sha256").update(op.query).digest("hex") },
    }),
    ...(withQuery ? { query: op.query } : {}),
  });
  return `/graphql?${params.toString()}`;
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
  // The commune with the most listed 4★ products: a selective page that still fills.
  const [{ busiest }] = await ds.query(
    "SELECT communeCode AS busiest FROM product WHERE certificateExpiresOn >= ? AND stars = 4 GROUP BY communeCode ORDER BY COUNT(*) DESC LIMIT 1",
    [today],
  );
  const [{ word }] = await ds.query(
    "SELECT SUBSTRING_INDEX(name, ' ', 1) AS word FROM product WHERE slug = ?",
    [slug],
  );
  await ds.destroy();

  const op = (name: string, query: string, variables: object): Op => ({
    name,
    query,
    variables,
    body: JSON.stringify({ query, variables }),
  });
  const filtered = {
    communeCodes: [communeCode],
    categoryCodes: [categoryCode.split(".")[0]],
    search: word.slice(0, 3),
  };
  const communeStars = { communeCodes: [busiest], stars: [4] };
  const ops: Op[] = [
    op("CatalogPage", CATALOG_PAGE, { first: 20 }),
    op("CatalogPage commune 4★", CATALOG_PAGE, { first: 20, filter: communeStars }),
    op("CatalogPage filtered", CATALOG_PAGE, { first: 20, filter: filtered }),
    op("CatalogFacets", CATALOG_FACETS, { filter: { stars: [4] } }),
    // A search by relevance of a whole name word (thousands of matches to rank), and as-you-type.
    op("SearchProducts", SEARCH, { filter: { search: word }, language: "VI", first: 20 }),
    op("ProductSuggestions", SUGGESTIONS, { prefix: word.slice(0, 3) }),
    op("ProductDetail", PRODUCT_DETAIL, { slug }),
    op("VerifyCertificate", VERIFY, { number }),
  ];
  /** The pages the hand-written floor answers, at the path it answers them. */
  const floorPaths: Record<string, string> = {
    CatalogPage: "/page",
    "CatalogPage commune 4★": `/page?commune=${busiest}&stars=4`,
  };
  if (ONLY) ops.splice(0, ops.length, ...ops.filter((o) => ONLY.includes(o.name)));

  const results: Record<string, Cell> = {};
  const record = (label: string, connections: number, r: Cell) => {
    results[`${label}@${connections}`] = r;
    console.log(
      `${label} @${connections}: ${r.rps.toFixed(0)} req/s p50 ${r.p50} ms p99 ${r.p99} ms CPU ${r.cpuMs.toFixed(2)} ms/req errors ${r.errors}`,
    );
  };

  // The floor first: the statements the API issues for the page, and JSON of the same shape.
  const floor = await startServer("floor");
  for (const [name, path] of Object.entries(floorPaths)) {
    if (!ops.some((o) => o.name === name)) continue;
    for (const c of CONNECTIONS) record(`floor ${name}`, c, await measure(floor, { method: "GET", path }, c));
  }
  const floorStats = await stats(floor);
  floor.child.kill();

  const statementsPerOp: Record<string, number> = {};
  const peakRss: Record<string, number> = {};
  for (const mode of ["graphql", "graphql-cached"]) {
    const server = await startServer(mode);
    const post = (body: string) =>
      fetch(`http://127.0.0.1:${server.port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
    if (mode === "graphql") {
      // Statements of one request of each operation, measured before any load (so none is in flight),
      // after a first request of another operation has loaded the in-memory reference data.
      await post(JSON.stringify({ query: CATALOG_PAGE, variables: { first: 1, filter: { stars: [5] } } }));
      for (const o of ops) {
        const before = (await stats(server)).statements;
        await post(o.body);
        statementsPerOp[o.name] = (await stats(server)).statements - before;
      }
    }
    for (const o of ops)
      for (const c of CONNECTIONS)
        record(`${mode} ${o.name}`, c, await measure(server, { method: "POST", body: o.body }, c));
    if (mode === "graphql-cached") {
      // Persisted queries over GET, as a portal behind a CDN sends them (the server's byte cache).
      for (const o of ops) {
        await fetch(`http://127.0.0.1:${server.port}${persistedPath(o, true)}`, {
          headers: { "apollo-require-preflight": "true" },
        });
        for (const c of CONNECTIONS)
          record(
            `persisted ${o.name}`,
            c,
            await measure(server, { method: "GET", path: persistedPath(o) }, c),
          );
      }
    }
    peakRss[mode] = (await stats(server)).maxRssMb;
    server.child.kill();
  }

  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  const rows: string[] = [];
  rows.push(`# Benchmark results`, "");
  rows.push(
    `Run on ${new Date().toISOString()} (${process.platform}, Node ${process.version}, ${cpus().length} cores shared by MariaDB, the server and autocannon), \`npm run bench\`, ${DURATION} s per cell after a ${WARMUP} s warm-up, autocannon on loopback.`,
  );
  rows.push(
    `Dataset: ${counts.provinces} provinces, ${counts.communes} communes, ${counts.producers} producers, ${counts.products} products (${counts.searchWords} search words), seed 20251031.`,
    "",
  );
  rows.push(
    "- **uncached**: POST, the response cache off; a listing's total and facet counts are still memoized per filter for 60 s (as in production).",
    "- **cached**: POST with the response cache (inside Apollo: the request is still parsed and planned).",
    "- **persisted GET**: Apollo's persisted query (its hash) over GET, as a portal behind a CDN sends it, answered from stored bytes before Apollo.",
    "- **CPU**: the server process's CPU time (user + system) during the cell divided by the requests it answered.",
    "- **× floor**: throughput over the floor's: hand-written SQL issuing the statements the API issues for that page (`bench/server.ts`), and JSON of the same shape. **CPU ÷ floor's**: the server's CPU per request over the floor's in the same run (the target is ≤ 2).",
    "- **SQL**: statements of one uncached request.",
    "",
  );
  rows.push(
    line([
      "operation",
      "conns",
      "uncached req/s",
      "p50 ms",
      "p99 ms",
      "CPU ms/req",
      "× floor",
      "CPU ÷ floor's",
      "cached req/s",
      "p99 ms",
      "CPU ms/req",
      "persisted GET req/s",
      "p99 ms",
      "CPU ms/req",
      "SQL",
      "errors",
    ]),
  );
  rows.push(line(Array(16).fill("---")));
  for (const o of ops)
    for (const c of CONNECTIONS) {
      const [u, k, p] = ["graphql", "graphql-cached", "persisted"].map((m) => results[`${m} ${o.name}@${c}`]);
      const f = results[`floor ${o.name}@${c}`];
      rows.push(
        line([
          o.name,
          c,
          u.rps.toFixed(0),
          u.p50,
          u.p99,
          u.cpuMs.toFixed(2),
          f ? (u.rps / f.rps).toFixed(2) : "–",
          f ? (u.cpuMs / f.cpuMs).toFixed(2) : "–",
          k.rps.toFixed(0),
          k.p99,
          k.cpuMs.toFixed(2),
          p.rps.toFixed(0),
          p.p99,
          p.cpuMs.toFixed(2),
          statementsPerOp[o.name],
          u.errors + k.errors + p.errors,
        ]),
      );
    }
  rows.push("", line(["floor", "conns", "req/s", "p50 ms", "p99 ms", "CPU ms/req", "errors"]));
  rows.push(line(Array(7).fill("---")));
  for (const name of Object.keys(floorPaths))
    for (const c of CONNECTIONS) {
      const f = results[`floor ${name}@${c}`];
      if (f) rows.push(line([name, c, f.rps.toFixed(0), f.p50, f.p99, f.cpuMs.toFixed(2), f.errors]));
    }
  rows.push(
    "",
    `Peak RSS: GraphQL server ${peakRss.graphql} MB uncached, ${peakRss["graphql-cached"]} MB with the response cache and persisted GETs; floor ${floorStats.maxRssMb} MB.`,
    "",
    "Where the server's CPU goes against the floor's (a profile) and what is left: `bench/README.md`, \"Server CPU per page\".",
  );
  // The catalog at BENCH_SCALE× (default 10): pages, facets and the day's first requests, one at a time.
  if (!ONLY) rows.push("", ...(await scaleReport()));
  const text = `${rows.join("\n")}\n`;
  writeFileSync(join(projectRoot(), "bench", "results.md"), text);
  console.log(`\n${text}`);
}

main().catch((e) => {
  console.error(`bench: ${e instanceof Error ? e.stack : e}`);
  process.exit(1);
});
