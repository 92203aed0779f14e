import { Role } from "../../src/auth/user.entity";
import { actionsFrom, DossierStatus, TRANSITIONS } from "../../src/dossiers/workflow";

describe("the workflow table", () => {
  it("reaches every state from DRAFT, and ends only in RECOGNIZED, NOT_ACHIEVED and WITHDRAWN", () => {
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
    const ends = Object.values(DossierStatus).filter((s) => actionsFrom(s, Role.ADMIN).length === 0);
    expect(ends.sort()).toEqual(["NOT_ACHIEVED", "RECOGNIZED", "WITHDRAWN"]);
  });

  it("gives the council only score sheets, and withdrawal only before UNDER_REVIEW", () => {
    expect(new Set(Object.values(DossierStatus).flatMap((s) => actionsFrom(s, Role.COUNCIL_MEMBER)))).toEqual(
      new Set(["SUBMIT_SCORE_SHEET"]),
    );
    const withdrawable = TRANSITIONS.find((t) => t.action === "WITHDRAW")!.from;
    expect(withdrawable).not.toContain(DossierStatus.UNDER_REVIEW);
  });
});
