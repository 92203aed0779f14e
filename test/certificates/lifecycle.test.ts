// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import request from "supertest";
import { AuditEvent } from "../../src/audit/audit-event.entity";
import { addDays } from "../../src/core/time";
import { Dossier, DossierDocument, DocumentKind, DossierKind } from "../../src/dossiers/dossier.entity";
import { DossierStatus } from "../../src/dossiers/workflow";
import { clearTestData, openTestDb, type TestDb } from "../support/db";
import { issueCertificate, makeProducer, makeProduct } from "../support/factory";
import { codes, FixedClock, testApp } from "../support/http";
import { contractOperations } from "../support/operations";
import { dossierIn, fileOf, makeStaff, type StaffSet } from "../support/staff";

const op = (name: string) => contractOperations.get(name)!;
const TODAY = "2026-06-15";
const clock = new FixedClock(new Date("2026-06-15T03:00:00Z")); // 10:00 in Vietnam
let db: TestDb;
let app: Awaited<ReturnType<typeof testApp>>;
let staff: StaffSet;

beforeAll(async () => {
  db = await openTestDb();
});
beforeEach(async () => {
  await clearTestData(db.dataSource);
  app = await testApp(db, clock);
  staff = await makeStaff(db.dataSource, app.gql);
});
afterAll(async () => {
  await db.dataSource.destroy();
});

/** A product of `commune` whose current certificate expires `days` days from today. */
const expiringIn = async (days: number, name: string, communeCode = "03390") =>
  makeProduct(db.dataSource, {
    name,
    communeCode,
    stars: 3,
    decisionDate: addDays(TODAY, days - 1095),
    expiresOn: addDays(TODAY, days),
  });

describe("expiring certificates", () => {
  it("lists what expires in the window, oldest first, with expired ones on request, within the viewer's commune", async () => {
    await expiringIn(100, "Trăm ngày");
    await expiringIn(10, "Mười ngày");
    await expiringIn(40, "Bốn mươi ngày", "03595");
    await expiringIn(-1, "Hết hạn hôm qua");
    const replaced = await expiringIn(5, "Đã đánh giá lại");
    await issueCertificate(db.dataSource, replaced.product, { stars: 4, decisionDate: "2026-06-01" });
    await makeProduct(db.dataSource, {
      name: "Đã thu hồi",
      communeCode: "03390",
      decisionDate: "2023-06-20",
      expiresOn: addDays(TODAY, 5),
      revokedOn: "2026-05-01",
    });

    const names = async (withinDays: number, extra: Record<string, unknown> = {}, as = staff.province) => {
      const r = await app.gql(op("ExpiringCertificates"), { withinDays, ...extra }, as.headers);
      expect(r.body.errors).toBeUndefined();
      return r.body.data.expiringCertificates.map((c: any) => c.product.name);
    };
    expect(await names(30)).toEqual(["Mười ngày"]);
    expect(await names(60)).toEqual(["Mười ngày", "Bốn mươi ngày"]);
    expect(await names(120)).toEqual(["Mười ngày", "Bốn mươi ngày", "Trăm ngày"]);
    expect(await names(30, { includeExpired: true })).toEqual(["Hết hạn hôm qua", "Mười ngày"]);
    expect(await names(120, { communeCodes: ["03595"] })).toEqual(["Bốn mươi ngày"]);
    expect(await names(120, {}, staff.thanUyen)).toEqual(["Bốn mươi ngày"]);
    expect(await names(120, { communeCodes: ["03390"] }, staff.thanUyen)).toEqual([]);
    const row = (await app.gql(op("ExpiringCertificates"), { withinDays: 30 }, staff.binhLu.headers)).body
      .data.expiringCertificates[0];
    expect(row).toMatchObject({
      stars: 3,
      expiresOn: "2026-06-25",
      noticeSentOn: null,
      product: { producer: { phone: "0213 000 000" }, commune: { code: "03390" } },
    });
    expect(codes(await app.gql(op("ExpiringCertificates"), { withinDays: 30 }))).toEqual(["UNAUTHENTICATED"]);
    expect(
      codes(await app.gql(op("ExpiringCertificates"), { withinDays: 30 }, staff.council[0].headers)),
    ).toEqual(["FORBIDDEN"]);
    expect(
      codes(await app.gql(op("ExpiringCertificates"), { withinDays: -1 }, staff.province.headers)),
    ).toEqual(["BAD_USER_INPUT"]);
  });

  it("records a notice once per sender and day, and flags one sent less than 30 days before expiry as late", async () => {
    const soon = await expiringIn(10, "Mười ngày");
    const later = await expiringIn(45, "Bốn lăm ngày");
    // The province's letters: the written notices of the authority that issued these certificates.
    const notice = (number: string, sentOn: string, as = staff.province) =>
      app.gql(
        op("RecordExpiryNotice"),
        { input: { certificateNumber: number, sentOn, channel: "LETTER", note: "Công văn của Sở" } },
        as.headers,
      );
    expect((await notice(soon.certificate!.number, TODAY)).body.data.recordExpiryNotice).toEqual({
      number: soon.certificate!.number,
      noticeSentOn: TODAY,
    });
    await notice(later.certificate!.number, TODAY);
    const late = async (number: string) =>
      (
        await app.gql(
          "query($n: String!) { certificate(number: $n) { noticeLate noticeChannel } }",
          { n: number },
          staff.province.headers,
        )
      ).body.data.certificate;
    expect(await late(soon.certificate!.number)).toEqual({ noticeLate: true, noticeChannel: "LETTER" });
    expect(await late(later.certificate!.number)).toEqual({ noticeLate: false, noticeChannel: "LETTER" });
    expect(codes(await notice(soon.certificate!.number, TODAY))).toEqual(["CONFLICT"]); // once
    expect(codes(await notice(later.certificate!.number, "2026-06-20"))).toEqual(["BAD_USER_INPUT"]); // future
    expect(codes(await notice(later.certificate!.number, TODAY, staff.thanUyen))).toEqual(["NOT_FOUND"]);
    // Another commune's officer reads the public certificate, but not this commune's notice.
    expect(await late(soon.certificate!.number)).toEqual({ noticeLate: true, noticeChannel: "LETTER" });
    const elsewhere = await app.gql(
      "query($n: String!) { certificate(number: $n) { number noticeSentOn noticeLate noticeChannel } }",
      { n: soon.certificate!.number },
      staff.thanUyen.headers,
    );
    expect(elsewhere.body.data.certificate).toEqual({
      number: soon.certificate!.number,
      noticeSentOn: null,
      noticeLate: null,
      noticeChannel: null,
    });
    const listed = (await app.gql(op("ExpiringCertificates"), { withinDays: 30 }, staff.province.headers))
      .body.data.expiringCertificates;
    expect(listed.map((c: any) => c.noticeSentOn)).toEqual([TODAY]);
    // The public may verify the certificate but not see staff fields.
    const anonymous = await app.gql(
      "query($n: String!) { certificate(number: $n) { status noticeSentOn } }",
      { n: soon.certificate!.number },
    );
    expect(codes(anonymous)).toEqual(["UNAUTHENTICATED"]);
    expect(anonymous.body.data.certificate).toEqual({ status: "ACTIVE", noticeSentOn: null });
    expect(await db.dataSource.getRepository(AuditEvent).countBy({ action: "EXPIRY_NOTICE_RECORDED" })).toBe(
      2,
    );
  });
});

describe("expiry notices, more than one", () => {
  it("records the province's letter and the commune's relay, each with its date; lateness is judged on the first", async () => {
    const { certificate } = await expiringIn(40, "Bốn mươi ngày");
    const number = certificate!.number;
    const notice = (input: Record<string, unknown>, as = staff.province) =>
      app.gql(
        op("RecordExpiryNotice"),
        { input: { certificateNumber: number, channel: "LETTER", ...input } },
        as.headers,
      );
    // The province's letter 40 days before expiry (in time), the commune relays it 15 days later (late on its own).
    clock.instant = new Date("2026-06-15T03:00:00Z");
    expect(
      (await notice({ sentOn: "2026-06-15", letterNumber: "1234/SNNMT-PTNT", letterDate: "2026-06-14" })).body
        .errors,
    ).toBeUndefined();
    const relay = await notice({ sentOn: "2026-06-15", channel: "IN_PERSON" }, staff.binhLu);
    expect(relay.body.errors).toBeUndefined();
    expect(codes(await notice({ sentOn: "2026-06-15", channel: "PHONE" }))).toEqual(["CONFLICT"]); // the province's, again
    expect(codes(await notice({ sentOn: "2026-06-10", letterDate: "2026-06-20" }))).toEqual([
      "BAD_USER_INPUT",
    ]); // future letter
    const seen = await app.gql(
      `query($n: String!) { certificate(number: $n) { noticeSentOn noticeLate
        expiryNotices { authority sentOn channel letterNumber letterDate late } } }`,
      { n: number },
      staff.binhLu.headers,
    );
    expect(seen.body.data.certificate).toEqual({
      noticeSentOn: "2026-06-15",
      noticeLate: false,
      expiryNotices: [
        {
          authority: "PROVINCE",
          sentOn: "2026-06-15",
          channel: "LETTER",
          letterNumber: "1234/SNNMT-PTNT",
          letterDate: "2026-06-14",
          late: false,
        },
        {
          authority: "COMMUNE",
          sentOn: "2026-06-15",
          channel: "IN_PERSON",
          letterNumber: null,
          letterDate: null,
          late: false,
        },
      ],
    });
    const events = await db.dataSource.getRepository(AuditEvent).findBy({ action: "EXPIRY_NOTICE_RECORDED" });
    expect(events.map((e) => e.note)).toEqual([
      "PROVINCE (1234/SNNMT-PTNT of 2026-06-14), LETTER on 2026-06-15",
      "COMMUNE, IN_PERSON on 2026-06-15",
    ]);
  });
});

describe("the report of a year's certificates", () => {
  it("lists exactly the certificates recognised in 2022, per commune, with their expiry, as GraphQL and as an Excel-ready CSV", async () => {
    const a = await makeProduct(db.dataSource, {
      name: "Miến dong Bình Lư",
      communeCode: "03390",
      decisionDate: "2022-03-10",
    });
    const b = await makeProduct(db.dataSource, {
      name: 'Thịt trâu gác bếp, "Thiết Hà"',
      communeCode: "03595",
      decisionDate: "2022-12-30",
    });
    await makeProduct(db.dataSource, { name: "Chè 2021", communeCode: "03390", decisionDate: "2021-12-31" });
    await makeProduct(db.dataSource, { name: "Gạo 2023", communeCode: "03595", decisionDate: "2023-01-01" });
    await issueCertificate(db.dataSource, a.product, { stars: 4, decisionDate: "2025-03-01" }); // a's 2022 certificate is superseded

    const r = await app.gql(
      "query($y: Int!) { certificatesRecognizedIn(recognizedYear: $y) { commune { code } certificates { number expiresOn status } } }",
      { y: 2022 },
      staff.province.headers,
    );
    expect(r.body.data.certificatesRecognizedIn).toEqual([
      {
        commune: { code: "03595" },
        certificates: [{ number: b.certificate!.number, expiresOn: "2025-12-30", status: "EXPIRED" }],
      },
      {
        commune: { code: "03390" },
        certificates: [{ number: a.certificate!.number, expiresOn: "2025-03-10", status: "SUPERSEDED" }],
      },
    ]);

    const csv = await request(app.app)
      .get("/reports/certificates.csv?recognizedYear=2022")
      .set(staff.province.headers)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => done(null, Buffer.concat(chunks)));
      });
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(3)).trim().split("\r\n");
    expect(lines[0]).toBe(
      '"Mã xã","Xã/phường","Sản phẩm","Chủ thể","Số giấy chứng nhận","Hạng sao","Số quyết định","Ngày quyết định","Ngày hết hạn","Trạng thái","Ngày thông báo hết hạn","Thông báo trễ"',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`"03595","Than Uyên","Thịt trâu gác bếp, ""Thiết Hà""",`);
    expect(lines[1]).toContain(`,"${b.certificate!.number}","3",`);
    expect(lines[1]).toContain(',"2022-12-30","2025-12-30","Hết hạn","",');
    expect(lines[2]).toContain(',"2022-03-10","2025-03-10","Đã thay thế","",');

    expect((await request(app.app).get("/reports/certificates.csv?recognizedYear=2022")).status).toBe(401);
    expect(
      (
        await request(app.app)
          .get("/reports/certificates.csv?recognizedYear=2022")
          .set(staff.council[0].headers)
      ).status,
    ).toBe(403);
    expect(
      (await request(app.app).get("/reports/certificates.csv?recognizedYear=abc").set(staff.province.headers))
        .status,
    ).toBe(400);
    const own = await request(app.app)
      .get("/reports/certificates.csv?recognizedYear=2022")
      .set(staff.thanUyen.headers);
    expect(own.text.trim().split("\r\n")).toHaveLength(2); // only Than Uyên's
  });

  it("quotes every cell and defuses formulas anywhere a spreadsheet would run them", async () => {
    const producer = await makeProducer(db.dataSource, { name: "-2+3", communeCode: "03390" });
    await makeProduct(db.dataSource, { name: "abc;=1+1", producer, decisionDate: "2022-05-01" });
    await makeProduct(db.dataSource, {
      name: '=HYPERLINK("http://x")',
      producer,
      decisionDate: "2022-05-02",
    });
    const csv = await request(app.app)
      .get("/reports/certificates.csv?recognizedYear=2022")
      .set(staff.province.headers);
    const lines = csv.text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[1]).toContain('"abc;=1+1","\'-2+3"');
    expect(lines[2]).toContain('"\'=HYPERLINK(""http://x"")","\'-2+3"');
    for (const line of lines) expect(line).toMatch(/^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/); // every cell quoted
  });

  it("costs the same number of statements for 3 certificates as for 30", async () => {
    const statements = async (n: number) => {
      await clearTestData(db.dataSource);
      const staffNow = await makeStaff(db.dataSource, app.gql);
      for (let i = 0; i < n; i++)
        await makeProduct(db.dataSource, {
          name: `Sản phẩm ${i}`,
          communeCode: i % 2 ? "03390" : "03595",
          decisionDate: "2022-06-01",
        });
      const before = db.sql.statements;
      const csv = await request(app.app)
        .get("/reports/certificates.csv?recognizedYear=2022")
        .set(staffNow.province.headers);
      expect(csv.text.trim().split("\r\n")).toHaveLength(n + 1);
      return db.sql.statements - before;
    };
    await statements(1); // warms the one-minute reference cache (communes)
    expect(await statements(30)).toBe(await statements(3));
  });
});

describe("inspection, recommendation, revocation", () => {
  it("runs end to end as the real roles; the product leaves the catalog at once and the certificate answers REVOKED", async () => {
    const { product, certificate } = await makeProduct(db.dataSource, {
      name: "Mật ong Bình Lư",
      communeCode: "03390",
      stars: 4,
      decisionDate: "2025-01-10",
    });
    const number = certificate!.number;
    const catalogCounts = async () => {
      const page = (await app.gql(op("CatalogPage"), {})).body.data.products.totalCount;
      const facets = (await app.gql(op("CatalogFacets"), {})).body.data.productFacets.total;
      const communes = (await app.gql(op("Communes"), {})).body.data.communes.find(
        (c: any) => c.code === "03390",
      ).productCount;
      return [page, facets, communes];
    };
    expect(await catalogCounts()).toEqual([1, 1, 1]); // and now cached

    const inspected = await app.gql(
      op("RecordInspection"),
      {
        input: {
          productId: String(product.id),
          inspectedOn: "2026-06-10",
          logoUseCompliant: false,
          findings: "Dùng nhãn OCOP 5 sao",
          violations: [{ kind: "LOGO_MISUSE", description: "In 5 sao trên bao bì" }],
        },
      },
      staff.binhLu.headers,
    );
    expect(inspected.body.data.recordInspection).toMatchObject({
      inspectedOn: "2026-06-10",
      logoUseCompliant: false,
      violations: [{ kind: "LOGO_MISUSE", description: "In 5 sao trên bao bì" }],
    });
    const history = await app.gql(
      "query($p: ID!) { inspections(productId: $p) { id violations { id } inspector { email } } }",
      { p: String(product.id) },
      staff.province.headers,
    );
    const violationId = history.body.data.inspections[0].violations[0].id;
    expect(history.body.data.inspections[0].inspector.email).toBe(staff.binhLu.user.email);

    const recommended = await app.gql(
      op("RecommendRevocation"),
      {
        input: {
          certificateNumber: number,
          reason: "Sử dụng sai nhãn",
          violationIds: [violationId],
          grounds: ["LOGO_MISUSE"],
        },
      },
      staff.binhLu.headers,
    );
    expect(recommended.body.data.recommendRevocation).toMatchObject({
      reason: "Sử dụng sai nhãn",
      status: "PENDING",
    });
    const queue = await app.gql(
      "{ revocationRecommendations(status: PENDING) { id certificate { number } } }",
      {},
      staff.province.headers,
    );
    expect(queue.body.data.revocationRecommendations.map((q: any) => q.certificate.number)).toEqual([number]);

    const revoked = await app.gql(
      op("RevokeCertificate"),
      {
        input: {
          certificateNumber: number,
          decisionNumber: "88/QĐ-UBND",
          decisionDate: "2026-06-14",
          reason: "Vi phạm sử dụng nhãn OCOP",
          grounds: ["LOGO_MISUSE"],
        },
      },
      staff.province.headers,
    );
    expect(revoked.body.data.revokeCertificate).toEqual({
      number,
      status: "REVOKED",
      revokedOn: "2026-06-14",
      revocationReason: "Vi phạm sử dụng nhãn OCOP",
    });

    expect(await catalogCounts()).toEqual([0, 0, 0]);
    expect((await app.gql(op("ProductDetail"), { slug: product.slug })).body.data.product).toBeNull();
    expect((await app.gql(op("VerifyCertificate"), { number })).body.data.certificate).toMatchObject({
      status: "REVOKED",
      revokedOn: "2026-06-14",
      revocationReason: "Vi phạm sử dụng nhãn OCOP",
    });
    expect(
      (await app.gql("{ revocationRecommendations { status } }", {}, staff.province.headers)).body.data
        .revocationRecommendations,
    ).toEqual([{ status: "ACCEPTED" }]);
    expect(
      codes(
        await app.gql(
          op("RevokeCertificate"),
          {
            input: {
              certificateNumber: number,
              decisionNumber: "89/QĐ",
              decisionDate: "2026-06-14",
              reason: "Lần nữa",
            },
          },
          staff.province.headers,
        ),
      ),
    ).toEqual(["INVALID_TRANSITION"]);
    const actions = (await db.dataSource.getRepository(AuditEvent).find({ order: { id: "ASC" } }))
      .map((e) => e.action)
      .filter((a) => a !== "LOGIN");
    expect(actions).toEqual([
      "CERTIFICATE_ISSUED",
      "INSPECTION_RECORDED",
      "REVOCATION_RECOMMENDED",
      "CERTIFICATE_REVOKED",
    ]); // the fixture issued it as production does
  });

  it("refuses the wrong roles and other communes", async () => {
    const { product, certificate } = await makeProduct(db.dataSource, {
      name: "Chè Bình Lư",
      communeCode: "03390",
      decisionDate: "2025-01-10",
    });
    const inspect = (as = staff.binhLu) =>
      app.gql(
        op("RecordInspection"),
        { input: { productId: String(product.id), inspectedOn: TODAY, logoUseCompliant: true } },
        as.headers,
      );
    expect(codes(await inspect(staff.thanUyen))).toEqual(["NOT_FOUND"]);
    expect(codes(await inspect(staff.council[0]))).toEqual(["FORBIDDEN"]);
    expect(codes(await inspect(staff.province))).toEqual([]);
    const recommend = (as: typeof staff.binhLu) =>
      app.gql(
        op("RecommendRevocation"),
        { input: { certificateNumber: certificate!.number, reason: "Lý do", grounds: ["LOGO_MISUSE"] } },
        as.headers,
      );
    expect(codes(await recommend(staff.province))).toEqual(["FORBIDDEN"]);
    expect(codes(await recommend(staff.thanUyen))).toEqual(["NOT_FOUND"]);
    const revoke = (as: typeof staff.binhLu) =>
      app.gql(
        op("RevokeCertificate"),
        {
          input: {
            certificateNumber: certificate!.number,
            decisionNumber: "1/QĐ",
            decisionDate: TODAY,
            reason: "x",
          },
        },
        as.headers,
      );
    expect(codes(await revoke(staff.binhLu))).toEqual(["FORBIDDEN"]);
    expect(codes(await revoke(staff.council[0]))).toEqual(["FORBIDDEN"]);
    expect(
      codes(
        await app.gql(op("RevokeCertificate"), {
          input: {
            certificateNumber: certificate!.number,
            decisionNumber: "1/QĐ",
            decisionDate: TODAY,
            reason: "x",
          },
        }),
      ),
    ).toEqual(["UNAUTHENTICATED"]);

    const rec = (await recommend(staff.binhLu)).body.data.recommendRevocation;
    expect(codes(await recommend(staff.binhLu))).toEqual(["CONFLICT"]); // one pending at a time
    const reject = (as: typeof staff.binhLu) =>
      app.gql(
        'mutation($id: ID!) { rejectRevocationRecommendation(id: $id, reason: "Chưa đủ căn cứ") { status decisionNote } }',
        { id: rec.id },
        as.headers,
      );
    expect(codes(await reject(staff.binhLu))).toEqual(["FORBIDDEN"]);
    expect((await reject(staff.province)).body.data.rejectRevocationRecommendation).toEqual({
      status: "REJECTED",
      decisionNote: "Chưa đủ căn cứ",
    });
    expect(codes(await reject(staff.province))).toEqual(["INVALID_TRANSITION"]);
    expect(
      (await app.gql(op("VerifyCertificate"), { number: certificate!.number })).body.data.certificate.status,
    ).toBe("ACTIVE");
  });
});

describe("revocation under the rule set", () => {
  const revoke = (number: string, grounds?: string[]) =>
    app.gql(
      op("RevokeCertificate"),
      {
        input: {
          certificateNumber: number,
          decisionNumber: "7/QĐ",
          decisionDate: TODAY,
          reason: "Vi phạm",
          grounds,
        },
      },
      staff.province.headers,
    );

  it("lets a commune recommend revoking an expired certificate that was not re-evaluated, citing the rule set's grounds", async () => {
    const { certificate } = await expiringIn(-20, "Hết hạn hai mươi ngày");
    const recommend = (grounds: string[]) =>
      app.gql(
        `mutation($input: RevocationRecommendationInput!) {
          recommendRevocation(input: $input) { status grounds { code text } } }`,
        { input: { certificateNumber: certificate!.number, reason: "Không đánh giá lại", grounds } },
        staff.binhLu.headers,
      );
    const unknown = await recommend(["NOT_RE_EVALUATED", "TOO_OLD"]);
    expect(codes(unknown)).toEqual(["BAD_USER_INPUT"]);
    expect(unknown.body.errors![0].message).toMatch(
      /^TOO_OLD are not revocation grounds of QĐ 148\/QĐ-TTg, sửa đổi bởi QĐ 1489\/QĐ-TTg; the grounds are: QUALITY_NOT_MAINTAINED, /,
    );
    const ok = await recommend(["NOT_RE_EVALUATED"]);
    expect(ok.body.data.recommendRevocation).toEqual({
      status: "PENDING",
      grounds: [{ code: "NOT_RE_EVALUATED", text: "Hết thời hạn công nhận mà không đề nghị đánh giá lại" }],
    });
    const revoked = await revoke(certificate!.number, ["NOT_RE_EVALUATED"]);
    expect(revoked.body.errors).toBeUndefined();
    const answer = await app.gql(
      "query($n: String!) { certificate(number: $n) { status revokedBy revocationGrounds { code } } }",
      { n: certificate!.number },
    );
    expect(answer.body.data.certificate).toEqual({
      status: "REVOKED",
      revokedBy: "PROVINCE",
      revocationGrounds: [{ code: "NOT_RE_EVALUATED" }],
    });
  });

  it("revokes a certificate the Ministry issued only on the Ministry's decision, after the province's proposal", async () => {
    const { certificate } = await makeProduct(db.dataSource, {
      name: "Sản phẩm 5 sao",
      communeCode: "03390",
      stars: 5,
      decisionDate: "2025-01-10",
    });
    const provincial = await makeProduct(db.dataSource, {
      name: "Sản phẩm 4 sao",
      stars: 4,
      decisionDate: "2025-01-10",
    });
    const propose = (number: string) =>
      app.gql(
        `mutation($input: MinistryRevocationProposalInput!) {
          proposeRevocationToMinistry(input: $input) { number ministryRevocationProposal { letterNumber letterDate grounds { code } } } }`,
        {
          input: {
            certificateNumber: number,
            letterNumber: "321/UBND-KT",
            letterDate: TODAY,
            reason: "Không duy trì chất lượng",
            grounds: ["QUALITY_NOT_MAINTAINED"],
          },
        },
        staff.province.headers,
      );
    const early = await revoke(certificate!.number);
    expect(codes(early)).toEqual(["INVALID_TRANSITION"]);
    expect(early.body.errors![0].message).toMatch(
      /^A certificate issued by the Ministry is revoked by the Ministry/,
    );
    expect(codes(await propose(provincial.certificate!.number))).toEqual(["INVALID_TRANSITION"]);
    const proposed = await propose(certificate!.number);
    expect(proposed.body.data.proposeRevocationToMinistry.ministryRevocationProposal).toEqual({
      letterNumber: "321/UBND-KT",
      letterDate: TODAY,
      grounds: [{ code: "QUALITY_NOT_MAINTAINED" }],
    });
    expect(codes(await propose(certificate!.number))).toEqual(["CONFLICT"]);
    expect((await revoke(certificate!.number, ["QUALITY_NOT_MAINTAINED"])).body.errors).toBeUndefined();
    const answer = await app.gql("query($n: String!) { certificate(number: $n) { status revokedBy } }", {
      n: certificate!.number,
    });
    expect(answer.body.data.certificate).toEqual({ status: "REVOKED", revokedBy: "MINISTRY" });
  });
});

describe("re-evaluation", () => {
  it("offers the previous dossier's still-valid documents to carry over and lists the lapsed ones", async () => {
    const { dossier: old, product } = await dossierIn(db.dataSource, DossierStatus.RECOGNIZED, {
      createdBy: staff.binhLu.user,
      kind: DossierKind.RE_EVALUATION,
    });
    const doc = async (kind: DocumentKind, validUntil: string | null) => {
      const { file } = await fileOf(db.dataSource, staff.binhLu.user);
      return db.dataSource.manager.save(
        db.dataSource.manager.create(DossierDocument, {
          dossierId: old.id,
          kind,
          title: kind,
          fileId: file.id,
          validUntil,
          attachedById: staff.binhLu.user.id,
        }),
      );
    };
    const plan = await doc(DocumentKind.BUSINESS_PLAN, null);
    const test = await doc(DocumentKind.TEST_REPORT, "2026-12-31");
    const safety = await doc(DocumentKind.FOOD_SAFETY_CERTIFICATE, "2026-06-15"); // lapses today
    const renewal = await db.dataSource.manager.save(
      db.dataSource.manager.create(Dossier, {
        code: "T-renewal",
        productId: product.id,
        roundId: old.roundId,
        communeCode: "03390",
        kind: DossierKind.RE_EVALUATION,
        status: DossierStatus.DRAFT,
        version: 1,
        createdById: staff.binhLu.user.id,
      }),
    );
    const previous = await app.gql(
      "query($id: ID!) { dossier(id: $id) { previousDocuments { reusable { id kind } lapsed { id kind validUntil } } } }",
      { id: String(renewal.id) },
      staff.binhLu.headers,
    );
    expect(previous.body.data.dossier.previousDocuments).toEqual({
      reusable: [
        { id: String(plan.id), kind: "BUSINESS_PLAN" },
        { id: String(test.id), kind: "TEST_REPORT" },
      ],
      lapsed: [{ id: String(safety.id), kind: "FOOD_SAFETY_CERTIFICATE", validUntil: "2026-06-15" }],
    });
    const carry = (ids: number[]) =>
      app.gql(
        "mutation($d: ID!, $ids: [ID!]!) { carryOverDocuments(dossierId: $d, documentIds: $ids) { documents { kind validUntil } } }",
        { d: String(renewal.id), ids: ids.map(String) },
        staff.binhLu.headers,
      );
    expect(codes(await carry([safety.id]))).toEqual(["BAD_USER_INPUT"]);
    expect((await carry([plan.id, test.id])).body.data.carryOverDocuments.documents).toEqual([
      { kind: "BUSINESS_PLAN", validUntil: null },
      { kind: "TEST_REPORT", validUntil: "2026-12-31" },
    ]);
  });
});
