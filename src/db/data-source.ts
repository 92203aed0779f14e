import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { DataSource } from "typeorm";
import type { Config } from "../config";
import { entities } from "./entities";
import { SqlLogger } from "./sql-logger";

export const MIGRATIONS_GLOB = join(__dirname, "..", "..", "migrations", "*.{js,ts}");

/**
 * MySQL/MariaDB (production; schema from migrations only) or embedded SQLite (demo; schema synchronised
 * from the entities at start). Dates without time come back as "YYYY-MM-DD" strings and instants are UTC,
 * so nothing depends on the server's TZ.
 */
export function createDataSource(database: Config["database"], logger = new SqlLogger()): DataSource {
  if (database.kind === "mysql") {
    return new DataSource({
      type: "mysql",
      url: database.url,
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
    });
  }
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
