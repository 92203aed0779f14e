// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AuditEvent } from "../../src/audit/audit-event.entity";
import { Certificate } from "../../src/certificates/certificate.entity";
import { dataSourceFor } from "../../src/db/data-source";
import { migrate } from "../../src/db/open";
import { createLogger } from "../../src/logger";
import { ensureDatabase, siblingDatabaseUrl } from "../support/db";

const CLI = join(__dirname, "..", "..", "dist", "src", "cli", "import.js");
const TEMPLATE = join(__dirname, "..", "fixtures", "import-template.csv");
const url = siblingDatabaseUrl("import_cli");

function run(args: string[]) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: url, LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code, out })); // both pipes read to the end
  });
}

it("npm run import: a dry run writes nothing, a run imports, a second changes nothing, a bad file exits 1", async () => {
  await ensureDatabase(url, { fresh: true });
  const ds = await dataSourceFor({ kind: "mysql", url });
  await ds.initialize();
  try {
    await migrate(ds, createLogger("silent"));
    const dry = await run(["--file", TEMPLATE, "--dry-run", "--lang", "en"]);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain("12 rows; dry run: nothing written");
    expect(dry.out).toContain("created:   8 producers, 12 products, 12 certificates");
    expect(await ds.getRepository(Certificate).count()).toBe(0);

    expect((await run(["--file", TEMPLATE])).code).toBe(0);
    expect(await ds.getRepository(Certificate).count()).toBe(12);
    const again = await run(["--file", TEMPLATE]);
    expect(again.out).toContain("unchanged: 8 producers, 12 products, 12 certificates");
    const imports = await ds.getRepository(AuditEvent).findBy({ action: "IMPORT_APPLIED" });
    expect(imports.map((e) => [e.actorId, e.subjectId])).toEqual([
      [null, "import-template.csv (command line)"],
    ]);

    const bad = join(tmpdir(), "ocop-import-bad.csv");
    writeFileSync(bad, "Tên sản phẩm,Hạng sao\nGạo,7\n");
    const refused = await run(["--file", bad]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("NOT imported: nothing written");
    expect(refused.out).toMatch(/error {3}line 1, Bộ sản phẩm: Thiếu cột bắt buộc “Bộ sản phẩm”\./);
    expect((await run([])).code).toBe(1); // no --file: the usage line
  } finally {
    await ds.destroy();
  }
});
