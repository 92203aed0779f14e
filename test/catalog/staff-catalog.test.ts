// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { rowId } from "../support/ids";
import { codes, FixedClock } from "../support/http";
import { op } from "../support/operations";
import { useStaffApp } from "../support/staff";
import { issueCertificate, makeProduct } from "../support/factory";
import { Product } from "../../src/catalog/product.entity";

const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
// Afresh before each test: the slugs it checks depend on what other tests named.
const t = useStaffApp(clock, { each: true });

it("keeps producers and products of the officer's own commune, with unique slugs and search kept up to date", async () => {
  const { gql } = t.app;
  const producer = (
    await gql(
      op("CreateProducer"),
      {
        input: {
          name: "HTX Mật ong",
          kind: "HTX",
          communeCode: "03390",
          email: "HTX@Example.org",
          website: "https://mat-ong.example",
        },
      },
      t.staff.binhLu.headers,
    )
  ).body.data.createProducer;
  expect(
    codes(
      await gql(
        op("CreateProducer"),
        { input: { name: "Khác xã", kind: "HTX", communeCode: "03390" } },
        t.staff.thanUyen.headers,
      ),
    ),
  ).toEqual(["FORBIDDEN"]);
  expect(
    codes(
      await gql(
        op("CreateProducer"),
        { input: { name: "Sai", kind: "HTX", communeCode: "03390", website: "javascript:alert(1)" } },
        t.staff.binhLu.headers,
      ),
    ),
  ).toEqual(["BAD_USER_INPUT"]);

  const create = (name: string) =>
    gql(
      op("CreateProduct"),
      { input: { producerId: producer.id, name, categoryCode: "I.2.b" } },
      t.staff.binhLu.headers,
    );
  const first = (await create("Mật ong Bình Lư")).body.data.createProduct;
  const again = await create("mật ong  bình lư");
  expect(codes(again)).toEqual(["CONFLICT"]); // the producer already has it: named, not copied
  expect(again.body.errors![0].message).toContain(`id ${first.id}`);
  const other = (
    await gql(
      op("CreateProducer"),
      { input: { name: "HTX Bình Lư", kind: "HTX", communeCode: "03390" } },
      t.staff.binhLu.headers,
    )
  ).body.data.createProducer;
  const second = (
    await gql(
      op("CreateProduct"),
      { input: { producerId: other.id, name: "Mật ong Bình Lư", categoryCode: "I.2.b" } },
      t.staff.binhLu.headers,
    )
  ).body.data.createProduct;
  expect([first.slug, second.slug]).toEqual(["mat-ong-binh-lu", "mat-ong-binh-lu-2"]);
  expect(
    codes(
      await gql(
        op("CreateProduct"),
        { input: { producerId: producer.id, name: "X", categoryCode: "I.2" } },
        t.staff.binhLu.headers,
      ),
    ),
  ).toEqual(["BAD_USER_INPUT"]); // a group, not a set
  expect(
    codes(
      await gql(
        op("CreateProduct"),
        { input: { producerId: producer.id, name: "X", categoryCode: "I.2.b" } },
        t.staff.thanUyen.headers,
      ),
    ),
  ).toEqual(["NOT_FOUND"]);

  // Certified, so that the public search shows it; then renamed, with the producer renamed too.
  const product = await t.db.dataSource.getRepository(Product).findOneByOrFail({ id: rowId(first.id) });
  await issueCertificate(t.db.dataSource, product, { stars: 3, decisionDate: "2026-01-10" });
  const update = await gql(
    "mutation($i: UpdateProductInput!) { updateProduct(input: $i) { name slug } }",
    { i: { id: first.id, name: "Mật ong hoa ban" } },
    t.staff.binhLu.headers,
  );
  expect(update.body.data.updateProduct).toEqual({ name: "Mật ong hoa ban", slug: "mat-ong-binh-lu" }); // links keep working
  await gql(
    "mutation($i: UpdateProducerInput!) { updateProducer(input: $i) { name } }",
    { i: { id: producer.id, name: "HTX Tây Bắc" } },
    t.staff.binhLu.headers,
  );
  const found = async (search: string) =>
    (await gql(op("CatalogPage"), { filter: { search } })).body.data.products.edges.map(
      (e: any) => e.node.name,
    );
  expect(await found("hoa ban")).toEqual(["Mật ong hoa ban"]);
  expect(await found("tay bac")).toEqual(["Mật ong hoa ban"]);
  expect(
    codes(
      await gql(
        "mutation($i: UpdateProductInput!) { updateProduct(input: $i) { name } }",
        { i: { id: first.id, name: "Của tôi" } },
        t.staff.thanUyen.headers,
      ),
    ),
  ).toEqual(["NOT_FOUND"]);

  const seen = async (as: typeof t.staff.binhLu) =>
    (await gql("query($id: ID!) { staffProducer(id: $id) { name email } }", { id: producer.id }, as.headers))
      .body.data.staffProducer;
  expect(await seen(t.staff.binhLu)).toEqual({ name: "HTX Tây Bắc", email: "htx@example.org" });
  expect(await seen(t.staff.province)).toEqual({ name: "HTX Tây Bắc", email: "htx@example.org" });
  expect(await seen(t.staff.thanUyen)).toBeNull();
  // The public producer page never shows it; another commune's officer sees null.
  const page = (headers = {}) =>
    gql("query($id: ID!) { producer(id: $id) { name email } }", { id: producer.id }, headers);
  expect(codes(await page())).toEqual(["UNAUTHENTICATED"]);
  expect((await page(t.staff.thanUyen.headers)).body.data.producer).toEqual({
    name: "HTX Tây Bắc",
    email: null,
  });
});

it("lists evaluation rounds to staff, newest first", async () => {
  for (const [name, year] of [
    ["Đợt 2024", 2024],
    ["Đợt 2025", 2025],
  ] as const) {
    await t.app.gql(
      op("OpenEvaluationRound"),
      { input: { name, year, submissionDeadline: `${year}-10-31` } },
      t.staff.province.headers,
    );
  }
  const rounds = await t.app.gql(
    "{ evaluationRounds { name minCouncilSize } }",
    {},
    t.staff.council[0].headers,
  );
  expect(rounds.body.data.evaluationRounds).toEqual([
    { name: "Đợt 2025", minCouncilSize: 3 },
    { name: "Đợt 2024", minCouncilSize: 3 },
  ]);
  expect(codes(await t.app.gql("{ evaluationRounds { name } }"))).toEqual(["UNAUTHENTICATED"]);
  expect(
    codes(
      await t.app.gql(
        op("OpenEvaluationRound"),
        { input: { name: "X", year: 2026, submissionDeadline: "2026-10-31" } },
        t.staff.binhLu.headers,
      ),
    ),
  ).toEqual(["FORBIDDEN"]);
});

it("keeps English names and descriptions for portals, and says when products and certificates last changed", async () => {
  const { product, certificate } = await makeProduct(t.db.dataSource, {
    name: "Mật ong Bình Lư",
    communeCode: "03390",
    decisionDate: "2025-03-10",
  });
  // The portal contract's UpdateProductContent, as a client sends it.
  const update = (input: Record<string, unknown>, as = t.staff.binhLu) =>
    t.app.gql(
      "mutation UpdateProductContent($input: UpdateProductInput!) { updateProduct(input: $input) { id nameEn descriptionEn updatedAt } }",
      { input: { id: String(product.id), ...input } },
      as.headers,
    );
  const before = (await t.db.dataSource.getRepository(Product).findOneByOrFail({ id: product.id })).updatedAt;
  clock.instant = new Date(clock.instant.getTime() + 1000);
  const set = await update({ nameEn: " Binh Lu mint honey ", descriptionEn: "Honey from mint flowers." });
  expect(set.body.data.updateProduct).toMatchObject({
    nameEn: "Binh Lu mint honey",
    descriptionEn: "Honey from mint flowers.",
    updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
  });
  expect(new Date(set.body.data.updateProduct.updatedAt).getTime()).toBeGreaterThanOrEqual(before.getTime());
  expect(codes(await update({ nameEn: "x".repeat(256) }))).toEqual(["BAD_USER_INPUT"]);
  expect(codes(await update({ nameEn: "Other" }, t.staff.thanUyen))).toEqual(["NOT_FOUND"]);
  expect((await update({ nameEn: "  " })).body.data.updateProduct.nameEn).toBeNull(); // blank: none
  const shown = await t.app.gql(
    `query($slug: String!, $n: String!) { product(slug: $slug) { nameEn descriptionEn updatedAt commune { name nameEn } }
      certificate(number: $n) { updatedAt } }`,
    { slug: product.slug, n: certificate!.number },
  );
  expect(shown.body.data.product).toMatchObject({
    nameEn: null,
    descriptionEn: "Honey from mint flowers.",
    commune: { name: "Bình Lư", nameEn: "Binh Lu" },
  });
  expect(shown.body.data.certificate.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
});
