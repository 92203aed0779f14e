import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { createConnection } from "mysql2/promise";
import { DataSource } from "typeorm";
import type { MysqlDataSourceOptions } from "typeorm/driver/mysql/MysqlDataSourceOptions";
import type { Config } from "../config";
import { entities } from "./entities";
import { SqlLogger } from "./sql-logger";

export const MIGRATIONS_GLOB = join(__dirname, "..", "..", "migrations", "*.{js,ts}");

/**
 * MySQL/MariaDB (production; schema from migrations only) or embedded SQLite (demo; schema synchronised
 * from the entities at start). Dates without time come back as "YYYY-MM-DD" strings and instants are UTC,
 * so nothing depends on the server's TZ.
 */
export function createDataSource(
  database: Config["database"],
  logger = new SqlLogger(),
  flavor: MysqlFlavor = "mysql",
): DataSource {
  if (database.kind === "mysql")
    return new DataSource({ ...mysqlOptions(flavor, logger), url: database.url });
  if (database.path !== ":memory:") mkdirSync(dirname(database.path), { recursive: true });
  return new DataSource({
    type: "better-sqlite3",
    database: database.path,
    enableWAL: true,
    entities,
    synchronize: true,
    logger,
    maxQueryExecutionTime: 500,
  });
}

export type MysqlFlavor = "mysql" | "mariadb";

function mysqlOptions(flavor: MysqlFlavor, logger: SqlLogger): MysqlDataSourceOptions {
  return {
    type: flavor,
    charset: "utf8mb4_unicode_ci",
    timezone: "Z",
    dateStrings: ["DATE"],
    poolSize: 10,
    entities,
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: "migrations",
    synchronize: false,
    logger,
    maxQueryExecutionTime: 500,
    // No stack captured at every query for errors that may never come (a measured share of a page's CPU);
    // a failed statement is logged with its code and SQL (SqlLogger).
    trace: false,
  };
}

/**
 * The replicas (DATABASE_REPLICA_URLS) as one data source for reading: each read goes to one of them, at
 * random (TypeORM's replication); it never writes. Not yet initialised.
 */
export async function replicaDataSourceFor(urls: string[], logger = new SqlLogger()): Promise<DataSource> {
  return new DataSource({
    ...mysqlOptions(await detectMysqlFlavor(urls[0]), logger),
    replication: { master: { url: urls[0] }, slaves: urls.map((url) => ({ url })) },
  });
}

/**
 * MySQL or MariaDB? TypeORM must be told: it reads column defaults differently, and a wrong guess makes
 * the schema look drifted. Asking the server also turns a bad URL into one clear error before anything else.
 */
export async function detectMysqlFlavor(url: string): Promise<MysqlFlavor> {
  const connection = await createConnection({ uri: url, connectTimeout: 10_000 });
  try {
    const [rows] = await connection.query("SELECT VERSION() AS version");
    return /mariadb/i.test((rows as { version: string }[])[0].version) ? "mariadb" : "mysql";
  } finally {
    await connection.end();
  }
}

/** A data source for the configured database, of the right flavour; not yet initialised. */
export async function dataSourceFor(
  database: Config["database"],
  logger = new SqlLogger(),
): Promise<DataSource> {
  if (database.kind === "sqlite") return createDataSource(database, logger);
  return createDataSource(database, logger, await detectMysqlFlavor(database.url));
}
