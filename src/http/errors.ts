import { ApolloServerErrorCode, unwrapResolverError } from "@apollo/server/errors";
import type { ValidationError } from "class-validator";
import type { GraphQLFormattedError } from "graphql";
import { AppError, ErrorCode } from "../core/errors";
import { validationProblems } from "../core/validation";
import type { Lang } from "../i18n/labels";
import { CATALOGUE, currentLang, render, type MessageKey } from "../i18n/messages";
import { LIMIT_REJECTION } from "./limits";

/** Codes whose message is meant for the client: everything else is masked. */
const CLIENT_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.BAD_REQUEST,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
]);

/**
 * What a client sees of an error: known codes pass with their message (and the validation details of
 * type-graphql, which never echo values); anything else is masked, so no SQL, stack or
 * driver text leaves the server.
 */
export function isClientError(code: unknown): boolean {
  return typeof code === "string" && CLIENT_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR;
}

/**
 * The message of an error of GraphQL itself (parse, validation, variables) in the request's language:
 * English as graphql-js says it; in Vietnamese, the catalogue's sentence with graphql-js's detail.
 */
function graphqlMessage(lang: Lang, code: string, message: string): string {
  // GraphQL's BAD_USER_INPUT is a variable that does not coerce: its detail names the variable.
  const key = (
    code === ApolloServerErrorCode.BAD_USER_INPUT ? "graphql.variables" : `code.${code}`
  ) as MessageKey;
  return lang === "en" || !(key in CATALOGUE.vi) ? message : render(lang, key, { detail: message });
}

export function formatError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  const lang = currentLang();
  const ext = { ...(formatted.extensions ?? {}) };
  delete ext.stacktrace;
  const rejection = LIMIT_REJECTION.exec(formatted.message);
  if (rejection) {
    const message =
      lang === "en" ? rejection[1] : `${render(lang, "code.QUERY_TOO_COMPLEX")} (${rejection[1]})`;
    return { message, locations: formatted.locations, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } };
  }
  if (Array.isArray(ext.validationErrors)) {
    // type-graphql's "Argument Validation Error": one message naming each field, in the house error shape.
    const problems = validationProblems(ext.validationErrors as ValidationError[], lang);
    return {
      message: problems.map((p) => p.message).join(" ") || render(lang, "code.BAD_USER_INPUT"),
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.BAD_USER_INPUT, field: problems[0]?.field, problems },
    };
  }
  if (isClientError(ext.code)) {
    // Our own errors are already in the request's language; GraphQL's own are translated here.
    const ours = unwrapResolverError(error) instanceof AppError || error instanceof AppError;
    const message = ours ? formatted.message : graphqlMessage(lang, String(ext.code), formatted.message);
    return { ...formatted, message, extensions: ext };
  }
  // Logged with the request id by the logging plugin.
  return {
    message: render(lang, "code.INTERNAL_SERVER_ERROR"),
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
