// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import request from "supertest";
import { SignJWT } from "jose";
import { AuditEvent } from "../../src/audit/audit-event.entity";
import { Role, User } from "../../src/auth/user.entity";
import { clearTestData, openTestDb, type TestDb } from "../support/db";
import { makeProduct, makeUser, TEST_PASSWORD } from "../support/factory";
import { codes, FixedClock, testApp, TEST_SECRET } from "../support/http";
import { CATALOG_PAGE, CREATE_USER, LOGIN, ME } from "../support/operations";

const START = new Date("2026-06-15T03:00:00Z");
const clock = new FixedClock(START);
let db: TestDb;
let app: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  db = await openTestDb();
});
beforeEach(async () => {
  await clearTestData(db.dataSource);
  clock.instant = START;
  // The throttle's library reads Date.now: it follows the test's clock.
  jest.spyOn(Date, "now").mockImplementation(() => clock.instant.getTime());
  app = await testApp(db, clock);
});
afterEach(() => jest.restoreAllMocks());
afterAll(async () => {
  await db.dataSource.destroy();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
async function tokenFor(user: User, password = TEST_PASSWORD): Promise<string> {
  const r = await app.gql(LOGIN, { email: user.email, password });
  expect(r.body.errors).toBeUndefined();
  return r.body.data.login.token;
}

describe("login", () => {
  it("answers a token valid 8 hours and the user; the token works for me", async () => {
    const officer = await makeUser(db.dataSource, Role.COMMUNE_OFFICER, "03390");
    const r = await app.gql(LOGIN, { email: `  ${officer.email.toUpperCase()} `, password: TEST_PASSWORD });
    expect(r.body.data.login).toMatchObject({
      expiresAt: "2026-06-15T11:00:00.000Z",
      user: {
        id: String(officer.id),
        email: officer.email,
        role: "COMMUNE_OFFICER",
        commune: { code: "03390" },
      },
    });
    const me = await app.gql(ME, {}, bearer(r.body.data.login.token));
    expect(me.body.data.me).toEqual({
      id: String(officer.id),
      email: officer.email,
      role: "COMMUNE_OFFICER",
      commune: { code: "03390" },
    });
    expect(
      await db.dataSource.getRepository(AuditEvent).countBy({ action: "LOGIN", actorId: officer.id }),
    ).toBe(1);
  });

  it("gives one error for an unknown email, a wrong password and a deactivated account", async () => {
    const user = await makeUser(db.dataSource, Role.ADMIN);
    const inactive = await makeUser(db.dataSource, Role.ADMIN, null, { active: false });
    const answers = await Promise.all([
      app.gql(LOGIN, { email: "nobody@test.ocop.vn", password: TEST_PASSWORD }),
      app.gql(LOGIN, { email: user.email, password: "wrong password here" }),
      app.gql(LOGIN, { email: inactive.email, password: TEST_PASSWORD }),
    ]);
    for (const r of answers) {
      expect(r.body.errors).toEqual([
        {
          message: "Wrong email or password.",
          extensions: { code: "UNAUTHENTICATED" },
          path: ["login"],
          locations: expect.any(Array),
        },
      ]);
      expect(r.body.data).toBeNull();
    }
  });
});

describe("who may do what", () => {
  type Case = "anonymous" | Role;
  const CASES: Case[] = [
    "anonymous",
    Role.ADMIN,
    Role.PROVINCE_OFFICER,
    Role.COUNCIL_MEMBER,
    Role.COMMUNE_OFFICER,
  ];
  const ADMIN_ONLY = (c: Case) =>
    c === "anonymous" ? "UNAUTHENTICATED" : c === Role.ADMIN ? null : "FORBIDDEN";
  const SIGNED_IN = (c: Case) => (c === "anonymous" ? "UNAUTHENTICATED" : null);

  const OPERATIONS: {
    name: string;
    expected: (c: Case) => string | null;
    run: (headers: Record<string, string>, target: User, n: number) => Promise<any>;
  }[] = [
    { name: "me", expected: SIGNED_IN, run: (h) => app.gql(ME, {}, h) },
    { name: "users", expected: ADMIN_ONLY, run: (h) => app.gql("{ users { id email } }", {}, h) },
    {
      name: "createUser",
      expected: ADMIN_ONLY,
      run: (h, _t, n) =>
        app.gql(
          CREATE_USER,
          {
            input: {
              email: `new${n}@test.ocop.vn`,
              fullName: "Mới",
              role: "COMMUNE_OFFICER",
              communeCode: "03595",
              password: "a long enough password",
            },
          },
          h,
        ),
    },
    {
      name: "setUserActive",
      expected: ADMIN_ONLY,
      run: (h, t) =>
        app.gql(
          "mutation($id: ID!) { setUserActive(id: $id, active: true) { id active } }",
          { id: String(t.id) },
          h,
        ),
    },
    {
      name: "resetUserPassword",
      expected: ADMIN_ONLY,
      run: (h, t) =>
        app.gql(
          'mutation($id: ID!) { resetUserPassword(id: $id, password: "another long password") { id } }',
          { id: String(t.id) },
          h,
        ),
    },
    {
      name: "changePassword",
      expected: SIGNED_IN,
      run: (h) =>
        app.gql(
          `mutation { changePassword(oldPassword: "${TEST_PASSWORD}", newPassword: "a brand new password") { token } }`,
          {},
          h,
        ),
    },
  ];

  for (const op of OPERATIONS) {
    it(`${op.name}: ${CASES.map((c) => `${c} → ${op.expected(c) ?? "ok"}`).join(", ")}`, async () => {
      const target = await makeUser(db.dataSource, Role.COUNCIL_MEMBER);
      let n = 0;
      for (const c of CASES) {
        n++;
        const headers =
          c === "anonymous"
            ? {}
            : bearer(
                await tokenFor(await makeUser(db.dataSource, c, c === Role.COMMUNE_OFFICER ? "03390" : null)),
              );
        const r = await op.run(headers, target, n);
        const expected = op.expected(c);
        if (expected) {
          expect({ c, codes: codes(r) }).toEqual({ c, codes: [expected] });
          expect(r.body.data).toBeNull();
        } else {
          expect({ c, errors: r.body.errors }).toEqual({ c, errors: undefined });
        }
      }
    });
  }

  it("leaves nothing behind when refused", async () => {
    const officer = await makeUser(db.dataSource, Role.PROVINCE_OFFICER);
    const before = await db.dataSource.getRepository(User).count();
    await app.gql(
      CREATE_USER,
      {
        input: { email: "x@test.ocop.vn", fullName: "X", role: "ADMIN", password: "a long enough password" },
      },
      bearer(await tokenFor(officer)),
    );
    expect(await db.dataSource.getRepository(User).count()).toBe(before);
  });
});

describe("createUser", () => {
  let admin: Record<string, string>;
  beforeEach(async () => {
    admin = bearer(await tokenFor(await makeUser(db.dataSource, Role.ADMIN)));
  });
  const create = (input: Record<string, unknown>) =>
    app.gql(
      CREATE_USER,
      {
        input: {
          email: "can.bo@test.ocop.vn",
          fullName: "Cán bộ",
          role: "COMMUNE_OFFICER",
          communeCode: "03390",
          password: "a long enough password",
          ...input,
        },
      },
      admin,
    );

  it("creates a user, unique by email whatever the case, and audits it", async () => {
    const r = await create({ email: "Can.Bo@Test.OCOP.vn" });
    expect(r.body.data.createUser).toMatchObject({
      email: "can.bo@test.ocop.vn",
      role: "COMMUNE_OFFICER",
      commune: { code: "03390" },
    });
    expect(codes(await create({ email: "CAN.BO@test.ocop.vn" }))).toEqual(["CONFLICT"]);
    const event = await db.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: "USER_CREATED" });
    expect(event).toMatchObject({
      subjectType: "User",
      subjectId: r.body.data.createUser.id,
      note: "COMMUNE_OFFICER 03390",
    });
    expect(event.actorId).not.toBeNull();
  });

  it("refuses bad input without echoing it, and creates nothing", async () => {
    const secret = "short-pw";
    for (const input of [
      { role: "COMMUNE_OFFICER", communeCode: null },
      { role: "PROVINCE_OFFICER" },
      { communeCode: "99999" },
      { communeCode: "abc" },
      { email: "not an email" },
      { password: secret },
      { fullName: "" },
    ]) {
      const r = await create(input);
      expect({ input, codes: codes(r) }).toEqual({ input, codes: ["BAD_USER_INPUT"] });
      expect(JSON.stringify(r.body)).not.toContain(secret);
    }
    expect(await db.dataSource.getRepository(User).count()).toBe(1);
  });
});

describe("sessions end", () => {
  it("when the password changes (the new token works), is reset, or the user is deactivated", async () => {
    const ds = db.dataSource;
    const admin = bearer(await tokenFor(await makeUser(ds, Role.ADMIN)));
    const user = await makeUser(ds, Role.PROVINCE_OFFICER);

    const first = await tokenFor(user);
    const changed = await app.gql(
      `mutation { changePassword(oldPassword: "${TEST_PASSWORD}", newPassword: "my new long password") { token } }`,
      {},
      bearer(first),
    );
    expect(codes(await app.gql(ME, {}, bearer(first)))).toEqual(["UNAUTHENTICATED"]);
    expect((await app.gql(ME, {}, bearer(changed.body.data.changePassword.token))).body.data.me.email).toBe(
      user.email,
    );
    expect(
      codes(
        await app.gql(
          `mutation { changePassword(oldPassword: "wrong old password", newPassword: "whatever long enough") { token } }`,
          {},
          bearer(changed.body.data.changePassword.token),
        ),
      ),
    ).toEqual(["BAD_USER_INPUT"]);

    const second = await tokenFor(user, "my new long password");
    await app.gql(
      'mutation($id: ID!) { resetUserPassword(id: $id, password: "reset by the admin") { id } }',
      { id: String(user.id) },
      admin,
    );
    expect(codes(await app.gql(ME, {}, bearer(second)))).toEqual(["UNAUTHENTICATED"]);

    const third = await tokenFor(user, "reset by the admin");
    await app.gql(
      "mutation($id: ID!) { setUserActive(id: $id, active: false) { id } }",
      { id: String(user.id) },
      admin,
    );
    expect(codes(await app.gql(ME, {}, bearer(third)))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await app.gql(LOGIN, { email: user.email, password: "reset by the admin" }))).toEqual([
      "UNAUTHENTICATED",
    ]);
    const actions = (
      await ds.getRepository(AuditEvent).find({ where: { subjectId: String(user.id) }, order: { id: "ASC" } })
    ).map((e) => e.action);
    expect(actions).toEqual([
      "LOGIN",
      "PASSWORD_CHANGED",
      "PASSWORD_CHANGE_FAILED",
      "LOGIN",
      "PASSWORD_RESET",
      "LOGIN",
      "USER_DEACTIVATED",
      "LOGIN_FAILED",
    ]);
  });
});

describe("over HTTP", () => {
  it("answers 401 for a malformed, forged or expired token", async () => {
    const user = await makeUser(db.dataSource, Role.ADMIN);
    const token = await tokenFor(user);
    const forged = await new SignJWT({ ver: 1 })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(String(user.id))
      .setIssuer("ocop-api")
      .setAudience("ocop-staff")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("another-secret-another-secret-another"));
    for (const authorization of ["Bearer not-a-token", `Basic ${token}`, `Bearer ${forged}`]) {
      const r = await app.gql(ME, {}, { authorization });
      expect(r.status).toBe(401);
      expect(codes(r)).toEqual(["UNAUTHENTICATED"]);
    }
    clock.instant = new Date(START.getTime() + 8 * 3600_000 + 1000);
    const expired = await app.gql(ME, {}, bearer(token));
    expect(expired.status).toBe(401);
    expect(codes(expired)).toEqual(["UNAUTHENTICATED"]);
    expect(TEST_SECRET).not.toBe("another-secret-another-secret-another");
  });

  it("refuses a simple form POST (CSRF)", async () => {
    const r = await request(app.app)
      .post("/graphql")
      .type("form")
      .send({ query: `mutation { login(email: "a@b.c", password: "x") { token } }` });
    expect(r.status).toBe(400);
  });

  it("locks an account after 10 failures in 15 minutes, from any address, and lifts after 15 minutes", async () => {
    const user = await makeUser(db.dataSource, Role.ADMIN);
    const attempt = (password: string, ip: string) =>
      request(app.app)
        .post("/graphql")
        .set("x-forwarded-for", ip)
        .send({ query: LOGIN, variables: { email: user.email, password } });
    for (let i = 0; i < 10; i++) {
      clock.instant = new Date(START.getTime() + i * 60_000);
      const r = await attempt("wrong password!!", `203.0.113.${i}`);
      expect(r.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    }
    const locked = await attempt(TEST_PASSWORD, "198.51.100.7");
    expect(locked.status).toBe(429);
    expect(locked.body.errors[0].extensions.code).toBe("RATE_LIMITED");
    expect(Number(locked.headers["retry-after"])).toBe(15 * 60);
    clock.instant = new Date(START.getTime() + 9 * 60_000 + 15 * 60_000 + 1000);
    const lifted = await attempt(TEST_PASSWORD, "198.51.100.7");
    expect(lifted.body.data.login.user.email).toBe(user.email);
    const failures = await db.dataSource.getRepository(AuditEvent).findBy({ action: "LOGIN_FAILED" });
    expect(failures).toHaveLength(10);
    expect(failures[0].note).toBe(`${user.email} from 203.0.113.0`);
  });

  it("has one lock per account, however its address is spelled: variants are refused or are the same account", async () => {
    const user = await makeUser(db.dataSource, Role.ADMIN, null, { email: "vic.officer@x.vn" });
    const attempt = (email: string, password: string, ip: string) =>
      request(app.app)
        .post("/graphql")
        .set({ "x-forwarded-for": ip, "accept-language": "en" })
        .send({ query: LOGIN, variables: { email, password } });
    // Spellings with another letter or an invisible character: refused as addresses (no new key, and no
    // account found by a lenient collation), counted on the address.
    for (const variant of ["víc.officer@x.vn", "vic.\u200bofficer@x.vn", "vic officer@x.vn"]) {
      const r = await attempt(variant, "wrong password!!", "203.0.113.50");
      expect([variant, r.body.errors[0].extensions.code]).toEqual([variant, "BAD_USER_INPUT"]);
    }
    // An internationalised domain is its punycode: another address, which no account has.
    const idn = await attempt("vic.officer@x.vñ", "wrong password!!", "203.0.113.51");
    expect(idn.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    // Case, width and spaces are one spelling of the same account, and share its count.
    const same = ["VIC.OFFICER@X.VN", " vic.officer@x.vn ", "ｖｉｃ.officer@x.vn", "vic.officer@X.VN"];
    for (let i = 0; i < 10; i++) {
      const r = await attempt(same[i % same.length], "wrong password!!", `203.0.113.${i}`);
      expect(r.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    }
    for (const spelling of same) {
      const locked = await attempt(spelling, TEST_PASSWORD, "198.51.100.7");
      expect([spelling, locked.body.errors?.[0]?.extensions?.code]).toEqual([spelling, "RATE_LIMITED"]);
    }
    expect(user.email).toBe("vic.officer@x.vn");
    // Unknown addresses share one decoy count, so guessing them does not open new keys.
    const rows = await db.dataSource.query<{ key: string }[]>("SELECT `key` FROM login_throttle");
    expect(
      rows
        .map((r) => r.key)
        .filter((k) => k.startsWith("account"))
        .sort(),
    ).toEqual(["account:unknown", `account:user:${user.id}`]);
  });

  it("stores addresses in their one spelling: an internationalised domain as punycode, other letters refused", async () => {
    const admin = await makeUser(db.dataSource, Role.ADMIN);
    const token = await tokenFor(admin);
    const create = (email: string) =>
      app.gql(
        CREATE_USER,
        {
          input: {
            email,
            fullName: "Cán bộ",
            role: "PROVINCE_OFFICER",
            password: "a long enough passphrase 7",
          },
        },
        bearer(token),
      );
    const idn = await create("Can.Bo@Nông-nghiệp.vn");
    expect(idn.body.data.createUser.email).toBe("can.bo@xn--nng-nghip-g7a6015f.vn");
    expect(codes(await create("can.bo@xn--nng-nghip-g7a6015f.vn"))).toEqual(["CONFLICT"]);
    expect(codes(await create("cán.bộ@x.vn"))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await create("can\u200b.bo@x.vn"))).toEqual(["BAD_USER_INPUT"]);
  });

  it("counts a burst of parallel guesses before checking them: 40 at once against one account, 150 from one address", async () => {
    const user = await makeUser(db.dataSource, Role.ADMIN);
    const guess = (email: string, ip: string) =>
      request(app.app)
        .post("/graphql")
        .set("x-forwarded-for", ip)
        .send({ query: LOGIN, variables: { email, password: "wrong password!!" } });
    const account = await Promise.all(
      Array.from({ length: 40 }, (_, i) => guess(user.email, `203.0.113.${i}`)),
    );
    const tried = account.filter((r) => r.body.errors[0].extensions.code === "UNAUTHENTICATED");
    expect(tried).toHaveLength(10);
    expect(account.filter((r) => r.status === 429)).toHaveLength(30);

    const address = await Promise.all(
      Array.from({ length: 150 }, (_, i) => guess(`nobody${i}@example.org`, "198.51.100.9")),
    );
    expect(address.filter((r) => r.body.errors[0].extensions.code === "UNAUTHENTICATED")).toHaveLength(100);
    expect(address.filter((r) => r.status === 429)).toHaveLength(50);
  });

  it("throttles wrong current passwords in changePassword like failed logins", async () => {
    const user = await makeUser(db.dataSource, Role.PROVINCE_OFFICER);
    const token = await tokenFor(user);
    const change = () =>
      app.gql(
        `mutation { changePassword(oldPassword: "not my password at all", newPassword: "a fresh long passphrase 42") { token } }`,
        {},
        bearer(token),
      );
    for (let i = 0; i < 10; i++) expect(codes(await change())).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await change())).toEqual(["RATE_LIMITED"]);
    expect(await db.dataSource.getRepository(AuditEvent).countBy({ action: "PASSWORD_CHANGE_FAILED" })).toBe(
      10,
    );
  });

  it("takes the address from X-Forwarded-For only when it is one", async () => {
    const user = await makeUser(db.dataSource, Role.ADMIN);
    const r = await request(app.app)
      .post("/graphql")
      .set("x-forwarded-for", "x".repeat(100))
      .send({ query: LOGIN, variables: { email: user.email, password: "wrong password!!" } });
    expect(r.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const failure = await db.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: "LOGIN_FAILED" });
    expect(failure.note).toMatch(/from (::ffff:)?127\.0\.0\.1$|from ::1$/);
  });

  it("believes X-Forwarded-For only from the proxies TRUST_PROXY names", async () => {
    const user = await makeUser(db.dataSource, Role.ADMIN);
    const attempt = async (trustProxy: string[]) => {
      const other = await testApp(db, clock, { trustProxy });
      await request(other.app)
        .post("/graphql")
        .set("x-forwarded-for", "198.51.100.23")
        .send({ query: LOGIN, variables: { email: user.email, password: "wrong password!!" } });
      return (
        await db.dataSource
          .getRepository(AuditEvent)
          .find({ where: { action: "LOGIN_FAILED" }, order: { id: "DESC" }, take: 1 })
      )[0].note;
    };
    expect(await attempt(["loopback"])).toBe(`${user.email} from 198.51.100.23`);
    expect(await attempt(["10.0.0.0/8"])).toMatch(/from (::ffff:)?127\.0\.0\.1$|from ::1$/);
  });

  it("refuses weak, known and demo passwords", async () => {
    const user = await makeUser(db.dataSource, Role.PROVINCE_OFFICER);
    const token = await tokenFor(user);
    for (const weak of ["aaaaaaaaaaaa", "            ", "password1234", "ocop-demo-password", user.email]) {
      const r = await app.gql(
        "mutation($o: String!, $n: String!) { changePassword(oldPassword: $o, newPassword: $n) { token } }",
        { o: TEST_PASSWORD, n: weak },
        bearer(token),
      );
      expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    }
  });

  it("serves the public catalog the same with a token or without", async () => {
    await makeProduct(db.dataSource, { name: "Mật ong Pa Ủ", communeCode: "03442" });
    const token = await tokenFor(await makeUser(db.dataSource, Role.COMMUNE_OFFICER, "03390"));
    const anonymous = await app.gql(CATALOG_PAGE, { first: 5 });
    const signedIn = await app.gql(CATALOG_PAGE, { first: 5 }, bearer(token));
    expect(signedIn.body).toEqual(anonymous.body);
    expect(anonymous.body.data.products.totalCount).toBe(1);
  });
});

describe("caching of signed-in answers", () => {
  it("never caches an answer to a signed-in viewer, nor serves one a cached answer meant for someone else", async () => {
    await makeProduct(db.dataSource, { name: "Chè Bình Lư", communeCode: "03390" });
    const province = bearer(await tokenFor(await makeUser(db.dataSource, Role.PROVINCE_OFFICER)));
    const otherCommune = bearer(await tokenFor(await makeUser(db.dataSource, Role.COMMUNE_OFFICER, "03595")));
    const query = "{ expiringCertificates(withinDays: 1000) { number } }";
    const first = await app.gql(query, {}, province);
    expect(first.body.data.expiringCertificates).toHaveLength(1);
    expect(first.headers["cache-control"]).toBe("no-store");
    expect((await app.gql(query, {}, otherCommune)).body.data.expiringCertificates).toEqual([]);
    const signedInCatalog = await app.gql(CATALOG_PAGE, { first: 3 }, province);
    expect(signedInCatalog.headers["cache-control"]).toBe("no-store");
    expect((await app.gql(CATALOG_PAGE, { first: 3 })).headers["cache-control"]).toBe("max-age=300, public");
  });
});
