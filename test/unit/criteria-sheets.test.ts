import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { referenceFile } from "../../src/core/paths";
import { parseCriteriaSheets } from "../../src/rules/criteria-sheet";

const SHEETS = referenceFile("criteria-148");

/** The sheets as transcribed: a copy of the folder without its corrections. */
function transcribed() {
  const dir = mkdtempSync(join(tmpdir(), "criteria-"));
  for (let n = 1; n <= 26; n++) {
    const file = `set-${String(n).padStart(2, "0")}.csv`;
    copyFileSync(join(SHEETS, file), join(dir, file));
  }
  return parseCriteriaSheets(dir);
}

describe("the criteria sheets of Decision 148 as transcribed", () => {
  const sheets = transcribed();
  const defective = [...sheets.values()].filter((s) => s.defects.length);

  it("reports the defects of sets 3, 11, 17 and 18 with file, line and row, and guesses no correction", () => {
    expect(sheets.size).toBe(26);
    // Rows as the README counts them (records, the header being row 1); lines as an editor shows them.
    expect(Object.fromEntries(defective.map((s) => [s.file, s.defects]))).toEqual({
      "set-03.csv": [
        "set-03.csv:125 (row 121): criterion C.7.a has no points",
        "set-03.csv:130 (row 126): criterion C.8.a has no points",
        "set-03.csv:146 (row 142): criterion C.10.a has no points",
        "set-03.csv:157 (row 153): criterion C.12.a has no points",
      ],
      "set-11.csv": [
        "set-11.csv:106 (row 100): group C.6 (6. CHỈ TIÊU CẢM QUAN) is 13 but its criteria sum to 26",
        "set-11.csv:107 (row 101): criterion C.6.a has no options",
        "set-11.csv:116 (row 110): criterion C.6.d has no options",
      ],
      "set-17.csv": ["set-17.csv:20 (row 18): score 'l' is not a number"],
      "set-18.csv": ["set-18.csv:11 (row 10): score 't' is not a number"],
    });
  });

  it("finds the points sets 7, 12 and 13 lack, and set 26's case groups, as no defect", () => {
    const lacking = (n: number) => sheets.get(n)!.incompleteGroups.map((g) => [g.code, g.missingPoints]);
    expect(lacking(7)).toEqual([["C.6.d", 1]]);
    expect(lacking(12)).toEqual([["C", 3]]);
    expect(lacking(13)).toEqual([["C", 2]]);
    expect(sheets.get(26)!.defects).toEqual([]);
    expect(sheets.get(26)!.caseGroups.map((g) => [g.code, g.maxPoints, g.cases.map((c) => c.case)])).toEqual([
      ["C.8", 3, [1, 2]],
      ["C.9", 2, [1, 2]],
      ["C.15", 3, [1, 2]],
    ]);
  });
});

describe("the criteria sheets of Decision 148 with the province's corrections", () => {
  const sheets = parseCriteriaSheets(SHEETS);

  it("loads all 26 usable: 21 complete without cases, 4 lacking points, set 26 with its case groups", () => {
    expect([...sheets.values()].filter((s) => s.defects.length)).toEqual([]);
    const incomplete = [...sheets.values()]
      .filter((s) => s.incompleteGroups.length)
      .map((s) => s.criteriaSet);
    expect(incomplete).toEqual([7, 11, 12, 13]);
    expect(sheets.get(11)!.incompleteGroups).toEqual([
      { code: "C", title: "Phần C CHẤT LƯỢNG SẢN PHẨM (35 Điểm)", missingPoints: 3 },
    ]);
    expect([...sheets.values()].filter((s) => s.caseGroups.length).map((s) => s.criteriaSet)).toEqual([26]);
  });

  it("gives every sheet 100 points: best options, the larger case of each case group, and what it lacks", () => {
    for (const sheet of sheets.values()) {
      const criteria = sheet.parts.flatMap((p) => p.criteria);
      const inCases = new Set(sheet.caseGroups.flatMap((g) => g.cases.flatMap((c) => c.criterionCodes)));
      const best = criteria
        .filter((c) => !inCases.has(c.code))
        .reduce((s, c) => s + Math.max(...c.options.map((o) => o.points)), 0);
      const cases = sheet.caseGroups.reduce((s, g) => s + g.maxPoints, 0);
      const lacking = sheet.incompleteGroups.reduce((s, g) => s + g.missingPoints, 0);
      expect({ set: sheet.criteriaSet, points: best + cases + lacking }).toEqual({
        set: sheet.criteriaSet,
        points: 100,
      });
      expect(new Set(criteria.map((c) => c.code)).size).toBe(criteria.length);
      for (const c of criteria)
        expect(c.options.map((o) => o.code)).toEqual(c.options.map((_o, i) => `${c.code}.${i + 1}`));
    }
    // Set 19 prints "c) Sở hữu trí tuệ" after "đ) Kế toán": the code follows the position (A.3.e), as in the other sheets.
    const ip = sheets.get(19)!.parts[0].criteria.find((c) => c.title.includes("Sở hữu trí tuệ"))!;
    expect(ip.code).toBe("A.3.e");
    // A group with options directly is its own criterion (set 20, part C).
    expect(
      sheets
        .get(20)!
        .parts[2].criteria.map((c) => c.code)
        .slice(0, 3),
    ).toEqual(["C.6", "C.7", "C.8"]);
  });

  it("fixes sets 3, 11, 17 and 18 as the corrections say, each with its reason", () => {
    const criterion = (set: number, code: string) =>
      sheets
        .get(set)!
        .parts.flatMap((p) => p.criteria)
        .find((c) => c.code === code)!;
    expect(criterion(3, "C.7.a")).toMatchObject({ title: "a) Dinh dưỡng", maxPoints: 2 });
    expect(criterion(3, "C.12.a").maxPoints).toBe(3);
    expect(criterion(17, "A.1.d").options[1].points).toBe(1);
    expect(criterion(18, "A.1.b").options[1].points).toBe(1);
    // Set 11: the two heading rows removed, their sub-criteria lettered afresh under group 6.
    expect(
      sheets
        .get(11)!
        .parts[2].criteria.slice(0, 5)
        .map((c) => [c.code, c.title, c.maxPoints]),
    ).toEqual([
      ["C.6.a", "a) Ngoại hình – Tạp chất", 2],
      ["C.6.b", "a) Ngoại hình – Hình dạng, màu sắc cánh chè", 2],
      ["C.6.c", "b) Nước pha – Màu nước", 3],
      ["C.6.d", "b) Nước pha – Mùi nước", 3],
      ["C.6.đ", "b) Nước pha – Vị nước", 3],
    ]);
    const corrections = [...sheets.values()].flatMap((s) => s.corrections);
    expect(corrections).toHaveLength(13);
    for (const c of corrections) expect(c.reason.length).toBeGreaterThan(20);
    expect(sheets.get(17)!.corrections[0].reason).toMatch(/^Province's working correction/);
  });
});

describe("a corrections file", () => {
  const folder = (corrections: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), "criteria-"));
    for (const n of ["17", "18"]) copyFileSync(join(SHEETS, `set-${n}.csv`), join(dir, `set-${n}.csv`));
    writeFileSync(
      join(dir, "corrections.csv"),
      ["set,code,action,title,description,level,stars,score,reason", ...corrections].join("\n"),
    );
    return parseCriteriaSheets(dir);
  };

  it("fixes a sheet by code, without touching the sheet's file; a blank action is set", () => {
    const sheets = folder(["17,A.1.d.2,,,,,,1,the options run 0 ? 2 3"]);
    expect(sheets.get(17)!.defects).toEqual([]);
    const option = sheets.get(17)!.parts[0].criteria.find((c) => c.code === "A.1.d")!.options[1];
    expect(option).toMatchObject({ code: "A.1.d.2", points: 1 });
    expect(sheets.get(18)!.defects).toEqual(["set-18.csv:11 (row 10): score 't' is not a number"]);
  });

  it("reports a correction it cannot apply: no such element, no reason, an unknown action, an added row without level", () => {
    const sheets = folder([
      "17,A.1.d.9,set,x,,3,,1,why",
      "17,A.1.d.2,set,,,,,1,",
      "17,A.1.d.2,move,,,,,1,why",
      "17,A.1.d,add,□ x,,,,1,why",
      "18,A.1.b.2,set,,,,,two,why",
    ]);
    expect(sheets.get(17)!.defects).toEqual([
      "corrections.csv:2: A.1.d.9 is not an element of the sheet",
      "corrections.csv:3: no reason is given",
      "corrections.csv:4: action 'move' is not set, add or remove",
      "corrections.csv:5: a row added needs its title and level",
      "set-17.csv:20 (row 18): score 'l' is not a number",
    ]);
    expect(sheets.get(18)!.defects).toEqual(["set-18.csv:11 (row 10): score 'two' is not a number"]);
  });
});

describe("a made-up sheet", () => {
  /** Writes set-NN.csv (and corrections.csv) into a new folder and reads it. */
  const read = (rows: string[], corrections?: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), "criteria-"));
    writeFileSync(join(dir, "set-05.csv"), ["title,description,level,stars,score", ...rows].join("\n"));
    if (corrections)
      writeFileSync(
        join(dir, "corrections.csv"),
        ["set,code,action,title,description,level,stars,score,reason", ...corrections].join("\n"),
      );
    return parseCriteriaSheets(dir).get(5)!;
  };
  /** Part A of 40 points: one group of eight criteria of 5, each with options of 0 and 5 points. */
  const partA = [
    "Phần A,,0,,40",
    "1. NHÓM,,1,,40",
    ...["a", "b", "c", "d", "đ", "e", "g", "h"].flatMap((l) => [
      `"${l}) Tiêu chí  ${l}\n(ghi chú)",Yêu cầu,2,,5`,
      "□ Không,,3,,0",
      "□ Có****,,3,4,5",
    ]),
  ];
  const partsBC = [
    "Phần B,,0,,25",
    "2. NHÓM,,1,,25",
    "□ Không,,3,,0",
    "□ Có,,3,,25",
    "Phần C,,0,,35",
    "3. NHÓM,,1,,35",
    "□ Có,,3,3,35",
  ];

  it("letters criteria in the Vietnamese order, numbers groups through the sheet and keeps texts on one line", () => {
    const sheet = read([...partA, ...partsBC]);
    expect(sheet.defects).toEqual([]);
    const criteria = sheet.parts.flatMap((p) => p.criteria);
    expect(criteria.map((c) => c.code)).toEqual([
      "A.1.a",
      "A.1.b",
      "A.1.c",
      "A.1.d",
      "A.1.đ",
      "A.1.e",
      "A.1.g",
      "A.1.h",
      "B.2",
      "C.3",
    ]);
    expect(criteria[0]).toMatchObject({
      title: "a) Tiêu chí a (ghi chú)",
      description: "Yêu cầu",
      maxPoints: 5,
    });
    expect(criteria[0].options).toEqual([
      { code: "A.1.a.1", text: "Không", points: 0, mandatoryForStars: null },
      { code: "A.1.a.2", text: "Có****", points: 5, mandatoryForStars: 4 },
    ]);
    expect(criteria[9]).toMatchObject({
      code: "C.3",
      maxPoints: 35,
      description: null,
      options: [{ code: "C.3.1", mandatoryForStars: 3 }],
    });
    expect(sheet.parts.map((p) => [p.code, p.maxPoints])).toEqual([
      ["A", 40],
      ["B", 25],
      ["C", 35],
    ]);
  });

  it("reports rows out of place, levels and stars out of range, missing points and parts", () => {
    const sheet = read([
      "Phần A,,0,,39",
      "a) Tiêu chí lạc chỗ,,2,,1",
      "1. NHÓM,,1,,39",
      "a) Tiêu chí,,2,,39",
      "□ Một,,3,2,",
      "□ Hai,,3,,39",
      "Hàng lạ,,7,,1",
      "Hàng không số,,x,,1",
    ]);
    expect(sheet.defects).toEqual([
      "set-05.csv:9 (row 9): level 'x' is not a number",
      "set-05.csv:3 (row 3): a level-2 row cannot follow a level-0 row",
      "set-05.csv:8 (row 8): level 7 is not 0 to 3",
      "set-05.csv:6 (row 6): stars 2 is not 3, 4 or 5",
      "set-05.csv: 1 parts instead of A, B and C",
      "set-05.csv:2 (row 2): part A is 39, Decision 148 gives 40",
      "set-05.csv:6 (row 6): option A.1.a.1 has no points",
    ]);
  });

  it("applies corrections: texts, stars and points by code, rows added after an element and removed", () => {
    const sheet = read(
      [
        ...partA.slice(0, 2),
        "a) Tiêu chí,,2,,5",
        "□ Không,,3,,0",
        "□ Có,,3,,4",
        "- Tiêu đề thừa,,2,,",
        ...partA.slice(5),
        ...partsBC,
      ],
      [
        "5,A.1.a.2,set,□ Có đủ,Mô tả,,4,5,fix",
        "5,A.1.a,set,a) Tiêu chí mới,,,,,fix",
        "5,A.1.a,add,□ Thêm,,3,5,3,an option lost",
        "5,A.1.a,add,□ Thêm nữa,,3,,2,and another after it",
        '5,A.1.b,remove,,,,,,"a heading, not a criterion"',
        "5,A.1,add,i) Thêm tiêu chí,,2,,0,a criterion lost",
        "5,A.1,add,□ Không có,,3,,0,its option",
        "6,A.1.a.1,set,,,,,9,another sheet's",
      ],
    );
    const a = sheet.parts[0].criteria[0];
    expect(a).toMatchObject({ title: "a) Tiêu chí mới", maxPoints: 5 });
    expect(a.options).toEqual([
      { code: "A.1.a.1", text: "Không", points: 0, mandatoryForStars: null },
      { code: "A.1.a.2", text: "Có đủ", points: 5, mandatoryForStars: 4 },
      { code: "A.1.a.3", text: "Thêm", points: 3, mandatoryForStars: 5 },
      { code: "A.1.a.4", text: "Thêm nữa", points: 2, mandatoryForStars: null },
    ]);
    // The removed heading's place is taken by the next criterion, lettered afresh.
    expect(sheet.parts[0].criteria.map((c) => c.code)).toEqual([
      "A.1.a",
      "A.1.b",
      "A.1.c",
      "A.1.d",
      "A.1.đ",
      "A.1.e",
      "A.1.g",
      "A.1.h",
      "A.1.i",
    ]);
    // Added at the group: after all of it, the option after the criterion added just before.
    expect(sheet.parts[0].criteria[8]).toMatchObject({
      title: "i) Thêm tiêu chí",
      options: [{ code: "A.1.i.1" }],
    });
    expect(sheet.parts[0].criteria[1].title).toBe("b) Tiêu chí b (ghi chú)");
    expect(sheet.corrections.map((c) => [c.line, c.action, c.code])).toEqual([
      [2, "set", "A.1.a.2"],
      [3, "set", "A.1.a"],
      [4, "add", "A.1.a"],
      [5, "add", "A.1.a"],
      [6, "remove", "A.1.b"],
      [7, "add", "A.1"],
      [8, "add", "A.1"],
    ]);
    expect(sheet.defects).toEqual([]);
  });

  it("letters up to y (23 criteria) then numbers, codes a fourth part P4, numbers unnamed cases by position and shortens long titles", () => {
    const letters = "a b c d đ e g h i k l m n o p q r s t u v x y".split(" ");
    const group = [...letters, "z"].flatMap((l) => [`${l}) Tiêu chí,,2,,1`, "□ Có,,3,,1"]);
    const sheet = read([
      "Phần A,,0,,40",
      "1. NHÓM CÓ MỘT TÊN RẤT DÀI HƠN BỐN MƯƠI CHỮ CÁI ĐỂ THỬ,,1,,40",
      ...group,
      ...partsBC.slice(0, 4),
      "Phần C,,0,,35",
      "3. NHÓM,Lựa chọn một trong hai trường hợp sau:,1,,35",
      "a. Cộng đồng,,2,,35",
      "□ Có,,3,,35",
      "b. Điểm,,2,,35",
      "□ Có,,3,,35",
      "Phần D,,0,,1",
    ]);
    expect(sheet.parts[0].criteria.map((c) => c.code)).toEqual([...letters.map((l) => `A.1.${l}`), "A.1.24"]);
    expect(sheet.parts.map((p) => p.code)).toEqual(["A", "B", "C", "P4"]);
    expect(sheet.caseGroups[0].cases.map((c) => c.case)).toEqual([1, 2]);
    expect(sheet.incompleteGroups).toEqual([
      { code: "A.1", title: "1. NHÓM CÓ MỘT TÊN RẤT DÀI HƠN BỐN MƯƠI CHỮ CÁI ĐỂ THỬ", missingPoints: 16 },
      { code: "P4", title: "Phần D", missingPoints: 1 },
    ]);
    expect(sheet.defects).toEqual(["set-05.csv: 4 parts instead of A, B and C"]);
    const long = read([
      "Phần A,,0,,40",
      "1. NHÓM CÓ MỘT TÊN RẤT DÀI HƠN BỐN MƯƠI CHỮ CÁI ĐỂ THỬ,,1,,1",
      ...group.slice(0, 4),
      ...partsBC,
    ]);
    expect(long.defects).toContain(
      "set-05.csv:3 (row 3): group A.1 (1. NHÓM CÓ MỘT TÊN RẤT DÀI HƠN BỐN MƯƠI …) is 1 but its criteria sum to 2",
    );
  });

  it("reads a group of alternative cases, worth its larger case, and reports a case worth more", () => {
    const cases = (second: number) => [
      "Phần C,,0,,35",
      "3. NHÓM,Lựa chọn một trong hai trường hợp sau:,1,,35",
      "a. Trường hợp 1: Cộng đồng,,2,,35",
      "□ Có,,3,,35",
      `b. Trường hợp 2: Điểm,,2,,${second}`,
      `□ Có,,3,,${second}`,
    ];
    const sheet = read([...partA, ...partsBC.slice(0, 4), ...cases(35)]);
    expect(sheet.defects).toEqual([]);
    expect(sheet.caseGroups).toEqual([
      {
        code: "C.3",
        title: "3. NHÓM",
        maxPoints: 35,
        cases: [
          { case: 1, title: "a. Trường hợp 1: Cộng đồng", maxPoints: 35, criterionCodes: ["C.3.a"] },
          { case: 2, title: "b. Trường hợp 2: Điểm", maxPoints: 35, criterionCodes: ["C.3.b"] },
        ],
      },
    ]);
    expect(read([...partA, ...partsBC.slice(0, 4), ...cases(36)]).defects).toEqual([
      "set-05.csv:41 (row 33): group C.3 (3. NHÓM) is 35 but its larger case gives 36",
    ]);
  });

  it("changes a row's level: an option transcribed as a criterion goes back under its criterion", () => {
    const sheet = read(
      [
        ...partA.slice(0, 2),
        "a) Tiêu chí,,2,,5",
        "□ Không,,3,,0",
        "□ Có,,2,,4",
        ...partA.slice(5),
        ...partsBC,
      ],
      ["5,A.1.b,set,,,3,,,an option printed one level up"],
    );
    expect(sheet.defects).toEqual([]);
    expect(sheet.parts[0].criteria[0].options.map((o) => [o.code, o.points])).toEqual([
      ["A.1.a.1", 0],
      ["A.1.a.2", 4],
    ]);
    // Its best option gives 4 of 5: the sheet lacks a point there, which members credit.
    expect(sheet.incompleteGroups).toEqual([{ code: "A.1.a", title: "a) Tiêu chí", missingPoints: 1 }]);
  });
});
