import { createHash } from "node:crypto";
import { parse } from "node:url";
import { type ApolloServer, HeaderMap } from "@apollo/server";
import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import type { Request, RequestHandler, Response } from "express";
import type { CatalogGeneration } from "../catalog/generation";
import type { Context } from "../context";
import type { LocalDate } from "../core/time";

type Stored = {
  body: string;
  etag: string;
  headers: [string, string][];
  generation: number;
  day: LocalDate;
};

/** A strong validator of the bytes: the same answer always has the same ETag, on every instance. */
const etagOf = (body: string) => `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;

/** Seconds a Cache-Control header allows a shared cache to keep the answer (0 when it is not public). */
function publicSeconds(cacheControl: string | undefined): number {
  if (!cacheControl || !/\bpublic\b/.test(cacheControl)) return 0;
  return Number(/\bmax-age=(\d+)/.exec(cacheControl)?.[1] ?? 0);
}

/**
 * The fast path for anonymous GETs of /graphql (persisted queries from portals and CDNs: Apollo's
 * `extensions.persistedQuery`, or the query itself): a public answer is kept as bytes, keyed by the URL, the
 * Accept and Accept-Language headers, the catalog generation and the day, and the next identical request
 * gets those bytes without running anything. Every GET answer carries an ETag; a matching If-None-Match gets
 * 304. An answer is never kept when the generation moved while it was computed, nor beyond its max-age, so a
 * revoked product is never served after the event (on another instance: within the generation's poll).
 * Signed-in requests and POSTs go on to Apollo as before.
 */
export function publicGets(deps: {
  apollo: ApolloServer<Context>;
  contextFor: (req: Request, res: Response) => Promise<Context>;
  generation: CatalogGeneration;
  today: () => LocalDate;
  maxBytes: number;
  onLookup?: (hit: boolean) => void;
}): RequestHandler {
  // Least recently used first out, up to maxBytes of answers; each kept no longer than its max-age.
  const stored = new InMemoryLRUCache<Stored>({
    maxSize: deps.maxBytes,
    sizeCalculation: (entry) => entry.body.length,
  });
  const send = (
    res: Response,
    body: string,
    headers: Iterable<[string, string]>,
    status: number,
    etag: string,
  ) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    res.setHeader("ETag", etag);
    // Express answers 304 itself when If-None-Match matches the ETag.
    res.status(status).send(body);
  };

  return async (req, res, next) => {
    // Without a header a browser cannot send across sites, Apollo refuses the GET (CSRF prevention): so here.
    const preflighted = req.get("apollo-require-preflight") || req.get("x-apollo-operation-name");
    if (req.method !== "GET" || req.get("authorization") || !preflighted) return next();
    try {
      const key = `${req.originalUrl}\n${req.get("accept") ?? ""}\n${req.get("accept-language") ?? ""}`;
      const [generation, day] = [await deps.generation.current(), deps.today()];
      const hit = await stored.get(key);
      if (hit && hit.generation === generation && hit.day === day) {
        deps.onLookup?.(true);
        return send(res, hit.body, hit.headers, 200, hit.etag);
      }
      deps.onLookup?.(false);
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers))
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      const answer = await deps.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: "GET", headers, search: parse(req.url).search ?? "", body: undefined },
        context: () => deps.contextFor(req, res),
      });
      const status = answer.status ?? 200;
      if (answer.body.kind !== "complete") {
        // Incremental delivery is not cached: streamed as Apollo's own middleware does.
        for (const [name, value] of answer.headers) res.setHeader(name, value);
        res.status(status);
        for await (const chunk of answer.body.asyncIterator) res.write(chunk);
        return res.end();
      }
      const seconds = publicSeconds(answer.headers.get("cache-control"));
      const unchanged = (await deps.generation.current()) === generation && deps.today() === day;
      const body = answer.body.string;
      const etag = etagOf(body);
      if (status === 200 && seconds > 0 && unchanged)
        await stored.set(
          key,
          { body, etag, headers: [...answer.headers], generation, day },
          { ttl: seconds },
        );
      send(res, body, answer.headers, status, etag);
    } catch (e) {
      next(e);
    }
  };
}
