import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControl } from "@apollo/server/plugin/cacheControl";
import { getOperationAST, parse } from "graphql";
import { ReferenceCache } from "../../src/catalog/reference-cache";
import type { Context } from "../../src/context";
import { vietnamDate } from "../../src/core/time";
import { operationCachePolicy } from "../../src/http/cache-policy";
import { createLoaders } from "../../src/loaders";
import { createLogger } from "../../src/logger";
import { appSchema } from "../../src/schema";
import { makeProduct } from "../support/factory";
import { FixedClock } from "../support/http";
import { op } from "../support/operations";
import { useStaffApp } from "../support/staff";

/**
 * The cache policy computed once per operation (cachePolicyPlugin, with Apollo's per-field plugin off)
 * against Apollo's own, field by field, on the public operations of the contract with real data: the same
 * header for each, and never more permissive.
 */
const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
const t = useStaffApp(clock);

it("gives every public contract operation the policy Apollo's cache-control plugin gives it", async () => {
  const { product, certificate } = await makeProduct(t.db.dataSource, {
    name: "Mật ong bạc hà",
    stars: 4,
    decisionDate: "2026-01-10",
  });
  const schema = await appSchema();
  const reference = new ApolloServer<Context>({
    schema,
    plugins: [ApolloServerPluginCacheControl({ calculateHttpHeaders: true })],
  });
  await reference.start();
  const today = vietnamDate(clock.instant);
  const context = (): Context => ({
    requestId: "test",
    viewer: null,
    ip: "127.0.0.1",
    now: clock.instant,
    today,
    catalogGeneration: () => Promise.resolve(1),
    reader: t.db.dataSource,
    loaders: createLoaders(t.db.dataSource, new ReferenceCache(t.db.dataSource), today),
    services: t.app.services,
    log: createLogger("silent"),
  });
  const variables: Record<string, Record<string, unknown>> = {
    CatalogPage: { first: 5 },
    CatalogFacets: { filter: { stars: [4] } },
    ProductDetail: { slug: product.slug },
    VerifyCertificate: { number: certificate!.number },
    ProducerPage: { id: String(product.producerId) },
    ProductContent: { slug: product.slug },
    CatalogListingWithThumbnails: { first: 5 },
    CatalogChanges: { first: 5 },
  };
  const names = [
    "CatalogPage",
    "CatalogFacets",
    "ProductDetail",
    "Communes",
    "CategoryTree",
    "VerifyCertificate",
    "ProducerPage",
    "ProductContent",
    "CatalogListingWithThumbnails",
    "CatalogChanges",
  ];
  for (const name of names) {
    const query = op(name);
    const answer = await reference.executeOperation(
      { query, variables: variables[name] ?? {} },
      { contextValue: context() },
    );
    expect(answer.body.kind === "single" && answer.body.singleResult.errors).toBeFalsy();
    const document = parse(query);
    const policy = operationCachePolicy(schema, document, getOperationAST(document)!);
    const ours = policy.maxAge ? `max-age=${policy.maxAge}, ${policy.scope!.toLowerCase()}` : "no-store";
    expect({ name, header: ours }).toEqual({ name, header: answer.http.headers.get("cache-control") });
  }
  await reference.stop();
});

it("finds what is not cacheable: a root field or an object without a hint, and keeps the stricter scope", async () => {
  const schema = await appSchema();
  const policy = (query: string) => {
    const document = parse(query);
    return operationCachePolicy(schema, document, getOperationAST(document)!);
  };
  expect(policy("{ me { email } }")).toEqual({ maxAge: 0 });
  expect(policy("{ products(first: 1) { totalCount } }")).toEqual({ maxAge: 300, scope: "PUBLIC" });
  expect(policy("{ products(first: 1) { edges { node { name } } } }")).toEqual({
    maxAge: 300,
    scope: "PUBLIC",
  });
  expect(policy("{ products(first: 1) { totalCount } me { email } }")).toEqual({
    maxAge: 0,
    scope: "PUBLIC",
  });
  expect(policy("{ __typename }")).toEqual({});
});
