// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { catalogWritten } from "../../src/catalog/catalog-written";
import { Producer } from "../../src/catalog/producer.entity";
import { Product } from "../../src/catalog/product.entity";
import { Certificate } from "../../src/certificates/certificate.entity";
import { clearTestData, openTestDb, type TestDb } from "../support/db";
import { makeProduct } from "../support/factory";

/**
 * The catalog's derived data (current certificate, search words, counts, the feed) has one door,
 * catalogWritten. In tests, a transaction that changes a listed field without it does not commit.
 */
let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  await clearTestData(db.dataSource);
});
afterAll(() => db.dataSource.destroy());

it("refuses to commit a write of a listed field without catalogWritten, and lets it commit with it", async () => {
  const { product, certificate } = await makeProduct(db.dataSource, {
    name: "Mật ong",
    decisionDate: "2025-03-10",
  });
  const writes: [string, (m: import("typeorm").EntityManager) => Promise<unknown>][] = [
    ["Product", (m) => m.update(Product, product.id, { name: "Mật ong rừng" })],
    ["Product", (m) => m.getRepository(Product).save({ ...product, categoryCode: "I.2.a" })],
    ["Producer", (m) => m.update(Producer, product.producerId, { name: "HTX mới" })],
    ["Certificate", (m) => m.update(Certificate, certificate!.id, { revokedOn: "2026-01-01" })],
  ];
  for (const [entity, write] of writes) {
    await expect(db.dataSource.transaction((m) => write(m))).rejects.toThrow(
      `${entity} changed what the catalog lists without catalogWritten in its transaction`,
    );
    // The same write with the door called after it commits.
    await db.dataSource.transaction(async (m) => {
      await write(m);
      await catalogWritten(m, { products: [product.id], words: [product.id] });
    });
  }
  // A write after the door is a write the door has not seen.
  await expect(
    db.dataSource.transaction(async (m) => {
      await catalogWritten(m, { products: [product.id] });
      await m.update(Product, product.id, { name: "Mật ong bạc hà" });
    }),
  ).rejects.toThrow(/without catalogWritten/);
  // Fields the catalog does not show need nothing.
  await db.dataSource.transaction((m) => m.update(Product, product.id, { archivedAt: new Date() }));
});
