import { IssuingLevel } from "../../src/certificates/certificate.entity";
import { ProducerKind } from "../../src/catalog/producer.entity";
import { CommuneNames, formerNames, splitUnitName } from "../../src/geography/commune-names";
import { Commune, CommuneKind } from "../../src/geography/commune.entity";
import { mapHeaders, parseDate, parseIssuingLevel, parseKind, parseStars } from "../../src/import/columns";

const unit = (code: string, name: string, mergedFrom: string[], position: number): Commune =>
  Object.assign(new Commune(), {
    code,
    name,
    kind: CommuneKind.XA,
    provinceCode: "12",
    formerDistrict: null,
    mergedFrom,
    position,
  });
const UNITS = [
  unit("03390", "Bình Lư", ["Thị trấn Tam Đường", "Sơn Bình", "Bình Lư"], 1),
  unit("03445", "Mường Tè", ["Nậm Khao", "Xã Mường Tè (cũ)"], 2),
  unit("03433", "Bum Tở", ["Thị trấn Mường Tè", "Can Hồ", "Bum Tở"], 3),
  unit("03517", "Nậm Tăm", ["Lùng Thàng", "Nậm Cha", "Nậm Tăm"], 4),
  unit("03472", "Mường Mô", ["Nậm Chà", "Mường Mô"], 5),
];
const names = new CommuneNames(UNITS);
const resolved = (text: string) => {
  const m = names.resolve(text);
  return "commune" in m ? m.commune.code : "ambiguous" in m ? m.ambiguous.map((c) => c.code) : null;
};

describe("commune names", () => {
  it("resolves codes, current names with or without their kind, and former names through the merger", () => {
    expect(resolved("03390")).toBe("03390");
    expect(resolved("Xã Bình Lư")).toBe("03390");
    expect(resolved("binh lu")).toBe("03390");
    expect(resolved("Thị trấn Tam Đường")).toBe("03390");
    expect(resolved("Tam Đường")).toBe("03390");
  });

  it("prefers a current name, tells a thị trấn from a xã, and tells marks apart before ignoring them", () => {
    expect(resolved("Mường Tè")).toBe("03445");
    expect(resolved("Xã Mường Tè")).toBe("03445");
    expect(resolved("Thị trấn Mường Tè")).toBe("03433");
    expect(resolved("Nậm Cha")).toBe("03517");
    expect(resolved("Nậm Chà")).toBe("03472");
    expect(resolved("Nam Cha")).toEqual(["03517", "03472"]);
    expect(resolved("Xã Không Có")).toBeNull();
    expect(resolved("99999")).toBeNull();
  });

  it("searches current names first, then former ones, by the start of words", () => {
    expect(names.search("muong te").map((c) => c.code)).toEqual(["03445", "03433"]);
    expect(names.search("tam").map((c) => c.code)).toEqual(["03517", "03390"]); // Nậm Tăm by its name first
    expect(names.search("")).toEqual([]);
  });

  it("drops the list's notes from former names, and splits kind words off", () => {
    expect(formerNames(UNITS[1])).toEqual(["Nậm Khao", "Xã Mường Tè"]);
    expect(splitUnitName("Thị trấn Tam Đường (cũ)")).toEqual({
      kind: "THI_TRAN",
      exact: "tam đường",
      folded: "tam duong",
    });
  });
});

describe("import cells", () => {
  it("reads stars, kinds and issuing levels as officers write them", () => {
    expect(["4", "4 sao", "4★", "5*", " 3 Sao "].map(parseStars)).toEqual([4, 4, 4, 5, 3]);
    expect(["6 sao", "bốn", "34", ""].map(parseStars)).toEqual([null, null, null, null]);
    expect(
      [
        "Hợp tác xã",
        "HTX",
        "DOANH_NGHIEP",
        "Doanh nghiệp (Công ty)",
        "Công ty CP",
        "Hộ kinh doanh",
        "Tổ hợp tác",
      ].map(parseKind),
    ).toEqual([
      ProducerKind.HTX,
      ProducerKind.HTX,
      ProducerKind.DOANH_NGHIEP,
      ProducerKind.DOANH_NGHIEP,
      ProducerKind.DOANH_NGHIEP,
      ProducerKind.HO_KINH_DOANH,
      ProducerKind.TO_HOP_TAC,
    ]);
    expect(parseKind("Cá nhân")).toBeNull();
    const levels = {
      "": null, // inferred from the stars and the date
      "UBND tỉnh": IssuingLevel.PROVINCE,
      "UBND tỉnh Lai Châu": IssuingLevel.PROVINCE,
      "Ủy ban nhân dân tỉnh Lai Châu": IssuingLevel.PROVINCE,
      "UBND huyện": IssuingLevel.DISTRICT,
      "UBND huyện Tam Đường": IssuingLevel.DISTRICT,
      "UBND thành phố Lai Châu": IssuingLevel.DISTRICT, // a district-level city
      "UBND thị xã Mường Lay": IssuingLevel.DISTRICT,
      "UBND thành phố Hà Nội": IssuingLevel.PROVINCE, // a city run by the centre is a province
      "Bộ NN&MT": IssuingLevel.CENTRAL,
      "Bộ Nông nghiệp và Môi trường": IssuingLevel.CENTRAL,
      "Bộ Nông nghiệp và Phát triển nông thôn": IssuingLevel.CENTRAL,
      CENTRAL: IssuingLevel.CENTRAL,
      xã: undefined,
      "UBND xã Bình Lư": undefined,
    };
    for (const [text, level] of Object.entries(levels))
      expect([text, parseIssuingLevel(text)]).toEqual([text, level]);
  });

  it("reads dates as dd/mm/yyyy, yyyy-mm-dd, Excel date cells and day numbers, and refuses impossible ones", () => {
    expect(parseDate("16/10/2020")).toBe("2020-10-16");
    expect(parseDate("1.2.2021")).toBe("2021-02-01");
    expect(parseDate("2021-02-01")).toBe("2021-02-01");
    expect(parseDate(new Date(Date.UTC(2022, 9, 22)))).toBe("2022-10-22");
    expect(parseDate("44856")).toBe("2022-10-22");
    expect(parseDate("31/02/2020")).toBeNull();
    expect(parseDate("10/16/2020")).toBeNull();
    expect(parseDate("hôm qua")).toBeNull();
  });

  it("finds columns by Vietnamese header or English alias, in any order, and names what is missing", () => {
    const { positions, problems } = mapHeaders([
      "STT",
      "TEN SAN PHAM *",
      "product_set",
      "Chủ thể",
      "loai hinh",
      "Xã/Phường",
      "stars",
      "Số quyết định",
    ]);
    expect(positions.get("productName")).toBe(1);
    expect(positions.get("productSet")).toBe(2);
    expect(problems.map((p) => p.params.column)).toEqual(["Ngày quyết định"]);
    expect(mapHeaders(["stars", "Hạng sao"]).problems[0]).toMatchObject({ key: "import.duplicateColumn" });
  });
});
