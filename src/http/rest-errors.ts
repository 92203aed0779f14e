import type { Response } from "express";
import { AppError, ErrorCode } from "../core/errors";
import { currentLang, render, type MessageKey, type Params } from "../i18n/messages";

/** HTTP status of each error code, for REST routes (GraphQL answers carry the code in the body). */
const STATUS: Record<string, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};

/**
 * The one shape of a REST error: the same `{ errors: [{ message, extensions: { code } }] }` as GraphQL's,
 * the message from the catalogue in the request's language.
 */
export function sendError(
  res: Response,
  code: string,
  key: MessageKey = `code.${code}` as MessageKey,
  params: Params = {},
  status = STATUS[code] ?? 400,
): void {
  if (res.headersSent) return;
  res
    .status(status)
    .json({ errors: [{ message: render(currentLang(), key, params), extensions: { code } }] });
}

/** An AppError thrown by a service, answered with its code; anything else is the caller's to log and mask. */
export function sendAppError(res: Response, e: unknown): boolean {
  if (!(e instanceof AppError)) return false;
  if (!res.headersSent)
    res
      .status(STATUS[String(e.extensions.code)] ?? 400)
      .json({ errors: [{ message: e.message, extensions: { code: e.extensions.code } }] });
  return true;
}
