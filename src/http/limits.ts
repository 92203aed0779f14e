import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { GraphQLSchema } from "graphql";
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from "graphql-query-complexity";
import { MAX_PAGE_SIZE } from "../core/connection";
import { AppError, ErrorCode } from "../core/errors";

/** The limits every request is held to, before any resolver (and so any SQL) runs. */
export const LIMITS = {
  bodyBytes: "64kb",
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 1500,
  maxDirectives: 20,
  /** Cost: one per field; a list multiplies its fields by `first` (or by its expected size). */
  maxCost: 12_000,
};

/**
 * Cost of a paged list: its fields times the page size. `first` is clamped to what the resolver accepts,
 * so that `first: 1000` gets the resolver's clear BAD_USER_INPUT rather than a cost error.
 */
export const pageComplexity = ({
  args,
  childComplexity,
}: {
  args: { first?: number | null };
  childComplexity: number;
}) => 1 + Math.min(Math.max(args.first ?? 20, 1), MAX_PAGE_SIZE) * childComplexity;

/**
 * Depth, alias and directive limits (graphql-armor) reject a request with QUERY_TOO_COMPLEX; the token
 * limit is graphql-js's own parse option (armor's token plugin parses in a hook, and a syntax error there
 * became a 500); the armor's cost rule is off because it cannot see `first`: the list-aware cost below
 * replaces it.
 */
export function requestLimits(schema: GraphQLSchema) {
  const armor = new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth, flattenFragments: true },
    maxAliases: { n: LIMITS.maxAliases },
    maxTokens: { enabled: false },
    maxDirectives: { n: LIMITS.maxDirectives },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();

  const cost: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName }) {
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              operationName: operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
            // Variables that do not coerce: execution refuses them with BAD_USER_INPUT before any resolver runs.
            return;
          }
          if (complexity > LIMITS.maxCost) {
            throw new AppError(
              ErrorCode.QUERY_TOO_COMPLEX,
              "limits.cost",
              { cost: complexity, max: LIMITS.maxCost },
              { http: { status: 400 } },
            );
          }
        },
      };
    },
  };
  return {
    plugins: [...armor.plugins, cost],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: LIMITS.maxTokens },
  };
}

/** Limit refusals that graphql-armor and graphql-js ("more that", sic) report as syntax errors. */
export const LIMIT_REJECTION =
  /^Syntax Error: ((?:Query depth|Aliases|Token|Directives) limit of \d+ exceeded.*|Document contains more tha[nt] \d+ tokens.*)$/;
