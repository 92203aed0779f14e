// npm run seed:demo: loads the reference data and the demo catalog into DATABASE_URL (already migrated).
import "reflect-metadata";
import { loadConfig } from "../../config";
import { createLogger } from "../../logger";
import { DEMO_PASSWORD, describeDemoUsers, loadDemoUsers } from "../demo/demo-users";
import { loadDemoCatalog } from "../demo/load-demo";
import { openDatabase } from "../open";
import { loadReferenceData } from "../reference/load-reference";
import { runCli } from "./run-cli";

runCli(async () => {
  const config = loadConfig();
  if (config.database.kind !== "mysql") throw new Error("DATABASE_URL (mysql://…) is required: the embedded database loads the demo by itself");
  const log = createLogger(config.logLevel);
  const dataSource = await openDatabase(config, log);
  try {
    await loadReferenceData(dataSource);
    const products = await loadDemoCatalog(dataSource);
    log.info(products ? `demo catalog loaded: ${products} products` : "the database already has certificates: demo not loaded");
    const users = await loadDemoUsers(dataSource);
    log.info(`${users} demo staff accounts created; logins (password "${DEMO_PASSWORD}"): ${describeDemoUsers()}`);
  } finally {
    await dataSource.destroy();
  }
});
