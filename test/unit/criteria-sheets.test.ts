import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { referenceFile } from "../../src/core/paths";
import { parseCriteriaSheets } from "../../src/rules/criteria-sheet";

const SHEETS = referenceFile("criteria-148");

describe("the criteria sheets of Decision 148", () => {
  const sheets = parseCriteriaSheets(SHEETS);
  const defective = [...sheets.values()].filter((s) => s.defects.length);

  it("reads all 26, of which the 8 the sheets' README lists have defects, reported with file, line and row", () => {
    expect(sheets.size).toBe(26);
    // Rows as the README counts them (records, the header being row 1); lines as an editor shows them.
    expect(Object.fromEntries(defective.map((s) => [s.file, s.defects]))).toEqual({
      "set-03.csv": [
        "set-03.csv:123 (row 120): group C.7 (7. DINH DƯỠNG (Chỉ ra hàm lượng của các …) is 2 but its criteria sum to 0",
        "set-03.csv:129 (row 125): group C.8 (8. TÍNH ĐỘC ĐÁO) is 5 but its criteria sum to 0",
        "set-03.csv:145 (row 141): group C.10 (10. ĐẢM BẢO CHẤT LƯỢNG SẢN PHẨM) is 5 but its criteria sum to 0",
        "set-03.csv:156 (row 152): group C.12 (12. CƠ HỘI THỊ TRƯỜNG TOÀN CẦU) is 3 but its criteria sum to 0",
      ],
      "set-07.csv": ["set-07.csv:119 (row 113): criterion C.6.d is 4 but its best option gives 3"],
      "set-11.csv": [
        "set-11.csv:104 (row 99): part C is 35 but its groups sum to 32",
        "set-11.csv:106 (row 100): group C.6 (6. CHỈ TIÊU CẢM QUAN) is 13 but its criteria sum to 26",
        "set-11.csv:107 (row 101): criterion C.6.a has no options",
        "set-11.csv:116 (row 110): criterion C.6.d has no options",
      ],
      "set-12.csv": ["set-12.csv:104 (row 99): part C is 35 but its groups sum to 32"],
      "set-13.csv": ["set-13.csv:99 (row 99): part C is 35 but its groups sum to 33"],
      "set-17.csv": ["set-17.csv:20 (row 18): score 'l' is not a number"],
      "set-18.csv": ["set-18.csv:11 (row 10): score 't' is not a number"],
      "set-26.csv": [
        "set-26.csv:96 (row 93): group C.8 (8. CHẤT LƯỢNG VỀ ĐIỀU KIỆN KINH DOANH DỊ…) is 3 but its criteria sum to 6",
        "set-26.csv:105 (row 102): group C.9 (9. CHẤT LƯỢNG AN TOÀN VÀ AN NINH TRẬT TỰ) is 2 but its criteria sum to 4",
        "set-26.csv:132 (row 129): group C.15 (15. TIỆN NGHI) is 3 but its criteria sum to 6",
      ],
    });
  });

  it("codes the clean sheets from their printed structure, each option's points summing to 100", () => {
    for (const sheet of sheets.values()) {
      if (sheet.defects.length) continue;
      const criteria = sheet.parts.flatMap((p) => p.criteria);
      expect(criteria.reduce((s, c) => s + Math.max(...c.options.map((o) => o.points)), 0)).toBe(100);
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
});

describe("a corrections file", () => {
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), "criteria-"));
    for (const n of ["17", "18"]) copyFileSync(join(SHEETS, `set-${n}.csv`), join(dir, `set-${n}.csv`));
    return dir;
  };

  it("fixes a sheet by code, without touching the sheet's file", () => {
    const dir = folder();
    writeFileSync(
      join(dir, "corrections.csv"),
      "set,code,title,description,level,stars,score\n17,A.1.d.2,,,,,1\n",
    );
    const sheets = parseCriteriaSheets(dir);
    expect(sheets.get(17)!.defects).toEqual([]);
    const option = sheets.get(17)!.parts[0].criteria.find((c) => c.code === "A.1.d")!.options[1];
    expect(option).toMatchObject({ code: "A.1.d.2", points: 1 });
    expect(sheets.get(18)!.defects).toEqual(["set-18.csv:11 (row 10): score 't' is not a number"]);
  });

  it("reports a correction that fixes nothing it can find, or gives another bad number", () => {
    const dir = folder();
    writeFileSync(
      join(dir, "corrections.csv"),
      "set,code,title,description,level,stars,score\n17,A.1.d.9,x,,3,,1\n18,A.1.b.2,,,,,two\n",
    );
    const sheets = parseCriteriaSheets(dir);
    expect(sheets.get(17)!.defects).toEqual([
      "corrections.csv:2: A.1.d.9 is neither an element of the sheet nor its criterion's next option",
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
        ["set,code,title,description,level,stars,score", ...corrections].join("\n"),
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

  it("applies corrections: texts, stars and points by code, and an option at its criterion's next position", () => {
    const sheet = read(
      [
        ...partA.slice(0, 2),
        "a) Tiêu chí,,2,,5",
        "□ Không,,3,,0",
        "□ Có,,3,,4",
        ...partA.slice(5),
        ...partsBC,
      ],
      [
        "5,A.1.a.2,□ Có đủ,Mô tả,,4,5",
        "5,A.1.a,a) Tiêu chí mới,,,,",
        "5,A.1.a.3,□ Thêm,,3,5,3",
        "5,A.1.a.9,□ Xa,,3,,1",
        "5,A.1.b.3,,,3,,1",
        "6,A.1.a.1,,,,,9",
      ],
    );
    const a = sheet.parts[0].criteria[0];
    expect(a).toMatchObject({ title: "a) Tiêu chí mới", maxPoints: 5 });
    expect(a.options).toEqual([
      { code: "A.1.a.1", text: "Không", points: 0, mandatoryForStars: null },
      { code: "A.1.a.2", text: "Có đủ", points: 5, mandatoryForStars: 4 },
      { code: "A.1.a.3", text: "Thêm", points: 3, mandatoryForStars: 5 },
    ]);
    expect(sheet.defects).toEqual([
      "corrections.csv:5: A.1.a.9 is neither an element of the sheet nor its criterion's next option",
      "corrections.csv:6: A.1.b.3 is neither an element of the sheet nor its criterion's next option",
    ]);
  });
});
