// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import request from "supertest";
import { AuditEvent } from "../../src/audit/audit-event.entity";
import { Producer } from "../../src/catalog/producer.entity";
import { Product } from "../../src/catalog/product.entity";
import { Certificate, IssuingLevel } from "../../src/certificates/certificate.entity";
import { Dossier, DossierKind } from "../../src/dossiers/dossier.entity";
import { FixedClock } from "../support/http";
import { op } from "../support/operations";
import { recogniseThroughApi, revokeThroughApi, useStaffApp } from "../support/staff";

/**
 * What an import may never do, whoever runs it: list a revoked product again, change or supersede what the
 * workflow issued, grant stars its issuing level cannot, or record decisions from the province's go-live on.
 */
const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
const GO_LIVE = "2026-01-01";
const HEADER =
  "Tên sản phẩm,Bộ sản phẩm,Chủ thể,Loại hình,Xã/phường,Hạng sao,Số quyết định,Ngày quyết định,Số giấy chứng nhận,Cấp công nhận";

const t = useStaffApp(clock, { each: true, config: { importDecisionsBefore: GO_LIVE } });

type Row = {
  product?: string;
  set?: string;
  producer?: string;
  commune?: string;
  stars?: string;
  decision?: string;
  date?: string;
  number?: string;
  level?: string;
};
const csv = (...rows: Row[]) =>
  Buffer.from(
    [
      HEADER,
      ...rows.map((r) =>
        [
          r.product ?? "Mật ong bạc hà",
          r.set ?? "I.2.b",
          r.producer ?? "HTX Ong Mật",
          "Hợp tác xã",
          r.commune ?? "03390",
          r.stars ?? "3 sao",
          r.decision ?? "15/QĐ-UBND",
          r.date ?? "10/03/2024",
          r.number ?? "",
          r.level ?? "UBND tỉnh",
        ].join(","),
      ),
    ].join("\n"),
  );

type Report = {
  applied: boolean;
  problems: { line: number; column: string; severity: string; message: string }[];
  created: { certificates: number };
};
async function runImport(bytes: Buffer, dryRun = false, name = "lich-su.csv"): Promise<Report> {
  const up = await request(t.app.app)
    .post("/files")
    .set(t.staff.province.headers)
    .field("purpose", "import")
    .attach("file", bytes, name);
  expect(up.status).toBe(201);
  const r = await t.app.gql(
    op("ImportCertifiedProducts"),
    { fileId: up.body.id, dryRun },
    t.staff.province.headers,
  );
  expect(r.body.errors).toBeUndefined();
  return r.body.data.importCertifiedProducts;
}
const errors = (r: Report) => r.problems.filter((p) => p.severity === "ERROR");
const certificates = () => t.db.dataSource.getRepository(Certificate).count();

it("never lists a product again whose latest certificate the province revoked", async () => {
  expect((await runImport(csv({ number: "LC-2024-15" }))).applied).toBe(true);
  await revokeThroughApi(t, "LC-2024-15", "99/QĐ-UBND", "2026-05-01");

  // A commune's file naming it again, as a Ministry 5★ certificate: refused on its line, nothing written.
  const back = await runImport(
    csv({ stars: "5 sao", decision: "77/QĐ-BNN", date: "01/06/2025", level: "Bộ Nông nghiệp và Môi trường" }),
  );
  expect(back.applied).toBe(false);
  expect(errors(back)).toEqual([
    expect.objectContaining({
      line: 2,
      column: "Số giấy chứng nhận",
      message:
        "The product's latest certificate, LC-2024-15, was revoked on 2026-05-01: an import does not list it again (a new evaluation does).",
    }),
  ]);
  expect(await certificates()).toBe(1);
  const catalog = await t.app.gql(`{ products(first: 5) { totalCount } }`);
  expect(catalog.body.data.products.totalCount).toBe(0);
});

it("neither changes nor supersedes a certificate the workflow issued", async () => {
  await recogniseThroughApi(t, DossierKind.NEW, "2025-03-10");
  const dossier = await t.db.dataSource.getRepository(Dossier).findOneByOrFail({ kind: DossierKind.NEW });
  const product = await t.db.dataSource.getRepository(Product).findOneByOrFail({ id: dossier.productId });
  const producer = await t.db.dataSource.getRepository(Producer).findOneByOrFail({ id: product.producerId });
  const issued = await t.db.dataSource
    .getRepository(Certificate)
    .findOneByOrFail({ id: dossier.certificateId! });
  const same = { product: product.name, producer: producer.name, set: product.categoryCode };

  // A newer decision would supersede it; an older one only adds history and is fine.
  const newer = await runImport(csv({ ...same, stars: "4 sao", decision: "5/QĐ", date: "20/05/2025" }), true);
  expect(errors(newer).map((p) => p.message)).toEqual([
    `Certificate ${issued.number} was issued through this system's workflow: an import does not change or replace it.`,
  ]);
  const changed = await runImport(
    csv({
      ...same,
      number: issued.number,
      stars: "3 sao",
      decision: issued.decisionNumber,
      date: "10/03/2025",
    }),
    true,
  );
  expect(errors(changed).map((p) => p.message)).toContainEqual(
    expect.stringMatching(/issued through this system's workflow/),
  );
  const older = await runImport(csv({ ...same, stars: "3 sao", decision: "88/QĐ-CU", date: "05/01/2022" }));
  expect(older).toMatchObject({ applied: true, problems: [], created: { certificates: 1 } });
  const after = await t.db.dataSource.getRepository(Product).findOneByOrFail({ id: product.id });
  expect(after.currentCertificateId).toBe(issued.id);
});

it("refuses stars the issuing level cannot grant, and decisions in the future or from the go-live on", async () => {
  const report = await runImport(
    csv(
      { product: "A", stars: "5 sao", level: "UBND tỉnh Lai Châu" }, // 5★ only by the Ministry
      { product: "B", stars: "4 sao", level: "UBND huyện Tam Đường" }, // districts: 3★ only
      { product: "C", stars: "3 sao", level: "UBND huyện", date: "05/07/2025" }, // no districts since 1 Jul 2025
      { product: "D", stars: "4 sao", level: "Bộ", date: "01/10/2025" }, // since 1489 the Ministry: 5★ only
      { product: "E", date: "01/02/2026" }, // from the go-live on: the workflow's
      { product: "F", date: "01/02/2027" }, // in the future
      { product: "G", stars: "4 sao", level: "Bộ", date: "01/10/2024" }, // before 1489: accepted
      { product: "H", stars: "3 sao", level: "UBND thành phố Lai Châu", date: "01/10/2024" }, // district-level city
    ),
  );
  expect(report.applied).toBe(false);
  expect(errors(report).map((p) => [p.line, p.column, p.message])).toEqual([
    [2, "Hạng sao", expect.stringMatching(/^Provincial People's Committee does not recognise 5★ \(/)],
    [3, "Hạng sao", expect.stringMatching(/^District People's Committee does not recognise 4★ \(QĐ 148/)],
    [
      4,
      "Cấp công nhận",
      expect.stringMatching(/^District People's Committee recognised no OCOP products on 2025-07-05/),
    ],
    [
      5,
      "Hạng sao",
      expect.stringMatching(/^Ministry of Agriculture and Environment does not recognise 4★ \(QĐ 1489/),
    ],
    [
      6,
      "Ngày quyết định",
      "The decision of 2026-02-01 is on or after 2026-01-01, when the province began recording recognitions in this system: record it through the workflow.",
    ],
    [7, "Ngày quyết định", "The date 2027-02-01 is in the future."],
  ]);
  expect(await certificates()).toBe(0);
});

it("infers a blank issuing level with a warning, and audits each certificate it creates with its file and line", async () => {
  const report = await runImport(
    csv(
      { product: "Năm sao", stars: "5 sao", level: "" },
      { product: "Ba sao cũ", stars: "3 sao", level: "", date: "01/06/2024" },
      { product: "Bốn sao", stars: "4 sao", level: "", date: "01/06/2024" },
      { product: "Ba sao mới", stars: "3 sao", level: "", date: "01/09/2025" },
    ),
    false,
    "lich-su-2024.csv",
  );
  expect(report.applied).toBe(true);
  expect(report.problems.map((p) => [p.line, p.severity, p.message])).toEqual([
    [2, "WARNING", "No issuing level: read as Ministry of Agriculture and Environment (5★, 2024-03-10)."],
    [3, "WARNING", "No issuing level: read as District People's Committee (3★, 2024-06-01)."],
    [4, "WARNING", "No issuing level: read as Provincial People's Committee (4★, 2024-06-01)."],
    [5, "WARNING", "No issuing level: read as Provincial People's Committee (3★, 2025-09-01)."],
  ]);
  const levels = await t.db.dataSource.getRepository(Certificate).find({ order: { id: "ASC" } });
  expect(levels.map((c) => c.issuedBy)).toEqual([
    IssuingLevel.CENTRAL,
    IssuingLevel.DISTRICT,
    IssuingLevel.PROVINCE,
    IssuingLevel.PROVINCE,
  ]);
  const issued = await t.db.dataSource
    .getRepository(AuditEvent)
    .find({ where: { action: "CERTIFICATE_ISSUED" }, order: { id: "ASC" } });
  expect(issued.map((e) => e.subjectId)).toEqual(levels.map((c) => String(c.id)));
  for (const e of issued) expect(e.note).toMatch(/; import of lich-su-2024\.csv \(file \d+\), line \d+$/);
  expect(issued.map((e) => /line (\d+)$/.exec(e.note ?? "")?.[1])).toEqual(["2", "3", "4", "5"]);
});

it("reads a name that is today's unit and a former one elsewhere by the decision date", async () => {
  // "Xã Mường Than" is today's 03618; before the merger it was a commune now inside Than Uyên (03595).
  const report = await runImport(
    csv(
      { product: "Gạo 2021", commune: "Xã Mường Than", date: "16/10/2021" },
      { product: "Gạo 2025", commune: "Xã Mường Than", date: "16/10/2025" },
      { product: "Gạo không ngày", commune: "Xã Mường Than", date: "32/10/2025" },
    ),
    true,
  );
  expect(report.problems.map((p) => [p.line, p.severity, p.message])).toEqual([
    [
      2,
      "WARNING",
      "“Xã Mường Than” was, before the 1 July 2025 merger, a unit now inside Than Uyên: read so for the decision of 2021-10-16.",
    ],
    [4, "ERROR", "“32/10/2025” is not a date: write dd/mm/yyyy."],
    [
      4,
      "ERROR",
      "“Xã Mường Than” is today's Mường Than and was a unit now inside Than Uyên: give a valid decision date to decide.",
    ],
  ]);
  await runImport(
    csv(
      { product: "Gạo 2021", commune: "Xã Mường Than", date: "16/10/2021" },
      { product: "Gạo 2025", commune: "Xã Mường Than", date: "16/10/2025" },
    ),
  );
  const communeOf = async (name: string) =>
    (await t.db.dataSource.getRepository(Product).findOneByOrFail({ name })).communeCode;
  expect([await communeOf("Gạo 2021"), await communeOf("Gạo 2025")]).toEqual(["03595", "03618"]);
});
