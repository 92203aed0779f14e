import request from "supertest";
import { clearTestData, openTestDb, type TestDb } from "../support/db";
import { makeProduct, makeUser, TEST_PASSWORD } from "../support/factory";
import { FixedClock, testApp } from "../support/http";
import { Role } from "../../src/auth/user.entity";
import { LOGIN } from "../support/operations";

const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  await clearTestData(db.dataSource);
});
afterAll(() => db.dataSource.destroy());

const PORTAL = "https://dulich.laichau.example";

describe("browser portals (CORS)", () => {
  it("answers a preflight from an allowed origin with 204 and the usual headers, and its request with the origin", async () => {
    const { app } = await testApp(db, clock, { corsOrigins: [PORTAL] });
    const preflight = await request(app).options("/graphql").set({
      origin: PORTAL,
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type,authorization",
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe(PORTAL);
    expect(preflight.headers["access-control-allow-methods"]).toContain("POST");
    expect(preflight.headers["access-control-allow-headers"]).toContain("authorization");
    const post = await request(app)
      .post("/graphql")
      .set({ origin: PORTAL })
      .send({ query: "{ communes { code } }" });
    expect(post.status).toBe(200);
    expect(post.headers["access-control-allow-origin"]).toBe(PORTAL);
    expect(post.headers["access-control-expose-headers"]).toContain("x-request-id");
  });

  it("gives an origin not allowed no CORS headers at all", async () => {
    const { app } = await testApp(db, clock, { corsOrigins: [PORTAL] });
    const preflight = await request(app)
      .options("/graphql")
      .set({ origin: "https://evil.example", "access-control-request-method": "POST" });
    expect(preflight.status).toBe(204);
    expect(Object.keys(preflight.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
    const post = await request(app)
      .post("/graphql")
      .set({ origin: "https://evil.example" })
      .send({ query: "{ communes { code } }" });
    expect(post.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("with *, lets any page read public data anonymously but never send a token", async () => {
    const { app } = await testApp(db, clock, { corsOrigins: ["*"] });
    const preflight = await request(app).options("/graphql").set({
      origin: "https://any.example",
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type",
    });
    expect(preflight.headers["access-control-allow-origin"]).toBe("*");
    expect(preflight.headers["access-control-allow-headers"]).not.toContain("authorization");
    const user = await makeUser(db.dataSource, Role.ADMIN);
    const token = (
      await request(app)
        .post("/graphql")
        .send({ query: LOGIN, variables: { email: user.email, password: TEST_PASSWORD } })
    ).body.data.login.token;
    const signedIn = await request(app)
      .post("/graphql")
      .set({ origin: "https://any.example", authorization: `Bearer ${token}` })
      .send({ query: "{ me { email } }" });
    expect(signedIn.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("keeps CSRF prevention for everything else: a simple form POST is refused", async () => {
    const { app } = await testApp(db, clock, { corsOrigins: [PORTAL] });
    const r = await request(app)
      .post("/graphql")
      .set({ origin: PORTAL })
      .type("form")
      .send({ query: "{ communes { code } }" });
    expect(r.status).toBe(400);
  });
});

describe("GraphQL clients", () => {
  it("keeps the standard directives: @include and @skip work, @deprecated and @specifiedBy are known", async () => {
    const { gql } = await testApp(db, clock);
    const r = await gql(
      "query($all: Boolean!) { communes { code name @include(if: $all) kind @skip(if: $all) } }",
      { all: false },
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.communes[0]).toEqual({ code: expect.any(String), kind: expect.any(String) });
    const directives = (await gql("{ __schema { directives { name } } }")).body.data.__schema.directives.map(
      (d: { name: string }) => d.name,
    );
    expect(directives).toEqual(
      expect.arrayContaining(["include", "skip", "deprecated", "specifiedBy", "cacheControl"]),
    );
  });

  it("never answers a client's mistake with a 5xx: a document that does not parse is GRAPHQL_PARSE_FAILED", async () => {
    const { app } = await testApp(db, clock);
    const modern = await request(app)
      .post("/graphql")
      .set("accept", "application/graphql-response+json")
      .send({ query: "{" });
    expect([modern.status, modern.body.errors[0].extensions.code]).toEqual([400, "GRAPHQL_PARSE_FAILED"]);
    const legacy = await request(app).post("/graphql").set("accept", "application/json").send({ query: "{" });
    expect([legacy.status, legacy.body.errors[0].extensions.code]).toEqual([200, "GRAPHQL_PARSE_FAILED"]);
    const long = await request(app)
      .post("/graphql")
      .set("accept", "application/graphql-response+json")
      .send({ query: `{ communes { ${"code ".repeat(1600)} } }` });
    expect([long.status, long.body.errors[0].extensions.code]).toEqual([400, "QUERY_TOO_COMPLEX"]);
  });

  it("offers introspection and suggestions to portals, and turns both off with INTROSPECTION=false", async () => {
    const on = await testApp(db, clock);
    expect((await on.gql("{ __schema { queryType { name } } }")).body.data.__schema.queryType.name).toBe(
      "Query",
    );
    expect((await on.gql("{ comunes { code } }")).body.errors![0].message).toMatch(/Did you mean "communes"/);
    const off = await testApp(db, clock, { introspection: false });
    expect((await off.gql("{ __schema { queryType { name } } }")).body.errors![0].extensions!.code).toBe(
      "GRAPHQL_VALIDATION_FAILED",
    );
    expect((await off.gql("{ comunes { code } }")).body.errors![0].message).not.toMatch(/Did you mean/);
  });

  it("finds a certificate as people type its number: any case, spaces around", async () => {
    const { certificate } = await makeProduct(db.dataSource, { name: "Chè Tả Phìn", communeCode: "03390" });
    const { gql } = await testApp(db, clock);
    const r = await gql("query($n: String!) { certificate(number: $n) { number } }", {
      n: `  ${certificate!.number.toLowerCase()} `,
    });
    expect(r.body.data.certificate).toEqual({ number: certificate!.number });
  });
});

describe("headers and pages", () => {
  it("sends security headers on every answer", async () => {
    const { app } = await testApp(db, clock);
    for (const path of ["/graphql?query=%7B__typename%7D", "/healthz", "/files/1"]) {
      const r = await request(app).get(path).set("apollo-require-preflight", "true");
      expect(r.headers["x-content-type-options"]).toBe("nosniff");
      expect(r.headers["x-frame-options"]).toBe("SAMEORIGIN");
      expect(r.headers["strict-transport-security"]).toMatch(/max-age=/);
      expect(r.headers["content-security-policy"]).toBe("default-src 'none';frame-ancestors 'none'");
    }
  });

  it("opens Apollo Sandbox in a browser for the demo, and a plain page in production", async () => {
    const demo = await testApp(db, clock, { demo: true });
    const sandbox = await request(demo.app).get("/graphql").set("accept", "text/html");
    expect(sandbox.text).toMatch(/embeddable-sandbox/);
    const production = await testApp(db, clock, { demo: false });
    const plain = await request(production.app).get("/graphql").set("accept", "text/html");
    expect(plain.status).toBe(200);
    expect(plain.text).toMatch(/OCOP API/);
    expect(plain.text).not.toMatch(/<script/);
  });
});

describe("metrics", () => {
  it("serves Prometheus metrics only with METRICS_TOKEN: requests by operation and outcome, latency, pool, cache, process", async () => {
    const closed = await testApp(db, clock);
    expect((await request(closed.app).get("/metrics")).status).toBe(404);

    const token = "metrics-token-0123456789";
    const { app, gql } = await testApp(db, clock, { metricsToken: token });
    expect((await request(app).get("/metrics")).status).toBe(401);
    expect(
      (await request(app).get("/metrics").set("authorization", "Bearer wrong-token-0123456789")).status,
    ).toBe(401);
    await gql("query Communes { communes { code } }");
    await gql("query Communes { communes { code } }");
    await gql("query Broken { nothing }"); // a document that does not validate has no operation yet
    const text = (await request(app).get("/metrics").set("authorization", `Bearer ${token}`)).text;
    expect(text).toContain('ocop_graphql_requests_total{operation="Communes",outcome="OK"} 2');
    expect(text).toContain(
      'ocop_graphql_requests_total{operation="anonymous",outcome="GRAPHQL_VALIDATION_FAILED"} 1',
    );
    expect(text).toMatch(/ocop_graphql_request_duration_seconds_bucket\{le="0.5",operation="Communes"\} 2/);

    // Names the contract does not know are one label, however many are sent.
    for (let i = 0; i < 250; i++) await gql(`query Junk${i} { communes { code } }`);
    const after = (await request(app).get("/metrics").set("authorization", `Bearer ${token}`)).text;
    expect(after).toContain('ocop_graphql_requests_total{operation="other",outcome="OK"} 250');
    expect(after).not.toMatch(/operation="Junk/);
    expect(text).toMatch(/ocop_db_pool_connections\{state="in_use"\} \d+/);
    expect(text).toContain('ocop_response_cache_lookups_total{result="miss"} 1');
    expect(text).toContain('ocop_response_cache_lookups_total{result="hit"} 1');
    expect(text).toMatch(/process_cpu_seconds_total \d/);
  });
});

describe("messages in Vietnamese and English", () => {
  const staffMutation = async (
    app: Awaited<ReturnType<typeof testApp>>["app"],
    headers: Record<string, string>,
  ) =>
    request(app).post("/graphql").set(headers).send({
      query: 'mutation { login(email: "khong.co@test.vn", password: "sai mat khau roi") { token } }',
    });

  it("answers in the language Accept-Language asks for, and by default in Vietnamese for staff operations and English for the public", async () => {
    const { app } = await testApp(db, clock);
    expect((await staffMutation(app, {})).body.errors[0].message).toBe("Sai thư điện tử hoặc mật khẩu.");
    expect((await staffMutation(app, { "accept-language": "en-GB,en;q=0.9" })).body.errors[0].message).toBe(
      "Wrong email or password.",
    );
    expect((await staffMutation(app, { "accept-language": "fr, vi;q=0.5" })).body.errors[0].message).toBe(
      "Sai thư điện tử hoặc mật khẩu.",
    );
    const publicQuery = (headers: Record<string, string>) =>
      request(app).post("/graphql").set(headers).send({ query: "{ products(first: 500) { totalCount } }" });
    expect((await publicQuery({})).body.errors[0].message).toBe("first must be between 1 and 100.");
    expect((await publicQuery({ "accept-language": "vi" })).body.errors[0].message).toBe(
      "Số mục mỗi trang phải từ 1 đến 100.",
    );
  });

  it("names a refused field in the officer's words, with the stable code and the field's path", async () => {
    const { app } = await testApp(db, clock);
    const admin = await makeUser(db.dataSource, Role.ADMIN);
    const token = (
      await request(app)
        .post("/graphql")
        .set("accept-language", "en")
        .send({ query: LOGIN, variables: { email: admin.email, password: TEST_PASSWORD } })
    ).body.data.login.token;
    const r = await request(app)
      .post("/graphql")
      .set({ authorization: `Bearer ${token}`, "accept-language": "vi" })
      .send({
        query: "mutation($i: OpenEvaluationRoundInput!) { openEvaluationRound(input: $i) { id } }",
        variables: { i: { name: "   ", year: 2026, submissionDeadline: "2026-10-31" } },
      });
    expect(r.body.errors[0]).toMatchObject({
      message: "Chưa nhập Tên.",
      extensions: {
        code: "BAD_USER_INPUT",
        field: "name",
        problems: [{ field: "name", message: "Chưa nhập Tên." }],
      },
    });
  });

  it("gives the words for every enum an officer sees", async () => {
    const { gql } = await testApp(db, clock);
    const labels = (await gql("{ enumLabels(lang: VI) { enum values { value label } } }")).body.data
      .enumLabels;
    const documents = labels.find((e: { enum: string }) => e.enum === "DocumentKind").values;
    expect(documents).toContainEqual({ value: "REGISTRATION_FORM", label: "Phiếu đăng ký sản phẩm" });
    const english = (await gql("{ enumLabels(lang: EN) { enum values { value label } } }")).body.data
      .enumLabels;
    expect(english.find((e: { enum: string }) => e.enum === "DossierStatus").values).toContainEqual({
      value: "FORWARDED",
      label: "Forwarded to the province",
    });
  });
});
