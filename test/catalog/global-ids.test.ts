// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { buildSchema, parse, validate } from "graphql";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fromGlobalId, globalId } from "../../src/core/node";
import { type Product } from "../../src/catalog/product.entity";
import { makeProduct } from "../support/factory";
import { FixedClock } from "../support/http";
import { CONTRACT_DIR, op } from "../support/operations";
import { cameraPhoto, uploadPhoto, useStaffApp } from "../support/staff";

const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
const t = useStaffApp(clock);

let honey: Product;
let unlisted: Product;
let certificateNumber: string;

beforeAll(async () => {
  const ds = t.db.dataSource;
  const made = await makeProduct(ds, { name: "Mật ong bạc hà", categoryCode: "I.2.b", stars: 4 });
  honey = made.product;
  certificateNumber = made.certificate!.number;
  await makeProduct(ds, { name: "Trà Shan tuyết", categoryCode: "I.5.b", stars: 5 });
  unlisted = (await makeProduct(ds, { name: "Mật ong chưa công nhận", decisionDate: null })).product;
  const photo = await uploadPhoto(t.app.app, t.staff.binhLu.headers, await cameraPhoto(800, 600));
  const staff = (query: string, variables: Record<string, unknown>) =>
    t.app.gql(query, variables, t.staff.binhLu.headers);
  expect(
    (
      await staff(op("AddProductImage"), {
        input: { productId: globalId("Product", honey.id), fileId: photo.body.id, alt: "Hũ mật ong" },
      })
    ).body.errors,
  ).toBeUndefined();
  expect(
    (
      await staff(
        `mutation($input: SetPointsOfSaleInput!) { setProductPointsOfSale(input: $input) { id } }`,
        { input: { productId: String(honey.id), pointsOfSale: [{ name: "Chợ Tam Đường" }] } }, // numeric: still read
      )
    ).body.errors,
  ).toBeUndefined();
});

it("the contract file validates as a whole document (its operations share fragments)", () => {
  const schema = buildSchema(readFileSync(join(__dirname, "..", "..", "schema", "schema.graphql"), "utf8"));
  const document = parse(readFileSync(join(CONTRACT_DIR, "search.graphql"), "utf8"));
  expect(validate(schema, document).map((e) => e.message)).toEqual([]);
});

describe("global ids", () => {
  it("are unique across types, opaque, and read back; anything else is no id", () => {
    expect(globalId("Product", 12)).not.toBe(globalId("Producer", 12));
    expect(fromGlobalId(globalId("Commune", "03390"))).toEqual({ type: "Commune", key: "03390" });
    for (const bad of ["12", "", "UHJvZHVjdDo", "Zm9vOjE", "!!", "x".repeat(101)])
      expect(fromGlobalId(bad)).toBeNull();
  });

  it("name each public object of a product page (GlobalIds), and node(id:) answers each of them", async () => {
    const res = await t.app.gql(op("GlobalIds"), { slug: honey.slug, number: certificateNumber });
    expect(res.body.errors).toBeUndefined();
    const { product, certificate, communes, categories } = res.body.data;
    expect(product.id).toBe(globalId("Product", honey.id));
    expect(product.commune).toEqual({ id: globalId("Commune", "03390"), code: "03390" });
    expect(product.category).toEqual({
      id: globalId("Category", "I.2.b"),
      code: "I.2.b",
      parent: { id: globalId("Category", "I.2"), code: "I.2" },
    });
    expect(certificate.id).toBe(product.certificate.id);
    expect(communes).toHaveLength(38);
    expect(categories[0].children[0].children[0].id).toBe(
      globalId("Category", categories[0].children[0].children[0].code),
    );

    const ids = [
      product.id,
      product.producer.id,
      certificate.id,
      product.commune.id,
      product.category.id,
      product.images[0].id,
    ];
    expect(new Set(ids).size).toBe(ids.length);
    const nodes = await Promise.all(
      ids.map(async (id) => (await t.app.gql(op("NodeById"), { id })).body.data.node),
    );
    expect(nodes.map((n) => n.__typename)).toEqual([
      "Product",
      "Producer",
      "Certificate",
      "Commune",
      "Category",
      "ProductImage",
    ]);
    expect(nodes.map((n) => n.id)).toEqual(ids);
    expect(nodes[0]).toMatchObject({ slug: honey.slug, name: "Mật ong bạc hà", stars: 4 });
    expect(nodes[2]).toMatchObject({ number: certificateNumber, stars: 4, status: "ACTIVE" });
    expect(nodes[3]).toMatchObject({ code: "03390", name: "Bình Lư" });
    expect(nodes[4]).toMatchObject({ code: "I.2.b", nameEn: expect.stringMatching(/^Honey/) });
    expect(nodes[5].thumbnailUrl).toMatch(/^http/);

    const content = await t.app.gql(op("ProductContent"), { slug: honey.slug });
    const place = content.body.data.product.pointsOfSale[0];
    const pointId = (
      await t.app.gql(`query($slug: String!) { product(slug: $slug) { pointsOfSale { id } } }`, {
        slug: honey.slug,
      })
    ).body.data.product.pointsOfSale[0].id;
    expect((await t.app.gql(op("NodeById"), { id: pointId })).body.data.node).toEqual({
      __typename: "PointOfSale",
      id: pointId,
      name: place.name,
    });
  });

  it("nodes(ids:) answers in the order asked, null for what the public may not see or what is no id", async () => {
    const ids = [
      globalId("Commune", "03390"),
      globalId("Product", unlisted.id), // no active certificate
      "not-an-id",
      globalId("Product", honey.id),
      globalId("Commune", "99999"),
      globalId("Producer", unlisted.producerId), // no certified product
      globalId("Category", "I.2.b"),
    ];
    const res = await t.app.gql(op("NodesByIds"), { ids });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.nodes.map((n: { __typename: string } | null) => n?.__typename ?? null)).toEqual([
      "Commune",
      null,
      null,
      "Product",
      null,
      null,
      "Category",
    ]);
    const many = await t.app.gql(op("NodesByIds"), { ids: Array(101).fill(ids[0]) });
    expect(many.body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("are taken wherever an id is asked for (and a numeric id still reads); an id of another type is refused", async () => {
    const producer = (id: string) => t.app.gql(`query($id: ID!) { producer(id: $id) { id name } }`, { id });
    const byGlobal = await producer(globalId("Producer", honey.producerId));
    expect(byGlobal.body.data.producer.id).toBe(globalId("Producer", honey.producerId));
    expect((await producer(String(honey.producerId))).body.data.producer).toEqual(
      byGlobal.body.data.producer,
    );
    const wrongType = await producer(globalId("Product", honey.producerId));
    expect(wrongType.body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");

    const filtered = await t.app.gql(
      `query($id: ID!) { products(filter: { producerId: $id }) { edges { node { id } } } }`,
      { id: globalId("Producer", honey.producerId) },
    );
    expect(filtered.body.data.products.edges).toEqual([{ node: { id: globalId("Product", honey.id) } }]);

    const archive = (id: string) =>
      t.app.gql(
        `mutation($id: ID!) { archiveProduct(id: $id, archived: false) { id } }`,
        { id },
        t.staff.binhLu.headers,
      );
    expect((await archive(globalId("Product", honey.id))).body.data.archiveProduct.id).toBe(
      globalId("Product", honey.id),
    );
    expect((await archive(globalId("Certificate", honey.id))).body.errors?.[0].extensions?.code).toBe(
      "BAD_USER_INPUT",
    );
  });
});

describe("the search contract's operations", () => {
  it("SearchProducts: a page of hits by relevance, with global ids", async () => {
    const res = await t.app.gql(op("SearchProducts"), {
      filter: { search: "mat ong" },
      language: "VI",
      first: 5,
    });
    expect(res.body.errors).toBeUndefined();
    const page = res.body.data.products;
    expect(page.totalCount).toBe(1);
    expect(page.edges[0].node).toMatchObject({
      id: globalId("Product", honey.id),
      name: "Mật ong bạc hà",
      stars: 4,
      category: { id: globalId("Category", "I.2.b"), code: "I.2.b" },
      commune: { id: globalId("Commune", "03390"), code: "03390", name: "Bình Lư" },
      producer: { id: globalId("Producer", honey.producerId) },
    });
  });

  it("ProductSuggestions: products, producers and communes, with global ids", async () => {
    const res = await t.app.gql(op("ProductSuggestions"), { prefix: "mật", first: 3 });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.productSuggestions).toEqual([
      {
        kind: "PRODUCT",
        text: "Mật ong bạc hà",
        product: { id: globalId("Product", honey.id), slug: honey.slug, name: "Mật ong bạc hà" },
        producer: null,
        commune: null,
      },
    ]);
  });

  it("SearchFacets: each selected value is listed, with 0 where nothing matches it", async () => {
    const res = await t.app.gql(op("SearchFacets"), {
      filter: { search: "mật ong", communeCodes: ["03390", "03595"], categoryCodes: ["I.5"], stars: [3] },
    });
    expect(res.body.errors).toBeUndefined();
    const facets = res.body.data.productFacets;
    expect(facets.total).toBe(0);
    expect(facets.stars).toEqual([{ stars: 3, count: 0 }]);
    expect(
      facets.communes.map((c: { commune: { code: string }; count: number }) => [c.commune.code, c.count]),
    ).toEqual(
      expect.arrayContaining([
        ["03390", 0],
        ["03595", 0],
      ]),
    );
    expect(facets.communes[0].commune.id).toMatch(/^[\w-]+$/);
    expect(facets.categories).toContainEqual({
      category: { id: globalId("Category", "I.5"), code: "I.5", name: "Chè" },
      count: 0,
    });
  });
});
