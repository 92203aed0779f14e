import { vietnamDate } from "../../src/core/time";
import { clearTestData, openTestDb, type TestDb } from "../support/db";
import { makeProducer, makeProduct, makeUser } from "../support/factory";
import { codes, FixedClock, testApp } from "../support/http";
import { CATALOG_PAGE, PRODUCT_DETAIL, COMMUNES, PRODUCER_PAGE, op } from "../support/operations";
import { Role } from "../../src/auth/user.entity";
import { Product } from "../../src/catalog/product.entity";
import { ProductImage } from "../../src/content/product-image.entity";
import { StoredFile } from "../../src/files/stored-file.entity";

const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
const COMMUNE_CODES = ["03390", "03595", "03442", "03439", "03478", "03405", "03430", "03424"];
const SETS = ["I.2.a", "I.2.b", "I.5.a", "I.3.d", "IV.2", "VI.1", "III.2"];
let db: TestDb;

beforeAll(async () => {
  db = await openTestDb();
  await clearTestData(db.dataSource);
  // 100 products over 25 producers, 8 communes, 7 product sets.
  const producers = [];
  for (let i = 0; i < 25; i++)
    producers.push(await makeProducer(db.dataSource, { communeCode: COMMUNE_CODES[i % 8] }));
  for (let i = 0; i < 100; i++) {
    await makeProduct(db.dataSource, {
      name: `Sản phẩm ${String(i).padStart(3, "0")}`,
      producer: producers[i % 25],
      communeCode: COMMUNE_CODES[i % 8],
      categoryCode: SETS[i % 7],
      stars: 3 + (i % 3),
      decisionDate: `2025-0${1 + (i % 9)}-1${i % 10}`,
    });
  }
});

afterAll(async () => {
  await db.dataSource.destroy();
});

/**
 * SQL statements one request costs on a fresh app (nothing cached, no count memoized) whose in-memory
 * reference data (categories, communes) was loaded by an earlier request with another filter.
 */
async function statements(query: string, variables: Record<string, unknown>) {
  const { gql, services } = await testApp(db, clock);
  await services.catalog.sweptToday(vietnamDate(clock.instant)); // as DailySweep does when the server starts
  await gql(CATALOG_PAGE, { first: 1, filter: { stars: [5] } });
  const before = db.sql.statements;
  const r = await gql(query, variables);
  expect(r.body.errors).toBeUndefined();
  return { count: db.sql.statements - before, body: r.body };
}

describe("batching", () => {
  it("costs the same statements for a CatalogPage of 5 and of 100 products: 4", async () => {
    const five = await statements(CATALOG_PAGE, { first: 5 });
    const hundred = await statements(CATALOG_PAGE, { first: 100 });
    expect(five.body.data.products.edges).toHaveLength(5);
    expect(hundred.body.data.products.edges).toHaveLength(100);
    // page + count + producers + certificates (categories and communes are in memory)
    expect(five.count).toBe(4);
    expect(hundred.count).toBe(five.count);
  });

  it("costs two statements for a listing with every product's photos, however many products", async () => {
    // Two photos on each product (rows only: the listing reads no bytes).
    const m = db.dataSource.manager;
    const uploader = await makeUser(db.dataSource, Role.COMMUNE_OFFICER, "03390");
    const file = await m.save(
      m.create(StoredFile, {
        sha256: "f".repeat(64),
        size: 1,
        contentType: "image/jpeg",
        originalName: "a.jpg",
        purpose: "image",
        uploadedById: uploader.id,
      }),
    );
    const products = await m.find(Product);
    await m.insert(
      ProductImage,
      products.flatMap((p) =>
        [0, 1].map((position) => ({
          productId: p.id,
          position,
          fileId: file.id,
          sha256: `${position}`.repeat(64),
          width: 960,
          height: 720,
          alt: `Ảnh ${p.name}`,
        })),
      ),
    );
    const listing = op("CatalogListingWithThumbnails");
    const five = await statements(listing, { first: 5 });
    const hundred = await statements(listing, { first: 100 });
    expect(hundred.body.data.products.edges).toHaveLength(100);
    expect(
      hundred.body.data.products.edges.every(
        (e: { node: { images: unknown[] } }) => e.node.images.length === 2,
      ),
    ).toBe(true);
    // page + photos (no count: the listing does not ask for totalCount)
    expect(five.count).toBe(2);
    expect(hundred.count).toBe(five.count);
    await m.createQueryBuilder().delete().from(ProductImage).execute();
  });

  it("costs a fixed number of statements for product, producer and commune pages", async () => {
    const slug = (await statements(CATALOG_PAGE, { first: 2 })).body.data.products.edges[0].node.slug;
    // product + producer + certificate + producer's products
    expect((await statements(PRODUCT_DETAIL, { slug })).count).toBe(4);
    const producerId = (await db.dataSource.query("SELECT id FROM producer LIMIT 1"))[0].id;
    // producer's products (existence) + producer + certificates
    expect((await statements(PRODUCER_PAGE, { id: String(producerId) })).count).toBe(3);
    // communes + one grouped count (the catalog's earliest expiry, which caps caching, is read once per
    // catalog generation and day: an earlier request read it)
    expect((await statements(COMMUNES, {})).count).toBe(2);
  });
});

describe("request limits", () => {
  it("refuses deep, aliased, long and costly queries with QUERY_TOO_COMPLEX before any SQL", async () => {
    const { gql } = await testApp(db, clock);
    const deep = `{ products { edges { node { category { parent { parent { parent { parent { parent { parent { parent { code } } } } } } } } } } } }`;
    const aliased = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: communes { code }`).join(" ")} }`;
    const costly = `{ products(first: 100) { edges { node { producer { products { producer { products { name slug stars } } } } } } } }`;
    const long = `{ communes { ${Array.from({ length: 1600 }, () => "code").join(" ")} } }`;
    for (const query of [deep, aliased, costly, long]) {
      const before = db.sql.statements;
      const r = await gql(query);
      expect(codes(r)).toEqual(["QUERY_TOO_COMPLEX"]);
      expect(db.sql.statements).toBe(before);
    }
  });

  it("refuses an oversized body with a clear JSON error", async () => {
    const { gql } = await testApp(db, clock);
    const r = await gql(CATALOG_PAGE, { filter: { search: "x".repeat(70_000) } });
    expect(r.status).toBe(413);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("memoized counts", () => {
  it("reuses a listing's total for its next pages and costs one statement less", async () => {
    const { gql } = await testApp(db, clock);
    const first = await gql(CATALOG_PAGE, { first: 10 });
    const before = db.sql.statements;
    const second = await gql(CATALOG_PAGE, { first: 10, after: first.body.data.products.pageInfo.endCursor });
    expect(second.body.data.products.totalCount).toBe(first.body.data.products.totalCount);
    expect(db.sql.statements - before).toBe(3); // page + producers + certificates
  });
});
