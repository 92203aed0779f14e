import { GraphQLError } from "graphql";

/** The stable error codes clients may rely on (extensions.code). */
export const ErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  INVALID_TRANSITION: "INVALID_TRANSITION",
  DEADLINE_PASSED: "DEADLINE_PASSED",
  CONFLICT: "CONFLICT",
  QUERY_TOO_COMPLEX: "QUERY_TOO_COMPLEX",
  RATE_LIMITED: "RATE_LIMITED",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error whose message is safe to show to the client. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const badInput = (message: string, extra?: Record<string, unknown>) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, extra);
export const notFound = (message: string) => new AppError(ErrorCode.NOT_FOUND, message);
export const forbidden = (message = "You may not do this.") => new AppError(ErrorCode.FORBIDDEN, message);
export const conflict = (message = "Someone else changed this meanwhile: reload it and try again.", extra?: Record<string, unknown>) =>
  new AppError(ErrorCode.CONFLICT, message, extra);
export const invalidTransition = (message: string, extra?: Record<string, unknown>) => new AppError(ErrorCode.INVALID_TRANSITION, message, extra);
export const unauthenticated = (message = "Sign in first: send Authorization: Bearer <token> from login.") =>
  new AppError(ErrorCode.UNAUTHENTICATED, message);
