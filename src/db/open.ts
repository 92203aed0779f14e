import { vietnamDate } from "../core/time";
import type { DataSource } from "typeorm";
import type { Logger } from "pino";
import type { Config } from "../config";
import { dataSourceFor, replicaDataSourceFor } from "./data-source";
import { DEMO_PASSWORD, describeDemoUsers, loadDemoUsers } from "./demo/demo-users";
import { loadDemoCatalog } from "./demo/load-demo";
import { loadDemoContent } from "./demo/load-demo-content";
import { loadReferenceData } from "./reference/load-reference";
import { SqlLogger } from "./sql-logger";
import { allRuleSets, criteriaSheetsIn } from "../rules/rule-book";

/** A start-up failure with a one-line, secret-free explanation. */
export class StartupError extends Error {}

/** "mysql://ocop@db:3306/ocop" without the password. */
export function describeDatabase(database: Config["database"]): string {
  if (database.kind === "sqlite") return `SQLite file ${database.path}`;
  const url = new URL(database.url);
  return `MySQL ${url.username ? `${decodeURIComponent(url.username)}@` : ""}${url.host}${url.pathname}`;
}

/**
 * Connects and makes the schema ready: on MySQL runs pending migrations when asked (else refuses to
 * start on a database that is behind); on SQLite creates the schema and loads reference and demo data.
 */
export async function openDatabase(
  config: Pick<Config, "database" | "migrateOnStart" | "filesDir">,
  log: Logger,
  { checkSchema = true } = {},
): Promise<DataSource> {
  let dataSource: DataSource;
  try {
    dataSource = await dataSourceFor(config.database, new SqlLogger(log));
    await dataSource.initialize();
  } catch (e) {
    throw new StartupError(
      `cannot open the database (${describeDatabase(config.database)}): ${(e as Error).message}`,
    );
  }
  try {
    if (config.database.kind === "mysql") {
      if (config.migrateOnStart) {
        await migrate(dataSource, log);
      } else if (checkSchema && (await dataSource.showMigrations())) {
        throw new StartupError(
          "the database schema is behind the code: run `npm run migrate` or set MIGRATE_ON_START=true",
        );
      }
    } else {
      const counts = await loadReferenceData(dataSource);
      log.info({ counts }, "reference data loaded");
      await reportSheetDefects(dataSource, log);
      const products = await loadDemoCatalog(dataSource);
      if (products) log.info({ products }, "demo catalog loaded");
      await loadDemoUsers(dataSource);
      const illustrated = await loadDemoContent(dataSource, config.filesDir, vietnamDate(new Date()));
      if (illustrated)
        log.info({ products: illustrated }, "demo photos, English texts and points of sale loaded");
      log.info(`demo staff logins, password "${DEMO_PASSWORD}": ${describeDemoUsers()}`);
    }
    return dataSource;
  } catch (e) {
    await dataSource.destroy().catch(() => undefined);
    throw e;
  }
}

/** Runs pending migrations, then loads the reference data (both idempotent). */
/** The replicas' data source, opened, or null when there are none (everything reads the primary). */
export async function openReplicas(
  config: Pick<Config, "replicaUrls">,
  log: Logger,
): Promise<DataSource | null> {
  if (!config.replicaUrls.length) return null;
  try {
    const replicas = await replicaDataSourceFor(config.replicaUrls, new SqlLogger(log));
    return await replicas.initialize();
  } catch (e) {
    throw new StartupError(
      `cannot open the replicas (${config.replicaUrls.map((url) => describeDatabase({ kind: "mysql", url })).join(", ")}): ${(e as Error).message}`,
    );
  }
}

export async function migrate(dataSource: DataSource, log: Logger): Promise<void> {
  const applied = await dataSource.runMigrations({ transaction: "each" });
  log.info(
    { migrations: applied.map((m) => m.name) },
    applied.length ? "migrations applied" : "no pending migrations",
  );
  const counts = await loadReferenceData(dataSource);
  log.info({ counts }, "reference data loaded");
  await reportSheetDefects(dataSource, log);
}

/**
 * Logs, once at start, each criteria sheet with defects (file and line): dossiers of its product set cannot
 * be scored until the folder's corrections.csv fixes it.
 */
async function reportSheetDefects(dataSource: DataSource, log: Logger): Promise<void> {
  const folders = new Set((await allRuleSets(dataSource.manager)).map((r) => r.criteriaSheets));
  for (const folder of folders) {
    if (!folder) continue;
    for (const sheet of criteriaSheetsIn(folder).values())
      if (sheet.defects.length)
        log.warn(
          { folder, file: sheet.file, defects: sheet.defects },
          `criteria sheet ${folder}/${sheet.file} has defects: its product set cannot be scored until corrections.csv fixes them`,
        );
  }
}
