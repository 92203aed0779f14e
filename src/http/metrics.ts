import { timingSafeEqual } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import type { KeyValueCache, KeyValueCacheSetOptions } from "@apollo/utils.keyvaluecache";
import type { RequestHandler } from "express";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { DataSource } from "typeorm";
import type { Context } from "../context";
import { KNOWN_OPERATIONS } from "./known-operations";

/**
 * Prometheus metrics (prom-client) in one registry per app: GraphQL requests by operation and outcome code,
 * their latency, the database pool, the response cache, and the process's own (CPU, memory, event loop).
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: "ocop_graphql_requests_total",
    help: "GraphQL requests by operation and outcome (OK or the first error code).",
    labelNames: ["operation", "outcome"],
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: "ocop_graphql_request_duration_seconds",
    help: "GraphQL request latency by operation.",
    labelNames: ["operation"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly cache = new Counter({
    name: "ocop_response_cache_lookups_total",
    help: "Lookups in the public response cache, by result (hit or miss).",
    labelNames: ["result"],
    registers: [this.registry],
  });
  private readonly publicGets = new Counter({
    name: "ocop_public_get_cache_lookups_total",
    help: "Anonymous GETs of /graphql answered from stored bytes (hit) or run (miss).",
    labelNames: ["result"],
    registers: [this.registry],
  });

  constructor(dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    const pool = () =>
      (
        dataSource.driver as unknown as {
          pool?: {
            _allConnections?: { length: number };
            _freeConnections?: { length: number };
            _connectionQueue?: { length: number };
          };
        }
      ).pool;
    new Gauge({
      name: "ocop_db_pool_connections",
      help: "Database pool connections in use, idle, and requests waiting for one (MySQL; 0 on the embedded database).",
      labelNames: ["state"],
      registers: [this.registry],
      collect() {
        const p = pool();
        const all = p?._allConnections?.length ?? 0;
        const idle = p?._freeConnections?.length ?? 0;
        this.set({ state: "in_use" }, all - idle);
        this.set({ state: "idle" }, idle);
        this.set({ state: "waiting" }, p?._connectionQueue?.length ?? 0);
      },
    });
  }

  /** Operation names come from clients: only the contract's become labels (the rest: "other"). */
  private operationLabel(name: string | null | undefined): string {
    if (!name) return "anonymous";
    return KNOWN_OPERATIONS.has(name) ? name : "other";
  }

  /** Counts every GraphQL request once, with its outcome and duration. */
  plugin(): ApolloServerPlugin<Context> {
    const { latency, requests } = this;
    const label = (name: string | null | undefined) => this.operationLabel(name);
    return {
      async requestDidStart() {
        const stop = latency.startTimer();
        return {
          async willSendResponse({ operationName, response, errors }) {
            const body = response.body.kind === "single" ? response.body.singleResult : undefined;
            const code = (body?.errors ?? errors ?? [])[0]?.extensions?.code;
            const operation = label(operationName);
            requests.inc({ operation, outcome: typeof code === "string" ? code : "OK" });
            stop({ operation });
          },
        };
      },
    };
  }

  /** The response cache, counting hits and misses. */
  countingCache<V>(cache: KeyValueCache<V>): KeyValueCache<V> {
    return {
      get: async (key: string) => {
        const value = await cache.get(key);
        this.cache.inc({ result: value === undefined ? "miss" : "hit" });
        return value;
      },
      set: (key: string, value: V, options?: KeyValueCacheSetOptions) => cache.set(key, value, options),
      delete: (key: string) => cache.delete(key),
    };
  }

  /** A lookup of the fast path for anonymous GETs (its hits never reach Apollo, so the plugin does not see them). */
  publicGetLookup(hit: boolean): void {
    this.publicGets.inc({ result: hit ? "hit" : "miss" });
  }

  /** GET /metrics: only with `Authorization: Bearer <METRICS_TOKEN>`; without a token configured it does not exist. */
  handler(token: string | undefined): RequestHandler {
    return async (req, res, next) => {
      if (!token) return next();
      const given = Buffer.from(req.get("authorization") ?? "");
      const expected = Buffer.from(`Bearer ${token}`);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res.status(401).set("WWW-Authenticate", "Bearer").end();
        return;
      }
      res
        .set("Content-Type", this.registry.contentType)
        .set("Cache-Control", "no-store")
        .send(await this.registry.metrics());
    };
  }
}
