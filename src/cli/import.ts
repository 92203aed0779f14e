// npm run import -- --file F [--dry-run] [--lang en]: imports certified products from an .xlsx or CSV file
// into the database of DATABASE_URL (or the embedded one), for the whole province, and prints the report.
// Exit code 0 when the file was imported (or a dry run found no error), 1 when it has errors (nothing written).
import "reflect-metadata";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { CatalogGeneration } from "../catalog/generation";
import { loadConfig } from "../config";
import { vietnamDate } from "../core/time";
import { runCli } from "./run-cli";
import { openDatabase } from "../db/open";
import { render } from "../i18n/messages";
import { createLogger } from "../logger";
import { type ImportReport, ImportService } from "../import/import.service";

const USAGE = "usage: npm run import -- --file <file.xlsx|file.csv> [--dry-run] [--lang vi|en]";

runCli(async () => {
  let options;
  try {
    options = parseArgs({
      options: { file: { type: "string" }, "dry-run": { type: "boolean" }, lang: { type: "string" } },
    }).values;
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${USAGE}`);
  }
  if (!options.file) throw new Error(USAGE);
  const lang = options.lang === "en" ? "en" : "vi";
  const bytes = await readFile(options.file);
  const config = loadConfig(process.env, { needsSecret: false });
  const dataSource = await openDatabase(config, createLogger(config.logLevel));
  try {
    const service = new ImportService(
      dataSource,
      new CatalogGeneration(dataSource),
      config.certificateNumberPattern,
      config.filesDir,
      config.importDecisionsBefore,
    );
    const now = new Date();
    const report = await service.run({
      bytes,
      source: `${basename(options.file)} (command line)`,
      dryRun: options["dry-run"] ?? false,
      actorId: null,
      scope: { communeCode: null },
      now,
      today: vietnamDate(now),
    });
    console.log(describe(report, lang));
    if (report.problems.some((p) => p.severity === "ERROR")) process.exitCode = 1;
  } finally {
    await dataSource.destroy();
  }
});

function describe(report: ImportReport, lang: "vi" | "en"): string {
  const counts = (c: ImportReport["created"]) =>
    `${c.producers} producers, ${c.products} products, ${c.certificates} certificates`;
  const outcome = report.applied
    ? "imported"
    : report.dryRun
      ? "dry run: nothing written"
      : "NOT imported: nothing written";
  return [
    `${report.rows} rows; ${outcome}`,
    `created:   ${counts(report.created)}`,
    `updated:   ${counts(report.updated)}`,
    `unchanged: ${counts(report.unchanged)}`,
    ...report.problems.map(
      (p) =>
        `${p.severity === "ERROR" ? "error  " : "warning"} line ${p.line ?? "-"}${p.column ? `, ${p.column}` : ""}: ${render(lang, p.key, p.params)}`,
    ),
  ].join("\n");
}
