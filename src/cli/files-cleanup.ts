// npm run files:cleanup: removes uploads never attached to a dossier after UNATTACHED_FILE_DAYS days (safe from cron).
import "reflect-metadata";
import { loadConfig } from "../config";
import { runCli } from "./run-cli";
import { openDatabase } from "../db/open";
import { createLogger } from "../logger";
import { removeUnattachedFiles } from "../files/cleanup";

runCli(async () => {
  const config = loadConfig(process.env, { needsSecret: false }); // signs nothing
  const log = createLogger(config.logLevel);
  const dataSource = await openDatabase(config, log);
  try {
    const removed = await removeUnattachedFiles(
      dataSource,
      config.filesDir,
      config.unattachedFileDays,
      new Date(),
    );
    log.info(`${removed} upload(s) never attached within ${config.unattachedFileDays} days removed`);
  } finally {
    await dataSource.destroy();
  }
});
