// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { globalId } from "../../src/core/node";
import { rowId } from "../support/ids";
import { Product } from "../../src/catalog/product.entity";
import { DossierKind } from "../../src/dossiers/dossier.entity";
import { makeProduct } from "../support/factory";
import { vietnamDate } from "../../src/core/time";
import { FixedClock } from "../support/http";
import { op } from "../support/operations";
import { importTemplate, recogniseThroughApi, revokeThroughApi, useStaffApp } from "../support/staff";

const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
const t = useStaffApp(clock);
// The catalog's day: Vietnam's (UTC+7), as the API counts it.
const today = () => vietnamDate(clock.instant);

type Listed = { id: string; [field: string]: unknown };

/** A portal app's local copy, kept by the feed alone. */
class LocalCopy {
  readonly products = new Map<string, Listed>();
  readonly removals: { id: string; slug: string; reason: string }[] = [];
  cursor: string | null = null;

  /** Applies every page since its cursor, `first` at a time. */
  async sync(first = 3): Promise<number> {
    let pages = 0;
    for (;;) {
      const r = await t.app.gql(op("CatalogChanges"), { since: this.cursor, first });
      expect(r.body.errors).toBeUndefined();
      const page = r.body.data.catalogChanges;
      for (const product of page.upserts as Listed[]) this.products.set(product.id, product);
      for (const removal of page.removed) {
        this.products.delete(removal.id);
        this.removals.push(removal);
      }
      this.cursor = page.cursor;
      pages++;
      if (!page.hasMore) return pages;
    }
  }
}

/** Every product of the public catalog through `products`, with the fields the feed's upserts carry. */
async function catalog(): Promise<Listed[]> {
  const fields =
    "id slug name stars updatedAt commune { code } category { code } certificate { number expiresOn }";
  const all: Listed[] = [];
  let after: string | null = null;
  do {
    const r = await t.app.gql(
      `query($after: String) { products(first: 100, after: $after) { edges { node { ${fields} } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    expect(r.body.errors).toBeUndefined();
    all.push(...r.body.data.products.edges.map((e: { node: Listed }) => e.node));
    after = r.body.data.products.pageInfo.hasNextPage ? r.body.data.products.pageInfo.endCursor : null;
  } while (after);
  return all;
}

const byId = (products: Listed[]) => [...products].sort((a, b) => rowId(a.id) - rowId(b.id));

/** The local copy, after a sync, is exactly the catalog. */
async function expectSameAsCatalog(copy: LocalCopy) {
  await copy.sync();
  expect(byId([...copy.products.values()])).toEqual(byId(await catalog()));
}

it("keeps a local copy equal to `products` through recognitions, revocations, edits, an import and a day passing", async () => {
  const { gql } = t.app;
  const ds = t.db.dataSource;
  const honey = await makeProduct(ds, {
    name: "Mật ong A",
    communeCode: "03390",
    stars: 3,
    decisionDate: "2025-02-01",
  });
  const soon = await makeProduct(ds, {
    name: "Chè B",
    communeCode: "03390",
    categoryCode: "I.5.a",
    stars: 4,
    decisionDate: "2023-06-16",
    expiresOn: "2026-06-16",
  });
  const gao = await makeProduct(ds, {
    name: "Gạo C",
    communeCode: "03595",
    categoryCode: "I.2.a",
    stars: 4,
    decisionDate: "2026-01-10",
  });
  const revokedLater = await makeProduct(ds, { name: "Rượu D", stars: 3, decisionDate: "2025-03-01" });
  await makeProduct(ds, { name: "Chưa chứng nhận", decisionDate: null });

  // From nothing: everything listed now, no removals.
  const copy = new LocalCopy();
  expect(await copy.sync()).toBeGreaterThan(1); // paged, 3 at a time
  expect(copy.removals).toEqual([]);
  await expectSameAsCatalog(copy);
  // Asked again with the cursor: nothing new.
  const again = await gql(op("CatalogChanges"), { since: copy.cursor });
  expect(again.body.data.catalogChanges).toMatchObject({ upserts: [], removed: [], hasMore: false });
  expect(again.body.data.catalogChanges.cursor).toBe(copy.cursor);

  // A recognition (NEW) and a re-evaluation that supersedes a certificate, through the API.
  for (const kind of [DossierKind.NEW, DossierKind.RE_EVALUATION])
    await recogniseThroughApi(t, kind, "2026-06-01");
  await expectSameAsCatalog(copy);

  // Revocations, a change of product set and of name, a producer's new name.
  for (const certificate of [soon.certificate!, revokedLater.certificate!])
    await revokeThroughApi(t, certificate.number, `${certificate.id}/QĐ-TH`, "2026-06-14");
  const moved = await gql(
    "mutation($input: UpdateProductInput!) { updateProduct(input: $input) { id } }",
    { input: { id: String(gao.product.id), categoryCode: "I.3.b", name: "Gạo C thơm" } },
    t.staff.thanUyen.headers,
  );
  expect(moved.body.errors).toBeUndefined();
  const removedNow = copy.removals.length;
  await expectSameAsCatalog(copy);
  expect(copy.removals.slice(removedNow).map((r) => r.reason)).toEqual(["REVOKED", "REVOKED"]);

  // A producer's new name changes its listed products (portals show it): they come again.
  const renamed = await gql(
    "mutation($input: UpdateProducerInput!) { updateProducer(input: $input) { id } }",
    { input: { id: String(honey.product.producerId), name: "HTX Mật ong Bình Lư" } },
    t.staff.binhLu.headers,
  );
  expect(renamed.body.errors).toBeUndefined();
  const next = await gql(op("CatalogChanges"), { since: copy.cursor });
  expect(next.body.data.catalogChanges.upserts.map((p: Listed) => p.id)).toEqual([
    globalId("Product", honey.product.id),
  ]);
  await expectSameAsCatalog(copy);

  // An import of certified products (and of certificates superseding others).
  await importTemplate(t, clock.instant, "feed test");
  await expectSameAsCatalog(copy);

  // A day passes: a certificate runs out at midnight without any write by staff; the feed says so.
  clock.instant = new Date("2026-06-16T20:00:00Z"); // the 17th in Vietnam
  const before = copy.removals.length;
  await expectSameAsCatalog(copy);
  expect(copy.removals.slice(before)).toEqual([]); // Chè B was revoked already
  const expiring = (await ds.getRepository(Product).find())
    .map((p) => p.certificateExpiresOn)
    .filter((d): d is string => d !== null && d >= today())
    .sort()[0];
  clock.instant = new Date(`${expiring}T20:00:00Z`); // the next morning in Vietnam: it has expired
  const expired = (await ds.getRepository(Product).findBy({ certificateExpiresOn: expiring })).map((p) =>
    globalId("Product", p.id),
  );
  await expectSameAsCatalog(copy);
  expect(copy.removals.filter((r) => expired.includes(r.id)).map((r) => r.reason)).toEqual(
    expired.map(() => "EXPIRED"),
  );

  // A new app starting now gets the same catalog in one go.
  const fresh = new LocalCopy();
  await fresh.sync(500);
  expect(byId([...fresh.products.values()])).toEqual(byId(await catalog()));
  expect(fresh.removals).toEqual([]);
});

it("runs the same statements for a page of 3 changes as for a page of 30", async () => {
  for (let i = 0; i < 30; i++)
    await makeProduct(t.db.dataSource, {
      name: `Sản phẩm ${i}`,
      stars: 3 + (i % 3),
      decisionDate: "2026-02-01",
    });
  const statements = async (first: number) => {
    await t.app.gql(op("CatalogChanges"), { first: 1 }); // the day's sweep, the caches
    const before = t.db.sql.statements;
    const r = await t.app.gql(op("CatalogChanges"), { first });
    expect(r.body.data.catalogChanges.upserts).toHaveLength(first);
    return t.db.sql.statements - before;
  };
  // The catalog generation is read again at most once a second: on a slow run that read may fall into
  // either request, so each size is measured twice and the fewer counted (an N+1 would add 27).
  const fewest = async (first: number) => Math.min(await statements(first), await statements(first));
  expect(await fewest(30)).toBe(await fewest(3));
});

it("refuses a cursor it did not make, and a page too large", async () => {
  const forged = await t.app.gql(op("CatalogChanges"), { since: "eyJhIjoxfQ.abc" });
  expect(forged.body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "since" });
  await makeProduct(t.db.dataSource, { name: "Sản phẩm có trang", decisionDate: "2026-02-01" });
  const other = await t.app.gql("query { products(first: 1) { pageInfo { endCursor } } }");
  const wrongList = await t.app.gql(op("CatalogChanges"), {
    since: other.body.data.products.pageInfo.endCursor,
  });
  expect(wrongList.body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "since" });
  const big = await t.app.gql(op("CatalogChanges"), { first: 501 });
  expect(big.body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "first" });
});
