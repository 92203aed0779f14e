// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { clearTestData, openTestDb, type TestDb } from "../support/db";
import { makeProducer, makeProduct } from "../support/factory";
import { FixedClock, testApp } from "../support/http";
import { CATALOG_PAGE } from "../support/operations";

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  await clearTestData(db.dataSource);
});
afterAll(() => db.dataSource.destroy());

it("sorts names the same way on every database: folded, so Cá hồi comes before Chuối", async () => {
  const { gql } = await testApp(db, new FixedClock(new Date("2026-06-15T03:00:00Z")));
  const producer = await makeProducer(db.dataSource, { communeCode: "03390" });
  for (const name of ["Chuối sấy", "Cá hồi Sìn Hồ", "Cà phê", "Bánh", "Ớt"])
    await makeProduct(db.dataSource, { name, producer });
  const r = await gql(CATALOG_PAGE, { first: 10, sort: { field: "NAME", direction: "ASC" } });
  expect(r.body.data.products.edges.map((e: any) => e.node.name)).toEqual([
    "Bánh",
    "Cá hồi Sìn Hồ",
    "Cà phê",
    "Chuối sấy",
    "Ớt",
  ]);
});
