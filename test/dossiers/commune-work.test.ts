// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { globalId } from "../../src/core/node";
import request from "supertest";
import { AuditEvent } from "../../src/audit/audit-event.entity";
import { Category } from "../../src/catalog/category.entity";
import { DocumentKind, Dossier } from "../../src/dossiers/dossier.entity";
import { DossierStatus } from "../../src/dossiers/workflow";
import { SelfAssessment } from "../../src/programme/self-assessment.entity";
import { levelsFallenShort } from "../../src/rules/scoring";
import { makeProduct } from "../support/factory";
import { codes, FixedClock } from "../support/http";
import { op } from "../support/operations";
import { type Staff, choicesFor, dossierIn, upload, useStaffApp } from "../support/staff";

// 2 September 2025: the rules of 148 as amended by 1489 are in force.
const clock = new FixedClock(new Date("2025-09-02T02:00:00Z"));
const t = useStaffApp(clock);

type Answer = Awaited<ReturnType<typeof t.app.gql>>;
const ok = async (r: Promise<Answer>) => {
  const res = await r;
  expect(res.body.errors).toBeUndefined();
  return res.body.data;
};

/** Uploads a PDF as `as` and attaches it to the dossier as `kind`. */
async function attach(dossierId: string, kind: string, as: Staff, validUntil: string | null = null) {
  const uploaded = await upload(t.app.app, as.headers, undefined, `${kind}.pdf`);
  expect(uploaded.status).toBe(201);
  return t.app.gql(
    op("AttachDossierDocument"),
    { input: { dossierId, kind, title: `Bản ${kind}`, fileId: uploaded.body.id, validUntil } },
    as.headers,
  );
}

const confirm = (documentId: string, status: string, reason?: string | null, as = t.staff.binhLu) =>
  t.app.gql(op("ConfirmDossierDocument"), { input: { documentId, status, reason } }, as.headers);

const commune = (id: string, as = t.staff.binhLu) =>
  t.app.gql(op("CommuneDossier"), { id }, as.headers).then((r) => r.body.data?.dossier);

/** The local criteria of the rule set (localCriteria) and the titles of the sheet criteria they grade. */
const LOCAL = {
  localOrigin: /Nguồn gốc sản phẩm|Nguồn nguyên liệu/i,
  localLabour: /Sử dụng lao động địa phương/i,
  ideaOrigin: /Nguồn gốc ý tưởng sản phẩm/i,
  localIdentity: /Trí tuệ\/bản sắc địa phương/i,
};
type Criterion = Parameters<typeof levelsFallenShort>[0] & {
  title: string;
  options: { code: string; points: number }[];
};

/** The commune's report grading each local criterion with the best option of the default set's sheet, met. */
async function bestLocalGrades() {
  const sheet = (await ok(t.app.gql(op("PublicCriteriaSheet"), { productSetCode: "I.2.b" }))).criteriaSheet;
  const criteria: Criterion[] = sheet.parts.flatMap((p: { criteria: Criterion[] }) => p.criteria);
  return Object.fromEntries(
    Object.entries(LOCAL).map(([key, title]) => [
      key,
      { met: true, optionCode: criteria.find((c) => title.test(c.title))!.options.at(-1)!.code },
    ]),
  );
}

describe("receiving and confirming a producer's dossier", () => {
  it("walks a dossier through receipt, confirmations, a supplement and forwarding, each step in its history", async () => {
    const { binhLu } = t.staff;
    const { dossier: draft } = await dossierIn(t.db.dataSource, DossierStatus.DRAFT, {
      createdBy: binhLu.user,
    });
    const id = String(draft.id);

    // The day the producer handed the file in: not in the future, not before the round was opened (2 Jan 2025).
    const receipt = (receivedOn: string) =>
      t.app.gql(op("RecordDossierReceipt"), { dossierId: id, receivedOn }, binhLu.headers);
    expect(codes(await receipt("2025-09-03"))).toEqual(["BAD_USER_INPUT"]);
    const early = await receipt("2025-01-01");
    expect(codes(early)).toEqual(["BAD_USER_INPUT"]);
    expect(early.body.errors![0].message).toContain("2025-01-02");
    expect((await ok(receipt("2025-09-01"))).recordDossierReceipt).toEqual({
      id,
      status: "DRAFT",
      receivedOn: "2025-09-01",
      receivedBy: { email: binhLu.user.email },
    });

    // The four mandatory documents and a test report that lapsed in August.
    const documents: Record<string, string> = {};
    for (const kind of [
      "REGISTRATION_FORM",
      "BUSINESS_PLAN",
      "ORGANISATION_PROFILE",
      "BUSINESS_REGISTRATION",
    ])
      documents[kind] = (await ok(attach(id, kind, binhLu))).attachDossierDocument.id;
    const lapsed = (await ok(attach(id, "TEST_REPORT", binhLu, "2025-08-31"))).attachDossierDocument.id;

    // Two confirmed, one not valid (with its reason), the lapsed report not confirmable.
    const first = (await ok(confirm(documents.REGISTRATION_FORM, "CONFIRMED"))).confirmDossierDocument;
    expect(first.confirmation).toEqual({
      status: "CONFIRMED",
      reason: null,
      at: "2025-09-02T02:00:00.000Z",
      by: { email: binhLu.user.email },
    });
    await ok(confirm(documents.BUSINESS_PLAN, "CONFIRMED"));
    expect(codes(await confirm(documents.ORGANISATION_PROFILE, "NOT_VALID"))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await confirm(documents.ORGANISATION_PROFILE, "NOT_VALID", "   "))).toEqual([
      "BAD_USER_INPUT",
    ]);
    const notValid = await ok(
      confirm(documents.ORGANISATION_PROFILE, "NOT_VALID", "Thiếu chữ ký của chủ thể"),
    );
    expect(notValid.confirmDossierDocument.confirmation).toMatchObject({
      status: "NOT_VALID",
      reason: "Thiếu chữ ký của chủ thể",
    });
    const refusedLapsed = await confirm(lapsed, "CONFIRMED");
    expect(codes(refusedLapsed)).toEqual(["BAD_USER_INPUT"]);
    expect(refusedLapsed.body.errors![0].message).toContain("2025-08-31");
    await ok(confirm(lapsed, "NOT_VALID", "Phiếu kiểm nghiệm đã hết hạn"));
    // Confirming again with the same answer is a repeat: no second event.
    await ok(confirm(documents.BUSINESS_PLAN, "CONFIRMED"));
    // Another commune's officer, the province and the council cannot confirm.
    expect(
      codes(await confirm(documents.BUSINESS_REGISTRATION, "CONFIRMED", null, t.staff.thanUyen)),
    ).toEqual(["NOT_FOUND"]);
    expect(
      codes(await confirm(documents.BUSINESS_REGISTRATION, "CONFIRMED", null, t.staff.province)),
    ).toEqual(["FORBIDDEN"]);

    await ok(t.app.gql(op("SubmitDossier"), { id }, binhLu.headers));

    // The commune asks for a new profile and a test report still valid, by the end of the month.
    const ask = (input: Record<string, unknown>) =>
      t.app.gql(op("RequestDossierSupplement"), { input: { dossierId: id, ...input } }, binhLu.headers);
    expect(codes(await ask({ items: [], dueOn: "2025-09-30" }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await ask({ items: [{ kind: "TEST_REPORT" }], dueOn: "2025-09-01" }))).toEqual([
      "BAD_USER_INPUT",
    ]);
    expect(codes(await ask({ items: [{ kind: "COMMUNE_REPORT" }], dueOn: "2025-09-30" }))).toEqual([
      "BAD_USER_INPUT",
    ]);
    const items = [
      { kind: "ORGANISATION_PROFILE", note: "Bản có chữ ký của chủ thể" },
      { kind: "TEST_REPORT", note: "Phiếu kiểm nghiệm còn hiệu lực" },
    ];
    const asked = (await ok(ask({ items, dueOn: "2025-09-30" }))).requestDossierSupplement;
    expect(asked).toEqual({
      id,
      status: "AWAITING_SUPPLEMENT",
      supplementRequest: {
        dueOn: "2025-09-30",
        requestedAt: "2025-09-02T02:00:00.000Z",
        requestedBy: { email: binhLu.user.email },
        items,
      },
    });

    // Submitting again is refused while a listed kind has no confirmed document, and names it.
    const stillMissing = await t.app.gql(
      op("SubmitDossier"),
      { id },
      { ...binhLu.headers, "Accept-Language": "vi" },
    );
    expect(codes(stillMissing)).toEqual(["INVALID_TRANSITION"]);
    expect(stillMissing.body.errors![0].extensions!.unconfirmedDocuments).toEqual([
      "ORGANISATION_PROFILE",
      "TEST_REPORT",
    ]);
    expect(stillMissing.body.errors![0].message).toBe(
      "Chưa có giấy tờ được xã xác nhận cho: Bản giới thiệu chủ thể, Phiếu kết quả kiểm nghiệm.",
    );

    // The producer brings them; the commune confirms them; the dossier is SUBMITTED again.
    const profile = (await ok(attach(id, "ORGANISATION_PROFILE", binhLu))).attachDossierDocument.id;
    const report = (await ok(attach(id, "TEST_REPORT", binhLu, "2026-08-31"))).attachDossierDocument.id;
    await ok(confirm(profile, "CONFIRMED"));
    await ok(confirm(report, "CONFIRMED"));
    expect((await ok(t.app.gql(op("SubmitDossier"), { id }, binhLu.headers))).submitDossier.status).toBe(
      "SUBMITTED",
    );
    await ok(
      t.app.gql(
        op("RecordCommuneReport"),
        {
          input: { dossierId: id, ...(await bestLocalGrades()) },
        },
        binhLu.headers,
      ),
    );

    // Forwarding needs the business registration confirmed and the commune's report and request letter.
    const refused = await t.app.gql(op("ForwardDossier"), { id }, binhLu.headers);
    expect(codes(refused)).toEqual(["INVALID_TRANSITION"]);
    expect(refused.body.errors![0].extensions!.unconfirmedDocuments).toEqual([
      "BUSINESS_REGISTRATION",
      "COMMUNE_REPORT",
      "COMMUNE_REQUEST_LETTER",
    ]);
    const inEnglish = await t.app.gql(
      op("ForwardDossier"),
      { id },
      { ...binhLu.headers, "Accept-Language": "en" },
    );
    expect(inEnglish.body.errors![0].message).toBe(
      "No document confirmed by the commune for: Copy of the business registration, Commune's report on its evaluation and confirmation of the dossier, Commune's request letter to the province.",
    );
    expect((await commune(id)).status).toBe("COMMUNE_REVIEWED");
    await ok(confirm(documents.BUSINESS_REGISTRATION, "CONFIRMED"));
    await ok(attach(id, "COMMUNE_REPORT", binhLu));
    await ok(attach(id, "COMMUNE_REQUEST_LETTER", binhLu));
    expect((await ok(t.app.gql(op("ForwardDossier"), { id }, binhLu.headers))).forwardDossier.status).toBe(
      "FORWARDED",
    );

    // What the commune sees, and the history an auditor reads.
    const seen = await commune(id);
    expect(seen).toMatchObject({
      status: "FORWARDED",
      receivedOn: "2025-09-01",
      receivedBy: { email: binhLu.user.email },
      supplementRequest: { dueOn: "2025-09-30", items },
      selfAssessments: [],
    });
    expect(seen.documents).toHaveLength(9);
    expect(seen.documents.find((d: { id: string }) => d.id === lapsed).confirmation).toMatchObject({
      status: "NOT_VALID",
      reason: "Phiếu kiểm nghiệm đã hết hạn",
    });
    const actions = seen.history.map((h: { action: string }) => h.action);
    expect(actions.filter((a: string) => a === "CONFIRM_DOCUMENT")).toHaveLength(7);
    expect(actions).toEqual(
      expect.arrayContaining(["RECORD_RECEIPT", "REQUEST_SUPPLEMENT", "SUBMIT", "FORWARD"]),
    );
    const supplement = seen.history.find((h: { action: string }) => h.action === "REQUEST_SUPPLEMENT");
    expect(supplement).toMatchObject({ fromStatus: "SUBMITTED", toStatus: "AWAITING_SUPPLEMENT" });
    expect(supplement.note).toContain("2025-09-30");
    // Nothing is done twice: the repeated confirmation wrote no event.
    expect(
      await t.db.dataSource
        .getRepository(AuditEvent)
        .countBy({ subjectType: "Dossier", subjectId: id, action: "CONFIRM_DOCUMENT" }),
    ).toBe(7);
  });

  it("makes the province's return with a list work the same way, with the days it grants as the due date", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.FORWARDED, {
      createdBy: t.staff.binhLu.user,
    });
    const id = String(dossier.id);
    const returned = await ok(
      t.app.gql(
        `mutation($id: ID!, $items: [SupplementItemInput!]) {
          returnDossier(id: $id, reason: "Thiếu hồ sơ môi trường", graceDays: 10, items: $items) {
            status supplementRequest { dueOn byProvince items { kind note } }
          }
        }`,
        { id, items: [{ kind: "ENVIRONMENTAL_RECORD", note: "Cam kết bảo vệ môi trường" }] },
        t.staff.province.headers,
      ),
    );
    expect(returned.returnDossier).toEqual({
      status: "RETURNED",
      supplementRequest: {
        dueOn: "2025-09-12",
        byProvince: true,
        items: [{ kind: "ENVIRONMENTAL_RECORD", note: "Cam kết bảo vệ môi trường" }],
      },
    });
    const submit = () => t.app.gql(op("SubmitDossier"), { id }, t.staff.binhLu.headers);
    expect((await submit()).body.errors![0].extensions!.unconfirmedDocuments).toEqual([
      "ENVIRONMENTAL_RECORD",
    ]);
    const brought = (await ok(attach(id, "ENVIRONMENTAL_RECORD", t.staff.binhLu))).attachDossierDocument.id;
    await ok(confirm(brought, "CONFIRMED"));
    expect((await ok(submit())).submitDossier.status).toBe("SUBMITTED");
    const settled = await t.app.gql(
      "query($id: ID!) { dossier(id: $id) { supplementRequest { settledAt } } }",
      { id },
      t.staff.binhLu.headers,
    );
    expect(settled.body.data.dossier.supplementRequest.settledAt).toBe("2025-09-02T02:00:00.000Z");
  });

  it("lets the province attach the council's minutes once the dossier is accepted, and the commune only its own kinds", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.SCORED, {
      createdBy: t.staff.binhLu.user,
      resultStars: 4,
    });
    const id = String(dossier.id);
    const minutes = await ok(attach(id, "COUNCIL_MINUTES", t.staff.province));
    expect(minutes.attachDossierDocument).toMatchObject({
      kind: "COUNCIL_MINUTES",
      title: "Bản COUNCIL_MINUTES",
    });
    // The province attaches only its own papers; the commune none once the dossier left it.
    expect(codes(await attach(id, "TEST_REPORT", t.staff.province))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await attach(id, "COMMUNE_REPORT", t.staff.binhLu))).toEqual(["FORBIDDEN"]);
    const { dossier: atCommune } = await dossierIn(t.db.dataSource, DossierStatus.SUBMITTED, {
      createdBy: t.staff.binhLu.user,
    });
    const wrong = await attach(String(atCommune.id), "RECOGNITION_DECISION", t.staff.binhLu);
    expect(codes(wrong)).toEqual(["BAD_USER_INPUT"]);
    expect(wrong.body.errors![0].message).toBe(
      "“Recognition decision” is attached by the province once the dossier is accepted.",
    );
    // The province removes a scan it attached by mistake.
    const removed = await ok(
      t.app.gql(
        "mutation($id: ID!) { removeDossierDocument(id: $id) { documents { kind } } }",
        { id: minutes.attachDossierDocument.id },
        t.staff.province.headers,
      ),
    );
    expect(removed.removeDossierDocument.documents.map((d: { kind: string }) => d.kind)).not.toContain(
      "COUNCIL_MINUTES",
    );
  });

  it("refuses a commune grade below the criterion's 3-star mark said to be met", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.SUBMITTED, {
      createdBy: t.staff.binhLu.user,
    });
    const sheet = (await ok(t.app.gql(op("PublicCriteriaSheet"), { productSetCode: "I.2.b" }))).criteriaSheet;
    const criteria: Criterion[] = sheet.parts.flatMap((p: { criteria: Criterion[] }) => p.criteria);
    // A local criterion with an option below a mark of 3 stars or less; the others at their best.
    const [key, below] = Object.entries(LOCAL).flatMap(([k, title]) =>
      criteria
        .filter((c) => title.test(c.title))
        .flatMap((c) => c.options.filter((o) => levelsFallenShort(c, o.points).some((stars) => stars <= 3)))
        .map((o) => [k, o] as const),
    )[0];
    expect(below).toBeDefined();
    const best = await bestLocalGrades();
    const report = (met: boolean) =>
      t.app.gql(
        op("RecordCommuneReport"),
        {
          input: {
            dossierId: String(dossier.id),
            ...best,
            [key]: { met, optionCode: below.code },
          },
        },
        t.staff.binhLu.headers,
      );
    const refused = await report(true);
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(refused.body.errors![0].extensions!.argument).toBe(`input.${key}.met`);
    expect((await ok(report(false))).recordCommuneReport.status).toBe("COMMUNE_REVIEWED");
  });
});

describe("guiding producers before a dossier exists", () => {
  it("answers the criteria sheet of every product set without a token, and null for what is not one", async () => {
    const sets = await t.db.dataSource
      .getRepository(Category)
      .createQueryBuilder("c")
      .where("c.criteriaSet IS NOT NULL")
      .getMany();
    expect(sets).toHaveLength(26);
    for (const set of sets) {
      const answer = await t.app.gql(op("PublicCriteriaSheet"), { productSetCode: set.code });
      expect({ code: set.code, errors: answer.body.errors }).toEqual({ code: set.code, errors: undefined });
      expect(answer.body.data.criteriaSheet).toMatchObject({
        productSetCode: set.code,
        criteriaSet: set.criteriaSet,
        ruleSetVersion: "QĐ 148/QĐ-TTg, sửa đổi bởi QĐ 1489/QĐ-TTg",
        usable: true,
        defects: [],
      });
      const parts = answer.body.data.criteriaSheet.parts;
      expect(parts.map((p: { code: string }) => p.code)).toEqual(["A", "B", "C"]);
    }
    for (const code of ["I", "I.1", "Z.9.z", ""])
      expect(
        (await ok(t.app.gql(op("PublicCriteriaSheet"), { productSetCode: code }))).criteriaSheet,
      ).toBeNull();
    // A portal may cache it: the same answer for everyone.
    const get = await request(t.app.app)
      .get("/graphql")
      .query({ query: op("PublicCriteriaSheet"), variables: JSON.stringify({ productSetCode: "I.1.a" }) })
      .set("apollo-require-preflight", "true");
    expect(get.status).toBe(200);
    expect(get.headers["cache-control"]).toMatch(/public/);
  });

  it("records a self-assessment on a potential product, scored as a council sheet, and proposes and opens an upgrade", async () => {
    const { binhLu } = t.staff;
    const proposed = await ok(
      t.app.gql(
        "mutation($input: PotentialProductInput!) { proposePotentialProduct(input: $input) { id } }",
        {
          input: {
            name: "Măng đắng Bình Lư",
            categoryCode: "I.1.a",
            communeCode: "03390",
            source: "NEW_DISCOVERY",
          },
        },
        binhLu.headers,
      ),
    );
    const potentialProductId = proposed.proposePotentialProduct.id;
    const assess = (input: Record<string, unknown>, as = binhLu) =>
      t.app.gql(op("RecordSelfAssessment"), { input }, as.headers);
    const choices = choicesFor(1);
    const recorded = (await ok(assess({ potentialProductId, choices, note: "Cùng chủ thể điền" })))
      .recordSelfAssessment;
    expect(recorded).toMatchObject({
      productSetCode: "I.1.a",
      ruleSetVersion: "QĐ 148/QĐ-TTg, sửa đổi bởi QĐ 1489/QĐ-TTg",
      total: recorded.partA + recorded.partB + recorded.partC,
      mandatoryStarsMet: 5,
      unmetMandatory: [],
      recordedAt: "2025-09-02T02:00:00.000Z",
      recordedBy: { email: binhLu.user.email },
    });
    expect(recorded.choices).toHaveLength(choices.length);
    // The same answers again are a repeat; choices are checked as for a council sheet.
    expect(
      (await ok(assess({ potentialProductId, choices, note: "Cùng chủ thể điền" }))).recordSelfAssessment.id,
    ).toBe(recorded.id);
    expect(codes(await assess({ potentialProductId, choices: choices.slice(1) }))).toEqual([
      "BAD_USER_INPUT",
    ]);
    expect(codes(await assess({ choices }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await assess({ potentialProductId, choices }, t.staff.thanUyen))).toEqual(["NOT_FOUND"]);
    const detail = (
      await ok(t.app.gql(op("PotentialProductDetail"), { id: potentialProductId }, binhLu.headers))
    ).potentialProduct;
    expect(detail.selfAssessments).toEqual([
      { id: recorded.id, total: recorded.total, mandatoryStarsMet: 5, unmetMandatory: [] },
    ]);
    expect(
      (await t.app.gql(op("PotentialProductDetail"), { id: potentialProductId }, t.staff.thanUyen.headers))
        .body.data.potentialProduct,
    ).toBeNull();

    // A certified 3-star product of the commune proposed for 4 stars opens an UPGRADE dossier of itself.
    const { product, certificate } = await makeProduct(t.db.dataSource, {
      name: "Chè Shan tuyết nâng hạng",
      stars: 3,
      decisionDate: "2024-05-10",
    });
    const upgrade = (input: Record<string, unknown>, as = binhLu) =>
      t.app.gql(
        op("ProposeUpgradeCandidate"),
        { input: { productId: String(product.id), ...input } },
        as.headers,
      );
    expect(codes(await upgrade({ targetStars: 3 }))).toEqual(["BAD_USER_INPUT"]); // refused by the schema's bounds
    expect(codes(await upgrade({ targetStars: 4 }, t.staff.thanUyen))).toEqual(["NOT_FOUND"]);
    const { product: uncertified } = await makeProduct(t.db.dataSource, {
      name: "Chưa có sao",
      decisionDate: null,
    });
    expect(codes(await upgrade({ productId: String(uncertified.id), targetStars: 4 }))).toEqual([
      "BAD_USER_INPUT",
    ]);
    const candidate = (await ok(upgrade({ targetStars: 4, plannedYear: 2026 }))).proposeUpgradeCandidate;
    expect(candidate).toMatchObject({
      name: "Chè Shan tuyết nâng hạng",
      status: "PROPOSED",
      targetStars: 4,
      upgradeOf: { number: certificate!.number, stars: 3 },
      product: { id: globalId("Product", product.id) },
      commune: { code: "03390" },
      category: { code: "I.2.b" },
    });
    expect(codes(await upgrade({ targetStars: 5 }))).toEqual(["CONFLICT"]); // already in the register
    const { product: fourStars } = await makeProduct(t.db.dataSource, {
      name: "Đã bốn sao",
      stars: 4,
      decisionDate: "2024-05-10",
    });
    const notMore = await upgrade({ productId: String(fourStars.id), targetStars: 4 });
    expect(codes(notMore)).toEqual(["BAD_USER_INPUT"]);
    expect(notMore.body.errors![0].extensions!.argument).toBe("input.targetStars");

    // Its self-assessment shows which marks it meets now, then the commune selects it and opens its dossier.
    await ok(assess({ potentialProductId: candidate.id, choices: choicesFor(4) }));
    await ok(
      t.app.gql(
        "mutation($id: ID!) { setPotentialProductStatus(id: $id, status: SELECTED) { status } }",
        { id: candidate.id },
        binhLu.headers,
      ),
    );
    const { round } = await dossierIn(t.db.dataSource, DossierStatus.DRAFT, { createdBy: binhLu.user });
    const opened = (
      await ok(
        t.app.gql(
          op("OpenPotentialProductDossier"),
          { id: candidate.id, roundId: String(round.id) },
          binhLu.headers,
        ),
      )
    ).openPotentialProductDossier;
    expect(opened).toMatchObject({
      kind: "UPGRADE",
      status: "DRAFT",
      product: { id: globalId("Product", product.id) },
    });
    const after = (await ok(t.app.gql(op("PotentialProductDetail"), { id: candidate.id }, binhLu.headers)))
      .potentialProduct;
    expect(after).toMatchObject({ status: "DOSSIER_OPENED", dossier: { id: opened.id, kind: "UPGRADE" } });
    // The producer's self-assessment follows its dossier, for the council's reference.
    expect((await commune(opened.id)).selfAssessments).toHaveLength(1);
  });

  it("shows a dossier's self-assessments to the council beside its own sheets, never counted, and takes none once forwarded", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.SUBMITTED, {
      createdBy: t.staff.binhLu.user,
    });
    const id = String(dossier.id);
    const recorded = (
      await ok(
        t.app.gql(
          op("RecordSelfAssessment"),
          { input: { dossierId: id, choices: choicesFor(4) } },
          t.staff.binhLu.headers,
        ),
      )
    ).recordSelfAssessment;
    expect(recorded.productSetCode).toBe("I.2.b");
    await t.db.dataSource.query("UPDATE dossier SET status = 'UNDER_REVIEW' WHERE id = ?", [dossier.id]);
    const seen = await ok(t.app.gql(op("DossierSelfAssessments"), { id }, t.staff.council[0].headers));
    expect(seen.dossier).toEqual({
      id,
      status: "UNDER_REVIEW",
      selfAssessments: [{ id: recorded.id, total: recorded.total, mandatoryStarsMet: 5, unmetMandatory: [] }],
    });
    const sheets = await ok(
      t.app.gql(
        "query($id: ID!) { dossier(id: $id) { scoreSubmissions { submittedAt } } }",
        { id },
        t.staff.province.headers,
      ),
    );
    expect(sheets.dossier.scoreSubmissions).toEqual([]);
    expect(
      codes(
        await t.app.gql(
          op("RecordSelfAssessment"),
          { input: { dossierId: id, choices: choicesFor(4) } },
          t.staff.binhLu.headers,
        ),
      ),
    ).toEqual(["INVALID_TRANSITION"]);
  });
});

it("reads the commune's work on a page of dossiers without a statement per dossier", async () => {
  const { binhLu } = t.staff;
  // Every dossier in one round: the page holds these only, whatever other tests left.
  const { round } = await dossierIn(t.db.dataSource, DossierStatus.WITHDRAWN, { createdBy: binhLu.user });
  const query = `query($round: ID!) { dossiers(filter: { roundId: $round }, first: 50) { edges { node {
    receivedBy { email }
    documents { confirmation { status by { email } } }
    supplementRequest { requestedBy { email } items { kind } }
    selfAssessments { total recordedBy { email } }
  } } } }`;
  const add = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.FORWARDED, {
        createdBy: binhLu.user,
      });
      await t.db.dataSource.getRepository(Dossier).update(dossier.id, {
        roundId: round.id,
        receivedOn: "2025-08-01",
        receivedById: binhLu.user.id,
        supplementRequest: {
          items: [{ kind: DocumentKind.TEST_REPORT, note: null }],
          dueOn: "2025-08-30",
          requestedAt: "2025-08-02T01:00:00.000Z",
          requestedById: binhLu.user.id,
          byProvince: false,
          settledAt: "2025-08-20T01:00:00.000Z",
        },
      });
      await t.db.dataSource.manager.save(
        t.db.dataSource.manager.create(SelfAssessment, {
          dossierId: dossier.id,
          potentialProductId: null,
          productSetCode: "I.2.b",
          ruleSetVersion: "QĐ 148/QĐ-TTg, sửa đổi bởi QĐ 1489/QĐ-TTg",
          partA: 30,
          partB: 20,
          partC: 25,
          total: 75,
          mandatoryStarsMet: 4,
          unmetMandatory: [],
          choices: [],
          cases: [],
          missingPoints: [],
          sheetComplete: true,
          note: null,
          recordedById: binhLu.user.id,
          recordedAt: new Date("2025-08-01T01:00:00Z"),
        }),
      );
    }
  };
  const statements = async () => {
    const before = t.db.sql.statements;
    const answer = await t.app.gql(query, { round: String(round.id) }, t.staff.province.headers);
    expect(answer.body.errors).toBeUndefined();
    return { count: answer.body.data.dossiers.edges.length, statements: t.db.sql.statements - before };
  };
  await add(2);
  const few = await statements();
  await add(6);
  const many = await statements();
  expect([few.count, many.count]).toEqual([3, 9]); // with the withdrawn one
  // Not one more statement per dossier (an N+1 would add six): the users of different depths are read in one
  // batch or two, as the database's answers happen to arrive.
  expect(many.statements).toBeLessThanOrEqual(few.statements + 1);
});
