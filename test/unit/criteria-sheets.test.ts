import { parseCriteriaSheets } from "../../src/rules/criteria-sheet";
import { referenceFile } from "../../src/core/paths";

test("print", () => {
  const sheets = parseCriteriaSheets(referenceFile("criteria-148"));
  for (const s of sheets.values()) if (s.defects.length) console.log(s.file, s.defects);
  const s1 = sheets.get(1)!;
  console.log(
    JSON.stringify(
      s1.parts.map((p) => [p.code, p.maxPoints, p.criteria.length, p.criteria.map((c) => c.code).join(" ")]),
    ),
  );
});
