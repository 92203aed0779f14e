import type { ApolloServerPlugin, GraphQLRequestListener } from "@apollo/server";
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from "graphql";
import { type CacheHint, operationCachePolicy } from "./cache-policy";
import type { Context } from "../context";
import { markStaffRequest } from "../i18n/messages";
import { isClientError } from "./errors";
import { PUBLIC_CACHE_SECONDS, secondsUntilEndOf } from "../core/cache";

/**
 * The cache policy of every answer, and its Cache-Control header (in place of Apollo's cache-control
 * plugin, which is off: it hooks every field of every answer):
 * - the hints on the types (public catalog types: 5 minutes), computed once per operation text
 *   (`operationCachePolicy`), with Apollo's rules;
 * - an answer to a signed-in viewer is never cached, by us or by anyone on the way (Cache-Control: no-store):
 *   a staff query returning catalog types must not be served to someone else;
 * - a public answer is not cached past the end (Vietnam time) of the day the catalog's earliest certificate
 *   expires, since at midnight that product leaves lists, counts and pages;
 * - an answer with errors is not cached.
 */
export function cachePolicyPlugin(): ApolloServerPlugin<Context> {
  // Apollo keeps a parsed document per query text: its operation nodes are the keys.
  const policies = new WeakMap<OperationDefinitionNode, CacheHint>();
  const policyOf = (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode) => {
    let policy = policies.get(operation);
    if (!policy) policies.set(operation, (policy = operationCachePolicy(schema, document, operation)));
    return policy;
  };
  const header: NonNullable<GraphQLRequestListener<Context>["willSendResponse"]> = async ({
    response,
    overallCachePolicy,
  }) => {
    const cacheable = overallCachePolicy.policyIfCacheable();
    const clean = response.body.kind === "single" && !response.body.singleResult.errors;
    response.http.headers.set(
      "cache-control",
      cacheable && clean ? `max-age=${cacheable.maxAge}, ${cacheable.scope.toLowerCase()}` : "no-store",
    );
  };
  return {
    async requestDidStart({ contextValue, overallCachePolicy }) {
      if (contextValue.viewer) {
        overallCachePolicy.restrict({ maxAge: 0 });
        return { willSendResponse: header };
      }
      return {
        async didResolveOperation({ schema, document, operation }) {
          if (operation) overallCachePolicy.restrict(policyOf(schema, document, operation));
        },
        // At execution, so that a query refused by the limits costs no SQL.
        async executionDidStart({ contextValue: ctx }) {
          const earliest = await ctx.services.catalog.earliestExpiry(ctx);
          const seconds = earliest ? secondsUntilEndOf(earliest, ctx.now) : Infinity;
          if (seconds < PUBLIC_CACHE_SECONDS) overallCachePolicy.restrict({ maxAge: seconds });
        },
        willSendResponse: header,
      };
    },
  };
}

/**
 * The GraphQL-over-HTTP specification's status codes: a client that accepts
 * `application/graphql-response+json` gets 400 for a request error (parse, validation, variables, limits);
 * a legacy `application/json` client gets 200 with the errors in the body, as the specification's SHOULD says.
 */
export function legacyJsonStatusPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      const accept = request.http?.headers.get("accept") ?? "";
      const legacy = !accept.includes("application/graphql-response+json");
      return {
        async willSendResponse({ response }) {
          const body = response.body.kind === "single" ? response.body.singleResult : undefined;
          if (legacy && response.http.status === 400 && body?.errors?.length && body.data === undefined)
            response.http.status = 200;
        },
      };
    },
  };
}

/** A mutation is a staff operation (login included): without Accept-Language its messages are Vietnamese. */
export function staffLanguagePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === "mutation") markStaffRequest();
        },
      };
    },
  };
}

/** One log line per GraphQL request: operation, duration, error codes; unexpected errors in full. */
export function requestLogPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors }) {
          for (const e of errors) {
            if (!isClientError(e.extensions?.code)) {
              contextValue.log.error({ err: e.originalError ?? e, path: e.path }, "unexpected error");
            }
          }
        },
        async willSendResponse({ operationName, response, errors }) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const body = response.body.kind === "single" ? response.body.singleResult : undefined;
          const codes = (body?.errors ?? errors ?? []).map((e) => e.extensions?.code);
          contextValue.log.info(
            {
              op: operationName ?? null,
              ms: Math.round(ms * 10) / 10,
              errors: codes.length ? codes : undefined,
            },
            "graphql",
          );
        },
      };
    },
  };
}

/**
 * What a browser sees at /graphql in production: a plain page that loads nothing from elsewhere (Apollo's
 * own production page pulls scripts from its CDN). The embedded demo shows Apollo Sandbox instead.
 */
export function plainLandingPagePlugin(): ApolloServerPlugin<Context> {
  const html = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>OCOP API</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>OCOP API</h1>
<p lang="vi">Giao diện lập trình GraphQL của Chương trình mỗi xã một sản phẩm. Gửi truy vấn bằng POST tới địa chỉ này.</p>
<p lang="en">The GraphQL API of Vietnam's One Commune One Product programme. Send queries with POST (or GET) to this address; the schema is open to introspection.</p>
</body></html>`;
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}
