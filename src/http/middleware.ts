import { randomUUID } from "node:crypto";
import cors from "cors";
import type { ErrorRequestHandler, RequestHandler } from "express";
import helmet from "helmet";
import type { Logger } from "pino";
import { ErrorCode } from "../core/errors";
import { withLanguage } from "../i18n/messages";
import { LIMITS } from "./limits";
import { sendError } from "./rest-errors";

/** A request id (the client's X-Request-Id when it is sane, else a new one) on every answer, and a log line for non-GraphQL requests. */
export function requestIds(log: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.get("x-request-id");
    const requestId = given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("X-Request-Id", requestId);
    // GraphQL requests are logged by requestLogPlugin (with operation and error codes); the rest here.
    if (req.path !== "/graphql") {
      const started = process.hrtime.bigint();
      res.on("finish", () =>
        log.info(
          {
            requestId,
            method: req.method,
            path: req.path,
            status: res.statusCode,
            ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
          },
          "http",
        ),
      );
    }
    next();
  };
}

/**
 * Security headers for an API (helmet): no sniffing, no framing, no referrer, HSTS. The content policy
 * forbids everything, since answers are JSON, CSV or files, except on the GraphQL landing page (Apollo
 * Sandbox in the demo), which loads its own scripts.
 */
export function securityHeaders(): RequestHandler {
  const api = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
  });
  const landingPage = helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false });
  return (req, res, next) =>
    (req.method === "GET" && req.path === "/graphql" && req.accepts(["json", "html"]) === "html"
      ? landingPage
      : api)(req, res, next);
}

/** Headers a browser client may send and read. */
const ALLOWED_HEADERS = [
  "content-type",
  "authorization",
  "accept",
  "accept-language",
  "apollo-require-preflight",
  "x-apollo-operation-name",
  "x-request-id",
  "if-none-match",
];
const EXPOSED_HEADERS = ["x-request-id", "retry-after", "etag"];

/**
 * CORS for browser portals. Origins listed in CORS_ORIGINS may call everything, signed in or not. `*`
 * opens the public catalog to any page: any origin may send anonymous requests, but never an
 * Authorization header (the preflight does not allow it, and a signed-in answer carries no CORS headers).
 * An origin not allowed gets no CORS headers at all, so its page cannot read the answer. Apollo's CSRF
 * prevention stays on: a browser must send JSON or a preflight header, which needs this preflight.
 */
export function corsFor(origins: string[]): RequestHandler {
  const anyOrigin = origins.includes("*");
  const listed = new Set(origins.filter((o) => o !== "*"));
  const common = {
    methods: ["GET", "POST", "OPTIONS"],
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
    optionsSuccessStatus: 204,
  };
  const full = cors({ ...common, origin: true, allowedHeaders: ALLOWED_HEADERS, credentials: false });
  const anonymous = cors({
    ...common,
    origin: "*",
    allowedHeaders: ALLOWED_HEADERS.filter((h) => h !== "authorization"),
  });
  return (req, res, next) => {
    const origin = req.get("origin");
    if (!origin) return next();
    if (listed.has(origin)) return full(req, res, next);
    if (anyOrigin && !req.get("authorization")) return anonymous(req, res, next);
    if (req.method === "OPTIONS" && req.get("access-control-request-method")) return res.status(204).end(); // refused: no CORS headers
    next();
  };
}

/** Errors express meets before GraphQL does (a body over the limit, malformed JSON), in the house error shape. */
export function bodyErrors(log: Logger): ErrorRequestHandler {
  return (err: { status?: unknown; type?: unknown }, _req, res, next) => {
    if (res.headersSent) return next(err);
    const status = typeof err?.status === "number" && err.status < 500 ? err.status : 500;
    if (status === 500) log.error({ err, requestId: res.locals.requestId }, "unhandled error");
    const code = status === 500 ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.BAD_USER_INPUT;
    // The body parser's own errors say what they are; a 400 from anything else is the address or headers
    // (a broken %-encoding in the path).
    const key =
      status === 500
        ? "code.INTERNAL_SERVER_ERROR"
        : status === 413
          ? "http.bodyTooLarge"
          : err.type === "entity.parse.failed"
            ? "http.badJson"
            : "http.badRequest";
    sendError(res, code, key, { limit: LIMITS.bodyBytes }, status);
  };
}

/**
 * The language of the request's messages (see i18n/messages.ts): Accept-Language's choice among vi and
 * en; without one, Vietnamese for staff (a token) and English for the public. Set again after a body
 * parser, whose stream callbacks lose the async context.
 */
export function language(): RequestHandler {
  return (req, _res, next) => {
    const asked = req.get("accept-language") ? req.acceptsLanguages("vi", "en") : false;
    withLanguage(
      { asked: asked === "vi" || asked === "en" ? asked : null, staff: Boolean(req.get("authorization")) },
      next,
    );
  };
}

/** Whatever no route answered: JSON in the API's error shape, never Express's HTML page. */
export function noRoute(): RequestHandler {
  return (_req, res) => sendError(res, ErrorCode.NOT_FOUND, "http.noRoute");
}
