import { Role } from "../../src/auth/user.entity";
import { GENERATION_POLL_MS } from "../../src/catalog/generation";
import { dataSourceFor } from "../../src/db/data-source";
import { SqlLogger } from "../../src/db/sql-logger";
import { clearTestData, openTestDb, TEST_DATABASE_URL, type TestDb } from "../support/db";
import { makeProduct, makeUser } from "../support/factory";
import { FixedClock, testApp } from "../support/http";
import { CATALOG_PAGE, op } from "../support/operations";
import { signIn } from "../support/staff";

const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
let first: TestDb;
let second: TestDb;

beforeAll(async () => {
  first = await openTestDb();
  // A second instance: its own pool and its own caches, on the same database.
  const dataSource = await dataSourceFor({ kind: "mysql", url: TEST_DATABASE_URL }, new SqlLogger());
  second = { dataSource: await dataSource.initialize(), sql: new SqlLogger() };
});
beforeEach(() => clearTestData(first.dataSource));
afterAll(async () => {
  await first.dataSource.destroy();
  await second.dataSource.destroy();
});

const names = (r: { body: { data?: any } }) => r.body.data.products.edges.map((e: any) => e.node.name);

it("shows a revocation made on one instance on another within two seconds, though the other had the listing cached", async () => {
  const a = await testApp(first, clock);
  const b = await testApp(second, clock);
  const { certificate } = await makeProduct(first.dataSource, {
    name: "Chè Shan tuyết",
    communeCode: "03390",
  });
  expect(names(await b.gql(CATALOG_PAGE, { first: 5 }))).toEqual(["Chè Shan tuyết"]); // now in b's response cache
  expect((await b.gql(CATALOG_PAGE, { first: 5 })).headers["cache-control"]).toBe("max-age=300, public");

  const province = await signIn(a.gql, await makeUser(first.dataSource, Role.PROVINCE_OFFICER));
  const revoked = await a.gql(
    op("RevokeCertificate"),
    {
      input: {
        certificateNumber: certificate!.number,
        decisionNumber: "7/QĐ",
        decisionDate: "2026-06-15",
        reason: "Vi phạm",
        grounds: ["LOGO_MISUSE"],
      },
    },
    province.headers,
  );
  expect(revoked.body.errors).toBeUndefined();
  expect(names(await a.gql(CATALOG_PAGE, { first: 5 }))).toEqual([]); // the instance that revoked: at once

  await new Promise((resolve) => setTimeout(resolve, GENERATION_POLL_MS + 100));
  const fromB = await b.gql(CATALOG_PAGE, { first: 5 });
  expect(names(fromB)).toEqual([]);
  expect(fromB.body.data.products.totalCount).toBe(0); // the count memo too
});

it("never answers a signed-in request from the shared cache", async () => {
  const app = await testApp(first, clock);
  await makeProduct(first.dataSource, { name: "Mật ong Pa Ủ", communeCode: "03442" });
  await app.gql(CATALOG_PAGE, { first: 3 }); // cached for the public
  const staff = await signIn(app.gql, await makeUser(first.dataSource, Role.COMMUNE_OFFICER, "03390"));
  const signedIn = await app.gql(CATALOG_PAGE, { first: 3 }, staff.headers);
  expect(signedIn.headers["cache-control"]).toBe("no-store");
  expect(signedIn.headers.age).toBeUndefined();
});

it("never keeps a listing read before a revocation that committed while it was being answered", async () => {
  const app = await testApp(first, clock);
  const { certificate } = await makeProduct(first.dataSource, { name: "Gạo Séng Cù", communeCode: "03390" });
  const province = await signIn(app.gql, await makeUser(first.dataSource, Role.PROVINCE_OFFICER));
  const revoke = () =>
    app.gql(
      op("RevokeCertificate"),
      {
        input: {
          certificateNumber: certificate!.number,
          decisionNumber: "8/QĐ",
          decisionDate: "2026-06-15",
          reason: "Vi phạm",
          grounds: ["LOGO_MISUSE"],
        },
      },
      province.headers,
    );

  // The listing reads the product, then the revocation commits, then the listing's answer is sent.
  const products = app.services.catalog.products.bind(app.services.catalog);
  jest.spyOn(app.services.catalog, "products").mockImplementationOnce(async (...args) => {
    const page = await products(...args); // read under the old generation
    expect((await revoke()).body.errors).toBeUndefined();
    return page;
  });
  expect(names(await app.gql(CATALOG_PAGE, { first: 5 }))).toEqual(["Gạo Séng Cù"]); // stale, but not kept
  expect(names(await app.gql(CATALOG_PAGE, { first: 5 }))).toEqual([]);
});

it("never serves a listing cached on one day the next: a certificate that ran out at midnight leaves at once", async () => {
  const day = new FixedClock(new Date("2026-06-15T16:00:00Z")); // 23:00 in Vietnam
  const app = await testApp(first, day);
  await makeProduct(first.dataSource, {
    name: "Mật ong hết hạn",
    communeCode: "03390",
    decisionDate: "2023-06-15",
    expiresOn: "2026-06-15",
  });
  expect(names(await app.gql(CATALOG_PAGE, { first: 5 }))).toEqual(["Mật ong hết hạn"]); // cached
  day.instant = new Date("2026-06-15T17:30:00Z"); // 00:30 on the 16th, nothing written
  expect(names(await app.gql(CATALOG_PAGE, { first: 5 }))).toEqual([]);
});
