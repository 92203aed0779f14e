import { SheetCriterion, SheetOption, SheetPart } from "../../src/rules/criteria-sheet.types";
import {
  bandStars,
  caseProblems,
  choiceProblems,
  councilLevel,
  councilMarks,
  criteriaScored,
  mandatoryCheck,
  missingPointsProblems,
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

describe("the council's marks", () => {
  const member = (a: string | null, b: string | null, c: string | null, d: string | null) => {
    const choices = choose(a, b, c, d);
    return { choices, unmetMandatory: mandatoryCheck(sheet, choices).unmetMandatory };
  };

  it("keeps a mark all members fall short of, and disputes one some meet and some do not", () => {
    const marks = councilMarks([
      member("A.1.a.3", null, "B.2.2", null),
      member("A.1.a.3", "A.1.b.1", "B.2.1", null),
      member("A.1.a.2", null, "B.2.2", null),
    ]);
    expect(marks).toEqual({
      unmet: [],
      disputed: [
        { stars: 4, criterionCode: "A.1.b" },
        { stars: 4, criterionCode: "B.2" },
        { stars: 5, criterionCode: "A.1.a" },
      ],
    });
    const unanimous = councilMarks([
      member("A.1.a.1", null, "B.2.2", null),
      member("A.1.a.1", null, "B.2.2", null),
    ]);
    expect(unanimous).toEqual({
      unmet: [
        { stars: 3, criterionCode: "A.1.a" },
        { stars: 4, criterionCode: "A.1.b" },
        { stars: 5, criterionCode: "A.1.a" },
      ],
      disputed: [],
    });
    expect(councilLevel(unanimous, [])).toMatchObject({ mandatoryStarsMet: 2 });
  });

  it("counts a mark only among the members who scored its criterion (the other case of a case group), in mark order", () => {
    const other = member("A.1.a.1", null, "B.2.2", null);
    const withoutA = {
      choices: other.choices.filter((c) => c.criterionCode !== "A.1.a"),
      unmetMandatory: other.unmetMandatory.filter((u) => u.criterionCode !== "A.1.a"),
    };
    expect(councilMarks([member("A.1.a.1", "A.1.b.1", "B.2.2", null), withoutA])).toEqual({
      unmet: [
        { stars: 3, criterionCode: "A.1.a" },
        { stars: 5, criterionCode: "A.1.a" },
      ],
      disputed: [{ stars: 4, criterionCode: "A.1.b" }],
    });
    expect(
      councilLevel(
        { unmet: [{ stars: 5, criterionCode: "Z" }], disputed: [{ stars: 4, criterionCode: "Y" }] },
        [{ stars: 4, criterionCode: "Y", met: false }],
      ).unmetMandatory,
    ).toEqual([
      { stars: 4, criterionCode: "Y" },
      { stars: 5, criterionCode: "Z" },
    ]);
  });

  it("caps the level by the findings on disputed marks, whatever the members' own levels", () => {
    // Three members, each short of 5★ on a different criterion: no statistic of their levels decides.
    const marks = {
      unmet: [],
      disputed: [
        { stars: 5, criterionCode: "A" },
        { stars: 5, criterionCode: "B" },
      ],
    };
    expect(councilLevel(marks, [])).toEqual({ mandatoryStarsMet: 5, unmetMandatory: [] });
    expect(
      councilLevel(marks, [
        { stars: 5, criterionCode: "A", met: true },
        { stars: 5, criterionCode: "B", met: false },
        { stars: 3, criterionCode: "C", met: false }, // not a disputed mark: ignored
      ]),
    ).toEqual({ mandatoryStarsMet: 4, unmetMandatory: [{ stars: 5, criterionCode: "B" }] });
    expect(
      councilLevel({ unmet: [{ stars: 4, criterionCode: "Z" }], disputed: [] }, []).mandatoryStarsMet,
    ).toBe(3);
  });
});

describe("case groups and incomplete groups", () => {
  const cased = {
    ...sheet,
    caseGroups: [
      {
        code: "C.3",
        title: "C.3",
        maxPoints: 2,
        cases: [
          { case: 1, title: "1", maxPoints: 2, criterionCodes: ["C.3.a"] },
          { case: 2, title: "2", maxPoints: 2, criterionCodes: ["C.3.b"] },
        ],
      },
    ],
    incompleteGroups: [{ code: "C", title: "C", missingPoints: 3 }],
  };
  cased.parts = [
    ...sheet.parts.slice(0, 2),
    part("C", [...sheet.parts[2].criteria, criterion("C.3.b", [option("C.3.b.1", 2, 4)])]),
  ];

  it("scores the chosen case's criteria only, and every case group needs a case", () => {
    expect(criteriaScored(cased, [{ groupCode: "C.3", case: 2 }]).map((c) => c.code)).toEqual([
      "A.1.a",
      "A.1.b",
      "B.2",
      "C.3.b",
    ]);
    expect(criteriaScored(cased, []).map((c) => c.code)).toEqual(["A.1.a", "A.1.b", "B.2"]);
    expect(caseProblems(cased, [])).toEqual({ missing: ["C.3"], unknown: [] });
    expect(
      caseProblems(cased, [
        { groupCode: "C.3", case: 1 },
        { groupCode: "C.3", case: 2 },
        { groupCode: "C.9", case: 1 },
        { groupCode: "C.3", case: 3 },
      ]),
    ).toEqual({ missing: [], unknown: ["C.3/2", "C.9/1", "C.3/3"] });
    const given = [
      { criterionCode: "A.1.a", optionCode: "A.1.a.3" },
      { criterionCode: "A.1.b", optionCode: "A.1.b.1" },
      { criterionCode: "B.2", optionCode: "B.2.2" },
      { criterionCode: "C.3.a", optionCode: "C.3.a.1" },
    ];
    expect(choiceProblems(cased, given, [{ groupCode: "C.3", case: 2 }])).toMatchObject({
      missing: ["C.3.b"],
      unknown: ["C.3.a"],
    });
    // The other case's marks do not apply: C.3.b's 4★ mark is not checked when case 1 is scored.
    const choices = pointChoices(cased, given, [{ groupCode: "C.3", case: 1 }]);
    expect(mandatoryCheck(cased, choices).mandatoryStarsMet).toBe(5);
  });

  it("bounds the credit for what the sheet lacks, with a note, and adds it to its part", () => {
    expect(missingPointsProblems(cased, [{ code: "C", points: 3, note: "n" }])).toEqual({
      missing: [],
      bad: [],
    });
    expect(missingPointsProblems(cased, [])).toEqual({ missing: ["C"], bad: [] });
    expect(
      missingPointsProblems(cased, [
        { code: "C", points: 4, note: "n" },
        { code: "C", points: 1, note: "n" },
        { code: "B", points: 0, note: "n" },
      ]),
    ).toEqual({ missing: [], bad: ["C", "C", "B"] });
    expect(missingPointsProblems(cased, [{ code: "C", points: -1, note: "n" }]).bad).toEqual(["C"]);
    expect(missingPointsProblems(cased, [{ code: "C", points: 0, note: " " }]).bad).toEqual(["C"]);
    expect(missingPointsProblems(cased, [{ code: "C", points: 0, note: "nothing to credit" }]).bad).toEqual(
      [],
    );
    expect(caseProblems(cased, [{ groupCode: "C.3", case: 2 }])).toEqual({ missing: [], unknown: [] });
    const choices = choose("A.1.a.3", null, "B.2.2", "C.3.a.1");
    expect(partTotals(choices, [{ code: "C", points: 2, note: "n" }])).toEqual({
      partA: 3,
      partB: 4,
      partC: 4,
      total: 11,
    });
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
