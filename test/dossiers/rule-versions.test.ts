// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { referenceFile } from "../../src/core/paths";
import { loadReferenceData, RULE_SET_DIR } from "../../src/db/reference/load-reference";
import { DocumentKind, DossierDocument, type Dossier } from "../../src/dossiers/dossier.entity";
import { DossierStatus } from "../../src/dossiers/workflow";
import { RuleSet } from "../../src/rules/rule-set.entity";
import { codes, FixedClock } from "../support/http";
import { op } from "../support/operations";
import { choicesFor, dossierIn, fileOf, renewTokens, useStaffApp } from "../support/staff";

/**
 * A later decision arrives as one more rule-set file, with no code change: other bands, 24 months'
 * validity, another document list and a score-spread limit, in force from 2027. Dossiers forwarded before
 * keep the rules of their forwarding day; dossiers forwarded after use the new ones.
 */
const LATER = {
  version: "QĐ thử nghiệm 99/2026 (giả định)",
  effectiveFrom: "2027-01-01",
  certificateValidityMonths: 24,
  expiryNoticeDays: 60,
  minCouncilSize: 3,
  centralProposalMinPoints: 92,
  maxScoreSpread: 10,
  criteriaSheets: "criteria-148",
  starBands: [
    { stars: 5, minPoints: 92 },
    { stars: 4, minPoints: 75 },
    { stars: 3, minPoints: 55 },
    { stars: 2, minPoints: 30 },
    { stars: 1, minPoints: 0 },
  ],
  documents: {
    NEW: ["REGISTRATION_FORM", "TEST_REPORT"],
    RE_EVALUATION: ["REGISTRATION_FORM"],
    UPGRADE: ["REGISTRATION_FORM", "TEST_REPORT"],
  },
  localCriteria: [],
  revocationGrounds: [{ code: "OTHER", text: "Lý do khác", source: "provincial working list" }],
  revocationAuthority: { PROVINCE: "PROVINCE", DISTRICT: "PROVINCE", CENTRAL: "MINISTRY" },
  issuingLevels: [
    { level: "PROVINCE", stars: [3, 4], source: "test rule set" },
    { level: "CENTRAL", stars: [5], source: "test rule set" },
  ],
  productSamples: { count: 2, exceptCriteriaSets: [26], source: "test" },
};
const CURRENT = "QĐ 148/QĐ-TTg, sửa đổi bởi QĐ 1489/QĐ-TTg";

const clock = new FixedClock(new Date("2026-12-20T03:00:00Z"));
const t = useStaffApp(clock);

// Loaded for each test and removed after it (other test files share the database).
beforeEach(async () => {
  const dir = mkdtempSync(join(tmpdir(), "rule-sets-"));
  writeFileSync(join(dir, "99-2026.json"), JSON.stringify(LATER));
  await loadReferenceData(t.db.dataSource, { ruleSetDirs: [referenceFile(RULE_SET_DIR), dir] });
});
afterEach(() => t.db.dataSource.getRepository(RuleSet).delete({ version: LATER.version }));

const moveTo = async (instant: string) => {
  clock.instant = new Date(instant);
  await renewTokens(t.app.gql, t.staff);
};

/** Every criterion's best option but eight unmarked ones lowered: 74 points, every mandatory criterion met. */
const seventyFour = choicesFor(1, (code, count) => {
  const lowered: Record<string, number> = {
    "A.1.a": 1,
    "A.3.a": 1,
    "A.3.c": 1,
    "B.4.b": 1,
    "B.4.c": 1,
    "B.5.a": 1,
    "C.6.c": 1,
    "C.6.d": 2, // prettier-ignore
  };
  return lowered[code] ?? count;
});

async function scored(d: Dossier, third = seventyFour) {
  for (const [i, member] of t.staff.council.entries()) {
    const r = await t.app.gql(
      op("SubmitCriteriaScoreSheet"),
      { dossierId: String(d.id), choices: i === 2 ? third : seventyFour },
      member.headers,
    );
    expect(r.body.errors).toBeUndefined();
  }
  return t.app.gql(op("ConcludeEvaluation"), { id: String(d.id) }, t.staff.province.headers);
}

async function withDocuments(d: Dossier, kinds: DocumentKind[]) {
  for (const kind of kinds) {
    const { document } = await fileOf(t.db.dataSource, t.staff.binhLu.user, d.id);
    await t.db.dataSource.getRepository(DossierDocument).update(document!.id, { kind });
  }
}

it("keeps the rules of the forwarding day: bands, validity, documents and score spread", async () => {
  const { gql } = t.app;
  const inRound = { createdBy: t.staff.binhLu.user, categoryCode: "I.1.a", deadline: "2027-12-31" };
  const before = (await dossierIn(t.db.dataSource, DossierStatus.COMMUNE_REVIEWED, inRound)).dossier;
  const after = (await dossierIn(t.db.dataSource, DossierStatus.COMMUNE_REVIEWED, inRound)).dossier;
  const draftBefore = (await dossierIn(t.db.dataSource, DossierStatus.DRAFT, inRound)).dossier;
  const draftAfter = (await dossierIn(t.db.dataSource, DossierStatus.DRAFT, inRound)).dossier;
  const fourDocuments = [
    DocumentKind.REGISTRATION_FORM,
    DocumentKind.BUSINESS_PLAN,
    DocumentKind.ORGANISATION_PROFILE,
    DocumentKind.BUSINESS_REGISTRATION,
  ];
  await withDocuments(draftBefore, fourDocuments);
  await withDocuments(draftAfter, fourDocuments);

  // 20 December 2026: the current rules.
  const forwarded = await gql(op("ForwardDossier"), { id: String(before.id) }, t.staff.binhLu.headers);
  expect(forwarded.body.errors).toBeUndefined();
  expect(
    (await gql(op("SubmitDossier"), { id: String(draftBefore.id) }, t.staff.binhLu.headers)).body.errors,
  ).toBeUndefined();

  // 5 January 2027: the later decision is in force.
  await moveTo("2027-01-05T03:00:00Z");
  await gql(op("ForwardDossier"), { id: String(after.id) }, t.staff.binhLu.headers);
  const refused = await gql(op("SubmitDossier"), { id: String(draftAfter.id) }, t.staff.binhLu.headers);
  expect(codes(refused)).toEqual(["INVALID_TRANSITION"]);
  expect(refused.body.errors![0].extensions!.missingDocuments).toEqual(["TEST_REPORT"]);

  const versions = await gql(
    `query($a: ID!, $b: ID!) { a: dossier(id: $a) { ruleSetVersion } b: dossier(id: $b) { ruleSetVersion } }`,
    { a: String(before.id), b: String(after.id) },
    t.staff.province.headers,
  );
  expect(versions.body.data).toEqual({
    a: { ruleSetVersion: CURRENT },
    b: { ruleSetVersion: LATER.version },
  });
  for (const d of [before, after])
    await gql(op("AcceptDossier"), { id: String(d.id) }, t.staff.province.headers);

  // The same sheets: 74 points is 4 stars under the current rules, 3 under the later ones.
  const old = await scored(before);
  expect(old.body.data.concludeEvaluation).toMatchObject({
    status: "SCORED",
    averageScore: 74,
    resultStars: 4,
  });
  // The later rules refuse to conclude on totals 26 points apart, naming the sheets; a member reviews hers.
  const spread = await scored(after, choicesFor(1));
  expect(codes(spread)).toEqual(["SCORE_SPREAD"]);
  expect(spread.body.errors![0].extensions!.sheets).toEqual(
    t.staff.council.map((m, i) => ({ memberId: String(m.user.id), total: i === 2 ? 100 : 74 })),
  );
  const later = await scored(after);
  expect(later.body.data.concludeEvaluation).toMatchObject({
    status: "SCORED",
    averageScore: 74,
    resultStars: 3,
  });

  // Recognised the same day: 36 months under the current rules, 24 under the later ones.
  await moveTo("2027-02-01T03:00:00Z");
  const expiries = [];
  for (const d of [before, after]) {
    const r = await gql(
      op("RecordRecognition"),
      {
        input: {
          dossierId: String(d.id),
          decisionNumber: `${d.id}/QĐ-UBND`,
          decisionDate: "2027-02-01",
          certificateNumber: `${d.id}/GCN`,
        },
      },
      t.staff.province.headers,
    );
    expect(r.body.errors).toBeUndefined();
    expiries.push(r.body.data.recordRecognition.expiresOn);
  }
  expect(expiries).toEqual(["2030-02-01", "2029-02-01"]);

  const listed = await gql(op("RuleSets"), {}, t.staff.province.headers);
  expect(listed.body.data.ruleSets.map((r: { version: string }) => r.version)).toEqual([
    "QĐ 148/QĐ-TTg",
    CURRENT,
    LATER.version,
  ]);
  expect(listed.body.data.ruleSets[2]).toMatchObject({
    certificateValidityMonths: 24,
    starBands: LATER.starBands,
  });
});
