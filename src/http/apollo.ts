import type { GraphQLSchema } from "graphql";
import type { Config } from "../config";
import type { Server } from "node:http";
import { ApolloServer } from "@apollo/server";
import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import responseCachePlugin from "@apollo/server-plugin-response-cache";
import { askedLanguage } from "../i18n/messages";
import { type CatalogGeneration } from "../catalog/generation";
import type { Context } from "../context";
import { formatError } from "./errors";
import { requestLimits } from "./limits";
import { type Metrics } from "./metrics";
import {
  legacyJsonStatusPlugin,
  plainLandingPagePlugin,
  requestLogPlugin,
  staffLanguagePlugin,
  cachePolicyPlugin,
} from "./plugins";

/** What the GraphQL server is built from. */
export type ApolloDeps = {
  schema: GraphQLSchema;
  config: Partial<Pick<Config, "demo" | "introspection">>;
  responseCache: InMemoryLRUCache;
  /** Keep whole public answers (off in the benchmark). */
  cacheAnswers: boolean;
  metrics: Metrics;
  generation: CatalogGeneration;
  httpServer?: Server;
};

/** The GraphQL server: limits, cache policy, the response cache keyed by the catalog generation, plugins. */
export async function createApollo({
  schema,
  config,
  responseCache,
  cacheAnswers,
  metrics,
  generation,
  httpServer,
}: ApolloDeps): Promise<ApolloServer<Context>> {
  const limits = requestLimits(schema);
  // Portals read the schema: introspection and "did you mean" suggestions stay on unless INTROSPECTION=false.
  const introspection = config.introspection ?? true;
  const apollo = new ApolloServer<Context>({
    schema,
    cache: responseCache,
    // Persisted queries (the hash of a query a client sent once) outlive catalog events, which clear the
    // response cache: a portal's GETs by hash keep working.
    persistedQueries: { cache: new InMemoryLRUCache({ maxSize: 8 * 1024 * 1024 }) },
    introspection,
    hideSchemaDetailsFromClientErrors: !introspection,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    stopOnTerminationSignals: false, // main.ts drains and closes the database itself
    formatError,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    plugins: [
      ...limits.plugins,
      cachePolicyPlugin(),
      ApolloServerPluginCacheControlDisabled(), // cachePolicyPlugin computes it per operation instead
      legacyJsonStatusPlugin(),
      staffLanguagePlugin(),
      // Public catalog answers are cached whole (their cache hints decide for how long).
      ...(!cacheAnswers
        ? []
        : [
            responseCachePlugin<Context>({
              cache: metrics.countingCache(responseCache),
              // And by the day: what is listed changes at midnight (Vietnam time) without an event; and by
              // the language asked (Accept-Language orders search results when the query does not say).
              extraCacheKeyData: async ({ contextValue }) => [
                await contextValue.catalogGeneration(),
                contextValue.today,
                askedLanguage(),
              ],
              // A signed-in request never reads or writes the shared cache.
              shouldReadFromCache: async ({ contextValue }) => !contextValue.viewer,
              // An answer computed under a generation that has since been raised is not kept.
              shouldWriteToCache: async ({ contextValue, errors }) =>
                !contextValue.viewer &&
                !errors?.length &&
                (await generation.current()) === (await contextValue.catalogGeneration()),
            }),
          ]),
      requestLogPlugin(),
      metrics.plugin(),
      // The embedded demo opens Apollo Sandbox in the browser; production shows a plain page.
      config.demo
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false })
        : plainLandingPagePlugin(),
      ...(httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer })] : []),
    ],
  });
  await apollo.start();
  return apollo;
}
