// npm run bench:import: times the import of a generated 5,000-row CSV into an empty MySQL database
// (BENCH_DATABASE_URL's server, database ocop_bench_import, dropped and re-created) and into a fresh
// embedded SQLite file: the first run (everything created), a dry run and a second run (everything
// unchanged). Writes bench/import-results.md.
import "reflect-metadata";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureDatabase } from "../src/db/ensure-database";
import { CatalogGeneration } from "../src/catalog/generation";
import type { Config } from "../src/config";
import { openDatabase } from "../src/db/open";
import { ImportService } from "../src/import/import.service";
import { createLogger } from "../src/logger";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 5000);
const SERVER = process.env.BENCH_DATABASE_URL ?? "mysql://root@127.0.0.1:3306/ocop_bench";

const COMMUNES = [
  "Xã Bình Lư",
  "Thị trấn Tam Đường",
  "Xã Than Uyên",
  "Xã Bum Tở",
  "Ka Lăng",
  "03595",
  "Sìn Hồ",
];
const SETS = ["I.1.a", "I.2.a", "I.2.b", "I.3.a", "I.5.a"];
const KINDS = ["Hợp tác xã", "Doanh nghiệp", "Hộ kinh doanh", "Tổ hợp tác"];

/** A deterministic file: 5,000 products of 1,500 producers, certified 2019–2025, half with a printed number. */
function csv(rows: number): Buffer {
  const lines = [
    "STT,Tên sản phẩm,Bộ sản phẩm,Chủ thể,Loại hình,Mã số đăng ký,Xã/phường,Hạng sao,Số quyết định,Ngày quyết định,Số giấy chứng nhận,Cấp công nhận",
  ];
  for (let i = 1; i <= rows; i++) {
    const producer = i % 1500;
    const year = 2019 + (i % 7);
    const day = `${String((i % 28) + 1).padStart(2, "0")}/${String((i % 12) + 1).padStart(2, "0")}/${year}`;
    lines.push(
      [
        i,
        `Sản phẩm thử ${i}`,
        SETS[i % SETS.length],
        `Chủ thể số ${producer}`,
        KINDS[producer % KINDS.length],
        producer % 3 === 0 ? `62${String(producer).padStart(8, "0")}` : "",
        COMMUNES[producer % COMMUNES.length],
        `${3 + (i % 10 === 0 ? 1 : 0)} sao`,
        `${i}/QĐ-UBND-MAU`,
        day,
        i % 2 ? `MAU-${year}-${String(i).padStart(5, "0")}` : "",
        year < 2025 && i % 5 === 0 ? "UBND huyện" : "UBND tỉnh",
      ].join(","),
    );
  }
  return Buffer.from(lines.join("\n"));
}

async function timeRuns(config: Pick<Config, "database" | "migrateOnStart" | "filesDir">, bytes: Buffer) {
  const dataSource = await openDatabase(config, createLogger("silent"));
  const service = new ImportService(
    dataSource,
    new CatalogGeneration(dataSource),
    "OCOP-{year}-{seq}",
    tmpdir(),
  );
  const runs: { name: string; seconds: number; report: string }[] = [];
  for (const [name, dryRun] of [
    ["first run (creates)", false],
    ["dry run (unchanged)", true],
    ["second run (unchanged)", false],
  ] as const) {
    const now = new Date();
    const start = process.hrtime.bigint();
    const report = await service.run({
      bytes,
      source: "bench.csv",
      dryRun,
      actorId: null,
      scope: { communeCode: null },
      now,
      today: now.toISOString().slice(0, 10),
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const errors = report.problems.filter((p) => p.severity === "ERROR");
    if (errors.length) throw new Error(`the bench file has errors: ${JSON.stringify(errors.slice(0, 3))}`);
    runs.push({
      name,
      seconds,
      report: `created ${report.created.products}/${report.created.certificates}, unchanged ${report.unchanged.products}/${report.unchanged.certificates}`,
    });
  }
  await dataSource.destroy();
  return runs;
}

async function main() {
  const bytes = csv(ROWS);
  const url = new URL(SERVER);
  url.pathname = "/ocop_bench_import";
  await ensureDatabase(url.toString(), { fresh: true });
  const mysql = await timeRuns(
    { database: { kind: "mysql", url: url.toString() }, migrateOnStart: true, filesDir: tmpdir() },
    bytes,
  );
  const dir = mkdtempSync(join(tmpdir(), "ocop-bench-import-"));
  const sqlite = await timeRuns(
    {
      database: { kind: "sqlite", path: join(dir, "bench.sqlite") },
      migrateOnStart: false,
      filesDir: join(dir, "files"),
    },
    bytes,
  );
  rmSync(dir, { recursive: true, force: true });
  const rss = Math.round(process.resourceUsage().maxRSS / 1024);
  const table = (runs: typeof mysql) =>
    runs.map((r) => `| ${r.name} | ${r.seconds.toFixed(1)} s | ${r.report} |`).join("\n");
  const text = `# Import benchmark

\`npm run bench:import\`: a generated CSV of ${ROWS} rows (${ROWS} products, 1,500 producers, certificates
2019–2025, half with a printed number), imported by \`ImportService\` as \`npm run import\` does. Products /
certificates in the last column. Peak RSS of the whole run: ${rss} MB. Machine: see \`env\`.

MariaDB (empty database, reference data only):

| run | time | products / certificates |
|---|---|---|
${table(mysql)}

Embedded SQLite (with the demo data):

| run | time | products / certificates |
|---|---|---|
${table(sqlite)}
`;
  writeFileSync(join(__dirname, "..", "..", "bench", "import-results.md"), text);
  console.log(text);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
