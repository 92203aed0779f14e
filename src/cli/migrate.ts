// npm run migrate: applies pending migrations to DATABASE_URL, then loads the reference data.
import "reflect-metadata";
import { loadConfig } from "../config";
import { createLogger } from "../logger";
import { describeDatabase, migrate, openDatabase } from "../db/open";
import { runCli } from "./run-cli";

runCli(async () => {
  const config = loadConfig(process.env, { needsSecret: false }); // migrating signs nothing
  if (config.database.kind !== "mysql")
    throw new Error("DATABASE_URL (mysql://…) is required: the embedded database needs no migrations");
  const log = createLogger(config.logLevel);
  const dataSource = await openDatabase({ ...config, migrateOnStart: false }, log, { checkSchema: false });
  try {
    await migrate(dataSource, log);
    log.info(`database ready: ${describeDatabase(config.database)}`);
  } finally {
    await dataSource.destroy();
  }
});
