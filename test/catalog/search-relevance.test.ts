// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { Product } from "../../src/catalog/product.entity";
import { catalogWritten } from "../../src/catalog/catalog-written";
import { makeProducer, makeProduct } from "../support/factory";
import { FixedClock } from "../support/http";
import { useStaffApp } from "../support/staff";

const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
const t = useStaffApp(clock);

/** A fixed catalog: [name, English name, product set, stars, producer, commune]. */
const CATALOG: [string, string, string, number, string, string][] = [
  ["Trà Shan tuyết Phìn Hồ", "Phin Ho Shan Tuyet tea", "I.5.b", 4, "HTX Chè Phìn Hồ", "03390"], // Bình Lư (was Tam Đường)
  ["Trà đắng Bản Bo", "Bitter tea", "I.5.b", 5, "HTX Nông sản Bản Bo", "03424"],
  ["Thịt trâu gác bếp", "Smoked buffalo meat", "I.1.b", 3, "HTX Thực phẩm Than Uyên", "03595"], // was Mường Cang
  ["Mật ong bạc hà", "Peppermint honey", "I.2.b", 4, "HTX Ong Tả Lèng", "03405"],
  ["Miến dong", "Arrowroot noodles", "I.3.b", 5, "HTX Trà Tân Uyên", "03598"],
  ["Rượu ngô tuyệt hảo", "Fine corn spirit", "II.1.a", 5, "HTX Rượu Mường Khoa", "03601"],
  ["Chè xanh Tam Đường", "Green tea", "I.5.a", 3, "HTX Chè xanh Khun Há", "03430"],
  ["Gạo Séng Cù", "Seng Cu rice from Tam Duong", "I.2.a", 4, "HTX Gạo Bản Bo", "03424"],
  ["Thịt trâu khô", "Dried buffalos", "I.1.b", 5, "HTX Trâu Mường Kim", "03637"],
];

beforeAll(async () => {
  const ds = t.db.dataSource;
  for (const [name, nameEn, categoryCode, stars, producerName, communeCode] of CATALOG) {
    const producer = await makeProducer(ds, { name: producerName, communeCode });
    const { product } = await makeProduct(ds, { name, categoryCode, stars, producer });
    await ds.transaction(async (m) => {
      await m.update(Product, product.id, { nameEn });
      await catalogWritten(m, { words: [product.id] });
    });
  }
  await makeProduct(ds, { name: "Trà chưa được công nhận", decisionDate: null }); // never listed
});

const SEARCH = `query($filter: ProductFilter!, $language: Language, $first: Int, $after: String, $sort: ProductSort) {
  products(filter: $filter, sort: $sort, language: $language, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { name } }
  }
}`;

const search = (variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.gql(SEARCH, variables, headers);

const names = async (text: string, language = "VI") => {
  const res = await search({ filter: { search: text }, language, first: 50 });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.products.edges.map((e: { node: { name: string } }) => e.node.name);
};

describe("search results come best first", () => {
  it.each([
    // A name match above a producer's; ties by stars.
    ["trà", "VI", ["Trà đắng Bản Bo", "Trà Shan tuyết Phìn Hồ", "Miến dong"]],
    // Without marks: the whole word "tra" above the prefix of "trâu", both above a producer's name.
    [
      "tra",
      "VI",
      ["Trà đắng Bản Bo", "Trà Shan tuyết Phìn Hồ", "Thịt trâu khô", "Thịt trâu gác bếp", "Miến dong"],
    ],
    ["trâu", "VI", ["Thịt trâu khô", "Thịt trâu gác bếp"]],
    ["thịt trâu", "VI", ["Thịt trâu khô", "Thịt trâu gác bếp"]],
    // English: an exact word above one that differs by a letter ("buffalos"), whatever the stars.
    ["buffalo", "EN", ["Thịt trâu gác bếp", "Thịt trâu khô"]],
    ["buffalo", "VI", ["Thịt trâu gác bếp", "Thịt trâu khô"]],
    ["honey", "EN", ["Mật ong bạc hà"]],
    ["mật ong", "VI", ["Mật ong bạc hà"]],
    ["tea", "EN", ["Trà đắng Bản Bo", "Trà Shan tuyết Phìn Hồ", "Chè xanh Tam Đường"]],
    // The product's English name above the category's English name.
    ["rice", "EN", ["Gạo Séng Cù", "Miến dong"]],
    ["corn spirit", "EN", ["Rượu ngô tuyệt hảo"]],
    // The marks typed above the same word with other marks ("tuyệt"); without marks, both alike (stars).
    ["tuyết", "VI", ["Trà Shan tuyết Phìn Hồ", "Rượu ngô tuyệt hảo"]],
    ["tuyet", "VI", ["Rượu ngô tuyệt hảo", "Trà Shan tuyết Phìn Hồ"]],
    // One typo.
    ["shan tuyêt", "VI", ["Trà Shan tuyết Phìn Hồ"]],
    ["tuyrt", "VI", ["Rượu ngô tuyệt hảo", "Trà Shan tuyết Phìn Hồ"]],
    ["peppermnt", "EN", ["Mật ong bạc hà"]],
    // Producer and commune names, current and former: below a product's own name.
    ["bản bo", "VI", ["Trà đắng Bản Bo", "Gạo Séng Cù"]],
    ["khun há", "VI", ["Chè xanh Tam Đường"]],
    // ... and a typo ("đường" is "mường" with one letter replaced) below them all, even in a product's name.
    [
      "mường",
      "VI",
      ["Rượu ngô tuyệt hảo", "Thịt trâu khô", "Thịt trâu gác bếp", "Chè xanh Tam Đường", "Gạo Séng Cù"],
    ],
    // Which language ranks first: the Vietnamese name, or the English one.
    ["tam đường", "VI", ["Chè xanh Tam Đường", "Gạo Séng Cù", "Trà Shan tuyết Phìn Hồ"]],
    ["tam duong", "VI", ["Chè xanh Tam Đường", "Gạo Séng Cù", "Trà Shan tuyết Phìn Hồ"]],
    ["tam duong", "EN", ["Gạo Séng Cù", "Chè xanh Tam Đường", "Trà Shan tuyết Phìn Hồ"]],
  ])("%s (%s)", async (text, language, expected) => {
    expect(await names(text, language)).toEqual(expected);
  });

  it("takes the language from Accept-Language when the query leaves it out", async () => {
    const order = async (language: string) =>
      (
        await search({ filter: { search: "tam duong" } }, { "accept-language": language })
      ).body.data.products.edges.map((e: { node: { name: string } }) => e.node.name)[0];
    expect(await order("en")).toBe("Gạo Séng Cù");
    expect(await order("vi")).toBe("Chè xanh Tam Đường");
  });

  it("pages by keyset in the same order, whatever the page size", async () => {
    const all = await names("tra");
    const paged: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res = await search({ filter: { search: "tra" }, language: "VI", first: 2, after });
      const page = res.body.data.products;
      expect(page.totalCount).toBe(all.length);
      paged.push(...page.edges.map((e: { node: { name: string } }) => e.node.name));
      after = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
    }
    expect(paged).toEqual(all);
  });

  it("is the default order of a search, refuses ascending relevance and a cursor of another order", async () => {
    const explicit = await search({
      filter: { search: "trà" },
      sort: { field: "RELEVANCE" },
      language: "VI",
    });
    const left = await search({ filter: { search: "trà" }, language: "VI" });
    expect(left.body.data).toEqual(explicit.body.data);

    const ascending = await search({
      filter: { search: "trà" },
      sort: { field: "RELEVANCE", direction: "ASC" },
    });
    expect(ascending.body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(ascending.body.errors?.[0].message).toMatch(/best first/);

    const byName = await search({ filter: { search: "tra" }, sort: { field: "NAME" }, first: 1 });
    expect(byName.body.data.products.edges[0].node.name).toBe("Miến dong"); // NAME ASC, direction left out
    const cursor = byName.body.data.products.pageInfo.endCursor;
    const mixed = await search({ filter: { search: "tra" }, language: "VI", after: cursor });
    expect(mixed.body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const otherLanguage = (await search({ filter: { search: "tra" }, language: "VI", first: 1 })).body.data
      .products.pageInfo.endCursor;
    expect(
      (await search({ filter: { search: "tra" }, language: "EN", after: otherLanguage })).body.errors?.[0]
        .extensions?.code,
    ).toBe("BAD_USER_INPUT");
  });

  it("without a search, RELEVANCE lists by stars, then name", async () => {
    const res = await search({ filter: { stars: [5] }, sort: { field: "RELEVANCE" }, first: 10 });
    expect(res.body.data.products.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual([
      "Miến dong",
      "Rượu ngô tuyệt hảo",
      "Thịt trâu khô",
      "Trà đắng Bản Bo",
    ]);
  });
});
