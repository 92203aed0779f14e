import type { Server } from "node:http";
import { CatalogCopy, communeProducts, PortalClient } from "../../examples/portal/client";
import persisted from "../../examples/portal/generated/persisted-queries.json";
import { catalogWritten } from "../../src/catalog/catalog-written";
import { Product } from "../../src/catalog/product.entity";
import { globalId } from "../../src/core/node";
import { makeProduct } from "../support/factory";
import { FixedClock } from "../support/http";
import { op } from "../support/operations";
import { cameraPhoto, uploadPhoto, useStaffApp } from "../support/staff";

// The portal example (examples/portal) against the real server over HTTP: its typed documents, its
// persisted GETs and its offline copy, as a portal would run them.
const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
const t = useStaffApp(clock);
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = t.app.app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  const address = server.address();
  endpoint = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/graphql`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

// Two products of Bình Lư (one with an English name and a photo) and one of Than Uyên.
let honey: Product;
beforeAll(async () => {
  const ds = t.db.dataSource;
  honey = (await makeProduct(ds, { name: "Mật ong bạc hà", stars: 4, communeCode: "03390" })).product;
  await ds.transaction(async (m) => {
    await m.update(Product, honey.id, { nameEn: "Mint honey" });
    await catalogWritten(m, { words: [honey.id] });
  });
  await makeProduct(ds, { name: "Miến dong", stars: 3, communeCode: "03390" });
  await makeProduct(ds, { name: "Gạo Séng Cù", stars: 4, communeCode: "03595" }); // another commune
  const photo = await uploadPhoto(t.app.app, t.staff.binhLu.headers, await cameraPhoto(800, 600));
  await t.app.gql(
    op("AddProductImage"),
    {
      input: {
        productId: globalId("Product", honey.id),
        fileId: photo.body.id,
        alt: "Hũ mật ong",
        altEn: "A jar",
      },
    },
    t.staff.binhLu.headers,
  );
});

it("lists a commune's products with their photos, best rated first, by persisted GETs", async () => {
  const client = new PortalClient(endpoint, "en");
  const listed = await communeProducts(client, "03390", 1); // one per page: the keyset pages are followed
  expect(listed.map((p) => [p.name, p.nameEn, p.stars])).toEqual([
    ["Mật ong bạc hà", "Mint honey", 4],
    ["Miến dong", null, 3],
  ]);
  expect(listed[0].id).toBe(globalId("Product", honey.id));
  expect(listed[0].images[0]).toMatchObject({ alt: "Hũ mật ong", altEn: "A jar" });
  expect(listed[0].images[0].thumbnailUrl).toMatch(/\/images\/v1\/[0-9a-f]{64}\/thumb\.jpg$/);

  // The text went once; from now on a GET with the hash alone is answered (as from a CDN's cache).
  const url = new URL(endpoint);
  url.searchParams.set("operationName", "PortalCommuneProducts");
  url.searchParams.set("variables", JSON.stringify({ communeCode: "03390" }));
  url.searchParams.set(
    "extensions",
    JSON.stringify({
      persistedQuery: { version: 1, sha256Hash: persisted.PortalCommuneProducts.sha256Hash },
    }),
  );
  const byHash = await fetch(url, { headers: { "apollo-require-preflight": "true" } });
  expect(byHash.status).toBe(200);
  expect(((await byHash.json()) as any).data.products.totalCount).toBe(2);
});

it("keeps an offline copy through the change feed: everything first, then only what changed", async () => {
  const client = new PortalClient(endpoint);
  const copy = new CatalogCopy();
  const first = await copy.sync(client);
  expect(first.upserted).toBe(copy.products.size);
  expect(copy.products.size).toBe(3);
  expect(await copy.sync(client)).toEqual({ upserted: 0, removed: 0 });

  // Staff give a product its English name: the next sync brings that one product again.
  const rice = [...copy.products.values()].find((p) => p.name === "Gạo Séng Cù")!;
  const edit = await t.app.gql(
    `mutation($input: UpdateProductInput!) { updateProduct(input: $input) { id } }`,
    { input: { id: rice.id, nameEn: "Seng Cu rice" } },
    t.staff.thanUyen.headers,
  );
  expect(edit.body.errors).toBeUndefined();
  expect(await copy.sync(client)).toEqual({ upserted: 1, removed: 0 });
  expect(copy.products.get(rice.id)?.nameEn).toBe("Seng Cu rice");
});
