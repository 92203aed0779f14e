import type { DataSource } from "typeorm";
import { loadConfig } from "../../src/config";
import { vietnamDate } from "../../src/core/time";
import { openReplicas } from "../../src/db/open";
import { createLogger } from "../../src/logger";
import { dataSourceFor } from "../../src/db/data-source";
import { SqlLogger } from "../../src/db/sql-logger";
import { TEST_DATABASE_URL, TEST_ON_SQLITE, type TestDb } from "../support/db";
import { makeProduct } from "../support/factory";
import { FixedClock, testApp } from "../support/http";
import { CATALOG_PAGE, op, PRODUCT_DETAIL, VERIFY_CERTIFICATE } from "../support/operations";
import { useStaffApp } from "../support/staff";

/**
 * DATABASE_REPLICA_URLS: the public's catalog reads go to the replicas, everything of staff to the primary.
 * Proved on one MariaDB database reached as two users, a "primary" and a "replica", by the statements
 * MariaDB counts per user (INFORMATION_SCHEMA.USER_STATISTICS, with userstat on).
 */
const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
const PRIMARY = "ocop_primary_test";
const REPLICA = "ocop_replica_test";

const as = (user: string) => {
  const url = new URL(TEST_DATABASE_URL);
  url.username = user;
  url.password = "test-password";
  return url.toString();
};

(TEST_ON_SQLITE ? describe.skip : describe)("reads on replicas", () => {
  // Before useStaffApp's: it closes the root connection this needs.
  afterAll(async () => {
    await t.db.dataSource.query("SET GLOBAL userstat = 0");
    await primary?.dataSource.destroy();
    await replica?.destroy();
  });
  const t = useStaffApp(clock); // the staff users, on the root connection
  let primary: TestDb;
  let replica: DataSource;
  let app: Awaited<ReturnType<typeof testApp>>;

  beforeAll(async () => {
    const root = t.db.dataSource;
    const database = new URL(TEST_DATABASE_URL).pathname.slice(1);
    for (const user of [PRIMARY, REPLICA]) {
      await root.query(`CREATE USER IF NOT EXISTS '${user}'@'%' IDENTIFIED BY 'test-password'`);
      await root.query(`GRANT ALL ON \`${database}\`.* TO '${user}'@'%'`);
    }
    await root.query("SET GLOBAL userstat = 1");
    const config = loadConfig({
      DATABASE_URL: as(PRIMARY),
      DATABASE_REPLICA_URLS: as(REPLICA),
      JWT_SECRET: "x".repeat(40),
      SIGNING_KEY_FILE: "/etc/ocop/signing-keys.json",
    });
    expect(config.replicaUrls).toEqual([as(REPLICA)]);
    const sql = new SqlLogger();
    const primaryDataSource = await dataSourceFor(config.database, sql);
    primary = { dataSource: await primaryDataSource.initialize(), sql };
    replica = (await openReplicas(config, createLogger("silent")))!;
    app = await testApp(primary, clock, {}, { readDataSource: replica });
  });

  /** Statements MariaDB counted for each user since the last call. */
  async function statementsSince(): Promise<Record<string, number>> {
    const rows: { USER: string; n: string | number }[] = await t.db.dataSource.query(
      "SELECT USER, SELECT_COMMANDS + UPDATE_COMMANDS + OTHER_COMMANDS AS n FROM INFORMATION_SCHEMA.USER_STATISTICS WHERE USER IN (?, ?)",
      [PRIMARY, REPLICA],
    );
    await t.db.dataSource.query("FLUSH USER_STATISTICS");
    const counts = Object.fromEntries(rows.map((r) => [r.USER, Number(r.n)]));
    return { primary: counts[PRIMARY] ?? 0, replica: counts[REPLICA] ?? 0 };
  }

  it("sends the public's catalog reads to the replica, and staff requests and every write to the primary", async () => {
    const { product, certificate } = await makeProduct(t.db.dataSource, {
      name: "Mật ong bạc hà",
      stars: 4,
      decisionDate: "2026-01-10",
    });
    await app.services.catalog.sweptToday(vietnamDate(clock.instant)); // DailySweep's (a write, on the primary)
    await app.gql(CATALOG_PAGE, { first: 5 }); // reference data
    await statementsSince();

    const publicAnswers = [
      await app.gql(CATALOG_PAGE, { first: 5, filter: { stars: [4] } }),
      await app.gql(op("CatalogFacets"), { filter: { communeCodes: ["03390"] } }),
      await app.gql(PRODUCT_DETAIL, { slug: product.slug }),
      await app.gql(VERIFY_CERTIFICATE, { number: certificate!.number }),
      await app.gql(op("Communes"), {}),
      await app.gql(op("CatalogChanges"), { first: 10 }),
    ];
    for (const r of publicAnswers) expect(r.body.errors).toBeUndefined();
    const publicReads = await statementsSince();
    expect(publicReads.primary).toBe(0);
    expect(publicReads.replica).toBeGreaterThan(6);

    // A staff edit, then the same officer reads the catalog: all on the primary, and they see their change.
    const renamed = await app.gql(
      "mutation($input: UpdateProductInput!) { updateProduct(input: $input) { id } }",
      { input: { id: String(product.id), name: "Mật ong bạc hà Lai Châu" } },
      t.staff.binhLu.headers,
    );
    expect(renamed.body.errors).toBeUndefined();
    const own = await app.gql(PRODUCT_DETAIL, { slug: product.slug }, t.staff.binhLu.headers);
    expect(own.body.data.product.name).toBe("Mật ong bạc hà Lai Châu");
    const staff = await statementsSince();
    expect(staff.replica).toBe(0);
    expect(staff.primary).toBeGreaterThan(3);
  });
});
