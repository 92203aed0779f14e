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
import { SigningKeys } from "../src/signing/keys";

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
    signingKeys: await SigningKeys.ephemeral(),
    responseCache,
  });
  return createServer(app);
}

const PRODUCT_COLUMNS = [
  "name",
  "nameKey",
  "id",
  "slug",
  "description",
  "nameEn",
  "descriptionEn",
  "categoryCode",
  "producerId",
  "communeCode",
  "currentCertificateId",
  "archivedAt",
  "stars",
  "certifiedOn",
  "certificateExpiresOn",
  "catalogSeq",
  "createdAt",
  "updatedAt",
];
const PRODUCER_COLUMNS = [
  "name",
  "nameKey",
  "id",
  "kind",
  "registrationNumber",
  "representative",
  "address",
  "communeCode",
  "phone",
  "email",
  "website",
  "publicContact",
  "openingHours",
  "latitude",
  "longitude",
  "createdAt",
  "updatedAt",
];
const CERTIFICATE_COLUMNS = [
  "id",
  "number",
  "productId",
  "decisionNumber",
  "stars",
  "decisionDate",
  "issuedOn",
  "issuedBy",
  "expiresOn",
  "revokedOn",
  "revocationReason",
  "revocationDecisionNumber",
  "revocationGrounds",
  "revokedBy",
  "ministryRevocationProposal",
  "supersededById",
  "createdAt",
  "updatedAt",
];
const select = (alias: string, columns: string[]) =>
  columns.map((c) => `\`${alias}\`.\`${c}\` AS \`${alias}_${c}\``).join(", ");

/**
 * The floor: the CatalogPage answer (all products by name, or one commune's 4★) from exactly the statements
 * the API issues for it (the page, the total from the counts, producers, certificates; categories and
 * communes from memory, read once), turned into JSON of the same shape with JSON.stringify. No GraphQL.
 */
async function floorServer() {
  const pool = createPool({ uri: url, connectionLimit: 10, dateStrings: ["DATE"] });
  let count = 0;
  statements = () => count;
  const q = async <T>(sqlText: string, params: unknown[]) => {
    count++;
    return (await pool.query(sqlText, params))[0] as T[];
  };
  const by = <T extends Record<string, any>>(xs: T[], k: string) => new Map(xs.map((x) => [x[k], x]));
  const categories = by(await q<any>("SELECT code, name, nameEn FROM category", []), "code");
  const communes = by(await q<any>("SELECT code, name FROM commune", []), "code");
  const cursor = (p: any) =>
    `${Buffer.from(JSON.stringify(["NAME", "ASC", p.p_nameKey, p.p_id])).toString("base64url")}.floor`;
  return createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const today = vietnamDate(new Date());
    const query = new URL(req.url ?? "/", "http://floor").searchParams;
    const commune = query.get("commune");
    const stars = query.get("stars") ? Number(query.get("stars")) : null;
    const where = [
      "`p`.`certificateExpiresOn` >= ?",
      ...(commune ? ["`p`.`communeCode` IN (?)"] : []),
      ...(stars ? ["`p`.`stars` IN (?)"] : []),
    ].join(" AND ");
    const params = [today, ...(commune ? [commune] : []), ...(stars ? [stars] : [])];
    const [rows, [{ total }]] = await Promise.all([
      q<any>(
        `SELECT ${select("p", PRODUCT_COLUMNS)} FROM \`product\` \`p\` WHERE ${where} ORDER BY \`p\`.\`nameKey\` ASC, \`p\`.\`id\` ASC LIMIT 21`,
        params,
      ),
      commune
        ? q<any>(
            "SELECT SUM(`k`.`count`) AS `total` FROM `catalog_count_commune` `k` WHERE `k`.`count` > 0 AND `k`.`communeCode` IN (?) AND `k`.`stars` IN (?)",
            [commune, stars],
          )
        : q<any>(
            "SELECT SUM(`k`.`count`) AS `total` FROM `catalog_count_rollup` `k` WHERE `k`.`count` > 0",
            [],
          ),
    ]);
    const page = rows.slice(0, 20);
    const ids = (xs: unknown[]) => [...new Set(xs)];
    const byIds = (table: string, columns: string[], ids: unknown[]) =>
      q<any>(
        `SELECT ${columns.map((c) => `e.\`${c}\` AS \`e_${c}\``).join(", ")} FROM \`${table}\` e WHERE e.\`id\` IN (${ids.map(() => "?").join(", ")})`,
        ids,
      );
    const [producers, certificates] = page.length
      ? await Promise.all([
          byIds("producer", PRODUCER_COLUMNS, ids(page.map((p) => p.p_producerId))),
          byIds("certificate", CERTIFICATE_COLUMNS, ids(page.map((p) => p.p_currentCertificateId))),
        ])
      : [[], []];
    const [pro, cer] = [by(producers, "e_id"), by(certificates, "e_id")];
    const body = {
      data: {
        products: {
          totalCount: Number(total ?? 0),
          pageInfo: { hasNextPage: rows.length > 20, endCursor: page.length ? cursor(page.at(-1)) : null },
          edges: page.map((p) => {
            const c = cer.get(p.p_currentCertificateId);
            const producer = pro.get(p.p_producerId);
            const category = categories.get(p.p_categoryCode);
            const place = communes.get(p.p_communeCode);
            return {
              cursor: cursor(p),
              node: {
                id: String(p.p_id),
                slug: p.p_slug,
                name: p.p_name,
                stars: p.p_stars,
                category: { code: category.code, name: category.name, nameEn: category.nameEn },
                commune: { code: place.code, name: place.name },
                producer: { id: String(producer.e_id), name: producer.e_name, kind: producer.e_kind },
                certificate: {
                  number: c.e_number,
                  stars: c.e_stars,
                  status: "ACTIVE",
                  issuedOn: c.e_issuedOn,
                  expiresOn: c.e_expiresOn,
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
        cpuMs: (({ user, system }) => (user + system) / 1000)(process.cpuUsage()),
      });
  });
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
