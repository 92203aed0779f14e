import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CategoryLevel } from "../../src/catalog/category.entity";
import { referenceFile } from "../../src/core/paths";
import { DataFileError, readCsv } from "../../src/core/csv";
import { DEMO_FILE } from "../../src/db/demo/load-demo";
import { DEMO_CONTENT_FILE } from "../../src/db/demo/load-demo-content";
import { parseCategories, parseUnits } from "../../src/db/reference/load-reference";

const dir = mkdtempSync(join(tmpdir(), "ocop-ref-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const problems = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DataFileError) return e.problems;
    throw e;
  }
  throw new Error("expected a DataFileError");
};

describe("reference files", () => {
  it("parses the shipped files: 38 units and 6 sectors with 26 product sets", () => {
    const units = parseUnits(referenceFile("lai-chau-units.csv"), "12");
    expect(units).toHaveLength(38);
    expect(units.find((u) => u.code === "03390")).toMatchObject({
      name: "Bình Lư",
      kind: "XA",
      formerDistrict: "Tam Đường",
      mergedFrom: ["Thị trấn Tam Đường", "Sơn Bình", "Bình Lư"],
    });
    const categories = parseCategories(referenceFile("categories.csv"));
    expect(categories.filter((c) => c.level === CategoryLevel.SECTOR)).toHaveLength(6);
    expect(categories.filter((c) => c.level === CategoryLevel.SET)).toHaveLength(26);
  });

  it("reports every bad line of a unit file with file, line and reason", () => {
    const path = file(
      "units.csv",
      'code,name,kind,former_district,merged_from\n03388,Đoàn Kết,phuong,X,"A; B"\n3390,Bình Lư,xa,,\n03388,Trùng,xa,,\n03400,,thon,,\n03401,"Dấu phẩy, trong tên",xa,Y\n',
    );
    expect(problems(() => parseUnits(path, "12"))).toEqual(["units.csv:6: expected 5 fields, found 4"]);
    const path2 = file(
      "units2.csv",
      "code,name,kind,former_district,merged_from\n3390,Bình Lư,xa,,\n03388,Đoàn Kết,phuong,,\n03388,Trùng,xa,,\n03400,,thon,,\n",
    );
    expect(problems(() => parseUnits(path2, "12"))).toEqual([
      'units2.csv:2: code "3390" is not five digits',
      "units2.csv:4: code 03388 appears twice",
      "units2.csv:5: name is empty",
      'units2.csv:5: kind "thon" is not one of xa, phuong, dac_khu',
    ]);
  });

  it("reports category lines whose code, level, parent or criteria set is wrong", () => {
    const path = file(
      "categories.csv",
      "code,level,parent_code,name_vi,name_en,criteria_set\nI,sector,,Thực phẩm,Food,\nI.1,group,I,Tươi,Fresh,\nI.1.a,set,I.1,Rau,Vegetables,x\nI.9.a,set,I.9,Lạc,Lost,3\nII,sector,I,Đồ uống,Beverages,\n",
    );
    expect(problems(() => parseCategories(path))).toEqual([
      'categories.csv:4: criteria_set "x" is not a number from 1 to 26',
      'categories.csv:5: parent "I.9" is not defined above this line',
      "categories.csv:6: a sector has no parent",
      "categories.csv:6: code II does not extend its parent's I",
    ]);
  });

  it("names a missing column or file", () => {
    expect(problems(() => parseUnits(file("cols.csv", "code,name\n03390,Bình Lư\n"), "12"))).toEqual([
      "cols.csv:1: missing column(s) kind, former_district, merged_from",
    ]);
    expect(problems(() => parseUnits(join(dir, "nope.csv"), "12"))).toEqual([
      "nope.csv: cannot read (ENOENT)",
    ]);
  });

  it("gives English texts and points of sale only to products of the demo catalog, once each", () => {
    const demo = new Set(readCsv(referenceFile(DEMO_FILE), ["name"]).map((r) => r.values.name));
    const portal = readCsv(referenceFile(DEMO_CONTENT_FILE), ["name", "name_en", "point_of_sale"]);
    expect(portal.length).toBeGreaterThanOrEqual(10);
    expect(portal.filter((r) => !demo.has(r.values.name)).map((r) => r.values.name)).toEqual([]);
    expect(new Set(portal.map((r) => r.values.name)).size).toBe(portal.length);
    expect(portal.filter((r) => !r.values.name_en || !r.values.point_of_sale)).toEqual([]);
  });
});
