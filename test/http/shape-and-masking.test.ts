import request from "supertest";
import { Role } from "../../src/auth/user.entity";
import { clearTestData, openTestDb, type TestDb } from "../support/db";
import { makeUser, TEST_PASSWORD } from "../support/factory";
import { codes, FixedClock, testApp } from "../support/http";
import { LOGIN } from "../support/operations";

const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  await clearTestData(db.dataSource);
});
afterAll(() => db.dataSource.destroy());

it("refuses more than 100 values in any list filter, never cutting it short", async () => {
  const { gql } = await testApp(db, clock);
  const province = await makeUser(db.dataSource, Role.PROVINCE_OFFICER);
  const token = (await gql(LOGIN, { email: province.email, password: TEST_PASSWORD })).body.data.login.token;
  const staff = { authorization: `Bearer ${token}` };
  const many = Array.from({ length: 101 }, (_, i) => String(10000 + i));
  const hundred = many.slice(0, 100);
  const lists: [string, Record<string, unknown>, Record<string, string>][] = [
    ["query($c: [String!]) { products(filter: { communeCodes: $c }) { totalCount } }", {}, {}],
    ["query($c: [String!]) { dossiers(filter: { communeCodes: $c }) { totalCount } }", {}, staff],
    ["query($c: [String!]) { expiringCertificates(withinDays: 30, communeCodes: $c) { number } }", {}, staff],
    [
      "query($c: [String!]) { certificatesRecognizedIn(recognizedYear: 2022, communeCodes: $c) { commune { code } } }",
      {},
      staff,
    ],
  ];
  for (const [query, , headers] of lists) {
    expect(codes(await gql(query, { c: many }, headers))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await gql(query, { c: hundred }, headers))).toEqual([]);
  }
  const csv = await request((await testApp(db, clock)).app)
    .get(`/reports/certificates.csv?recognizedYear=2022&communeCodes=${many.join(",")}`)
    .set(staff)
    .set("accept-language", "en");
  expect([csv.status, csv.body.errors[0].extensions.code]).toEqual([400, "BAD_USER_INPUT"]);
  expect(csv.body.errors[0].message).toBe("communeCodes may list at most 100 values.");
});

it("masks an unexpected failure: no SQL, driver text or stack reaches the client, and the request id finds it", async () => {
  const { app, services } = await testApp(db, clock);
  jest.spyOn(services.geography, "communes").mockRejectedValueOnce(
    Object.assign(new Error("ER_NO_SUCH_TABLE: SELECT `secret` FROM `user` WHERE password = 'x'"), {
      sql: "SELECT secret",
    }),
  );
  const r = await request(app)
    .post("/graphql")
    .set("accept-language", "en")
    .send({ query: "{ communes { code } }" });
  expect(r.body.errors).toEqual([
    {
      message: "Internal server error. The request id in the X-Request-Id header identifies it in the logs.",
      locations: expect.any(Array),
      path: ["communes"],
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    },
  ]);
  expect(JSON.stringify(r.body)).not.toMatch(/SELECT|secret|ER_NO_SUCH_TABLE|at \//);
  expect(r.headers["x-request-id"]).toMatch(/^[\w-]{36}$/);
});
