// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { Product } from "../../src/catalog/product.entity";
import { catalogWritten } from "../../src/catalog/catalog-written";
import { markedWord, markedWords } from "../../src/core/text";
import { loadReferenceData } from "../../src/db/reference/load-reference";
import { typoKeys } from "../../src/catalog/product-index";
import { makeProduct } from "../support/factory";
import { FixedClock } from "../support/http";
import { useStaffApp } from "../support/staff";

const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
const t = useStaffApp(clock);

describe("marked words", () => {
  it("keep each letter's vowel mark and tone in ASCII, the vowel mark first", () => {
    expect(markedWord("trà")).toBe("tra2");
    expect(markedWord("Trâu")).toBe("tra6u");
    expect(markedWord("đậu")).toBe("d9a65u"); // NFD puts the dot below before the circumflex
    expect(markedWord("Ủ")).toBe("u3");
    expect(markedWord("tuyết")).toBe("tuye61t");
    expect(markedWords("Mật ong Pa Ủ, 2025")).toEqual(["ma65t", "u3"]);
    expect(typoKeys("honey")).toEqual(["?honey", "?oney", "?hney", "?hoey", "?hony", "?hone"]);
    expect(typoKeys("tuye")).toEqual([]);
  });
});

describe("search as a visitor types it", () => {
  beforeAll(async () => {
    const product = async (name: string, english: { nameEn?: string; categoryCode?: string } = {}) => {
      const { product } = await makeProduct(t.db.dataSource, { name, categoryCode: english.categoryCode });
      if (english.nameEn) {
        await t.db.dataSource.transaction(async (m) => {
          await m.update(Product, product.id, { nameEn: english.nameEn });
          await catalogWritten(m, { words: [product.id] });
        });
      }
    };
    await product("Trà Shan tuyết Phìn Hồ", { nameEn: "Phin Ho Shan Tuyet tea", categoryCode: "I.5.b" });
    await product("Thịt trâu gác bếp", { nameEn: "Smoked buffalo meat", categoryCode: "I.1.b" });
    await product("Mật ong bạc hà", { nameEn: "Peppermint honey", categoryCode: "III.1" });
    await product("Chè xanh Tam Đường", { categoryCode: "I.5.a" }); // category "Fresh and processed tea", group "Tea"
  });

  const found = async (search: string) =>
    (
      await t.app.gql(
        "query($s: String!) { products(filter: { search: $s }, first: 50) { edges { node { name } } } }",
        { s: search },
      )
    ).body.data.products.edges
      .map((e: { node: { name: string } }) => e.node.name)
      .sort();

  it.each([
    ["trà", ["Trà Shan tuyết Phìn Hồ"]],
    ["Trà shan", ["Trà Shan tuyết Phìn Hồ"]],
    ["tra", ["Mật ong bạc hà", "Thịt trâu gác bếp", "Trà Shan tuyết Phìn Hồ"]], // "traditional medicines"
    ["trâ", ["Thịt trâu gác bếp"]],
    ["trầ", []],
    ["thịt trâu", ["Thịt trâu gác bếp"]],
    ["thit trau", ["Thịt trâu gác bếp"]],
    ["mật ong", ["Mật ong bạc hà"]],
    ["mat ong", ["Mật ong bạc hà"]],
    ["mất", []],
    ["tuyết", ["Trà Shan tuyết Phìn Hồ"]],
    ["honey", ["Mật ong bạc hà"]],
    ["buffalo", ["Thịt trâu gác bếp"]],
    ["tea", ["Chè xanh Tam Đường", "Trà Shan tuyết Phìn Hồ"]],
    ["smoked buf", ["Thịt trâu gác bếp"]],
    // One typo in a word of five letters or more: wrong marks, a letter replaced, added, left out or swapped.
    ["shan tuyêt", ["Trà Shan tuyết Phìn Hồ"]],
    ["shan tuyrt", ["Trà Shan tuyết Phìn Hồ"]],
    ["buffaloo", ["Thịt trâu gác bếp"]],
    ["peppermnt", ["Mật ong bạc hà"]],
    ["hoeny", ["Mật ong bạc hà"]],
    ["tràa", []], // under five letters: no typo
  ])("%s", async (search, expected) => {
    expect(await found(search)).toEqual(expected);
  });

  it("suggests products, producers and communes of the catalog as the visitor types", async () => {
    await makeProduct(t.db.dataSource, { name: "Trà chưa được công nhận", decisionDate: null });
    const suggest = (prefix: string, first?: number) =>
      t.app.gql(
        "query($p: String!, $f: Int) { productSuggestions(prefix: $p, first: $f) { kind text product { name } commune { code } } }",
        { p: prefix, f: first },
      );
    const answer = async (prefix: string) => (await suggest(prefix)).body.data.productSuggestions;
    expect(await answer("trà")).toEqual([
      {
        kind: "PRODUCT",
        text: "Trà Shan tuyết Phìn Hồ",
        product: { name: "Trà Shan tuyết Phìn Hồ" },
        commune: null,
      },
    ]);
    expect(await answer("bình l")).toEqual([
      { kind: "COMMUNE", text: "Bình Lư", product: null, commune: { code: "03390" } },
    ]);
    expect(await answer("mật")).toEqual([
      { kind: "PRODUCT", text: "Mật ong bạc hà", product: { name: "Mật ong bạc hà" }, commune: null },
    ]);
    for (const prefix of ["%", "_", "-"]) expect(await answer(prefix)).toEqual([]); // text, never a pattern
    expect((await suggest("  ")).body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect((await suggest("trà", 11)).body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("rebuilds search words written before they kept marks, English names, typo keys and where they occur, once, when the reference data loads", async () => {
    const count = async () =>
      Number(
        (
          await t.db.dataSource.query(
            "SELECT COUNT(*) AS n FROM product_search_token WHERE token LIKE '^%' OR token LIKE '?%' OR token = 'honey'",
          )
        )[0].n,
      );
    const written = await count();
    expect(written).toBeGreaterThan(0);
    // As a database migrated from before them holds: the folded words only, without where they occur.
    await t.db.dataSource.query(
      "DELETE FROM product_search_token WHERE token LIKE '^%' OR token LIKE '?%' OR token = 'honey'",
    );
    await t.db.dataSource.query("UPDATE product_search_token SET sources = 0");
    await loadReferenceData(t.db.dataSource);
    expect(await count()).toBe(written);
  });
});
