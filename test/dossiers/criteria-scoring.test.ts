// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { Category } from "../../src/catalog/category.entity";
import { Product } from "../../src/catalog/product.entity";
import { criteriaSheetsIn } from "../../src/rules/rule-book";
import { type Dossier, DossierKind } from "../../src/dossiers/dossier.entity";
import { DossierStatus } from "../../src/dossiers/workflow";
import { codes, FixedClock } from "../support/http";
import { op } from "../support/operations";
import { choicesFor, dossierIn, fileOf, type Staff, useStaffApp } from "../support/staff";

const clock = new FixedClock(new Date("2026-03-02T03:00:00Z"));
const t = useStaffApp(clock);

/** Set 01 (fresh vegetables, tubers, fruit and nuts): product set I.1.a. */
const SET_01 = "I.1.a";

/** Every criterion's best option, with some replaced: code → option position, or null for none. */
const bestExcept = (changes: Record<string, number | null>) =>
  choicesFor(1, (code, count) => (code in changes ? changes[code] : count));

const submit = (
  d: { id: number },
  member: Staff,
  choices: ReturnType<typeof choicesFor>,
  more: { cases?: unknown[]; missingPoints?: unknown[] } = {},
) => t.app.gql(op("SubmitCouncilScoreSheet"), { dossierId: String(d.id), choices, ...more }, member.headers);

const evaluationOf = async (d: { id: number }) =>
  (await t.app.gql(op("DossierEvaluation"), { id: String(d.id) }, t.staff.province.headers)).body.data
    .dossier;

describe("the criteria sheet of a dossier", () => {
  it("gives set 01 with its parts, criteria, options, points and mandatory marks", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.UNDER_REVIEW, {
      createdBy: t.staff.binhLu.user,
      categoryCode: SET_01,
    });
    const r = await t.app.gql(
      op("CriteriaSheet"),
      { dossierId: String(dossier.id) },
      t.staff.council[0].headers,
    );
    expect(r.body.errors).toBeUndefined();
    const sheet = r.body.data.dossier.criteriaSheet;
    expect(sheet).toMatchObject({ productSetCode: "I.1.a", usable: true, defects: [] });
    expect(sheet.parts.map((p: { code: string; maxPoints: number }) => [p.code, p.maxPoints])).toEqual([
      ["A", 40],
      ["B", 25],
      ["C", 35],
    ]);
    const criteria = sheet.parts.flatMap((p: { criteria: unknown[] }) => p.criteria);
    expect(criteria).toHaveLength(32);
    expect(criteria.find((c: { code: string }) => c.code === "A.1.c")).toEqual({
      code: "A.1.c",
      title: expect.stringMatching(/^c\) Năng lực sản xuất/),
      maxPoints: 3,
      mandatoryForStars: null,
      options: [
        {
          code: "A.1.c.1",
          text: "Có năng lực, quy mô sản xuất mức độ nhỏ",
          points: 1,
          mandatoryForStars: null,
        },
        {
          code: "A.1.c.2",
          text: "Có năng lực, quy mô sản xuất trung bình****",
          points: 2,
          mandatoryForStars: 4,
        },
        {
          code: "A.1.c.3",
          text: "Có năng lực, quy mô sản xuất lớn, có thể đáp ứng thị trường xuất khẩu*****",
          points: 3,
          mandatoryForStars: 5,
        },
      ],
    });
    expect(criteria.find((c: { code: string }) => c.code === "A.3.e")).toMatchObject({
      title: "e) Sở hữu trí tuệ****",
      mandatoryForStars: 4,
    });
  });

  it("shows what an incomplete sheet lacks (tea, set 11), asks a bounded credit for it and says the sheet is incomplete", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.UNDER_REVIEW, {
      createdBy: t.staff.binhLu.user,
      categoryCode: "I.5.a",
    });
    const sheet = (
      await t.app.gql(op("CouncilSheet"), { dossierId: String(dossier.id) }, t.staff.province.headers)
    ).body.data.dossier.criteriaSheet;
    expect(sheet).toMatchObject({ criteriaSet: 11, usable: true, defects: [], caseGroups: [] });
    expect(sheet.incompleteGroups).toEqual([
      { code: "C", title: "Phần C CHẤT LƯỢNG SẢN PHẨM (35 Điểm)", missingPoints: 3 },
    ]);
    const member = t.staff.council[0];
    const noCredit = await submit(dossier, member, choicesFor(11));
    expect(codes(noCredit)).toEqual(["BAD_USER_INPUT"]);
    expect(noCredit.body.errors![0].extensions).toMatchObject({ argument: "missingPoints", missing: ["C"] });
    const tooMuch = await submit(dossier, member, choicesFor(11), {
      missingPoints: [{ code: "C", points: 4, note: "thiếu tiêu chí" }],
    });
    expect(tooMuch.body.errors![0].message).toBe(
      "Credit each incomplete group of the sheet once, within its bounds and with a note (C (0–3)). Groups without a credit: —. Credits out of bounds, without a note, twice or not for an incomplete group: C.",
    );
    const given = await submit(dossier, member, choicesFor(11), {
      missingPoints: [
        { code: "C", points: 2, note: "Tiêu chí bị thiếu trong bản chép: chấm theo phiếu giấy" },
      ],
    });
    expect(given.body.errors).toBeUndefined();
    expect(given.body.data.submitCriteriaScoreSheet).toMatchObject({
      partA: 40,
      partB: 25,
      partC: 34,
      total: 99,
      sheetComplete: false,
      missingPoints: [
        { code: "C", points: 2, note: "Tiêu chí bị thiếu trong bản chép: chấm theo phiếu giấy" },
      ],
    });
  });
});

describe("per-criterion score sheets", () => {
  it("refuses missing, unknown and duplicate criteria and foreign options, listing them, and part totals on a usable sheet", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.UNDER_REVIEW, {
      createdBy: t.staff.binhLu.user,
      categoryCode: SET_01,
    });
    const choices = choicesFor(1).filter((c) => c.criterionCode !== "A.1.b" && c.criterionCode !== "C.12.a");
    choices.push({ criterionCode: "A.1.a", optionCode: "A.1.a.1" });
    choices.push({ criterionCode: "Z.9.z", optionCode: null });
    choices.push({ criterionCode: "A.1.c", optionCode: "A.1.d.1" });
    const r = await submit(dossier, t.staff.council[0], choices);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.body.errors![0].extensions).toMatchObject({
      argument: "choices",
      missing: ["A.1.b", "C.12.a"],
      unknown: ["Z.9.z"],
      duplicate: ["A.1.a", "A.1.c"],
      badOptions: [],
    });
    expect(r.body.errors![0].message).toBe(
      "The choices do not match the criteria sheet. Criteria not chosen: A.1.b, C.12.a. Not criteria of the sheet: Z.9.z. Chosen twice: A.1.a, A.1.c. Options of another criterion: —.",
    );
    const foreign = choicesFor(1).map((c) =>
      c.criterionCode === "A.1.c" ? { ...c, optionCode: "A.1.d.1" } : c,
    );
    expect((await submit(dossier, t.staff.council[0], foreign)).body.errors![0].extensions).toMatchObject({
      badOptions: ["A.1.d.1"],
    });
    expect(await t.db.dataSource.getRepository("ScoreSheet").countBy({ dossierId: dossier.id })).toBe(0);
  });

  it("can be filled for every one of the 26 sheets through the contract operation: the best options, a case of each case group and the full credit give 100 points", async () => {
    const sets = [...criteriaSheetsIn("criteria-148").values()];
    expect(sets.filter((sheet) => !sheet.defects.length)).toHaveLength(26);
    for (const { criteriaSet, caseGroups, incompleteGroups } of sets) {
      const category = await t.db.dataSource.getRepository(Category).findOneByOrFail({ criteriaSet });
      const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.UNDER_REVIEW, {
        createdBy: t.staff.binhLu.user,
        categoryCode: category.code,
      });
      const cases = caseGroups.map((g) => ({ groupCode: g.code, case: g.cases[0].case }));
      const missingPoints = incompleteGroups.map((g) => ({
        code: g.code,
        points: g.missingPoints,
        note: "đủ",
      }));
      const r = await submit(dossier, t.staff.council[0], choicesFor(criteriaSet, undefined, cases), {
        cases,
        missingPoints,
      });
      expect({ criteriaSet, errors: r.body.errors }).toEqual({ criteriaSet, errors: undefined });
      expect(r.body.data.submitCriteriaScoreSheet).toMatchObject({
        partA: 40,
        partB: 25,
        partC: 35,
        total: 100,
        mandatoryStarsMet: 5,
      });
    }
  });

  it("computes three members' sheets, asks a finding on every mark they dispute, and gives the stars the findings allow, as worked out by hand", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.UNDER_REVIEW, {
      createdBy: t.staff.binhLu.user,
      categoryCode: SET_01,
    });
    const [lan, minh, hoa] = t.staff.council;
    // Lan: A.1.b option 2 (2 of 3; 5★ asks option 3), no intellectual property (A.3.e, mandatory from 4★),
    // B.4.a option 3 (3 of 5; 5★ asks 5). A 40-1-2 = 37, B 25-2 = 23, C 35: 95; mandatory met up to 3★.
    const first = await submit(dossier, lan, bestExcept({ "A.1.b": 2, "A.3.e": null, "B.4.a": 3 }));
    expect(first.body.data.submitCriteriaScoreSheet).toMatchObject({
      partA: 37,
      partB: 23,
      partC: 35,
      total: 95,
      mandatoryStarsMet: 3,
      unmetMandatory: [
        { stars: 4, criterionCode: "A.3.e" },
        { stars: 5, criterionCode: "A.1.b" },
        { stars: 5, criterionCode: "B.4.a" },
      ],
    });
    // Minh: A.1.b option 2, B.4.c option 3 (2 of 4, no mark), C.10.a option 4 (3 of 5; 5★ asks 5).
    // A 39, B 23, C 33: 95; up to 4★.
    const second = await submit(dossier, minh, bestExcept({ "A.1.b": 2, "B.4.c": 3, "C.10.a": 4 }));
    expect(second.body.data.submitCriteriaScoreSheet).toMatchObject({
      partA: 39,
      partB: 23,
      partC: 33,
      total: 95,
      mandatoryStarsMet: 4,
      unmetMandatory: [
        { stars: 5, criterionCode: "A.1.b" },
        { stars: 5, criterionCode: "C.10.a" },
      ],
    });
    // Hoa first gives every best option, then replaces her sheet: A.2.a option 3 (3 of 4; 4★ asks 4),
    // A.3.e option 1 (1 of 2, some option: met), B.5.a option 4 (3 of 5), C.10.a option 3 (2 of 5; 4★ asks 3).
    // A 40-1-1 = 38, B 23, C 32: 93; up to 3★.
    // Two sheets of the three the round needs: the province is not offered the conclusion yet.
    const offered = async () =>
      (
        await t.app.gql(
          "query($id: ID!) { dossier(id: $id) { allowedActions } }",
          { id: String(dossier.id) },
          t.staff.province.headers,
        )
      ).body.data.dossier.allowedActions;
    expect(await offered()).toEqual(["ATTACH_DOCUMENT", "REMOVE_DOCUMENT", "RECORD_MANDATORY_FINDING"]);
    expect((await submit(dossier, hoa, choicesFor(1))).body.data.submitCriteriaScoreSheet.total).toBe(100);
    expect(await offered()).toEqual([
      "ATTACH_DOCUMENT",
      "REMOVE_DOCUMENT",
      "RECORD_MANDATORY_FINDING",
      "CONCLUDE_EVALUATION",
    ]);
    const third = await submit(dossier, hoa, bestExcept({ "A.2.a": 3, "A.3.e": 1, "B.5.a": 4, "C.10.a": 3 }));
    expect(third.body.data.submitCriteriaScoreSheet).toMatchObject({
      partA: 38,
      partB: 23,
      partC: 32,
      total: 93,
      mandatoryStarsMet: 3,
      unmetMandatory: [
        { stars: 4, criterionCode: "A.2.a" },
        { stars: 4, criterionCode: "C.10.a" },
        { stars: 5, criterionCode: "C.10.a" },
      ],
    });

    // Every mark some members meet and some do not needs the council's finding before the conclusion.
    const conclude = () =>
      t.app.gql(op("ConcludeEvaluation"), { id: String(dossier.id) }, t.staff.province.headers);
    const refused = await conclude();
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(refused.body.errors![0].message).toBe(
      "The members' sheets disagree on these mandatory marks: A.2.a (4★), A.3.e (4★), C.10.a (4★), A.1.b (5★), B.4.a (5★), C.10.a (5★). Record the council's finding on each (recordMandatoryFinding) before concluding.",
    );
    const disputes = await t.app.gql(
      op("MandatoryDisputes"),
      { id: String(dossier.id) },
      t.staff.province.headers,
    );
    expect(disputes.body.data.dossier.disputedMarks).toHaveLength(6);
    expect(disputes.body.data.dossier.disputedMarks[0]).toEqual({
      criterionCode: "A.2.a",
      stars: 4,
      finding: null,
    });
    // Members see no disputes before the conclusion: they would tell them others' choices.
    const byMember = await t.app.gql(op("MandatoryDisputes"), { id: String(dossier.id) }, lan.headers);
    expect(byMember.body.data.dossier.disputedMarks).toEqual([]);
    const { document } = await fileOf(t.db.dataSource, t.staff.province.user, dossier.id);
    const find = (criterionCode: string, stars: number, met: boolean, documentId = String(document!.id)) =>
      t.app.gql(
        op("RecordMandatoryFinding"),
        {
          input: {
            dossierId: String(dossier.id),
            criterionCode,
            stars,
            met,
            reason: `Hội đồng thống nhất: ${met ? "đạt" : "chưa đạt"}`,
            documentId,
          },
        },
        t.staff.province.headers,
      );
    expect(codes(await find("A.1.a", 5, true))).toEqual(["BAD_USER_INPUT"]); // not disputed
    expect(codes(await find("A.1.b", 5, true, "999999"))).toEqual(["BAD_USER_INPUT"]); // not this dossier's document
    expect(codes(await find("A.1.b", 5, true))).toEqual([]);
    expect(codes(await find("A.1.b", 5, false))).toEqual([]); // recorded again: replaced
    for (const [code, stars] of [
      ["A.2.a", 4],
      ["A.3.e", 4],
      ["C.10.a", 4],
      ["B.4.a", 5],
    ] as const)
      expect(codes(await find(code, stars, true))).toEqual([]);
    expect(codes(await conclude())).toEqual(["BAD_USER_INPUT"]); // C.10.a (5★) still open
    const last = await find("C.10.a", 5, false);
    expect(last.body.data.recordMandatoryFinding.disputedMarks.at(-1)).toMatchObject({
      criterionCode: "C.10.a",
      stars: 5,
      finding: {
        met: false,
        document: { id: String(document!.id), kind: "OTHER" },
        recordedBy: { email: t.staff.province.user.email },
      },
    });
    const concluded = await conclude();
    expect(concluded.body.errors).toBeUndefined();
    // Average (95 + 95 + 93) / 3 = 94.33: the 5★ band. The findings: A.1.b and C.10.a fall short of 5★, every
    // 4★ mark is met: mandatory criteria met up to 4★, so 4 stars, whatever the members' own levels (3, 4, 3).
    const evaluated = (
      await t.app.gql(op("CouncilEvaluation"), { id: String(dossier.id) }, t.staff.province.headers)
    ).body.data.dossier;
    expect(evaluated).toMatchObject({ status: "SCORED", averageScore: 94.33, resultStars: 4 });
    expect(evaluated.evaluation).toMatchObject({
      ruleSetVersion: "QĐ 148/QĐ-TTg, sửa đổi bởi QĐ 1489/QĐ-TTg",
      bandStars: 5,
      mandatoryStarsMet: 4,
      sheetComplete: true,
      unmetMandatory: [
        { stars: 5, criterionCode: "A.1.b" },
        { stars: 5, criterionCode: "C.10.a" },
      ],
      memberLevels: [
        { member: { email: lan.user.email }, total: 95, mandatoryStarsMet: 3 },
        { member: { email: minh.user.email }, total: 95, mandatoryStarsMet: 4 },
        { member: { email: hoa.user.email }, total: 93, mandatoryStarsMet: 3 },
      ],
    });
    expect(evaluated.evaluation.disputedMarks).toHaveLength(6);
    expect(
      evaluated.evaluation.findings.map((f: { criterionCode: string; stars: number; met: boolean }) => [
        f.criterionCode,
        f.stars,
        f.met,
      ]),
    ).toEqual([
      ["A.2.a", 4, true],
      ["A.3.e", 4, true],
      ["C.10.a", 4, true],
      ["A.1.b", 5, false],
      ["B.4.a", 5, true],
      ["C.10.a", 5, false],
    ]);
    expect(evaluated.evaluation.findings[0]).toMatchObject({
      document: { kind: "OTHER" },
      recordedBy: { email: t.staff.province.user.email },
      recordedAt: "2026-03-02T03:00:00.000Z",
    });
    // Once concluded, every member sees the disputes and their findings.
    const seenByLan = await t.app.gql(op("MandatoryDisputes"), { id: String(dossier.id) }, lan.headers);
    expect(seenByLan.body.data.dossier.disputedMarks).toHaveLength(6);
    expect(codes(await find("A.1.b", 5, true))).toEqual(["INVALID_TRANSITION"]); // concluded: findings stay

    // 4 stars for the province; an average of at least 90 may still be proposed to the Ministry.
    const actions = await t.app.gql(
      "query($id: ID!) { dossier(id: $id) { allowedActions } }",
      { id: String(dossier.id) },
      t.staff.province.headers,
    );
    expect(actions.body.data.dossier.allowedActions).toEqual([
      "ATTACH_DOCUMENT",
      "REMOVE_DOCUMENT",
      "RECORD_RECOGNITION",
      "CLOSE_WITHOUT_CERTIFICATE",
      "PROPOSE_TO_CENTRAL",
    ]);
    // Every sheet is kept, with its choices, once concluded.
    const sheets = await t.app.gql(
      "query($id: ID!) { dossier(id: $id) { scoreSheets { total choices { criterionCode optionCode points } } } }",
      { id: String(dossier.id) },
      lan.headers,
    );
    expect(sheets.body.data.dossier.scoreSheets.map((s: { total: number }) => s.total)).toEqual([95, 95, 93]);
    expect(sheets.body.data.dossier.scoreSheets[0].choices).toContainEqual({
      criterionCode: "A.3.e",
      optionCode: null,
      points: 0,
    });
  });

  it("below the threshold, a dossier is not proposed to the Ministry and allowedActions does not offer it", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.SCORED, {
      createdBy: t.staff.binhLu.user,
      resultStars: 4,
      categoryCode: SET_01,
    });
    const actions = await t.app.gql(
      "query($id: ID!) { dossier(id: $id) { allowedActions } }",
      { id: String(dossier.id) },
      t.staff.province.headers,
    );
    expect(actions.body.data.dossier.allowedActions).toEqual([
      "ATTACH_DOCUMENT",
      "REMOVE_DOCUMENT",
      "RECORD_RECOGNITION",
      "CLOSE_WITHOUT_CERTIFICATE",
    ]);
    const proposed = await t.app.gql(
      "mutation($id: ID!) { proposeToCentral(id: $id) { status } }",
      { id: String(dossier.id) },
      t.staff.province.headers,
    );
    expect(codes(proposed)).toEqual(["INVALID_TRANSITION"]);
    expect(proposed.body.errors![0].message).toBe(
      "Only a dossier averaging at least 90 points goes to the Ministry; this one averages 75.",
    );
  });
});

describe("an upgrade", () => {
  it("that reaches no more than the current stars ends NOT_ACHIEVED, saying what falls short, and the certificate stays", async () => {
    const { dossier, product } = await dossierIn(t.db.dataSource, DossierStatus.UNDER_REVIEW, {
      createdBy: t.staff.binhLu.user,
      categoryCode: SET_01,
      kind: DossierKind.UPGRADE,
    });
    const before = await t.db.dataSource.getRepository(Product).findOneByOrFail({ id: product.id });
    // 98 points, but no intellectual property (mandatory from 4★): 3 stars, as the product has now.
    for (const member of t.staff.council)
      expect((await submit(dossier, member, bestExcept({ "A.3.e": null }))).body.errors).toBeUndefined();
    const concluded = await t.app.gql(
      op("ConcludeEvaluation"),
      { id: String(dossier.id) },
      t.staff.province.headers,
    );
    expect(concluded.body.data.concludeEvaluation).toMatchObject({ status: "NOT_ACHIEVED", resultStars: 3 });
    expect((await evaluationOf(dossier)).evaluation.unmetMandatory).toEqual([
      { stars: 4, criterionCode: "A.3.e" },
    ]);
    const after = await t.db.dataSource.getRepository(Product).findOneByOrFail({ id: product.id });
    expect([after.stars, after.currentCertificateId]).toEqual([3, before.currentCertificateId]);
  });
});

describe("the commune's grades of the four local criteria", () => {
  const report = (d: Dossier, grades: Partial<Record<string, string | null>>) =>
    t.app.gql(
      op("RecordCommuneReport"),
      {
        input: {
          dossierId: String(d.id),
          ...Object.fromEntries(
            ["localOrigin", "localLabour", "ideaOrigin", "localIdentity"].map((k) => [
              k,
              { met: k !== "localIdentity", note: null, optionCode: grades[k] ?? null },
            ]),
          ),
        },
      },
      t.staff.binhLu.headers,
    );

  it("asks the option of the matching sheet criterion, and shows the grades to the province", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.SUBMITTED, {
      createdBy: t.staff.binhLu.user,
      categoryCode: SET_01,
    });
    const missing = await report(dossier, {
      localOrigin: "A.1.a.3",
      localLabour: "A.3.c.2",
      ideaOrigin: "A.2.a.4",
    });
    expect(codes(missing)).toEqual(["BAD_USER_INPUT"]);
    expect(missing.body.errors![0].extensions!.argument).toBe("input.localIdentity.optionCode");
    const foreign = await report(dossier, {
      localOrigin: "A.1.b.1",
      localLabour: "A.3.c.2",
      ideaOrigin: "A.2.a.4",
      localIdentity: "B.5.b.3",
    });
    expect(foreign.body.errors![0].message).toBe("A.1.b.1 is not an option of A.1.a.");
    const done = await report(dossier, {
      localOrigin: "A.1.a.3",
      localLabour: "A.3.c.2",
      ideaOrigin: "A.2.a.4",
      localIdentity: "B.5.b.3",
    });
    expect(done.body.errors).toBeUndefined();
    const seen = await t.app.gql(
      `query($id: ID!) { dossier(id: $id) { communeReport {
        localOrigin { met criterionCode optionCode points } localIdentity { met criterionCode optionCode points } } } }`,
      { id: String(dossier.id) },
      t.staff.province.headers,
    );
    expect(seen.body.data.dossier.communeReport).toEqual({
      localOrigin: { met: true, criterionCode: "A.1.a", optionCode: "A.1.a.3", points: 5 },
      localIdentity: { met: false, criterionCode: "B.5.b", optionCode: "B.5.b.3", points: 3 },
    });
  });
});

describe("product samples", () => {
  const samplesOf = async (d: { id: number }) =>
    (
      await t.app.gql(
        "query($id: ID!) { dossier(id: $id) { allowedActions productSamples { required received receivedOn } } }",
        { id: String(d.id) },
        t.staff.binhLu.headers,
      )
    ).body.data.dossier;
  const record = (d: { id: number }, count: number) =>
    t.app.gql(
      'mutation($id: ID!, $n: Int!) { recordProductSamples(dossierId: $id, count: $n, receivedOn: "2026-03-01") { id } }',
      { id: String(d.id), n: count },
      t.staff.binhLu.headers,
    );

  it("are asked by the rule set and recorded as received; community tourism brings none", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.DRAFT, {
      createdBy: t.staff.binhLu.user,
      categoryCode: SET_01,
    });
    expect(await samplesOf(dossier)).toMatchObject({
      allowedActions: expect.arrayContaining(["RECORD_SAMPLES"]),
      productSamples: { required: 5, received: null, receivedOn: null },
    });
    expect((await record(dossier, 5)).body.errors).toBeUndefined();
    expect((await samplesOf(dossier)).productSamples).toEqual({
      required: 5,
      received: 5,
      receivedOn: "2026-03-01",
    });

    const tourism = (
      await dossierIn(t.db.dataSource, DossierStatus.DRAFT, {
        createdBy: t.staff.binhLu.user,
        categoryCode: "VI.1",
      })
    ).dossier;
    const none = await samplesOf(tourism);
    expect(none.productSamples).toBeNull();
    expect(none.allowedActions).not.toContain("RECORD_SAMPLES");
    const refused = await record(tourism, 1);
    expect(codes(refused)).toEqual(["INVALID_TRANSITION"]);
    expect(refused.body.errors![0].message).toBe("The rules ask no product samples of this product set.");
  });
});

describe("members scoring at the same moment", () => {
  it("lands every member's sheet (they take turns on the dossier's row), and a conclusion ×3 is one effect", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.UNDER_REVIEW, {
      createdBy: t.staff.binhLu.user,
      categoryCode: SET_01,
    });
    const sheets = await Promise.all(
      t.staff.council.map((member) => submit(dossier, member, bestExcept({}))),
    );
    expect(sheets.map((r) => r.body.errors)).toEqual([undefined, undefined, undefined]);
    const concluded = await Promise.all(
      [1, 2, 3].map(() =>
        t.app.gql(op("ConcludeEvaluation"), { id: String(dossier.id) }, t.staff.province.headers),
      ),
    );
    expect(concluded.filter((r) => !r.body.errors)).toHaveLength(1);
    expect(concluded.flatMap(codes).every((c) => c === "INVALID_TRANSITION")).toBe(true);
    const events = await t.db.dataSource.query(
      "SELECT action FROM audit_event WHERE subjectType = 'Dossier' AND subjectId = ? ORDER BY id",
      [String(dossier.id)],
    );
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      "SUBMIT_SCORE_SHEET",
      "SUBMIT_SCORE_SHEET",
      "SUBMIT_SCORE_SHEET",
      "CONCLUDE_EVALUATION",
    ]);
  });
});
