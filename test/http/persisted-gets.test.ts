import { createHash } from "node:crypto";
import request from "supertest";
import { makeProduct } from "../support/factory";
import { FixedClock } from "../support/http";
import { PRODUCT_DETAIL } from "../support/operations";
import { revokeThroughApi, useStaffApp } from "../support/staff";

const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
// Afresh before each test: a query registered by one test would be known to the next (Apollo's persisted-query cache).
const t = useStaffApp(clock, { each: true });

const hashOf = (query: string) => createHash("sha256").update(query).digest("hex");

/** The URL of a GET as a portal behind a CDN sends it: the query's hash (and, the first time, the query). */
function url(variables: object, withQuery = false) {
  const params = new URLSearchParams({
    operationName: "ProductDetail",
    variables: JSON.stringify(variables),
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hashOf(PRODUCT_DETAIL) } }),
    ...(withQuery ? { query: PRODUCT_DETAIL } : {}),
  });
  return `/graphql?${params.toString()}`;
}

/** That GET, with the header Apollo's CSRF prevention asks of a GET. */
function get(variables: object, { withQuery = false, headers = {} } = {}) {
  return request(t.app.app)
    .get(url(variables, withQuery))
    .set({ "apollo-require-preflight": "true", ...headers });
}

it("answers a persisted query over GET from stored bytes, with an ETag and 304, and never after a revocation", async () => {
  const { product, certificate } = await makeProduct(t.db.dataSource, {
    name: "Mật ong bạc hà",
    stars: 4,
    decisionDate: "2026-01-10",
  });
  const variables = { slug: product.slug };

  const unknown = await get(variables);
  expect(unknown.body.errors?.[0].extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  const registered = await get(variables, { withQuery: true });
  expect(registered.body.data.product.name).toBe("Mật ong bạc hà");

  const first = await get(variables);
  expect(first.status).toBe(200);
  expect(first.body.data.product.name).toBe("Mật ong bạc hà");
  expect(first.headers["cache-control"]).toBe("max-age=300, public");
  expect(first.headers.etag).toMatch(/^"[\w-]{32}"$/);

  // The same request again: the stored bytes, nothing run.
  const statements = t.db.sql.statements;
  const again = await get(variables);
  expect(again.text).toBe(first.text);
  expect(again.headers.etag).toBe(first.headers.etag);
  expect(t.db.sql.statements).toBe(statements);
  // Stored or not, a GET without a preflight header is refused (CSRF prevention).
  const withoutPreflight = await request(t.app.app).get(url(variables));
  expect(withoutPreflight.status).toBe(400);
  const notModified = await get(variables, { headers: { "if-none-match": first.headers.etag } });
  expect(notModified.status).toBe(304);
  expect(notModified.text).toBe("");

  // The province revokes: the very next GET runs again and no longer shows the product.
  await revokeThroughApi(t, certificate!.number, "9/QĐ-UBND", "2026-06-14");
  const after = await get(variables, { headers: { "if-none-match": first.headers.etag } });
  expect(after.status).toBe(200);
  expect(after.body.data.product).toBeNull();
  expect(after.headers.etag).not.toBe(first.headers.etag);
});

it("never stores or serves a signed-in GET", async () => {
  const { product } = await makeProduct(t.db.dataSource, {
    name: "Chè Shan tuyết",
    decisionDate: "2026-01-10",
  });
  const variables = { slug: product.slug };
  await get(variables, { withQuery: true });
  for (let i = 0; i < 2; i++) {
    const statements = t.db.sql.statements;
    const staff = await get(variables, { headers: t.staff.binhLu.headers });
    expect(staff.body.data.product.name).toBe("Chè Shan tuyết");
    expect(staff.headers["cache-control"]).toBe("no-store");
    expect(t.db.sql.statements).toBeGreaterThan(statements);
  }
});

it("replays a stored answer with what is left of its lifetime, never past midnight, and says what it varies by", async () => {
  const { product } = await makeProduct(t.db.dataSource, {
    name: "Chè Shan tuyết",
    decisionDate: "2026-01-10",
  });
  const variables = { slug: product.slug };
  await get(variables, { withQuery: true });
  const first = await get(variables);
  expect(first.headers["cache-control"]).toBe("max-age=300, public");
  expect(first.headers.vary).toBe("Accept, Accept-Language");

  // 120 s later the stored bytes are served, and outside caches may keep them 180 s more, not 300.
  const start = clock.instant;
  try {
    clock.instant = new Date(start.getTime() + 120_000);
    const later = await get(variables);
    expect(later.text).toBe(first.text);
    expect(later.headers["cache-control"]).toBe("max-age=180, public");
    expect(later.headers.vary).toBe("Accept, Accept-Language");

    // Computed 60 s before midnight in Vietnam (16:59 UTC), an answer is kept until midnight at most.
    clock.instant = new Date("2026-06-15T16:59:00Z");
    const other = await makeProduct(t.db.dataSource, { name: "Chè xanh", decisionDate: "2026-01-10" });
    await get({ slug: other.product.slug });
    const late = await get({ slug: other.product.slug });
    expect(late.headers["cache-control"]).toBe("max-age=60, public");
  } finally {
    clock.instant = start;
  }
});
