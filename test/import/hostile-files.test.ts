// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync, crc32 } from "node:zlib";
import ExcelJS from "exceljs";

/**
 * Spreadsheets made to take the server down, sent to the real built server (`node dist/src/main.js`, the
 * embedded database, NODE_ENV=production) as an officer would: each ends in one clear refusal, the
 * server's memory grows by less than 100 MB, and /readyz answers all along.
 */
const MAIN = join(__dirname, "..", "..", "dist", "src", "main.js");

/** A ZIP archive of the given parts, deflated; `claim` may lie about a part's inflated size. */
function zip(parts: { name: string; data: Buffer; claim?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const body = deflateRawSync(part.data, { level: 9 });
    const size = part.claim ?? part.data.length;
    const crc = crc32(part.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A minimal workbook whose shared strings hold `strings` (one cell of the sheet uses the first). */
function workbookWithStrings(strings: Buffer, claim?: number): Buffer {
  const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${s}`);
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return zip([
    {
      name: "[Content_Types].xml",
      data: xml(
        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>`,
      ),
    },
    {
      name: "_rels/.rels",
      data: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: "xl/workbook.xml",
      data: xml(
        `<workbook ${ns} xmlns:r="${rel}"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
    },
    { name: "xl/sharedStrings.xml", data: strings, claim },
    {
      name: "xl/worksheets/sheet1.xml",
      data: xml(
        `<worksheet ${ns}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
      ),
    },
  ]);
}

/** 300 MB of shared strings in about 300 KB: 600,000 strings of 500 letters. */
function sharedStringsBomb(): Buffer {
  const item = `<si><t>${"a".repeat(500)}</t></si>`;
  const count = 600_000;
  return Buffer.concat([
    Buffer.from(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}">`),
    Buffer.alloc(item.length * count, item),
    Buffer.from("</sst>"),
  ]);
}

/** 300 rows, each with one cell in the last column (XFD): 9 KB that a naive reader spreads over 5 million cells. */
async function lastColumnWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("A");
  sheet.getCell("A1").value = "Tên sản phẩm";
  for (let r = 2; r <= 301; r++) sheet.getCell(`XFD${r}`).value = "x";
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The process's resident memory now, in MB (0 once it has gone). */
const rssMb = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
  } catch {
    return 0;
  }
};

it("refuses hostile workbooks clearly while the server keeps its memory and keeps answering", async () => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build`);
  const dir = mkdtempSync(join(tmpdir(), "ocop-hostile-"));
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      PORT: "0",
      LOG_LEVEL: "info",
      SQLITE_PATH: join(dir, "ocop.sqlite"),
      FILES_DIR: join(dir, "files"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let watching = true;
  child.stdout.on("data", (d) => (stdout += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  try {
    let url = "";
    for (let i = 0; i < 300 && !url; i++) {
      url = /ready at (http:\/\/localhost:\d+)\/graphql/.exec(stdout)?.[1] ?? "";
      if (!url) await new Promise((r) => setTimeout(r, 100));
    }
    expect(url).not.toBe("");
    const gql = async (query: string, variables: object, token?: string) =>
      (await (
        await fetch(`${url}/graphql`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "accept-language": "en",
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify({ query, variables }),
        })
      ).json()) as any;
    const token: string = (
      await gql(
        'mutation { login(email: "tinh@demo.ocop.vn", password: "ocop-demo-password") { token } }',
        {},
      )
    ).data.login.token;
    const importFile = async (bytes: Buffer, name: string) => {
      const form = new FormData();
      form.append("purpose", "import");
      form.append("file", new Blob([bytes]), name);
      const up = await fetch(`${url}/files`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      expect(up.status).toBe(201);
      const { id } = (await up.json()) as { id: string };
      return gql(
        "mutation($id: ID!) { importCertifiedProducts(fileId: $id, dryRun: true) { applied errorCount problems { message } } }",
        { id },
        token,
      );
    };

    // Made before the watch starts: deflating 300 MB here would stall this process's own watch.
    const files = {
      bomb: workbookWithStrings(sharedStringsBomb()),
      liar: workbookWithStrings(sharedStringsBomb(), 1024),
      wide: await lastColumnWorkbook(),
    };
    // Warm up (the first import loads the reader), then measure from there.
    const plain = await importFile(Buffer.from("Tên sản phẩm\nMật ong\n"), "plain.csv");
    expect(plain.data.importCertifiedProducts.errorCount).toBeGreaterThan(0);
    const baseline = rssMb(child.pid!);
    let peak = baseline;
    let readyFailures = 0;
    let readyAnswers = 0;
    const watch = (async () => {
      while (watching) {
        peak = Math.max(peak, rssMb(child.pid!));
        const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
        if (ready?.status === 200) readyAnswers++;
        else readyFailures++;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    const bomb = await importFile(files.bomb, "bomb.xlsx");
    expect(bomb.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(bomb.errors?.[0]?.message).toMatch(/inflate too far/);

    // The directory says 1 KB; the part inflates to 300 MB all the same: the reader's own limits stop it.
    const liar = await importFile(files.liar, "liar.xlsx");
    const refused =
      liar.errors?.[0]?.extensions?.code === "BAD_USER_INPUT" ||
      liar.data?.importCertifiedProducts?.errorCount > 0;
    expect(refused).toBe(true);

    // One cell in column XFD on each of 300 rows: read as the file's first columns, which it lacks.
    const wide = await importFile(files.wide, "wide.xlsx");
    expect(wide.errors).toBeUndefined();
    expect(wide.data.importCertifiedProducts.applied).toBe(false);
    expect(wide.data.importCertifiedProducts.problems[0].message).toMatch(/missing|no data rows/);

    watching = false;
    await watch;
    expect(readyFailures).toBe(0);
    expect(readyAnswers).toBeGreaterThan(3);
    console.log(`hostile files: RSS ${baseline.toFixed(0)} MB before, ${peak.toFixed(0)} MB at most`);
    expect(peak - baseline).toBeLessThan(100);
    expect(child.exitCode).toBeNull(); // still running
  } finally {
    watching = false;
    child.kill("SIGTERM");
  }
  expect(await exited).toBe(0);
});
