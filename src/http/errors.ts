import { ApolloServerErrorCode } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import type { ValidationError } from "class-validator";
import { ErrorCode } from "../core/errors";
import { validationProblems } from "../core/validation";
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

export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  {
    const ext = { ...(formatted.extensions ?? {}) };
    delete ext.stacktrace;
    const rejection = LIMIT_REJECTION.exec(formatted.message);
    if (rejection) {
      return {
        message: rejection[1],
        locations: formatted.locations,
        extensions: { code: ErrorCode.QUERY_TOO_COMPLEX },
      };
    }
    if (Array.isArray(ext.validationErrors)) {
      // type-graphql's "Argument Validation Error": one message naming each field, in the house error shape.
      const problems = validationProblems(ext.validationErrors as ValidationError[]);
      return {
        message: problems.map((p) => p.message).join("; ") || "The input is not valid.",
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT, field: problems[0]?.field, problems },
      };
    }
    if (isClientError(ext.code)) return { ...formatted, extensions: ext };
    // Logged with the request id by the logging plugin.
    return {
      message: "Internal server error. The request id in the X-Request-Id header identifies it in the logs.",
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  }
}
