// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import request from "supertest";
import { AuditEvent } from "../../src/audit/audit-event.entity";
import { Producer } from "../../src/catalog/producer.entity";
import { Product } from "../../src/catalog/product.entity";
import { Certificate, IssuingLevel } from "../../src/certificates/certificate.entity";
import { FixedClock } from "../support/http";
import { op } from "../support/operations";
import { PDF, type StaffSet, useStaffApp } from "../support/staff";

const IMPORT = op("ImportCertifiedProducts");
const TEMPLATE = readFileSync(join(__dirname, "..", "fixtures", "import-template.csv"));
const clock = new FixedClock(new Date("2025-09-15T03:00:00Z"));

const t = useStaffApp(clock, { each: true });

async function uploadSheet(headers: Record<string, string>, bytes: Buffer, name: string) {
  const r = await request(t.app.app)
    .post("/files")
    .set(headers)
    .field("purpose", "import")
    .attach("file", bytes, name);
  expect(r.status).toBe(201);
  return r.body as { id: string; contentType: string; name: string };
}

async function runImport(
  bytes: Buffer,
  opts: { dryRun?: boolean; who?: keyof StaffSet; name?: string; lang?: string } = {},
) {
  const who = t.staff[opts.who ?? "province"] as { headers: Record<string, string> };
  const file = await uploadSheet(who.headers, bytes, opts.name ?? "import.csv");
  const headers = { ...who.headers, ...(opts.lang ? { "accept-language": opts.lang } : {}) };
  const r = await t.app.gql(IMPORT, { fileId: file.id, dryRun: opts.dryRun ?? false }, headers);
  expect(r.body.errors).toBeUndefined();
  return r.body.data.importCertifiedProducts;
}

const counts = async () => ({
  producers: await t.db.dataSource.getRepository(Producer).count(),
  products: await t.db.dataSource.getRepository(Product).count(),
  certificates: await t.db.dataSource.getRepository(Certificate).count(),
});

/** The template's header and one row per given change of the first data row (Gạo Séng Cù, Xã Than Uyên). */
function csvWith(...rows: Record<number, string>[]): Buffer {
  const [header, first] = TEMPLATE.toString("utf8").split(/\r?\n/);
  const cells = first.split(",");
  const lines = rows.map((change) => cells.map((c, i) => change[i] ?? c).join(","));
  return Buffer.from([header, ...lines].join("\n"));
}

it("imports the template: the first run creates, a second run of the same file changes nothing", async () => {
  const first = await runImport(TEMPLATE);
  expect(first).toMatchObject({
    dryRun: false,
    applied: true,
    rows: 12,
    created: { producers: 8, products: 12, certificates: 12 },
    updated: { producers: 0, products: 0, certificates: 0 },
    unchanged: { producers: 0, products: 0, certificates: 0 },
    problems: [],
  });
  expect(await counts()).toEqual({ producers: 8, products: 12, certificates: 12 });

  const second = await runImport(TEMPLATE);
  expect(second).toMatchObject({
    applied: true,
    created: { producers: 0, products: 0, certificates: 0 },
    updated: { producers: 0, products: 0, certificates: 0 },
    unchanged: { producers: 8, products: 12, certificates: 12 },
    problems: [],
  });
  expect(await counts()).toEqual({ producers: 8, products: 12, certificates: 12 });

  // Former names resolve through the merger: Thị trấn Tam Đường is now Bình Lư, Xã Ka Lăng is in Thu Lũm.
  const oolong = await t.db.dataSource
    .getRepository(Product)
    .findOneByOrFail({ name: "Trà Oolong Tam Đường" });
  expect(oolong.communeCode).toBe("03390");
  const kaLang = await t.db.dataSource
    .getRepository(Product)
    .findOneByOrFail({ name: "Mật ong Trường Tuyển Ka Lăng" });
  expect(kaLang.communeCode).toBe("03439");

  // Printed numbers are kept; numberless certificates get one from the pattern; the issuing level is kept.
  const byDecision = async (d: string) =>
    t.db.dataSource.getRepository(Certificate).findOneByOrFail({ decisionNumber: d });
  expect(await byDecision("1002/QĐ-UBND-MAU")).toMatchObject({
    number: "MAU-2021-0002",
    issuedBy: IssuingLevel.PROVINCE,
  });
  expect(await byDecision("1004/QĐ-UBND-MAU")).toMatchObject({ expiresOn: "2024-10-19" });
  expect(await byDecision("1008/QĐ-UBND-MAU")).toMatchObject({ issuedBy: IssuingLevel.DISTRICT });
  expect((await byDecision("1001/QĐ-UBND-MAU")).number).toBe("OCOP-2020-0001");

  const events = await t.db.dataSource.getRepository(AuditEvent).findBy({ action: "PRODUCT_CREATED" });
  expect(events).toHaveLength(12);
  expect(events[0].note).toMatch(/import of import\.csv \(file \d+\), line \d+/);
  expect(await t.db.dataSource.getRepository(AuditEvent).countBy({ action: "IMPORT_APPLIED" })).toBe(1); // the second run wrote nothing
});

it("reports each problem with its line and column, in the officer's language, and writes nothing", async () => {
  const bad = csvWith(
    {}, // line 2 is good
    { 7: "6 sao" }, // line 3: stars
    { 1: "Gạo khác", 6: "Xã Không Có" }, // line 4: unknown commune
    { 1: "Gạo nữa", 6: "Nam Cha" }, // line 5: former name of two units (Nậm Cha, Nậm Chà)
    { 1: "Gạo ba", 9: "31/02/2020" }, // line 6: no such date
  );
  const report = await runImport(bad, { lang: "en" });
  expect(report.applied).toBe(false);
  expect(report.problems.map((p: { line: number; column: string }) => [p.line, p.column])).toEqual([
    [3, "Hạng sao"],
    [4, "Xã/phường"],
    [5, "Xã/phường"],
    [6, "Ngày quyết định"],
  ]);
  expect(report.problems[0].message).toBe("“6 sao” is not a star rating: write 3, 4 or 5.");
  expect(report.problems[2].message).toMatch(
    /Nậm Tăm \(03517\), Mường Mô \(03472\)|Mường Mô \(03472\), Nậm Tăm \(03517\)/,
  );
  expect(await counts()).toEqual({ producers: 0, products: 0, certificates: 0 });

  const vi = await runImport(bad, { lang: "vi" });
  expect(vi.problems[0].message).toBe("“6 sao” không phải hạng sao: ghi 3, 4 hoặc 5.");

  const header = TEMPLATE.toString("utf8").split(/\r?\n/)[0].replace(",Hạng sao", "");
  const noStars = await runImport(
    Buffer.from(`${header}\n1,Gạo,I.2.a,HTX,Hợp tác xã,,Xã Than Uyên,1/QĐ,16/10/2020,,\n`),
    { lang: "vi" },
  );
  expect(noStars.problems).toEqual([
    { line: 1, column: "Hạng sao", severity: "ERROR", message: "Thiếu cột bắt buộc “Hạng sao”." },
  ]);
  expect(await counts()).toEqual({ producers: 0, products: 0, certificates: 0 });
});

it("a dry run reports what a real run would do and writes nothing", async () => {
  const dry = await runImport(TEMPLATE, { dryRun: true });
  expect(dry).toMatchObject({
    dryRun: true,
    applied: false,
    created: { producers: 8, products: 12, certificates: 12 },
  });
  expect(await counts()).toEqual({ producers: 0, products: 0, certificates: 0 });
  expect(await t.db.dataSource.getRepository(AuditEvent).countBy({ action: "IMPORT_APPLIED" })).toBe(0);
});

it("puts imported certificates in the worklists: expiring 2022 ones, the 2022 report, the catalog", async () => {
  await runImport(TEMPLATE);
  const expiring = await t.app.gql(op("ExpiringCertificates"), { withinDays: 60 }, t.staff.province.headers);
  expect(
    expiring.body.data.expiringCertificates.map((c: { product: { name: string } }) => c.product.name),
  ).toEqual(["Trà cổ thụ Sà Dề Phìn"]);
  const csv = await request(t.app.app)
    .get("/reports/certificates.csv?recognizedYear=2022")
    .set(t.staff.province.headers);
  expect(csv.status).toBe(200);
  expect(csv.text).toContain("Trà cổ thụ Sà Dề Phìn");

  // Certificates of 2024 are active (2020 and 2021 ones have expired).
  const catalog = await t.app.gql(`{ products(first: 50) { totalCount edges { node { name stars } } } }`);
  expect(catalog.body.data.products.totalCount).toBe(6);
});

it("reads xlsx workbooks with date cells, and CSV as Excel saves it (BOM, semicolons, UTF-16)", async () => {
  const [header, ...rows] = TEMPLATE.toString("utf8")
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(","));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Sheet1");
  sheet.addRow(header);
  for (const row of rows.slice(0, 3)) {
    const [d, m, y] = row[9].split("/").map(Number);
    sheet.addRow([...row.slice(0, 9), new Date(Date.UTC(y, m - 1, d)), ...row.slice(10)]);
  }
  const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
  const fromXlsx = await runImport(xlsx, { name: "san-pham.xlsx", dryRun: true });
  expect(fromXlsx).toMatchObject({ rows: 3, problems: [], created: { certificates: 3 } });

  const semicolons = TEMPLATE.toString("utf8").replace(/,/g, ";");
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(semicolons)]);
  expect(await runImport(bom, { dryRun: true })).toMatchObject({
    rows: 12,
    problems: [],
    created: { certificates: 12 },
  });

  const utf16 = Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from(TEMPLATE.toString("utf8").replace(/,/g, "\t"), "utf16le"),
  ]);
  expect(await runImport(utf16, { dryRun: true })).toMatchObject({
    rows: 12,
    problems: [],
    created: { certificates: 12 },
  });
});

it("lets a commune officer dry-run the rows of their commune only, and apply nothing", async () => {
  const report = await runImport(TEMPLATE, { who: "binhLu", lang: "vi", dryRun: true });
  expect(report.applied).toBe(false);
  const lines = report.problems.map((p: { line: number }) => p.line);
  // Bình Lư (03390) has lines 3 to 7 (Xã Bình Lư and the former Thị trấn Tam Đường); the others are refused.
  expect(lines).toEqual([2, 8, 9, 10, 11, 12, 13]);
  expect(report.problems[0].message).toBe(
    "Dòng này thuộc Than Uyên: bạn chỉ được nhập các dòng của xã/phường mình.",
  );

  const own = Buffer.from(
    TEMPLATE.toString("utf8")
      .split(/\r?\n/)
      .filter((l, i) => i === 0 || /Bình Lư|Thị trấn Tam Đường/.test(l))
      .join("\n"),
  );
  expect(await runImport(own, { who: "binhLu", dryRun: true })).toMatchObject({
    applied: false,
    problems: [],
    created: { products: 5 },
  });
  // Applying records certificates: the province's, never a commune's.
  const file = await uploadSheet(t.staff.binhLu.headers, own, "own.csv");
  const applied = await t.app.gql(IMPORT, { fileId: file.id, dryRun: false }, t.staff.binhLu.headers);
  expect(applied.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  expect(applied.body.errors?.[0]?.message).toMatch(/Only the province records certificates/);
  expect(await counts()).toEqual({ producers: 0, products: 0, certificates: 0 });
  expect(await runImport(own, { who: "province" })).toMatchObject({ applied: true });
  expect(await runImport(own, { who: "admin", dryRun: true })).toMatchObject({
    unchanged: { products: 5 },
  });
});

it("updates what a later file changes, audited, and supersedes older certificates by the newest", async () => {
  await runImport(csvWith({}));
  const upgraded = csvWith({ 7: "4 sao", 8: "2001/QĐ-UBND-MAU", 9: "01/03/2023" }, { 4: "HTX" });
  const report = await runImport(upgraded);
  expect(report).toMatchObject({
    created: { producers: 0, products: 0, certificates: 1 },
    unchanged: { producers: 1, products: 1, certificates: 1 },
  });
  const product = await t.db.dataSource
    .getRepository(Product)
    .findOneByOrFail({ name: "Gạo Séng Cù Than Uyên" });
  const certificates = await t.db.dataSource
    .getRepository(Certificate)
    .find({ where: { productId: product.id }, order: { id: "ASC" } });
  expect(certificates.map((c) => [c.decisionNumber, c.supersededById])).toEqual([
    ["1001/QĐ-UBND-MAU", certificates[1].id],
    ["2001/QĐ-UBND-MAU", null],
  ]);
  expect(product.currentCertificateId).toBe(certificates[1].id);

  const renamed = await runImport(csvWith({ 2: "I.2.b" }));
  expect(renamed.updated).toEqual({ producers: 0, products: 1, certificates: 0 });
  const event = await t.db.dataSource
    .getRepository(AuditEvent)
    .findOneByOrFail({ action: "PRODUCT_UPDATED" });
  expect(event.note).toMatch(/^categoryCode: "I\.2\.a" → "I\.2\.b"; import of import\.csv/);
});

it("warns when a given expiry date differs from the rules', and keeps it", async () => {
  const header = TEMPLATE.toString("utf8").split(/\r?\n/)[0];
  const file = `${header},Ngày hết hạn\n1,Gạo,I.2.a,HTX A,Hợp tác xã,,Xã Than Uyên,3 sao,1/QĐ,16/10/2024,,,31/12/2027\n`;
  const report = await runImport(Buffer.from(file), { lang: "en" });
  expect(report.applied).toBe(true);
  expect(report.problems.find((p: { column: string }) => p.column === "Ngày hết hạn")).toEqual({
    line: 2,
    column: "Ngày hết hạn",
    severity: "WARNING",
    message:
      "The expiry date 2027-12-31 differs from 2027-10-16 (the decision date plus 36 months): the given date is kept.",
  });
  expect(
    (await t.db.dataSource.getRepository(Certificate).findOneByOrFail({ decisionNumber: "1/QĐ" })).expiresOn,
  ).toBe("2027-12-31");
});

it("accepts spreadsheets only for an import, and evidence only for dossiers", async () => {
  const asEvidence = await request(t.app.app)
    .post("/files")
    .set(t.staff.binhLu.headers)
    .attach("file", TEMPLATE, "a.csv");
  expect(asEvidence.status).toBe(415);
  const pdfForImport = await request(t.app.app)
    .post("/files")
    .set(t.staff.province.headers)
    .field("purpose", "import")
    .attach("file", PDF, "a.pdf");
  expect(pdfForImport.status).toBe(415);
  expect(pdfForImport.body.errors[0].message).toMatch(/xlsx/);
  const csv = await uploadSheet(t.staff.province.headers, TEMPLATE, "danh sách.csv");
  expect(csv).toMatchObject({ contentType: "text/csv", name: "danh sách.csv" });

  // Another officer's upload is not theirs to import.
  const r = await t.app.gql(IMPORT, { fileId: csv.id, dryRun: true }, t.staff.binhLu.headers);
  expect(r.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  // A council member may not import at all.
  const council = await t.app.gql(IMPORT, { fileId: csv.id, dryRun: true }, t.staff.council[0].headers);
  expect(council.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
});

it("serves a template with the header row, a marked example the import refuses, drop-down lists and the product sets", async () => {
  const r = await request(t.app.app)
    .get("/import/template.xlsx")
    .set(t.staff.binhLu.headers)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => done(null, Buffer.concat(chunks)));
    });
  expect(r.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(r.body as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  expect(sheet.getRow(1).getCell(1).value).toBe("Tên sản phẩm *");
  expect(sheet.getCell("J2").dataValidation).toMatchObject({
    type: "list",
    formulae: ['"3 sao,4 sao,5 sao"'],
  });
  expect(await request(t.app.app).get("/import/template.xlsx")).toHaveProperty("status", 401);

  // The example row is refused if left in; with a real name, the same row imports.
  const report = await runImport(r.body as Buffer, { who: "province", name: "mau.xlsx", dryRun: true });
  expect(report).toMatchObject({
    rows: 1,
    applied: false,
    problems: [
      { line: 2, column: "Tên sản phẩm", severity: "ERROR", message: expect.stringMatching(/example row/) },
    ],
  });
  sheet.getCell("A2").value = "Mật ong hoa ban";
  const edited = Buffer.from(await workbook.xlsx.writeBuffer());
  expect(await runImport(edited, { who: "province", name: "mau.xlsx", dryRun: true })).toMatchObject({
    problems: [],
    created: { products: 1 },
  });

  // Every product set's code and name, and the product-set column picks from them.
  const sets = workbook.getWorksheet("Bo san pham")!;
  expect(sets.rowCount).toBe(1 + 26);
  expect(sets.getRow(2).values).toEqual([
    undefined,
    "I.1.a",
    "Rau, củ, quả, hạt tươi",
    "Fresh vegetables, tubers, fruit and nuts",
  ]);
  expect(sheet.getCell("B2").dataValidation).toMatchObject({ formulae: ["'Bo san pham'!$A$2:$A$27"] });
});
