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
  /** When it was computed (ms) and for how long it may be kept (s). */
  at: number;
  seconds: number;
};

/** Seconds left of the day in Vietnam (UTC+7, no daylight saving): a listing may change at midnight. */
const secondsToMidnight = (now: number) => 86_400 - (Math.floor(now / 1000 + 7 * 3600) % 86_400);

/**
 * The headers of an answer as sent now: its max-age is what is left of its lifetime (never past midnight),
 * so that a replayed answer is not kept by outside caches for its whole max-age again; and caches are told
 * that the answer varies by language and format.
 */
function headersNow(headers: Iterable<[string, string]>, at: number, seconds: number, now: number) {
  const left = Math.max(0, Math.min(seconds - Math.floor((now - at) / 1000), secondsToMidnight(now)));
  return [...headers]
    .filter(([name]) => name.toLowerCase() !== "vary")
    .map(([name, value]): [string, string] => [
      name,
      name.toLowerCase() === "cache-control" && seconds > 0
        ? value.replace(/\bmax-age=\d+/, `max-age=${left}`)
        : value,
    ])
    .concat([["vary", "Accept, Accept-Language"]]);
}

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
  now: () => Date;
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
        return send(
          res,
          hit.body,
          headersNow(hit.headers, hit.at, hit.seconds, deps.now().getTime()),
          200,
          hit.etag,
        );
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
      const at = deps.now().getTime();
      const seconds = publicSeconds(answer.headers.get("cache-control"));
      const unchanged = (await deps.generation.current()) === generation && deps.today() === day;
      const body = answer.body.string;
      const etag = etagOf(body);
      if (status === 200 && seconds > 0 && unchanged)
        await stored.set(
          key,
          { body, etag, headers: [...answer.headers], generation, day, at, seconds },
          { ttl: seconds },
        );
      send(res, body, headersNow(answer.headers, at, seconds, at), status, etag);
    } catch (e) {
      next(e);
    }
  };
}
