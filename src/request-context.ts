import { isIP } from "node:net";
import type express from "express";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { type CatalogGeneration } from "./catalog/generation";
import { createLoaders } from "./loaders";
import type { Context, Services } from "./context";
import { vietnamDate, type Clock } from "./core/time";
import { type ReferenceCache } from "./catalog/reference-cache";

/** What the context of a request is made from. */
export type RequestContextDeps = {
  services: Services;
  dataSource: DataSource;
  readDataSource: DataSource;
  generation: CatalogGeneration;
  reference: ReferenceCache;
  clock: Clock;
  log: Logger;
};

export type ContextFor = (
  req: express.Request,
  res: express.Response,
  options?: { anonymous?: boolean },
) => Promise<Context>;

/**
 * The context of one request: viewer (UNAUTHENTICATED 401 for a bad token), fresh loaders, clock. Public
 * routes (`anonymous`) ignore credentials: a portal that always sends a stale token still gets the page.
 */
export function requestContext({
  services,
  dataSource,
  readDataSource,
  generation,
  reference,
  clock,
  log,
}: RequestContextDeps): ContextFor {
  return async (req, res, { anonymous = false } = {}) => {
    const now = clock.now();
    const today = vietnamDate(now);
    const requestId = String(res.locals.requestId);
    const viewer = anonymous ? null : await services.auth.viewerFrom(req.get("authorization"), now);
    // Staff read the primary: they see their own writes at once.
    const reader = viewer ? dataSource : readDataSource;
    return {
      requestId,
      viewer,
      ip: clientAddress(req),
      catalogGeneration: once(() => generation.current()),
      now,
      today,
      reader,
      loaders: createLoaders(reader, reference, today),
      services,
      // Every line of the request carries its id, and the signed-in user's.
      log: log.child(viewer ? { requestId, userId: viewer.id } : { requestId }),
    };
  };
}

const once = <T>(f: () => Promise<T>): (() => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => (value ??= f());
};

/** The client's address: from X-Forwarded-For when the proxy is trusted, but never anything that is not an address. */
function clientAddress(req: express.Request): string {
  const ip = req.ip && isIP(req.ip) ? req.ip : req.socket.remoteAddress;
  return ip && isIP(ip) ? ip : "unknown";
}
