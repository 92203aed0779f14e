import { issuingLevelAllows, ruleSetOn, starsFor } from "../../src/rules/rule-set.entity";

describe("stars under the rules", () => {
  const rules = {
    starBands: [
      { stars: 5, minPoints: 90 },
      { stars: 4, minPoints: 70 },
      { stars: 3, minPoints: 50 },
      { stars: 2, minPoints: 30 },
      { stars: 1, minPoints: 0 },
    ],
  };
  it("takes the highest band reached whose mandatory criteria are met", () => {
    expect(starsFor(rules, 90, 5)).toBe(5);
    expect(starsFor(rules, 90, 4)).toBe(4);
    expect(starsFor(rules, 89.99, 5)).toBe(4);
    expect(starsFor(rules, 75, 2)).toBe(2); // the points of 4 stars, no level's mandatory criteria met
    expect(starsFor(rules, 50, 3)).toBe(3);
    expect(starsFor(rules, 49.5, 5)).toBe(2);
    expect(starsFor(rules, 10, 0)).toBe(1);
  });
});

describe("stars under the rules: the edges", () => {
  it("orders bands itself, and answers 0 when no band is reached", () => {
    const unordered = {
      starBands: [
        { stars: 3, minPoints: 50 },
        { stars: 5, minPoints: 90 },
        { stars: 4, minPoints: 70 },
      ],
    };
    expect(starsFor(unordered, 95, 5)).toBe(5);
    expect(starsFor(unordered, 75, 5)).toBe(4);
    expect(starsFor(unordered, 10, 5)).toBe(0);
    expect(starsFor(unordered, 95, 4)).toBe(4);
  });
  it("applies the rule set in force on a date, and the earliest before any", async () => {
    const sets = [
      { version: "A", effectiveFrom: "2023-02-24" },
      { version: "B", effectiveFrom: "2025-07-06" },
      { version: "C", effectiveFrom: "2026-07-01" },
    ];
    const manager = { find: async () => sets } as unknown as Parameters<typeof ruleSetOn>[0];
    expect((await ruleSetOn(manager, "2025-07-05")).version).toBe("A");
    expect((await ruleSetOn(manager, "2025-07-06")).version).toBe("B");
    expect((await ruleSetOn(manager, "2027-01-01")).version).toBe("C");
    expect((await ruleSetOn(manager, "2020-01-01")).version).toBe("A");
    const empty = { find: async () => [] } as unknown as Parameters<typeof ruleSetOn>[0];
    await expect(ruleSetOn(empty, "2025-01-01")).rejects.toThrow("no rule set is loaded");
  });
});

describe("which level may recognise which stars (issuingLevels)", () => {
  const rules = {
    issuingLevels: [
      { level: "CENTRAL", stars: [5], source: "test" },
      { level: "PROVINCE", stars: [3, 4], source: "test" },
      { level: "DISTRICT", stars: [3], before: "2025-07-01", source: "test" },
    ],
  };
  it("allows a level its stars, refuses others, and ends a level on its day", () => {
    expect(issuingLevelAllows(rules, "PROVINCE", 4, "2026-01-01")).toBe("ok");
    expect(issuingLevelAllows(rules, "PROVINCE", 5, "2026-01-01")).toBe("stars");
    expect(issuingLevelAllows(rules, "CENTRAL", 5, "2026-01-01")).toBe("ok");
    expect(issuingLevelAllows(rules, "CENTRAL", 4, "2026-01-01")).toBe("stars");
    expect(issuingLevelAllows(rules, "DISTRICT", 3, "2025-06-30")).toBe("ok");
    expect(issuingLevelAllows(rules, "DISTRICT", 4, "2025-06-30")).toBe("stars");
    expect(issuingLevelAllows(rules, "DISTRICT", 3, "2025-07-01")).toBe("ended"); // "before": the day itself is out
    expect(issuingLevelAllows(rules, "DISTRICT", 3, "2025-07-02")).toBe("ended");
    expect(issuingLevelAllows(rules, "COMMUNE", 3, "2026-01-01")).toBe("ended"); // a level the rules do not list
  });

  it("allows everything under rules without the data", () => {
    expect(issuingLevelAllows({ issuingLevels: null }, "DISTRICT", 5, "2030-01-01")).toBe("ok");
  });
});
