// A server for the benchmark, in its own process so that its memory and event loop are its own.
//   node dist/bench/server.js graphql|graphql-cached|floor   (BENCH_DATABASE_URL names the database)
// Prints "listening <port>"; answers IPC {cmd:"stats"} with peak RSS and SQL statements so far.
import "reflect-metadata";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createPool } from "mysql2/promise";
import { createApp } from "../src/app";
import { dataSourceFor } from "../src/db/data-source";
import { SqlLogger } from "../src/db/sql-logger";
import { createLogger } from "../src/logger";
import { vietnamDate } from "../src/core/time";

const mode = process.argv[2];
const url = process.env.BENCH_DATABASE_URL!;
let statements = () => 0;

async function graphqlServer(responseCache: boolean) {
  const sql = new SqlLogger();
  statements = () => sql.statements;
  const dataSource = await dataSourceFor({ kind: "mysql", url }, sql);
  await dataSource.initialize();
  const { app } = await createApp({
    dataSource,
    config: {
      jwtSecret: "bench-secret-bench-secret-bench-secret",
      jwtTtlHours: 8,
      filesDir: "/tmp/ocop-bench-files",
    },
    log: createLogger("silent"),
    responseCache,
  });
  return createServer(app);
}

/** The floor: the same CatalogPage answer from hand-written queries and JSON.stringify, no GraphQL. */
async function floorServer() {
  const pool = createPool({ uri: url, connectionLimit: 10, dateStrings: ["DATE"] });
  let count = 0;
  statements = () => count;
  const q = async <T>(sqlText: string, params: unknown[]) => {
    count++;
    return (await pool.query(sqlText, params))[0] as T[];
  };
  return createServer(async (_req: IncomingMessage, res: ServerResponse) => {
    const today = vietnamDate(new Date());
    const where = "p.certificateExpiresOn >= ?";
    const [rows, [{ total }]] = await Promise.all([
      q<any>(`SELECT p.* FROM product p WHERE ${where} ORDER BY p.nameKey, p.id LIMIT 21`, [today]),
      q<any>(`SELECT COUNT(*) AS total FROM product p WHERE ${where}`, [today]),
    ]);
    const page = rows.slice(0, 20);
    const ids = (xs: unknown[]) => [...new Set(xs)];
    const [categories, communes, producers, certificates] = await Promise.all([
      q<any>("SELECT code, name, nameEn FROM category WHERE code IN (?)", [
        ids(page.map((p) => p.categoryCode)),
      ]),
      q<any>("SELECT code, name FROM commune WHERE code IN (?)", [ids(page.map((p) => p.communeCode))]),
      q<any>("SELECT id, name, kind FROM producer WHERE id IN (?)", [ids(page.map((p) => p.producerId))]),
      q<any>("SELECT * FROM certificate WHERE id IN (?)", [ids(page.map((p) => p.currentCertificateId))]),
    ]);
    const by = <T extends Record<string, any>>(xs: T[], k: string) => new Map(xs.map((x) => [x[k], x]));
    const [cat, com, pro, cer] = [
      by(categories, "code"),
      by(communes, "code"),
      by(producers, "id"),
      by(certificates, "id"),
    ];
    const body = {
      data: {
        products: {
          totalCount: Number(total),
          pageInfo: {
            hasNextPage: rows.length > 20,
            endCursor: page.length ? Buffer.from(String(page.at(-1).id)).toString("base64url") : null,
          },
          edges: page.map((p) => {
            const c = cer.get(p.currentCertificateId);
            return {
              cursor: Buffer.from(String(p.id)).toString("base64url"),
              node: {
                id: String(p.id),
                slug: p.slug,
                name: p.name,
                stars: p.stars,
                category: cat.get(p.categoryCode),
                commune: com.get(p.communeCode),
                producer: { ...pro.get(p.producerId), id: String(p.producerId) },
                certificate: {
                  number: c.number,
                  stars: c.stars,
                  status: "ACTIVE",
                  issuedOn: c.issuedOn,
                  expiresOn: c.expiresOn,
                },
              },
            };
          }),
        },
      },
    };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
}

(async () => {
  const server = mode === "floor" ? await floorServer() : await graphqlServer(mode === "graphql-cached");
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    process.send?.({ listening: typeof address === "object" && address ? address.port : 0 });
  });
  process.on("SIGINT", () => process.exit(0)); // a normal exit, so --cpu-prof can write its profile
  process.on("message", (m: { cmd?: string }) => {
    if (m.cmd === "stats")
      process.send?.({
        maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        statements: statements(),
      });
  });
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
