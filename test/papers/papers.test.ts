// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import request from "supertest";
import { Category } from "../../src/catalog/category.entity";
import { Producer } from "../../src/catalog/producer.entity";
import { Product } from "../../src/catalog/product.entity";
import { User } from "../../src/auth/user.entity";
import { Dossier } from "../../src/dossiers/dossier.entity";
import { DossierStatus } from "../../src/dossiers/workflow";
import { makeProduct } from "../support/factory";
import { codes, FixedClock } from "../support/http";
import { op } from "../support/operations";
import { type Staff, choicesFor, dossierIn, useStaffApp } from "../support/staff";

const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
const t = useStaffApp(clock);

/** Where a person can look at what the tests rendered: each document's PDF and its first page as PNG. */
const ARTIFACTS = join(__dirname, "..", "..", "test-artifacts", "papers");
const NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";

type Answer = Awaited<ReturnType<typeof t.app.gql>>;
const ok = async (r: Promise<Answer>) => {
  const res = await r;
  expect(res.body.errors).toBeUndefined();
  return res.body.data;
};

/** The document's URL as printableDocument answers it, then its bytes over HTTP as `as` gets them. */
async function fetchPaper(input: Record<string, unknown>, as: Staff) {
  const { printableDocument } = await ok(t.app.gql(op("PrintableDocument"), { input }, as.headers));
  const res = await request(t.app.app)
    .get(printableDocument.url)
    .set(as.headers)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on("data", (c: Buffer) => chunks.push(c));
      r.on("end", () => done(null, Buffer.concat(chunks)));
    });
  return { printableDocument, res, pdf: res.body as Buffer };
}

/** The PDF's text as a reader extracts it (Poppler), and its first page kept as PNG for a person to look at. */
function textOf(pdf: Buffer, name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync("pdftoppm", [
    "-png",
    "-r",
    "70",
    "-f",
    "1",
    "-l",
    "1",
    "-singlefile",
    file,
    join(ARTIFACTS, name),
  ]);
  return execFileSync("pdftotext", ["-layout", file, "-"]).toString("utf8");
}

/** A dossier of set 4 forwarded, scored by three members and concluded through the API. */
async function concludedDossier(): Promise<Dossier> {
  const category = await t.db.dataSource.getRepository(Category).findOneByOrFail({ criteriaSet: 4 });
  const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.COMMUNE_REVIEWED, {
    createdBy: t.staff.binhLu.user,
    categoryCode: category.code,
  });
  const verdict = { met: true, note: "Nguyên liệu chè Shan tuyết của bản" };
  // Names a person reading the rendered pages recognises (the README shows them).
  const product = await t.db.dataSource.getRepository(Product).findOneByOrFail({ id: dossier.productId });
  await t.db.dataSource.getRepository(Product).update(product.id, { name: "Miến dong Bình Lư" });
  await t.db.dataSource
    .getRepository(Producer)
    .update(product.producerId, { name: "Hợp tác xã Miến dong Bình Lư" });
  const members = ["Nguyễn Văn An", "Lò Thị Bình", "Trần Minh Châu"];
  for (const [i, member] of t.staff.council.entries())
    await t.db.dataSource.getRepository(User).update(member.user.id, { fullName: members[i] });
  await t.db.dataSource.getRepository(Dossier).update(dossier.id, {
    code: `12-2026-${String(dossier.id).padStart(4, "0")}`,
    receivedOn: "2026-06-01",
    communeReport: {
      localOrigin: verdict,
      localLabour: verdict,
      ideaOrigin: verdict,
      localIdentity: verdict,
    },
  });
  const id = String(dossier.id);
  await ok(t.app.gql(op("ForwardDossier"), { id }, t.staff.binhLu.headers));
  await ok(t.app.gql(op("AcceptDossier"), { id }, t.staff.province.headers));
  for (const member of t.staff.council)
    await ok(
      t.app.gql(op("SubmitCriteriaScoreSheet"), { dossierId: id, choices: choicesFor(4) }, member.headers),
    );
  await ok(t.app.gql(op("ConcludeEvaluation"), { id }, t.staff.province.headers));
  return t.db.dataSource.getRepository(Dossier).findOneByOrFail({ id: dossier.id });
}

describe("printable documents", () => {
  it("renders each of the eight documents as an A4 PDF whose text keeps its Vietnamese letters", async () => {
    const { province, binhLu } = t.staff;
    const { product, certificate } = await makeProduct(t.db.dataSource, {
      name: "Chè Shan tuyết Sì Thâu Chải",
      stars: 4,
      decisionDate: "2023-07-10",
      expiresOn: "2026-07-10",
    });
    await t.db.dataSource
      .getRepository(Producer)
      .update(product.producerId, { name: "Hợp tác xã Chè Bình Lư" });
    const dossier = await concludedDossier();
    const documents: [string, Record<string, unknown>, Staff, string[]][] = [
      [
        "EXPIRY_NOTICE",
        { certificateNumber: certificate!.number },
        binhLu,
        ["Chè Shan tuyết Sì Thâu Chải", "10/07/2026"],
      ],
      [
        "COMMUNE_EXPIRY_NOTICES",
        { communeCode: "03390", withinDays: 60 },
        binhLu,
        ["PHỤ LỤC", "Hợp tác xã Chè Bình", "10/07/2026"],
      ],
      [
        "COMMUNE_REPORT",
        { roundId: String(dossier.roundId), communeCode: "03390" },
        binhLu,
        ["BÁO CÁO", dossier.code],
      ],
      [
        "COMMUNE_REQUEST_LETTER",
        { roundId: String(dossier.roundId), communeCode: "03390" },
        binhLu,
        ["TỜ TRÌNH", "Kính gửi"],
      ],
      [
        "SCORE_SUMMARY",
        { dossierId: String(dossier.id) },
        province,
        ["Điểm trung bình", "Thành viên hội đồng"],
      ],
      ["MINUTES_DRAFT", { dossierId: String(dossier.id) }, province, ["BIÊN BẢN", "Kết luận"]],
      [
        "RECOGNITION_LIST",
        { decisionNumber: certificate!.decisionNumber },
        province,
        ["PHỤ LỤC", "Chè Shan", "4 sao"],
      ],
      ["CERTIFICATE", { certificateNumber: certificate!.number }, province, ["GIẤY CHỨNG NHẬN", "4 sao"]],
    ];
    for (const [kind, fields, as, expected] of documents) {
      const { printableDocument, res, pdf } = await fetchPaper({ kind, ...fields }, as);
      expect({ kind, status: res.status, type: res.headers["content-type"] }).toEqual({
        kind,
        status: 200,
        type: "application/pdf",
      });
      expect(printableDocument.kind).toBe(kind);
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      const text = textOf(pdf, kind.toLowerCase());
      for (const words of [NATIONAL_TITLE, "Độc lập - Tự do - Hạnh phúc", ...expected])
        expect({ kind, found: text.includes(words) ? words : text }).toEqual({ kind, found: words });
      // The same request answers the same URL.
      expect((await fetchPaper({ kind, ...fields }, as)).printableDocument.url).toBe(printableDocument.url);
    }
  });

  it("gives no bytes to a caller who may not see the records, and says which field a kind needs", async () => {
    const { certificate } = await makeProduct(t.db.dataSource, {
      name: "Mật ong Bình Lư",
      decisionDate: "2025-01-10",
    });
    const input = { kind: "EXPIRY_NOTICE", certificateNumber: certificate!.number };
    const { printableDocument } = await ok(
      t.app.gql(op("PrintableDocument"), { input }, t.staff.binhLu.headers),
    );
    expect((await request(t.app.app).get(printableDocument.url)).status).toBe(401);
    expect((await request(t.app.app).get(printableDocument.url).set(t.staff.thanUyen.headers)).status).toBe(
      404,
    );
    const council = await request(t.app.app).get(printableDocument.url).set(t.staff.council[0].headers);
    expect(council.status).toBe(403);
    expect(council.headers["content-type"]).not.toContain("pdf");
    expect(codes(await t.app.gql(op("PrintableDocument"), { input }, t.staff.thanUyen.headers))).toEqual([
      "NOT_FOUND",
    ]);
    const missing = await t.app.gql(
      op("PrintableDocument"),
      { input: { kind: "COMMUNE_REPORT", communeCode: "03390" } },
      t.staff.binhLu.headers,
    );
    expect(codes(missing)).toEqual(["BAD_USER_INPUT"]);
    expect(missing.body.errors![0].message).toBe("This document needs: roundId.");
    expect((await request(t.app.app).get("/papers/SCORE_SUMMARY").set(t.staff.province.headers)).status).toBe(
      400,
    );
    expect((await request(t.app.app).get("/papers/NO_SUCH").set(t.staff.province.headers)).status).toBe(404);
    // A score summary before the council concluded: refused.
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.UNDER_REVIEW, {
      createdBy: t.staff.binhLu.user,
    });
    expect(
      codes(
        await t.app.gql(
          op("PrintableDocument"),
          { input: { kind: "SCORE_SUMMARY", dossierId: String(dossier.id) } },
          t.staff.province.headers,
        ),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
  });

  it("attaches a generated document to its dossier, its SHA-256 in the history", async () => {
    const dossier = await concludedDossier();
    const attach = (kind: string, as: Staff) =>
      t.app.gql(op("AttachGeneratedDocument"), { dossierId: String(dossier.id), kind }, as.headers);
    const { attachGeneratedDocument: summary } = await ok(attach("SCORE_SUMMARY", t.staff.province));
    expect(summary).toMatchObject({
      kind: "SCORE_SUMMARY",
      title: `Bảng tổng hợp kết quả chấm điểm hồ sơ ${dossier.code}`,
      file: { contentType: "application/pdf", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    // Asked again while the records are the same: the same bytes, the same document.
    expect((await ok(attach("SCORE_SUMMARY", t.staff.province))).attachGeneratedDocument.id).toBe(summary.id);
    const download = await request(t.app.app).get(summary.file.downloadUrl).set(t.staff.province.headers);
    expect(download.status).toBe(200);
    const history = await ok(
      t.app.gql(
        "query($id: ID!) { dossier(id: $id) { history { action note } } }",
        { id: String(dossier.id) },
        t.staff.province.headers,
      ),
    );
    expect(history.dossier.history.at(-1)).toEqual({
      action: "ATTACH_DOCUMENT",
      note: expect.stringContaining(summary.file.sha256),
    });
    expect((await ok(attach("MINUTES_DRAFT", t.staff.province))).attachGeneratedDocument.kind).toBe(
      "COUNCIL_MINUTES",
    );
    // The commune's papers are the commune's, while the dossier is at the commune; some kinds are no dossier's.
    expect(codes(await attach("COMMUNE_REPORT", t.staff.binhLu))).toEqual(["FORBIDDEN"]);
    expect(codes(await attach("EXPIRY_NOTICE", t.staff.province))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await attach("CERTIFICATE", t.staff.province))).toEqual(["BAD_USER_INPUT"]); // no certificate yet
    const { dossier: atCommune } = await dossierIn(t.db.dataSource, DossierStatus.COMMUNE_REVIEWED, {
      createdBy: t.staff.binhLu.user,
    });
    const report = await ok(
      t.app.gql(
        op("AttachGeneratedDocument"),
        { dossierId: String(atCommune.id), kind: "COMMUNE_REPORT" },
        t.staff.binhLu.headers,
      ),
    );
    expect(report.attachGeneratedDocument.kind).toBe("COMMUNE_REPORT");
  });
});
