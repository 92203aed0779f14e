// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { rowId } from "../support/ids";
import type { Certificate } from "../../src/certificates/certificate.entity";
import type { Product } from "../../src/catalog/product.entity";
import { clearTestData, openTestDb, type TestDb } from "../support/db";
import { issueCertificate, makeProducer, makeProduct } from "../support/factory";
import { codes, FixedClock, testApp } from "../support/http";
import {
  CATALOG_PAGE,
  CATALOG_FACETS,
  PRODUCT_DETAIL,
  VERIFY_CERTIFICATE,
  PRODUCER_PAGE,
  COMMUNES,
  CATEGORY_TREE,
} from "../support/operations";

// 10:00 on 15 June 2026 in Vietnam.
const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
let db: TestDb;
let gql: Awaited<ReturnType<typeof testApp>>["gql"];
const p: Record<string, { product: Product; certificate: Certificate | null }> = {};
let superseded: Certificate;

beforeAll(async () => {
  db = await openTestDb();
  await clearTestData(db.dataSource);
  const ds = db.dataSource;
  const teaCompany = await makeProducer(ds, { name: "Công ty CP Chè Tam Đường", communeCode: "03390" });
  p.honey = await makeProduct(ds, {
    name: "Mật ong Pa Ủ",
    communeCode: "03442",
    categoryCode: "I.2.b",
    stars: 3,
    decisionDate: "2024-05-10",
  });
  p.beauty = await makeProduct(ds, {
    name: "Trà Đông phương mỹ nhân",
    producer: teaCompany,
    categoryCode: "I.5.a",
    stars: 4,
    decisionDate: "2025-03-01",
  });
  p.oolong = await makeProduct(ds, {
    name: "Trà Oolong Tam Đường",
    producer: teaCompany,
    categoryCode: "I.5.a",
    stars: 4,
    decisionDate: "2023-08-20",
  });
  p.rice = await makeProduct(ds, {
    name: "Gạo Séng Cù",
    communeCode: "03595",
    categoryCode: "I.2.a",
    stars: 4,
    decisionDate: "2024-01-05",
  });
  p.coffee = await makeProduct(ds, {
    name: "Cà phê Hà Nhì",
    communeCode: "03439",
    categoryCode: "I.6",
    stars: 3,
    decisionDate: "2025-12-01",
  });
  p.spirit = await makeProduct(ds, {
    name: "Rượu ngô Sìn Hồ",
    communeCode: "03478",
    categoryCode: "II.1.a",
    stars: 3,
    decisionDate: "2022-03-01",
  });
  p.noodles = await makeProduct(ds, {
    name: "Miến dong Bình Lư",
    communeCode: "03390",
    categoryCode: "I.3.b",
    stars: 3,
    decisionDate: "2024-02-01",
    revokedOn: "2026-05-01",
  });
  p.buffalo = await makeProduct(ds, {
    name: "Thịt trâu gác bếp",
    communeCode: "03595",
    categoryCode: "I.3.d",
    stars: 3,
    decisionDate: "2021-04-01",
  });
  superseded = p.buffalo.certificate!;
  p.buffalo.certificate = await issueCertificate(ds, p.buffalo.product, {
    stars: 4,
    decisionDate: "2024-03-15",
  });
  p.uncertified = await makeProduct(ds, {
    name: "Chè shan tuyết chưa công nhận",
    communeCode: "03390",
    decisionDate: null,
  });
  p.sauce = await makeProduct(ds, {
    name: "Chẳm chéo Lực Lệ",
    communeCode: "03390",
    categoryCode: "I.4.a",
    stars: 5,
    decisionDate: "2025-06-01",
  });
});

beforeEach(async () => {
  ({ gql } = await testApp(db, clock));
});

afterAll(async () => {
  await db.dataSource.destroy();
});

const names = (r: { body: { data?: any } }) => r.body.data.products.edges.map((e: any) => e.node.name).sort();
const list = async (filter: Record<string, unknown>) => {
  const r = await gql(CATALOG_PAGE, { filter, first: 100 });
  expect(r.body.errors).toBeUndefined();
  return r;
};

describe("products", () => {
  it("lists only products holding an active certificate, with their nested data", async () => {
    const r = await list({});
    expect(names(r)).toEqual(
      [
        "Chẳm chéo Lực Lệ",
        "Cà phê Hà Nhì",
        "Gạo Séng Cù",
        "Mật ong Pa Ủ",
        "Thịt trâu gác bếp",
        "Trà Oolong Tam Đường",
        "Trà Đông phương mỹ nhân",
      ].sort(),
    );
    expect(r.body.data.products.totalCount).toBe(7);
    const honey = r.body.data.products.edges.find((e: any) => e.node.name === "Mật ong Pa Ủ").node;
    expect(honey).toMatchObject({
      stars: 3,
      category: { code: "I.2.b", nameEn: "Honey, other syrups and other agricultural food" },
      commune: { code: "03442", name: "Pa Ủ" },
      producer: { kind: "HTX" },
      certificate: { stars: 3, status: "ACTIVE", issuedOn: "2024-05-10", expiresOn: "2027-05-10" },
    });
    const buffalo = r.body.data.products.edges.find((e: any) => e.node.name === "Thịt trâu gác bếp").node;
    expect(buffalo.stars).toBe(4); // the re-evaluation's stars, not the superseded certificate's
  });

  it("filters by commune, category at every level, stars, producer and year, AND across fields and OR within", async () => {
    expect(names(await list({ communeCodes: ["03390"] }))).toEqual(
      ["Chẳm chéo Lực Lệ", "Trà Oolong Tam Đường", "Trà Đông phương mỹ nhân"].sort(),
    );
    expect(names(await list({ categoryCodes: ["I.5"] }))).toEqual(
      ["Trà Oolong Tam Đường", "Trà Đông phương mỹ nhân"].sort(),
    );
    expect(names(await list({ categoryCodes: ["I.2"] }))).toEqual(["Gạo Séng Cù", "Mật ong Pa Ủ"].sort());
    expect(names(await list({ categoryCodes: ["I.2.a", "I.6"] }))).toEqual(
      ["Cà phê Hà Nhì", "Gạo Séng Cù"].sort(),
    );
    expect((await list({ categoryCodes: ["I"] })).body.data.products.totalCount).toBe(7);
    expect((await list({ categoryCodes: ["II"] })).body.data.products.totalCount).toBe(0); // the spirit expired
    expect(names(await list({ stars: [4, 5] }))).toEqual(
      [
        "Chẳm chéo Lực Lệ",
        "Gạo Séng Cù",
        "Thịt trâu gác bếp",
        "Trà Oolong Tam Đường",
        "Trà Đông phương mỹ nhân",
      ].sort(),
    );
    expect(names(await list({ communeCodes: ["03390", "03595"], stars: [4] }))).toEqual(
      ["Gạo Séng Cù", "Thịt trâu gác bếp", "Trà Oolong Tam Đường", "Trà Đông phương mỹ nhân"].sort(),
    );
    expect(names(await list({ producerId: String(p.beauty.product.producerId) }))).toEqual(
      ["Trà Oolong Tam Đường", "Trà Đông phương mỹ nhân"].sort(),
    );
    expect(names(await list({ certifiedInYear: 2024 }))).toEqual(
      ["Gạo Séng Cù", "Mật ong Pa Ủ", "Thịt trâu gác bếp"].sort(),
    );
    expect(
      names(await list({ certifiedInYear: 2024, categoryCodes: ["I.3"], communeCodes: ["03595"] })),
    ).toEqual(["Thịt trâu gác bếp"]);
  });

  it("searches Vietnamese without case, tones or marks, đ = d, across product, producer and commune, last word as prefix", async () => {
    expect(names(await list({ search: "mat ong pa u" }))).toEqual(["Mật ong Pa Ủ"]);
    expect(names(await list({ search: "MẬT ONG" }))).toEqual(["Mật ong Pa Ủ"]);
    expect(names(await list({ search: "dong phuong" }))).toEqual(["Trà Đông phương mỹ nhân"]);
    expect(names(await list({ search: "đông phư" }))).toEqual(["Trà Đông phương mỹ nhân"]);
    expect(names(await list({ search: "cà" }))).toEqual(["Cà phê Hà Nhì"]);
    expect(names(await list({ search: "ca phe ha" }))).toEqual(["Cà phê Hà Nhì"]);
    expect(names(await list({ search: "che tam duong" }))).toEqual(
      ["Trà Oolong Tam Đường", "Trà Đông phương mỹ nhân"].sort(),
    ); // producer name
    expect(names(await list({ search: "binh lu" }))).toEqual(
      ["Chẳm chéo Lực Lệ", "Trà Oolong Tam Đường", "Trà Đông phương mỹ nhân"].sort(),
    ); // commune name
    expect(names(await list({ search: "mien dong" }))).toEqual([]); // revoked
    expect(names(await list({ search: "ong mat" }))).toEqual(["Mật ong Pa Ủ"]); // word order does not matter
    expect(names(await list({ search: "mat ongx" }))).toEqual([]);
    expect(names(await list({ search: "tra", stars: [4], communeCodes: ["03390"] }))).toEqual(
      ["Trà Oolong Tam Đường", "Trà Đông phương mỹ nhân"].sort(),
    );
  });

  const SORTS = ["NAME", "STARS", "CERTIFIED_ON", "EXPIRES_ON"] as const;
  const keyOf = (field: string, node: any) =>
    field === "NAME"
      ? null
      : field === "STARS"
        ? node.stars
        : field === "CERTIFIED_ON"
          ? node.certificate.issuedOn
          : node.certificate.expiresOn;

  for (const field of SORTS) {
    for (const direction of ["ASC", "DESC"] as const) {
      it(`pages through sort ${field} ${direction} two at a time without repeats or gaps`, async () => {
        const sort = { field, direction };
        const whole = (await gql(CATALOG_PAGE, { sort, first: 100 })).body.data.products.edges.map(
          (e: any) => e.node,
        );
        const paged: any[] = [];
        let after: string | null = null;
        for (let i = 0; i < 10; i++) {
          const r = await gql(CATALOG_PAGE, { sort, first: 2, after });
          expect(r.body.errors).toBeUndefined();
          paged.push(...r.body.data.products.edges.map((e: any) => e.node));
          if (!r.body.data.products.pageInfo.hasNextPage) break;
          after = r.body.data.products.pageInfo.endCursor;
        }
        expect(paged.map((n) => n.id)).toEqual(whole.map((n: any) => n.id));
        expect(new Set(paged.map((n) => n.id)).size).toBe(7);
        const sign = direction === "ASC" ? 1 : -1;
        for (let i = 1; i < paged.length; i++) {
          const [a, b] = [keyOf(field, paged[i - 1]), keyOf(field, paged[i])];
          if (a !== null && a !== b) expect(sign * (a < b ? -1 : 1)).toBe(-1);
          if (a !== null && a === b)
            expect(sign * (rowId(paged[i - 1].id) - rowId(paged[i].id))).toBeLessThan(0);
        }
      });
    }
  }

  it("orders by name by default and breaks star ties by id", async () => {
    const byName = (await gql(CATALOG_PAGE, { first: 3 })).body.data.products.edges.map(
      (e: any) => e.node.name,
    );
    expect(byName[0]).toMatch(/^C/);
    const stars = (
      await gql(CATALOG_PAGE, { sort: { field: "STARS", direction: "DESC" }, first: 100 })
    ).body.data.products.edges.map((e: any) => e.node.stars);
    expect(stars).toEqual([5, 4, 4, 4, 4, 3, 3]);
  });

  it("refuses bad paging input with BAD_USER_INPUT", async () => {
    for (const first of [1000, 101, 0, -1]) {
      const r = await gql(CATALOG_PAGE, { first });
      expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
      expect(r.body.data?.products ?? null).toBeNull();
    }
    expect(codes(await gql(CATALOG_PAGE, { first: "ten" }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await gql(CATALOG_PAGE, { after: "junk" }))).toEqual(["BAD_USER_INPUT"]);
    const cursor = (await gql(CATALOG_PAGE, { first: 1 })).body.data.products.pageInfo.endCursor as string;
    const [body, sig] = cursor.split(".");
    const tampered = `${Buffer.from(
      Buffer.from(body, "base64url")
        .toString()
        .replace(/\d+\]$/, "1]"),
    ).toString("base64url")}.${sig}`;
    expect(codes(await gql(CATALOG_PAGE, { first: 1, after: tampered }))).toEqual(["BAD_USER_INPUT"]);
    expect(
      codes(await gql(CATALOG_PAGE, { first: 1, after: cursor, sort: { field: "STARS", direction: "ASC" } })),
    ).toEqual(["BAD_USER_INPUT"]);
  });

  it("refuses bad filters with BAD_USER_INPUT and never a 500", async () => {
    for (const filter of [
      { search: "mật ong ".repeat(1300) },
      { stars: [6] },
      { communeCodes: ["03390'; DROP TABLE product; --"] },
      { categoryCodes: ["I.2.z.9"] },
      { producerId: "abc" },
      { certifiedInYear: 99999 },
    ]) {
      const r = await gql(CATALOG_PAGE, { filter });
      expect(r.status).toBeLessThan(500);
      expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    }
    const wrongType = await gql(CATALOG_PAGE, { filter: { stars: "four" } });
    expect(codes(wrongType)).toEqual(["BAD_USER_INPUT"]);
    expect(JSON.stringify(wrongType.body)).not.toMatch(/select|stack|at .*\.ts/i);
  });
});

describe("productFacets", () => {
  it("counts each dimension with every filter but its own, and total equals the product list", async () => {
    const filter = { communeCodes: ["03390"], stars: [4] };
    const r = await gql(CATALOG_FACETS, { filter });
    expect(r.body.errors).toBeUndefined();
    const f = r.body.data.productFacets;
    expect(f.total).toBe(2);
    expect(f.total).toBe((await list(filter)).body.data.products.totalCount);
    expect(f.stars).toEqual([
      { stars: 5, count: 1 },
      { stars: 4, count: 2 },
    ]);
    expect(f.communes.map((c: any) => [c.commune.code, c.count])).toEqual([
      ["03595", 2],
      ["03390", 2],
    ]); // ties in official order
    expect(Object.fromEntries(f.categories.map((c: any) => [c.category.code, c.count]))).toEqual({
      I: 2,
      "I.5": 2,
      "I.5.a": 2,
    });
  });

  it("matches what products returns for each facet value, and lists a selected value even at zero", async () => {
    const filter = { search: "tra", stars: [3] };
    const f = (await gql(CATALOG_FACETS, { filter })).body.data.productFacets;
    expect(f.total).toBe(0);
    expect(f.stars).toEqual([
      { stars: 4, count: 3 },
      { stars: 3, count: 0 },
    ]); // "tra" is a prefix of "trâu" too
    const all = (await gql(CATALOG_FACETS, {})).body.data.productFacets;
    for (const s of all.stars)
      expect((await list({ stars: [s.stars] })).body.data.products.totalCount).toBe(s.count);
    for (const c of all.communes)
      expect((await list({ communeCodes: [c.commune.code] })).body.data.products.totalCount).toBe(c.count);
    for (const c of all.categories)
      expect((await list({ categoryCodes: [c.category.code] })).body.data.products.totalCount).toBe(c.count);
    expect(all.communes.every((c: any) => c.count > 0)).toBe(true);
  });

  it("lists the top communes up to first, always with the selected ones", async () => {
    const q = `query($filter: ProductFilter, $first: Int!) { productFacets(filter: $filter) { communes(first: $first) { commune { code } count } } }`;
    const top = await gql(q, { first: 1 });
    expect(top.body.data.productFacets.communes).toEqual([{ commune: { code: "03390" }, count: 3 }]);
    const withSelected = await gql(q, { first: 1, filter: { communeCodes: ["03442"] } });
    expect(withSelected.body.data.productFacets.communes.map((c: any) => c.commune.code)).toEqual([
      "03390",
      "03442",
    ]);
    expect(codes(await gql(q, { first: 0 }))).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("product, producer, certificate, communes, categories", () => {
  it("shows a product page only while its certificate is active", async () => {
    const r = await gql(PRODUCT_DETAIL, { slug: p.beauty.product.slug });
    expect(r.body.data.product).toMatchObject({
      name: "Trà Đông phương mỹ nhân",
      category: { code: "I.5.a", parent: { code: "I.5", parent: { code: "I", name: "Thực phẩm" } } },
      commune: { code: "03390", kind: "XA", formerDistrict: "Tam Đường" },
      producer: { name: "Công ty CP Chè Tam Đường" },
      certificate: { status: "ACTIVE", decisionNumber: p.beauty.certificate!.decisionNumber },
    });
    expect(r.body.data.product.producer.products.map((x: any) => x.name)).toEqual([
      "Trà Đông phương mỹ nhân",
      "Trà Oolong Tam Đường",
    ]); // Đ sorts after D, before O
    for (const gone of [p.spirit, p.noodles, p.uncertified]) {
      expect((await gql(PRODUCT_DETAIL, { slug: gone.product.slug })).body.data.product).toBeNull();
    }
    expect((await gql(PRODUCT_DETAIL, { slug: "khong-co" })).body.data.product).toBeNull();
  });

  it("verifies a certificate number whatever its status", async () => {
    const status = async (number: string) =>
      (await gql(VERIFY_CERTIFICATE, { number })).body.data.certificate;
    expect(await status(p.honey.certificate!.number)).toMatchObject({
      status: "ACTIVE",
      stars: 3,
      product: { name: "Mật ong Pa Ủ", commune: { name: "Pa Ủ" } },
    });
    expect(await status(p.spirit.certificate!.number)).toMatchObject({
      status: "EXPIRED",
      expiresOn: "2025-03-01",
    });
    expect(await status(p.noodles.certificate!.number)).toMatchObject({
      status: "REVOKED",
      revokedOn: "2026-05-01",
      revocationReason: "Vi phạm sử dụng nhãn OCOP",
    });
    expect(await status(superseded.number)).toMatchObject({ status: "SUPERSEDED", stars: 3 });
    expect(await status("KHONG-CO-SO-NAY")).toBeNull();
  });

  it("shows a producer with its certified products only", async () => {
    const r = await gql(PRODUCER_PAGE, { id: String(p.beauty.product.producerId) });
    expect(r.body.data.producer.products.map((x: any) => x.name)).toEqual([
      "Trà Đông phương mỹ nhân",
      "Trà Oolong Tam Đường",
    ]);
    expect(
      (await gql(PRODUCER_PAGE, { id: String(p.noodles.product.producerId) })).body.data.producer,
    ).toBeNull();
    expect(codes(await gql(PRODUCER_PAGE, { id: "x1" }))).toEqual(["BAD_USER_INPUT"]);
  });

  it("counts certified products per commune and serves the category tree", async () => {
    const communes = (await gql(COMMUNES)).body.data.communes;
    expect(communes).toHaveLength(38);
    const count = (code: string) => communes.find((c: any) => c.code === code).productCount;
    expect([count("03390"), count("03595"), count("03478"), count("03388")]).toEqual([3, 2, 0, 0]);
    const tree = (await gql(CATEGORY_TREE)).body.data.categories;
    expect(tree.map((c: any) => c.code)).toEqual(["I", "II", "III", "IV", "V", "VI"]);
    const sets = tree.flatMap((s: any) =>
      s.children.flatMap((g: any) => (g.children.length ? g.children : [g])),
    );
    expect(sets).toHaveLength(26);
  });
});

describe("caching", () => {
  it("sends public cache headers, shortened to the end of the earliest expiry day", async () => {
    const r = await gql(CATALOG_PAGE, { first: 100 });
    expect(r.headers["cache-control"]).toBe("max-age=300, public");
    // 23:58:20 in Vietnam on the day the oolong's certificate ends: 100 seconds are left.
    const late = await testApp(db, new FixedClock(new Date("2026-08-20T16:58:20Z")));
    const lateAnswer = await late.gql(CATALOG_PAGE, { first: 100 });
    expect(lateAnswer.body.data.products.edges.map((e: any) => e.node.name)).toContain(
      "Trà Oolong Tam Đường",
    );
    expect(lateAnswer.headers["cache-control"]).toBe("max-age=100, public");
  });

  it("answers GET with the preflight header so a CDN can cache, and refuses it without (CSRF)", async () => {
    const { app } = await testApp(db, clock);
    const request = (await import("supertest")).default;
    const url = `/graphql?query=${encodeURIComponent("query Communes { communes { code } }")}`;
    const ok = await request(app).get(url).set("apollo-require-preflight", "true");
    expect(ok.status).toBe(200);
    expect(ok.headers["cache-control"]).toBe("max-age=300, public");
    expect((await request(app).get(url)).status).toBe(400);
    const form = await request(app).post("/graphql").type("form").send({ query: "{ communes { code } }" });
    expect(form.status).toBe(400);
  });
});
