import { SheetCriterion, SheetOption, SheetPart } from "../../src/rules/criteria-sheet.types";
import { Consolidation } from "../../src/rules/rule-set.entity";
import {
  bandStars,
  type Choice,
  choiceProblems,
  consolidate,
  mandatoryCheck,
  partTotals,
  pointChoices,
} from "../../src/rules/scoring";

const option = (code: string, points: number, mandatoryForStars: number | null = null) =>
  Object.assign(new SheetOption(), { code, text: code, points, mandatoryForStars });
const criterion = (code: string, options: SheetOption[], mandatoryForStars: number | null = null) =>
  Object.assign(new SheetCriterion(), {
    code,
    title: code,
    description: null,
    maxPoints: Math.max(...options.map((o) => o.points)),
    mandatoryForStars,
    options,
    line: 1,
  });
const part = (code: string, criteria: SheetCriterion[]) =>
  Object.assign(new SheetPart(), { code, title: code, maxPoints: 0, criteria });

/** A small sheet: A.1.a (1, 3★ at 2, 5★ at 3), A.1.b mandatory from 4★ (some option), B.2 (0 or 4), C.3.a (2). */
const sheet = {
  parts: [
    part("A", [
      criterion("A.1.a", [option("A.1.a.1", 1), option("A.1.a.2", 2, 3), option("A.1.a.3", 3, 5)]),
      criterion("A.1.b", [option("A.1.b.1", 1), option("A.1.b.2", 2)], 4),
    ]),
    part("B", [criterion("B.2", [option("B.2.1", 0), option("B.2.2", 4, 4)])]),
    part("C", [criterion("C.3.a", [option("C.3.a.1", 2)])]),
  ],
};
const choose = (a: string | null, b: string | null, c: string | null, d: string | null) =>
  pointChoices(sheet, [
    { criterionCode: "A.1.a", optionCode: a },
    { criterionCode: "A.1.b", optionCode: b },
    { criterionCode: "B.2", optionCode: c },
    { criterionCode: "C.3.a", optionCode: d },
  ]);

describe("choices", () => {
  it("lists missing, unknown and duplicate criteria and options of another criterion", () => {
    expect(
      choiceProblems(sheet, [
        { criterionCode: "A.1.a", optionCode: "A.1.b.1" },
        { criterionCode: "A.1.a", optionCode: null },
        { criterionCode: "X.9", optionCode: null },
        { criterionCode: "B.2" },
      ]),
    ).toEqual({
      missing: ["A.1.b", "C.3.a"],
      unknown: ["X.9"],
      duplicate: ["A.1.a"],
      badOptions: ["A.1.b.1"],
    });
    expect(choiceProblems(sheet, choose("A.1.a.1", null, "B.2.1", "C.3.a.1"))).toEqual({
      missing: [],
      unknown: [],
      duplicate: [],
      badOptions: [],
    });
  });

  it("gives points from the sheet, 0 for none, and totals by part letter", () => {
    const choices = choose("A.1.a.3", null, "B.2.2", "C.3.a.1");
    expect(choices.map((c) => c.points)).toEqual([3, 0, 4, 2]);
    expect(partTotals(choices)).toEqual({ partA: 3, partB: 4, partC: 2, total: 9 });
  });
});

describe("mandatory criteria", () => {
  it("meets every level when every mark is met", () => {
    expect(mandatoryCheck(sheet, choose("A.1.a.3", "A.1.b.1", "B.2.2", null))).toEqual({
      mandatoryStarsMet: 5,
      unmetMandatory: [],
    });
  });
  it("stops below the lowest level a mark fails, listing each mark that fails at its level", () => {
    expect(mandatoryCheck(sheet, choose("A.1.a.1", null, "B.2.1", null))).toEqual({
      mandatoryStarsMet: 2,
      unmetMandatory: [
        { stars: 3, criterionCode: "A.1.a" },
        { stars: 4, criterionCode: "A.1.b" },
        { stars: 4, criterionCode: "B.2" },
        { stars: 5, criterionCode: "A.1.a" },
      ],
    });
    // At least the marked option's points: option 2 meets 3★ but not 5★.
    expect(mandatoryCheck(sheet, choose("A.1.a.2", "A.1.b.2", "B.2.2", null)).mandatoryStarsMet).toBe(4);
  });
});

describe("consolidation", () => {
  const members: Choice[][] = [
    choose("A.1.a.1", "A.1.b.2", "B.2.2", "C.3.a.1"),
    choose("A.1.a.3", null, "B.2.1", "C.3.a.1"),
    choose("A.1.a.2", "A.1.b.1", "B.2.2", null),
    choose("A.1.a.3", "A.1.b.1", "B.2.1", "C.3.a.1"),
  ];
  const pick = (rule: Consolidation, list = members) =>
    consolidate(sheet, list, rule).map((c) => `${c.criterionCode}:${c.optionCode}:${c.points}`);

  it("takes the lower median, the upper median or the minimum of the members' points, with that member's option", () => {
    expect(pick(Consolidation.LOWER_MEDIAN)).toEqual([
      "A.1.a:A.1.a.2:2",
      "A.1.b:A.1.b.1:1",
      "B.2:B.2.1:0",
      "C.3.a:C.3.a.1:2",
    ]);
    expect(pick(Consolidation.UPPER_MEDIAN)).toEqual([
      "A.1.a:A.1.a.3:3",
      "A.1.b:A.1.b.1:1",
      "B.2:B.2.2:4",
      "C.3.a:C.3.a.1:2",
    ]);
    expect(pick(Consolidation.MINIMUM)).toEqual([
      "A.1.a:A.1.a.1:1",
      "A.1.b:null:0",
      "B.2:B.2.1:0",
      "C.3.a:null:0",
    ]);
    expect(pick(Consolidation.LOWER_MEDIAN, members.slice(0, 3))).toEqual([
      "A.1.a:A.1.a.2:2",
      "A.1.b:A.1.b.1:1",
      "B.2:B.2.2:4",
      "C.3.a:C.3.a.1:2",
    ]);
  });
});

it("finds the band an average reaches", () => {
  const rules = {
    starBands: [3, 1, 5, 2, 4].map((stars) => ({ stars, minPoints: [0, 30, 50, 70, 90][stars - 1] })),
  };
  expect([0, 29.99, 30, 69.99, 70, 89.99, 90, 100].map((a) => bandStars(rules, a))).toEqual([
    1, 1, 2, 3, 4, 4, 5, 5,
  ]);
  expect(bandStars({ starBands: [{ stars: 3, minPoints: 50 }] }, 10)).toBe(0);
});
