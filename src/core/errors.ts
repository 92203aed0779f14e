import { GraphQLError } from "graphql";
import { currentLang, render, type MessageKey, type Params } from "../i18n/messages";

/** The stable error codes clients may rely on (extensions.code). */
export const ErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  INVALID_TRANSITION: "INVALID_TRANSITION",
  DEADLINE_PASSED: "DEADLINE_PASSED",
  SCORE_SPREAD: "SCORE_SPREAD",
  CONFLICT: "CONFLICT",
  QUERY_TOO_COMPLEX: "QUERY_TOO_COMPLEX",
  RATE_LIMITED: "RATE_LIMITED",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * An error whose message is safe to show to the client, from the message catalogue (src/i18n) in the
 * request's language. `extra` goes to extensions beside the code (field names, ids, lists of values).
 */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, key: MessageKey, params: Params = {}, extra: Record<string, unknown> = {}) {
    super(render(currentLang(), key, params), { extensions: { code, ...extra } });
  }
}

/** BAD_USER_INPUT about one field (named in `extensions.argument` and, in the officer's words, in the message). */
export const badInput = (key: MessageKey, argument: string, params: Params = {}) =>
  new AppError(ErrorCode.BAD_USER_INPUT, key, { field: argument, ...params }, { argument });
export const notFound = (key: MessageKey, params?: Params) => new AppError(ErrorCode.NOT_FOUND, key, params);
export const forbidden = (key: MessageKey = "code.FORBIDDEN", params?: Params) =>
  new AppError(ErrorCode.FORBIDDEN, key, params);
export const conflict = (
  key: MessageKey = "code.CONFLICT",
  params?: Params,
  extra?: Record<string, unknown>,
) => new AppError(ErrorCode.CONFLICT, key, params, extra);
export const invalidTransition = (key: MessageKey, params?: Params, extra?: Record<string, unknown>) =>
  new AppError(ErrorCode.INVALID_TRANSITION, key, params, extra);
export const unauthenticated = (key: MessageKey = "code.UNAUTHENTICATED") =>
  new AppError(ErrorCode.UNAUTHENTICATED, key);
