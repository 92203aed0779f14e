// npm run counts:verify [-- --fix]: recounts the catalog counts (catalog_count) from the products of the
// database of DATABASE_URL (or the embedded one) and prints every cell that differs. Exit code 0 when the
// table is exact, 1 when a cell differs; --fix then rebuilds the table as of today.
import "reflect-metadata";
import { parseArgs } from "node:util";
import { rebuildCounts, verifyCounts, verifyRollups } from "../catalog/counts";
import { CatalogGeneration } from "../catalog/generation";
import { loadConfig } from "../config";
import { vietnamDate } from "../core/time";
import { runCli } from "./run-cli";
import { openDatabase } from "../db/open";
import { inTransaction } from "../core/transaction";
import { createLogger } from "../logger";

runCli(async () => {
  const { fix } = parseArgs({ options: { fix: { type: "boolean" } } }).values;
  const config = loadConfig(process.env, { needsSecret: false });
  const dataSource = await openDatabase(config, createLogger(config.logLevel));
  try {
    const today = vietnamDate(new Date());
    const differences = [
      ...(await verifyCounts(dataSource.manager, today)).map(
        ({ cell, table, products }) =>
          `differs: commune ${cell.communeCode}, set ${cell.categoryCode}, ${cell.stars} stars, certified ${cell.certifiedYear}: table ${table}, products ${products}`,
      ),
      ...(await verifyRollups(dataSource.manager)).map((line) => `differs: ${line}`),
    ];
    for (const line of differences) console.log(line);
    console.log(`${differences.length} count(s) differ from the products (as of ${today})`);
    if (differences.length && fix) {
      await inTransaction(dataSource, async (m) => {
        await rebuildCounts(m, today);
        await CatalogGeneration.bump(m);
      });
      console.log("rebuilt the catalog counts from the products");
    } else if (differences.length) process.exitCode = 1;
  } finally {
    await dataSource.destroy();
  }
});
