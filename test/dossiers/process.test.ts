// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { mkdirSync, readdirSync } from "node:fs";
import request from "supertest";
import { codes, FixedClock, TEST_FILES_DIR } from "../support/http";
import { op } from "../support/operations";
import { DocumentKind, DossierDocument } from "../../src/dossiers/dossier.entity";
import { DossierStatus } from "../../src/dossiers/workflow";
import { criteriaSheetsIn } from "../../src/rules/rule-book";
import { choicesFor, dossierIn, renewTokens, upload, useStaffApp } from "../support/staff";

const clock = new FixedClock(new Date("2025-09-01T02:00:00Z"));
const t = useStaffApp(clock);

/** The tea sheet's criteria whose best option carries a 5★ mark (its next best does not). */
const FIVE_STAR_OPTION = Object.fromEntries(
  criteriaSheetsIn("criteria-148")
    .get(11)!
    .parts.flatMap((p) => p.criteria)
    .map((c) => [c.code, c.options.at(-1)!.mandatoryForStars === 5]),
);

const ok = async (r: Promise<Awaited<ReturnType<typeof t.app.gql>>>) => {
  const res = await r;
  expect(res.body.errors).toBeUndefined();
  return res.body.data;
};

it("walks a dossier through the 2025 process as the real roles, into the public catalog", async () => {
  const { gql } = t.app;
  const { binhLu, province, council } = t.staff;

  // The province opens the 2025 round: dossiers by 31 Oct 2025.
  const { openEvaluationRound: round } = await ok(
    gql(
      op("OpenEvaluationRound"),
      { input: { name: "Đánh giá OCOP 2025", year: 2025, submissionDeadline: "2025-10-31" } },
      province.headers,
    ),
  );
  expect(round).toMatchObject({ year: 2025, submissionDeadline: "2025-10-31" });

  // The commune records the producer and its product.
  const { createProducer: producer } = await ok(
    gql(
      op("CreateProducer"),
      { input: { name: "HTX Chè Bình Lư", kind: "HTX", communeCode: "03390", phone: "0213 3876 543" } },
      binhLu.headers,
    ),
  );
  const { createProduct: product } = await ok(
    gql(
      op("CreateProduct"),
      {
        input: {
          producerId: producer.id,
          name: "Trà Shan Tuyết Bình Lư",
          categoryCode: "I.5.a",
          description: "Chè cổ thụ",
        },
      },
      binhLu.headers,
    ),
  );
  expect(product).toMatchObject({
    slug: "tra-shan-tuyet-binh-lu",
    category: { code: "I.5.a" },
    producer: { id: producer.id },
  });

  const { createDossier: dossier } = await ok(
    gql(
      op("CreateDossier"),
      { input: { productId: product.id, roundId: round.id, kind: "NEW" } },
      binhLu.headers,
    ),
  );
  expect(dossier).toMatchObject({
    kind: "NEW",
    status: "DRAFT",
    product: { id: product.id },
    round: { id: round.id },
  });
  expect(dossier.code).toBe(`12-2025-${String(dossier.id).padStart(4, "0")}`);

  // Submitting without the mandatory documents names what is missing.
  const early = await gql(op("SubmitDossier"), { id: dossier.id }, binhLu.headers);
  expect(codes(early)).toEqual(["INVALID_TRANSITION"]);
  expect(early.body.errors![0].message).toBe(
    "Missing mandatory documents: Product registration form, Business plan, Profile of the producer, Copy of the business registration.",
  );
  expect(early.body.errors![0].extensions!.missingDocuments).toEqual([
    "REGISTRATION_FORM",
    "BUSINESS_PLAN",
    "ORGANISATION_PROFILE",
    "BUSINESS_REGISTRATION",
  ]);

  for (const [kind, title] of [
    ["REGISTRATION_FORM", "Phiếu đăng ký"],
    ["BUSINESS_PLAN", "Phương án kinh doanh"],
    ["ORGANISATION_PROFILE", "Giới thiệu tổ chức"],
    ["BUSINESS_REGISTRATION", "Giấy đăng ký HTX"],
    ["TEST_REPORT", "Phiếu kiểm nghiệm"],
  ]) {
    const uploaded = await upload(t.app.app, binhLu.headers, undefined, `${kind}.pdf`);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      contentType: "application/pdf",
      size: expect.any(Number),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const { attachDossierDocument: doc } = await ok(
      gql(
        op("AttachDossierDocument"),
        {
          input: {
            dossierId: dossier.id,
            kind,
            title,
            fileId: uploaded.body.id,
            validUntil: kind === "TEST_REPORT" ? "2026-06-30" : null,
          },
        },
        binhLu.headers,
      ),
    );
    expect(doc).toMatchObject({ kind, title });
    // The commune checks each piece of evidence as it is handed in.
    const { confirmDossierDocument: checked } = await ok(
      gql(
        op("ConfirmDossierDocument"),
        { input: { documentId: doc.id, status: "CONFIRMED" } },
        binhLu.headers,
      ),
    );
    expect(checked.confirmation).toMatchObject({ status: "CONFIRMED", by: { email: binhLu.user.email } });
  }
  await ok(
    gql(op("RecordDossierReceipt"), { dossierId: dossier.id, receivedOn: "2025-09-01" }, binhLu.headers),
  );
  await ok(gql(op("SubmitDossier"), { id: dossier.id }, binhLu.headers));
  // The commune grades the four local criteria on the tea sheet (set 11) with the options it chose.
  const verdict = (optionCode: string) => ({ met: true, note: "Đạt", optionCode });
  await ok(
    gql(
      op("RecordCommuneReport"),
      {
        input: {
          dossierId: dossier.id,
          localOrigin: verdict("A.1.a.3"),
          localLabour: verdict("A.3.c.2"),
          ideaOrigin: verdict("A.2.a.4"),
          localIdentity: { met: true, note: null, optionCode: "B.5.b.4" },
        },
      },
      binhLu.headers,
    ),
  );

  // The commune's report and its request letter to the province go with the dossier (rules of 1489).
  for (const kind of ["COMMUNE_REPORT", "COMMUNE_REQUEST_LETTER"]) {
    const uploaded = await upload(t.app.app, binhLu.headers, undefined, `${kind}.pdf`);
    await ok(
      gql(
        op("AttachDossierDocument"),
        { input: { dossierId: dossier.id, kind, title: kind, fileId: uploaded.body.id } },
        binhLu.headers,
      ),
    );
  }

  clock.instant = new Date("2025-10-20T03:00:00Z");
  await renewTokens(gql, t.staff);
  const { forwardDossier: forwarded } = await ok(
    gql(op("ForwardDossier"), { id: dossier.id }, binhLu.headers),
  );
  expect(forwarded).toMatchObject({ status: "FORWARDED", forwardedAt: "2025-10-20T03:00:00.000Z" });

  await ok(gql(op("AcceptDossier"), { id: dossier.id }, province.headers));
  // Each member: the best option short of every 5★ mark (88 points), and 3, 2 or 1 of the 3 points the
  // tea sheet lacks in part C: 91, 90 and 89. Unanimously short of 5★, so 4 stars on an average of 90.
  const below5 = choicesFor(11, (code, count) => (FIVE_STAR_OPTION[code] ? count - 1 : count));
  for (const [i, credit] of [3, 2, 1].entries()) {
    const { submitCriteriaScoreSheet } = await ok(
      gql(
        op("SubmitCouncilScoreSheet"),
        {
          dossierId: dossier.id,
          choices: below5,
          missingPoints: [{ code: "C", points: credit, note: "Tiêu chí thiếu trong bản chép" }],
        },
        council[i].headers,
      ),
    );
    expect(submitCriteriaScoreSheet).toMatchObject({
      total: 88 + credit,
      mandatoryStarsMet: 4,
      sheetComplete: false,
    });
  }
  const { concludeEvaluation } = await ok(
    gql(op("ConcludeEvaluation"), { id: dossier.id }, province.headers),
  );
  expect(concludeEvaluation).toEqual({ id: dossier.id, status: "SCORED", averageScore: 90, resultStars: 4 });

  clock.instant = new Date("2025-12-20T03:00:00Z");
  await renewTokens(gql, t.staff);
  const { recordRecognition: certificate } = await ok(
    gql(
      op("RecordRecognition"),
      {
        input: {
          dossierId: dossier.id,
          decisionNumber: "2150/QĐ-UBND",
          decisionDate: "2025-12-15",
          certificateNumber: "125/GCN-UBND",
        },
      },
      province.headers,
    ),
  );
  expect(certificate).toEqual({
    number: "125/GCN-UBND", // as printed on the decision
    stars: 4,
    status: "ACTIVE",
    issuedOn: "2025-12-15",
    expiresOn: "2028-12-15",
    decisionNumber: "2150/QĐ-UBND",
  });

  // At once in the public catalog, with the recognised stars.
  const page = await ok(gql(op("CatalogPage"), { filter: { search: "shan tuyet binh lu" } }));
  expect(page.products.edges.map((e: any) => e.node)).toEqual([
    expect.objectContaining({
      name: "Trà Shan Tuyết Bình Lư",
      stars: 4,
      certificate: expect.objectContaining({ number: certificate.number, expiresOn: "2028-12-15" }),
    }),
  ]);

  const { dossier: detail } = await ok(gql(op("DossierDetail"), { id: dossier.id }, province.headers));
  expect(detail).toMatchObject({
    status: "RECOGNIZED",
    averageScore: 90,
    resultStars: 4,
    allowedActions: ["ATTACH_DOCUMENT", "REMOVE_DOCUMENT"], // the province's own papers only
  });
  expect(detail.documents).toHaveLength(7);
  expect(detail.history.map((h: any) => [h.action, h.fromStatus, h.toStatus, h.actor.email])).toEqual([
    ["CREATE", null, "DRAFT", binhLu.user.email],
    ...Array.from({ length: 5 }, () => [
      ["ATTACH_DOCUMENT", "DRAFT", "DRAFT", binhLu.user.email],
      ["CONFIRM_DOCUMENT", "DRAFT", "DRAFT", binhLu.user.email],
    ]).flat(),
    ["RECORD_RECEIPT", "DRAFT", "DRAFT", binhLu.user.email],
    ["SUBMIT", "DRAFT", "SUBMITTED", binhLu.user.email],
    ["RECORD_COMMUNE_REPORT", "SUBMITTED", "COMMUNE_REVIEWED", binhLu.user.email],
    ["ATTACH_DOCUMENT", "COMMUNE_REVIEWED", "COMMUNE_REVIEWED", binhLu.user.email],
    ["ATTACH_DOCUMENT", "COMMUNE_REVIEWED", "COMMUNE_REVIEWED", binhLu.user.email],
    ["FORWARD", "COMMUNE_REVIEWED", "FORWARDED", binhLu.user.email],
    ["ACCEPT", "FORWARDED", "UNDER_REVIEW", province.user.email],
    ...council.map((c) => ["SUBMIT_SCORE_SHEET", "UNDER_REVIEW", "UNDER_REVIEW", c.user.email]),
    ["CONCLUDE_EVALUATION", "UNDER_REVIEW", "SCORED", province.user.email],
    ["RECORD_RECOGNITION", "SCORED", "RECOGNIZED", province.user.email],
  ]);
  expect(detail.version).toBe(detail.history.length); // every change raised the version once (created at 1)
});

it("lists dossiers by role: a commune sees its own, the council from UNDER_REVIEW on, the province all", async () => {
  const { gql } = t.app;
  const { round, dossier } = await dossierIn(t.db.dataSource, DossierStatus.UNDER_REVIEW, {
    createdBy: t.staff.binhLu.user,
  });
  const count = async (headers: Record<string, string>, filter = {}) =>
    (await ok(gql(op("Dossiers"), { filter: { roundId: String(round.id), ...filter } }, headers))).dossiers
      .totalCount;
  expect(await count(t.staff.binhLu.headers)).toBe(1);
  expect(await count(t.staff.thanUyen.headers)).toBe(0);
  expect(await count(t.staff.province.headers)).toBe(1);
  expect(await count(t.staff.council[0].headers)).toBe(1);
  expect(await count(t.staff.province.headers, { search: "san pham under" })).toBe(1);
  expect(await count(t.staff.province.headers, { statuses: ["DRAFT"] })).toBe(0);
  const otherCommune = await gql(op("DossierDetail"), { id: String(dossier.id) }, t.staff.thanUyen.headers);
  expect(otherCommune.body.data.dossier).toBeNull();
  expect(codes(await gql(op("Dossiers"), {}))).toEqual(["UNAUTHENTICATED"]);
});

describe("uploads", () => {
  const stored = () => {
    mkdirSync(`${TEST_FILES_DIR}/tmp`, { recursive: true });
    return (
      readdirSync(TEST_FILES_DIR).filter((f) => f !== "tmp").length +
      readdirSync(`${TEST_FILES_DIR}/tmp`).length
    );
  };

  it("refuses a wrong type, an oversized file, a truncated body and a missing token, leaving no file behind", async () => {
    const before = stored();
    const text = await upload(
      t.app.app,
      t.staff.binhLu.headers,
      Buffer.from("just text, named like a PDF"),
      "fake.pdf",
    );
    expect([text.status, text.body.errors[0].extensions.code]).toEqual([415, "BAD_USER_INPUT"]);
    const big = await upload(
      t.app.app,
      t.staff.binhLu.headers,
      Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(20 * 1024 * 1024 + 10)]),
      "big.pdf",
    );
    expect(big.status).toBe(413);
    const truncated = await request(t.app.app)
      .post("/files")
      .set(t.staff.binhLu.headers)
      .set("content-type", "multipart/form-data; boundary=XYZ")
      .send(
        '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7 and then nothing',
      );
    expect(truncated.status).toBe(400);
    const anonymous = await upload(t.app.app, {}, undefined);
    expect([anonymous.status, anonymous.body.errors[0].extensions.code]).toEqual([401, "UNAUTHENTICATED"]);
    const noFile = await request(t.app.app).post("/files").set(t.staff.binhLu.headers).field("other", "x");
    expect(noFile.status).toBe(400);
    expect(stored()).toBe(before);
  });

  it("serves a file only to staff who may see its dossier", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.DRAFT, {
      createdBy: t.staff.binhLu.user,
    });
    const fileId = Number((await upload(t.app.app, t.staff.binhLu.headers)).body.id);
    await t.db.dataSource.manager.save(
      t.db.dataSource.manager.create(DossierDocument, {
        dossierId: dossier.id,
        kind: DocumentKind.REGISTRATION_FORM,
        title: "Phiếu",
        fileId,
        validUntil: null,
        attachedById: t.staff.binhLu.user.id,
      }),
    );
    const get = (headers: Record<string, string>) => request(t.app.app).get(`/files/${fileId}`).set(headers);
    const mine = await get(t.staff.province.headers);
    expect(mine.status).toBe(200);
    expect(mine.headers["content-type"]).toBe("application/pdf");
    expect(mine.body.toString()).toMatch(/^%PDF-1\.7/);
    expect((await get(t.staff.thanUyen.headers)).status).toBe(404);
    expect((await get({})).status).toBe(401);
  });
});
