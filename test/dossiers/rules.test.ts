// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { Role } from "../../src/auth/user.entity";
import { AuditEvent } from "../../src/audit/audit-event.entity";
import { Dossier, DossierKind, ScoreSheet } from "../../src/dossiers/dossier.entity";
import { DossierAction, DossierStatus, TRANSITIONS, mayAct, rolesFor } from "../../src/dossiers/workflow";
import { label } from "../../src/i18n/labels";
import { codes, FixedClock } from "../support/http";
import { op } from "../support/operations";
import { type Staff, choicesFor, dossierIn, fileOf, renewTokens, useStaffApp } from "../support/staff";

const clock = new FixedClock(new Date("2025-09-01T02:00:00Z"));
const t = useStaffApp(clock);

/** One GraphQL call per action, on a given dossier, as a given user. */
const CALLS: Record<
  DossierAction,
  (d: Dossier, as: Staff) => Promise<Awaited<ReturnType<typeof t.app.gql>>>
> = {
  [DossierAction.ATTACH_DOCUMENT]: async (d, as) => {
    const { file } = await fileOf(t.db.dataSource, as.user);
    return t.app.gql(
      op("AttachDossierDocument"),
      { input: { dossierId: String(d.id), kind: "OTHER", title: "Khác", fileId: String(file.id) } },
      as.headers,
    );
  },
  [DossierAction.REMOVE_DOCUMENT]: async (d, as) => {
    const { document } = await fileOf(t.db.dataSource, as.user, d.id);
    return t.app.gql(
      "mutation($id: ID!) { removeDossierDocument(id: $id) { id } }",
      { id: String(document!.id) },
      as.headers,
    );
  },
  [DossierAction.SUBMIT]: (d, as) => t.app.gql(op("SubmitDossier"), { id: String(d.id) }, as.headers),
  [DossierAction.RETURN]: (d, as) =>
    t.app.gql(op("ReturnDossier"), { id: String(d.id), reason: "Thiếu chữ ký" }, as.headers),
  [DossierAction.RECORD_COMMUNE_REPORT]: (d, as) => {
    const v = { met: true };
    return t.app.gql(
      op("RecordCommuneReport"),
      { input: { dossierId: String(d.id), localOrigin: v, localLabour: v, ideaOrigin: v, localIdentity: v } },
      as.headers,
    );
  },
  [DossierAction.FORWARD]: (d, as) => t.app.gql(op("ForwardDossier"), { id: String(d.id) }, as.headers),
  [DossierAction.ACCEPT]: (d, as) => t.app.gql(op("AcceptDossier"), { id: String(d.id) }, as.headers),
  [DossierAction.SUBMIT_SCORE_SHEET]: (d, as) =>
    t.app.gql(
      op("SubmitCriteriaScoreSheet"),
      { dossierId: String(d.id), choices: choicesFor(4) },
      as.headers,
    ),
  [DossierAction.RECORD_MANDATORY_FINDING]: async (d, as) => {
    const { document } = await fileOf(t.db.dataSource, as.user, d.id);
    const input = { dossierId: String(d.id), criterionCode: "A.1.a", stars: 3, met: true, reason: "Đạt" };
    return t.app.gql(
      op("RecordMandatoryFinding"),
      { input: { ...input, documentId: String(document!.id) } },
      as.headers,
    );
  },
  [DossierAction.CLOSE_WITHOUT_CERTIFICATE]: (d, as) =>
    t.app.gql(op("CloseDossierWithoutCertificate"), { id: String(d.id), reason: "Không ký" }, as.headers),
  [DossierAction.CONCLUDE_EVALUATION]: (d, as) =>
    t.app.gql(op("ConcludeEvaluation"), { id: String(d.id) }, as.headers),
  [DossierAction.RECORD_RECOGNITION]: (d, as) =>
    t.app.gql(
      op("RecordRecognition"),
      {
        input: {
          dossierId: String(d.id),
          decisionNumber: "1/QĐ",
          decisionDate: "2025-08-30",
          certificateNumber: "1/GCN",
        },
      },
      as.headers,
    ),
  [DossierAction.PROPOSE_TO_CENTRAL]: (d, as) =>
    t.app.gql("mutation($id: ID!) { proposeToCentral(id: $id) { id } }", { id: String(d.id) }, as.headers),
  [DossierAction.RECORD_CENTRAL_RESULT]: (d, as) =>
    t.app.gql(
      "mutation($i: CentralResultInput!) { recordCentralResult(input: $i) { number } }",
      {
        i: {
          dossierId: String(d.id),
          decisionNumber: "2/QĐ-BNN",
          decisionDate: "2025-08-30",
          stars: 5,
          certificateNumber: "2/GCN",
        },
      },
      as.headers,
    ),
  [DossierAction.RECORD_SAMPLES]: (d, as) =>
    t.app.gql(
      'mutation($id: ID!) { recordProductSamples(dossierId: $id, count: 3, receivedOn: "2025-08-01") { id } }',
      { id: String(d.id) },
      as.headers,
    ),
  [DossierAction.RECORD_RECEIPT]: (d, as) =>
    t.app.gql(op("RecordDossierReceipt"), { dossierId: String(d.id), receivedOn: "2025-08-01" }, as.headers),
  [DossierAction.CONFIRM_DOCUMENT]: async (d, as) => {
    const { document } = await fileOf(t.db.dataSource, as.user, d.id);
    return t.app.gql(
      op("ConfirmDossierDocument"),
      { input: { documentId: String(document!.id), status: "CONFIRMED" } },
      as.headers,
    );
  },
  [DossierAction.REQUEST_SUPPLEMENT]: (d, as) =>
    t.app.gql(
      op("RequestDossierSupplement"),
      { input: { dossierId: String(d.id), items: [{ kind: "TEST_REPORT" }], dueOn: "2025-09-30" } },
      as.headers,
    ),
  [DossierAction.RECORD_SELF_ASSESSMENT]: (d, as) =>
    t.app.gql(
      op("RecordSelfAssessment"),
      { input: { dossierId: String(d.id), choices: choicesFor(4) } },
      as.headers,
    ),
  [DossierAction.WITHDRAW]: (d, as) =>
    t.app.gql("mutation($id: ID!) { withdrawDossier(id: $id) { id } }", { id: String(d.id) }, as.headers),
};

const actorFor = (role: Role): Staff =>
  ({
    [Role.ADMIN]: t.staff.admin,
    [Role.PROVINCE_OFFICER]: t.staff.province,
    [Role.COUNCIL_MEMBER]: t.staff.council[0],
    [Role.COMMUNE_OFFICER]: t.staff.binhLu,
  })[role];

const ALL_STATES = Object.values(DossierStatus);
const ALL_ACTIONS = Object.values(DossierAction);
const events = (d: Dossier) =>
  t.db.dataSource.getRepository(AuditEvent).countBy({ subjectType: "Dossier", subjectId: String(d.id) });

describe("the transition table", () => {
  const illegal = ALL_STATES.flatMap((status) =>
    ALL_ACTIONS.filter(
      (action) => !TRANSITIONS.some((t) => t.action === action && t.from.includes(status)),
    ).map((action) => ({ status, action })),
  );

  // As ADMIN, who sees every dossier and may take every action: only the state can refuse.
  it(`refuses every illegal state × action (${illegal.length} pairs) with INVALID_TRANSITION and changes nothing`, async () => {
    for (const { status, action } of illegal) {
      const { dossier } = await dossierIn(t.db.dataSource, status, {
        createdBy: t.staff.binhLu.user,
        resultStars: 4,
      });
      const r = await CALLS[action](dossier, t.staff.admin);
      expect({ status, action, codes: codes(r) }).toEqual({ status, action, codes: ["INVALID_TRANSITION"] });
      const after = await t.db.dataSource.getRepository(Dossier).findOneByOrFail({ id: dossier.id });
      expect({ status, action, now: after.status, version: after.version }).toEqual({
        status,
        action,
        now: status,
        version: 1,
      });
      expect(await events(dossier)).toBe(0);
    }
  });

  it("refuses every role not in the table with FORBIDDEN, and another commune's officer with NOT_FOUND", async () => {
    for (const transition of TRANSITIONS) {
      const status = transition.from[0];
      const wrongRoles = [Role.PROVINCE_OFFICER, Role.COUNCIL_MEMBER, Role.COMMUNE_OFFICER].filter(
        (role) => !mayAct(transition, role),
      );
      for (const role of wrongRoles) {
        const { dossier } = await dossierIn(t.db.dataSource, status, {
          createdBy: t.staff.binhLu.user,
          resultStars: 4,
        });
        const r = await CALLS[transition.action](dossier, actorFor(role));
        // A council member cannot see dossiers before UNDER_REVIEW: for it they do not exist.
        const expected =
          role === Role.COUNCIL_MEMBER &&
          !rolesFor(transition.action).includes(Role.COUNCIL_MEMBER) &&
          [
            DossierStatus.DRAFT,
            DossierStatus.SUBMITTED,
            DossierStatus.RETURNED,
            DossierStatus.COMMUNE_REVIEWED,
            DossierStatus.FORWARDED,
          ].includes(status)
            ? ["FORBIDDEN", "NOT_FOUND"]
            : ["FORBIDDEN"];
        expect({ action: transition.action, status, role, ok: expected.includes(codes(r)[0]!) }).toEqual({
          action: transition.action,
          status,
          role,
          ok: true,
        });
        expect(await events(dossier)).toBe(0);
      }
      if (transition.roles.includes(Role.COMMUNE_OFFICER)) {
        const { dossier } = await dossierIn(t.db.dataSource, status, { createdBy: t.staff.binhLu.user });
        expect({
          action: transition.action,
          codes: codes(await CALLS[transition.action](dossier, t.staff.thanUyen)),
        }).toEqual({ action: transition.action, codes: ["NOT_FOUND"] });
      }
    }
  });

  it("lists allowedActions from the same table, per viewer", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.COMMUNE_REVIEWED, {
      createdBy: t.staff.binhLu.user,
    });
    const allowed = async (as: Staff) =>
      (
        await t.app.gql(
          "query($id: ID!) { dossier(id: $id) { allowedActions } }",
          { id: String(dossier.id) },
          as.headers,
        )
      ).body.data.dossier?.allowedActions;
    const commune = [
      "RECORD_RECEIPT",
      "ATTACH_DOCUMENT",
      "REMOVE_DOCUMENT",
      "CONFIRM_DOCUMENT",
      "REQUEST_SUPPLEMENT",
      "RECORD_SELF_ASSESSMENT",
      "RECORD_SAMPLES",
      "RETURN",
      "FORWARD",
      "WITHDRAW",
    ];
    expect(await allowed(t.staff.binhLu)).toEqual(commune);
    expect(await allowed(t.staff.province)).toEqual([]);
    expect(await allowed(t.staff.thanUyen)).toBeUndefined(); // not visible at all
    expect(await allowed(t.staff.admin)).toEqual(commune);
  });
});

describe("the transition runner", () => {
  it("says why it refuses: the state and what may be done now, or the role, in words", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.SUBMITTED, {
      createdBy: t.staff.binhLu.user,
    });
    const invalid = await CALLS[DossierAction.FORWARD](dossier, t.staff.binhLu);
    expect(invalid.body.errors?.[0]).toMatchObject({
      message: `“${label("en", "DossierAction", "FORWARD")}” is not possible on a dossier that is “${label("en", "DossierStatus", "SUBMITTED")}”.`,
      extensions: {
        code: "INVALID_TRANSITION",
        status: "SUBMITTED",
        allowedActions: [
          "RECORD_RECEIPT",
          "ATTACH_DOCUMENT",
          "REMOVE_DOCUMENT",
          "CONFIRM_DOCUMENT",
          "REQUEST_SUPPLEMENT",
          "RECORD_SELF_ASSESSMENT",
          "RECORD_SAMPLES",
          "RETURN",
          "RECORD_COMMUNE_REPORT",
          "WITHDRAW",
        ],
      },
    });
    const forbidden = await CALLS[DossierAction.RETURN](dossier, t.staff.province);
    expect(forbidden.body.errors?.[0].message).toBe(
      `A ${label("en", "Role", "PROVINCE_OFFICER")} may not “${label("en", "DossierAction", "RETURN")}” on a dossier that is “${label("en", "DossierStatus", "SUBMITTED")}”.`,
    );
    const badId = await t.app.gql(op("ForwardDossier"), { id: "abc" }, t.staff.binhLu.headers);
    expect(badId.body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "id" });
  });

  it("hides a dossier from the council until the province has accepted it", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.FORWARDED, {
      createdBy: t.staff.binhLu.user,
    });
    expect(codes(await CALLS[DossierAction.SUBMIT_SCORE_SHEET](dossier, t.staff.council[0]))).toEqual([
      "NOT_FOUND",
    ]);
  });

  it("answers a repeat that changes nothing as the first time, with no second event and no new version", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.DRAFT, {
      createdBy: t.staff.binhLu.user,
    });
    const { file } = await fileOf(t.db.dataSource, t.staff.binhLu.user);
    const attach = () =>
      t.app.gql(
        op("AttachDossierDocument"),
        { input: { dossierId: String(dossier.id), kind: "OTHER", title: "Khác", fileId: String(file.id) } },
        t.staff.binhLu.headers,
      );
    const first = await attach();
    const again = await attach();
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data).toEqual(first.body.data);
    expect(await events(dossier)).toBe(1);
    expect((await t.db.dataSource.getRepository(Dossier).findOneByOrFail({ id: dossier.id })).version).toBe(
      2,
    );
  });
});

describe("deadline", () => {
  it("forwards until 23:59:59 of the deadline day in Vietnam and refuses from 00:00, whatever the process zone", async () => {
    expect(process.env.TZ).toBe("America/Los_Angeles");
    const forwardAt = async (instant: string) => {
      clock.instant = new Date(instant);
      await renewTokens(t.app.gql, t.staff);
      const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.COMMUNE_REVIEWED, {
        createdBy: t.staff.binhLu.user,
        deadline: "2025-10-31",
      });
      return t.app.gql(op("ForwardDossier"), { id: String(dossier.id) }, t.staff.binhLu.headers);
    };
    expect((await forwardAt("2025-10-31T16:59:00Z")).body.data.forwardDossier.status).toBe("FORWARDED"); // 23:59 in Hà Nội
    expect((await forwardAt("2025-10-31T16:59:59.999Z")).body.data.forwardDossier.status).toBe("FORWARDED");
    const late = await forwardAt("2025-10-31T17:00:00Z"); // 00:00 on 1 Nov in Hà Nội, still 31 Oct in Los Angeles
    expect(codes(late)).toEqual(["DEADLINE_PASSED"]);
    clock.instant = new Date("2025-09-01T02:00:00Z");
    await renewTokens(t.app.gql, t.staff);
  });

  it("lets the province extend a deadline, later only", async () => {
    const { round } = await dossierIn(t.db.dataSource, DossierStatus.DRAFT, {
      createdBy: t.staff.binhLu.user,
      deadline: "2025-10-31",
    });
    const extend = (date: string, as = t.staff.province) =>
      t.app.gql(
        "mutation($r: ID!, $d: LocalDate!) { extendSubmissionDeadline(roundId: $r, submissionDeadline: $d) { submissionDeadline } }",
        { r: String(round.id), d: date },
        as.headers,
      );
    expect((await extend("2025-11-15")).body.data.extendSubmissionDeadline.submissionDeadline).toBe(
      "2025-11-15",
    );
    expect(codes(await extend("2025-11-01"))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await extend("2025-12-01", t.staff.binhLu))).toEqual(["FORBIDDEN"]);
  });
});

describe("races", () => {
  it("lets exactly one of 20 concurrent forwards through, with one event", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.COMMUNE_REVIEWED, {
      createdBy: t.staff.binhLu.user,
    });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => CALLS[DossierAction.FORWARD](dossier, t.staff.binhLu)),
    );
    const outcome = answers.map((r) => (r.body.errors ? codes(r)[0] : "OK"));
    expect(outcome.filter((o) => o === "OK")).toHaveLength(1);
    expect(outcome.every((o) => ["OK", "CONFLICT", "INVALID_TRANSITION"].includes(o!))).toBe(true);
    expect(
      await t.db.dataSource
        .getRepository(AuditEvent)
        .countBy({ subjectType: "Dossier", subjectId: String(dossier.id), action: "FORWARD" }),
    ).toBe(1);
    expect((await t.db.dataSource.getRepository(Dossier).findOneByOrFail({ id: dossier.id })).version).toBe(
      2,
    );
  });

  it("lets exactly one of 20 concurrent accepts through", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.FORWARDED, {
      createdBy: t.staff.binhLu.user,
    });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => CALLS[DossierAction.ACCEPT](dossier, t.staff.province)),
    );
    expect(answers.filter((r) => !r.body.errors)).toHaveLength(1);
    expect(
      await t.db.dataSource
        .getRepository(AuditEvent)
        .countBy({ subjectType: "Dossier", subjectId: String(dossier.id), action: "ACCEPT" }),
    ).toBe(1);
  });
});

describe("scoring", () => {
  /** A member's sheet on set 4 (the default product set): option positions by `pick`, best by default. */
  const sheet = (d: Dossier, as: Staff, pick?: (code: string, count: number) => number | null) =>
    t.app.gql(
      op("SubmitCriteriaScoreSheet"),
      { dossierId: String(d.id), choices: choicesFor(4, pick) },
      as.headers,
    );
  /** The lowest option of every criterion. */
  const lowest = () => 1;
  const totalOf = async (d: Dossier, as: Staff, pick?: (code: string, count: number) => number | null) =>
    (await sheet(d, as, pick)).body.data.submitCriteriaScoreSheet.total as number;
  const sheetsSeenBy = async (d: Dossier, as: Staff) =>
    (
      await t.app.gql(
        "query($id: ID!) { dossier(id: $id) { scoreSheets { total } scoreSummary { sheets average } } }",
        { id: String(d.id) },
        as.headers,
      )
    ).body.data.dossier;

  it("refuses choices that do not match the sheet, replaces a member's own sheet, and hides others' sheets until the conclusion", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.UNDER_REVIEW, {
      createdBy: t.staff.binhLu.user,
    });
    const tooFew = await t.app.gql(
      op("SubmitCriteriaScoreSheet"),
      { dossierId: String(dossier.id), choices: choicesFor(4).slice(1) },
      t.staff.council[0].headers,
    );
    expect(codes(tooFew)).toEqual(["BAD_USER_INPUT"]);
    const low = await totalOf(dossier, t.staff.council[0], lowest);
    expect(low).toBeLessThan(50);
    expect(await totalOf(dossier, t.staff.council[0])).toBe(100); // replaces
    expect(await totalOf(dossier, t.staff.council[1])).toBe(100);
    expect(await t.db.dataSource.getRepository(ScoreSheet).countBy({ dossierId: dossier.id })).toBe(2);
    expect(await sheetsSeenBy(dossier, t.staff.council[0])).toEqual({
      scoreSheets: [{ total: 100 }],
      scoreSummary: null,
    });
    expect(
      codes(await t.app.gql(op("ConcludeEvaluation"), { id: String(dossier.id) }, t.staff.province.headers)),
    ).toEqual(["INVALID_TRANSITION"]); // 2 of 3
    expect(await totalOf(dossier, t.staff.council[2])).toBe(100);
    const concluded = await t.app.gql(
      op("ConcludeEvaluation"),
      { id: String(dossier.id) },
      t.staff.province.headers,
    );
    expect(concluded.body.data.concludeEvaluation).toMatchObject({
      status: "SCORED",
      averageScore: 100,
      resultStars: 5,
    });
    expect(await sheetsSeenBy(dossier, t.staff.council[0])).toEqual({
      scoreSheets: [{ total: 100 }, { total: 100 }, { total: 100 }],
      scoreSummary: { sheets: 3, average: 100 },
    });
    expect(codes(await sheet(dossier, t.staff.council[0], lowest))).toEqual(["INVALID_TRANSITION"]); // concluded: no more changes
  });

  it("keeps every member's scores from everyone else until the conclusion: only who has submitted shows, in the list and the history", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.UNDER_REVIEW, {
      createdBy: t.staff.binhLu.user,
    });
    await sheet(dossier, t.staff.council[0]);
    const low = await totalOf(dossier, t.staff.council[1], lowest);
    const seen = async (as: Staff) =>
      (
        await t.app.gql(
          "query($id: ID!) { dossier(id: $id) { scoreSheets { total } scoreSubmissions { member { email } } history { action note } } }",
          { id: String(dossier.id) },
          as.headers,
        )
      ).body.data.dossier;
    for (const other of [t.staff.province, t.staff.binhLu, t.staff.admin, t.staff.council[2]]) {
      const view = await seen(other);
      expect(view.scoreSheets).toEqual([]);
      expect(view.scoreSubmissions.map((s: any) => s.member.email)).toEqual([
        t.staff.council[0].user.email,
        t.staff.council[1].user.email,
      ]);
      expect(JSON.stringify(view.history)).not.toMatch(new RegExp(`= (100|${low})`));
    }
    const own = await seen(t.staff.council[0]);
    expect(own.scoreSheets).toEqual([{ total: 100 }]);
    expect(own.history.filter((e: any) => e.note.includes("= 100"))).toHaveLength(1); // their own, with the values
    expect(codes(await sheet(dossier, t.staff.admin))).toEqual(["FORBIDDEN"]); // an administrator scores for nobody
    const audited = await t.db.dataSource
      .getRepository(AuditEvent)
      .findBy({ action: "SUBMIT_SCORE_SHEET", subjectId: String(dossier.id) });
    expect(audited.map((e) => e.note)).toEqual([
      expect.stringMatching(
        /^score sheet submitted: \d+ criteria, A 40, B 25, C 35 = 100; mandatory criteria met up to 5 stars$/,
      ),
      expect.stringMatching(
        new RegExp(
          `^score sheet submitted: \\d+ criteria, A \\d+, B \\d+, C \\d+ = ${low}; mandatory criteria met up to [0-2] stars$`,
        ),
      ),
    ]);
  });

  it("ends below 3 stars in NOT_ACHIEVED", async () => {
    const { dossier } = await dossierIn(t.db.dataSource, DossierStatus.UNDER_REVIEW, {
      createdBy: t.staff.binhLu.user,
    });
    for (const member of t.staff.council) await sheet(dossier, member, lowest);
    const concluded = await t.app.gql(
      op("ConcludeEvaluation"),
      { id: String(dossier.id) },
      t.staff.province.headers,
    );
    expect(concluded.body.data.concludeEvaluation).toMatchObject({ status: "NOT_ACHIEVED" });
    expect(concluded.body.data.concludeEvaluation.resultStars).toBeLessThan(3);
  });

  it("sends a 5-star result to the Ministry, and issues the certificate on its decision", async () => {
    const { dossier, product } = await dossierIn(t.db.dataSource, DossierStatus.SCORED, {
      createdBy: t.staff.binhLu.user,
      resultStars: 5,
    });
    expect(codes(await CALLS[DossierAction.RECORD_RECOGNITION](dossier, t.staff.province))).toEqual([
      "INVALID_TRANSITION",
    ]);
    expect(
      (await CALLS[DossierAction.PROPOSE_TO_CENTRAL](dossier, t.staff.province)).body.errors,
    ).toBeUndefined();
    const central = await CALLS[DossierAction.RECORD_CENTRAL_RESULT](dossier, t.staff.province);
    expect(central.body.data.recordCentralResult.number).toBe("2/GCN"); // as printed on the Ministry's decision
    const issued = await t.app.gql(`query($n: String!) { certificate(number: $n) { issuedBy } }`, {
      n: central.body.data.recordCentralResult.number,
    });
    expect(issued.body.data.certificate.issuedBy).toBe("CENTRAL");
    const listed = await t.app.gql(op("ProductDetail"), { slug: product.slug });
    expect(listed.body.data.product.stars).toBe(5);
  });
});

describe("re-evaluation", () => {
  it("supersedes the product's previous certificate", async () => {
    const { dossier, product } = await dossierIn(t.db.dataSource, DossierStatus.SCORED, {
      createdBy: t.staff.binhLu.user,
      resultStars: 4,
      kind: DossierKind.RE_EVALUATION,
    });
    const before = (await t.app.gql(op("ProductDetail"), { slug: product.slug })).body.data.product
      .certificate.number;
    const issued = await CALLS[DossierAction.RECORD_RECOGNITION](dossier, t.staff.province);
    expect(issued.body.data.recordRecognition).toMatchObject({
      stars: 4,
      status: "ACTIVE",
      expiresOn: "2028-08-30",
    });
    expect((await t.app.gql(op("VerifyCertificate"), { number: before })).body.data.certificate.status).toBe(
      "SUPERSEDED",
    );
    expect(
      (await t.app.gql(op("ProductDetail"), { slug: product.slug })).body.data.product.certificate.number,
    ).toBe(issued.body.data.recordRecognition.number);
  });

  it("refuses a NEW dossier for a certified product and a RE_EVALUATION for an uncertified one", async () => {
    const { round, product } = await dossierIn(t.db.dataSource, DossierStatus.DRAFT, {
      createdBy: t.staff.binhLu.user,
      kind: DossierKind.RE_EVALUATION,
    });
    const create = (kind: string, productId: number) =>
      t.app.gql(
        op("CreateDossier"),
        { input: { productId: String(productId), roundId: String(round.id), kind } },
        t.staff.binhLu.headers,
      );
    expect(codes(await create("NEW", product.id))).toEqual(["BAD_USER_INPUT"]);
    const uncertified = (
      await dossierIn(t.db.dataSource, DossierStatus.WITHDRAWN, { createdBy: t.staff.binhLu.user })
    ).product;
    expect(codes(await create("RE_EVALUATION", uncertified.id))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await create("NEW", uncertified.id))).toEqual([]);
    expect(codes(await create("NEW", uncertified.id))).toEqual(["CONFLICT"]); // one open dossier per product and round
  });
});

describe("chasing communes", () => {
  it("lists per commune the round's dossiers not forwarded yet", async () => {
    const { round } = await dossierIn(t.db.dataSource, DossierStatus.SUBMITTED, {
      createdBy: t.staff.binhLu.user,
    });
    await t.db.dataSource.getRepository(Dossier).update({ roundId: round.id }, {});
    const r = await t.app.gql(
      "query($r: ID!) { dossiersNotForwarded(roundId: $r) { commune { code } notForwarded dossiers { status } } }",
      { r: String(round.id) },
      t.staff.province.headers,
    );
    expect(r.body.data.dossiersNotForwarded).toEqual([
      { commune: { code: "03390" }, notForwarded: 1, dossiers: [{ status: "SUBMITTED" }] },
    ]);
    expect(
      codes(
        await t.app.gql(
          "query($r: ID!) { dossiersNotForwarded(roundId: $r) { notForwarded } }",
          { r: String(round.id) },
          t.staff.binhLu.headers,
        ),
      ),
    ).toEqual(["FORBIDDEN"]);
  });
});
