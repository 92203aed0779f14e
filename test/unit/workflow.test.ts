import { Role } from "../../src/auth/user.entity";
import {
  actionsFrom,
  DossierAction,
  DossierStatus,
  mayAct,
  rolesFor,
  transitionFor,
  TRANSITIONS,
} from "../../src/dossiers/workflow";

describe("the workflow table", () => {
  it("reaches every state from DRAFT, and ends only in RECOGNIZED, NOT_ACHIEVED, NOT_RECOGNIZED and WITHDRAWN", () => {
    const reached = new Set<string>([DossierStatus.DRAFT]);
    for (let grew = true; grew;) {
      grew = false;
      for (const t of TRANSITIONS) {
        const targets =
          t.to === "by-result"
            ? [DossierStatus.SCORED, DossierStatus.NOT_ACHIEVED]
            : t.to === "unchanged"
              ? []
              : [t.to];
        if (!t.from.some((f) => reached.has(f))) continue;
        for (const to of targets) {
          if (!reached.has(to)) {
            reached.add(to);
            grew = true;
          }
        }
      }
    }
    expect([...reached].sort()).toEqual(Object.values(DossierStatus).sort());
    // An end is left by no transition (the province may still attach its papers to a recognised dossier).
    const ends = Object.values(DossierStatus).filter(
      (s) => !TRANSITIONS.some((t) => t.from.includes(s) && t.to !== "unchanged"),
    );
    expect(ends.sort()).toEqual(["NOT_ACHIEVED", "NOT_RECOGNIZED", "RECOGNIZED", "WITHDRAWN"]);
    expect(actionsFrom(DossierStatus.RECOGNIZED, Role.ADMIN).sort()).toEqual([
      "ATTACH_DOCUMENT",
      "REMOVE_DOCUMENT",
    ]);
  });

  it("gives the council only score sheets, and withdrawal only before UNDER_REVIEW", () => {
    expect(new Set(Object.values(DossierStatus).flatMap((s) => actionsFrom(s, Role.COUNCIL_MEMBER)))).toEqual(
      new Set(["SUBMIT_SCORE_SHEET"]),
    );
    const withdrawable = TRANSITIONS.find((t) => t.action === "WITHDRAW")!.from;
    expect(withdrawable).not.toContain(DossierStatus.UNDER_REVIEW);
  });
});

describe("who may take an action", () => {
  it("lets ADMIN take every action but a council member's own score sheet", () => {
    for (const t of TRANSITIONS) expect(mayAct(t, Role.ADMIN)).toBe(t.action !== "SUBMIT_SCORE_SHEET");
    const sheet = TRANSITIONS.find((t) => t.action === "SUBMIT_SCORE_SHEET")!;
    expect(mayAct(sheet, Role.COUNCIL_MEMBER)).toBe(true);
    expect(mayAct(sheet, Role.PROVINCE_OFFICER)).toBe(false);
  });
  it("finds the transition a role may take from a state, else the state's own (for FORBIDDEN), else none", () => {
    expect(
      transitionFor(DossierAction.RETURN, DossierStatus.FORWARDED, Role.PROVINCE_OFFICER)?.roles,
    ).toEqual([Role.PROVINCE_OFFICER]);
    expect(transitionFor(DossierAction.RETURN, DossierStatus.SUBMITTED, Role.COMMUNE_OFFICER)?.roles).toEqual(
      [Role.COMMUNE_OFFICER],
    );
    expect(transitionFor(DossierAction.RETURN, DossierStatus.FORWARDED, Role.COMMUNE_OFFICER)?.roles).toEqual(
      [Role.PROVINCE_OFFICER],
    );
    expect(transitionFor(DossierAction.ACCEPT, DossierStatus.DRAFT, Role.PROVINCE_OFFICER)).toBeUndefined();
  });
  it("lists the roles of an action for @Authorized, once each", () => {
    expect(rolesFor(DossierAction.RETURN).sort()).toEqual(
      [Role.COMMUNE_OFFICER, Role.PROVINCE_OFFICER].sort(),
    );
    expect(rolesFor(DossierAction.SUBMIT_SCORE_SHEET)).toEqual([Role.COUNCIL_MEMBER]);
  });
  it("gives each role exactly the actions the table lists from a state", () => {
    expect(actionsFrom(DossierStatus.DRAFT, Role.COMMUNE_OFFICER).sort()).toEqual([
      "ATTACH_DOCUMENT",
      "CONFIRM_DOCUMENT",
      "RECORD_RECEIPT",
      "RECORD_SAMPLES",
      "RECORD_SELF_ASSESSMENT",
      "REMOVE_DOCUMENT",
      "SUBMIT",
      "WITHDRAW",
    ]);
    expect(actionsFrom(DossierStatus.AWAITING_SUPPLEMENT, Role.COMMUNE_OFFICER)).toContain("SUBMIT");
    expect(actionsFrom(DossierStatus.AWAITING_SUPPLEMENT, Role.COMMUNE_OFFICER)).not.toContain("FORWARD");
    expect(actionsFrom(DossierStatus.FORWARDED, Role.PROVINCE_OFFICER).sort()).toEqual(["ACCEPT", "RETURN"]);
    expect(actionsFrom(DossierStatus.UNDER_REVIEW, Role.ADMIN).sort()).toEqual([
      "ATTACH_DOCUMENT",
      "CONCLUDE_EVALUATION",
      "RECORD_MANDATORY_FINDING",
      "REMOVE_DOCUMENT",
    ]);
  });
});
