import { CatalogWriteCheck } from "../../src/catalog/catalog-written";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { dataSourceFor } from "../../src/db/data-source";
import { loadReferenceData } from "../../src/db/reference/load-reference";
import { SqlLogger } from "../../src/db/sql-logger";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "mysql://root@127.0.0.1:3306/ocop_test";

/** The same server as TEST_DATABASE_URL, another database name. */
export function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Another database on the same server, named after TEST_DATABASE_URL's ("ocop_test" → "ocop_test_cli"): tests touch no other names. */
export const siblingDatabaseUrl = (suffix: string) =>
  databaseUrl(`${decodeURIComponent(new URL(TEST_DATABASE_URL).pathname.slice(1))}_${suffix}`);

import { ensureDatabase } from "../../src/db/ensure-database";

export { ensureDatabase };

/** Tables that tests fill; reference data (provinces, communes, categories) stays loaded. */
const TEST_TABLES = [
  "catalog_generation",
  "catalog_count",
  "catalog_count_rollup",
  "catalog_count_commune",
  "catalog_count_commune_category",
  "product_image",
  "point_of_sale",
  "potential_product",
  "plan_target",
  "revocation_recommendation",
  "violation",
  "inspection",
  "expiry_notice",
  "score_sheet",
  "dossier_document",
  "dossier",
  "evaluation_round",
  "stored_file",
  "product_search_token",
  "certificate",
  "certificate_sequence",
  "product",
  "producer",
  "audit_event",
  "login_throttle",
  "user",
];

export type TestDb = { dataSource: DataSource; sql: SqlLogger };

/**
 * `TEST_DB=sqlite` runs a test file on the embedded SQLite database (a fresh file, schema from the
 * entities) instead: `npm test` runs the staff files that way too, since both databases must behave alike.
 */
export const TEST_ON_SQLITE = process.env.TEST_DB === "sqlite";

/** The migrated test database with reference data, opened for one test file. */
export async function openTestDb(): Promise<TestDb> {
  if (TEST_ON_SQLITE) {
    const sql = new SqlLogger();
    const dataSource = await dataSourceFor(
      { kind: "sqlite", path: join(mkdtempSync(join(tmpdir(), "ocop-sqlite-")), "test.sqlite") },
      sql,
    );
    await dataSource.initialize();
    checkCatalogWrites(dataSource);
    await loadReferenceData(dataSource);
    return { dataSource, sql };
  }
  await ensureDatabase(TEST_DATABASE_URL);
  const sql = new SqlLogger();
  const dataSource = await dataSourceFor({ kind: "mysql", url: TEST_DATABASE_URL }, sql);
  await dataSource.initialize();
  checkCatalogWrites(dataSource);
  await dataSource.runMigrations({ transaction: "each" });
  await loadReferenceData(dataSource);
  return { dataSource, sql };
}

/** Every test's writes to the catalog go through catalogWritten, or their transaction fails (see CatalogWriteCheck). */
function checkCatalogWrites(dataSource: DataSource): void {
  dataSource.subscribers.push(new CatalogWriteCheck());
}

/** Empties the tables tests write to. */
export async function clearTestData(dataSource: DataSource, { keepUsers = false } = {}): Promise<void> {
  const tables = keepUsers ? TEST_TABLES.filter((t) => t !== "user" && t !== "login_throttle") : TEST_TABLES;
  if (dataSource.options.type === "better-sqlite3") {
    await dataSource.query("PRAGMA foreign_keys = OFF");
    try {
      // login_throttle is made by the first app on this file (not an entity).
      for (const table of tables)
        await dataSource.query(`DELETE FROM "${table}"`).catch((e: Error) => {
          if (!/no such table/.test(e.message)) throw e;
        });
    } finally {
      await dataSource.query("PRAGMA foreign_keys = ON");
    }
    return;
  }
  await dataSource.query("SET FOREIGN_KEY_CHECKS = 0");
  try {
    for (const table of tables) await dataSource.query(`DELETE FROM \`${table}\``);
  } finally {
    await dataSource.query("SET FOREIGN_KEY_CHECKS = 1");
  }
}
