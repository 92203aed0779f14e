import { randomUUID } from "node:crypto";
import { isIP } from "node:net";
import type { Server } from "node:http";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import responseCachePlugin from "@apollo/server-plugin-response-cache";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type ErrorRequestHandler, type Express } from "express";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { AuthService } from "./auth/auth.service";
import { TokenService } from "./auth/tokens";
import { CatalogService } from "./catalog/catalog.service";
import { CatalogGeneration } from "./catalog/generation";
import { StaffCatalogService } from "./catalog/staff-catalog.service";
import { DossierService } from "./dossiers/dossier.service";
import { filesRouter } from "./files/files.routes";
import { createLoaders } from "./loaders";
import { CertificateService } from "./certificates/certificate.service";
import { CertificateLifecycleService } from "./certificates/lifecycle.service";
import { reportsRouter } from "./certificates/reports.routes";
import { DEFAULT_UPLOAD_QUOTA_MB, type Config } from "./config";
import type { Context, Services } from "./context";
import { CursorCodec } from "./core/connection";
import { ErrorCode } from "./core/errors";
import { systemClock, vietnamDate, type Clock } from "./core/time";
import { ReferenceCache } from "./db/reference/reference-cache";
import { GeographyService } from "./geography/geography.service";
import { formatError, isClientError } from "./http/errors";
import { LIMITS, requestLimits } from "./http/limits";
import { appSchema } from "./schema";

export type AppDeps = {
  dataSource: DataSource;
  config: Pick<Config, "jwtSecret" | "jwtTtlHours" | "filesDir"> & Partial<Pick<Config, "trustProxy" | "uploadQuotaBytesPerDay" | "demo">>;
  log: Logger;
  clock?: Clock;
  /** The HTTP server, so that Apollo can drain it on stop. */
  httpServer?: Server;
  /** Keep whole public answers in memory (default on; the benchmark turns it off to measure the work). */
  responseCache?: boolean;
};

export type App = { app: Express; apollo: ApolloServer<Context>; services: Services };

const requestIdOf = (res: express.Response): string => res.locals.requestId;

/** Builds the express app: POST/GET /graphql, /healthz, /readyz. Does not listen (tests import it). */
export async function createApp(deps: AppDeps): Promise<App> {
  const { dataSource, log } = deps;
  const clock = deps.clock ?? systemClock;
  const schema = await appSchema();
  const cursors = new CursorCodec(deps.config.jwtSecret);
  // Whole public answers are kept here; a certificate event drops them so the catalog changes at once.
  // Public answers and counts are keyed by the catalog generation; a newer one leaves the older entries unread.
  const responseCache = new InMemoryLRUCache({ maxSize: 64 * 1024 * 1024 });
  const generation = new CatalogGeneration(dataSource);
  const catalog = new CatalogService(dataSource, cursors);
  generation.onChange(() => {
    responseCache.clear(); // only to free memory: keys of older generations are never asked for again
    catalog.forgetCounts();
  });
  const services: Services = {
    auth: new AuthService(dataSource, new TokenService(deps.config.jwtSecret, deps.config.jwtTtlHours), deps.config.demo ?? false),
    catalog,
    staffCatalog: new StaffCatalogService(dataSource, generation),
    dossiers: new DossierService(dataSource, cursors, generation),
    lifecycle: new CertificateLifecycleService(dataSource, generation),
    certificates: new CertificateService(dataSource),
    geography: new GeographyService(dataSource),
  };
  const limits = requestLimits(schema);
  const reference = new ReferenceCache(dataSource);

  const apollo = new ApolloServer<Context>({
    schema,
    cache: responseCache,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    stopOnTerminationSignals: false, // main.ts drains and closes the database itself
    formatError,
    validationRules: limits.validationRules,
    plugins: [
      ...limits.plugins,
      staffNeverCachedPlugin(),
      // Public catalog answers are cached whole (their cache hints decide for how long).
      ...(deps.responseCache === false
        ? []
        : [
            responseCachePlugin<Context>({
              extraCacheKeyData: ({ contextValue }) => contextValue.catalogGeneration(),
              // A signed-in request never reads or writes the shared cache.
              shouldReadFromCache: async ({ contextValue }) => !contextValue.viewer,
              // An answer computed under a generation that has since been raised is not kept.
              shouldWriteToCache: async ({ contextValue, errors }) =>
                !contextValue.viewer && !errors?.length && (await generation.current()) === (await contextValue.catalogGeneration()),
            }),
          ]),
      requestLogPlugin(),
      ...(deps.httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer: deps.httpServer })] : []),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", deps.config.trustProxy ?? ["loopback"]);
  app.use((req, res, next) => {
    const given = req.get("x-request-id");
    res.locals.requestId = given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    res.setHeader("X-Request-Id", res.locals.requestId);
    // GraphQL requests are logged by requestLogPlugin (with operation and error codes); the rest here.
    if (req.path !== "/graphql") {
      const started = process.hrtime.bigint();
      res.on("finish", () =>
        log.info({ requestId: res.locals.requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10 }, "http"),
      );
    }
    next();
  });

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await dataSource.query("SELECT 1");
      res.json({ status: "ok", database: "up" });
    } catch (e) {
      log.warn({ err: (e as Error).message }, "readiness check failed");
      res.status(503).json({ status: "unavailable", database: "down" });
    }
  });

  /** The context of one request: viewer (UNAUTHENTICATED 401 for a bad token), fresh loaders, clock. */
  const contextFor = async (req: express.Request, res: express.Response): Promise<Context> => {
    const now = clock.now();
    const today = vietnamDate(now);
    const requestId = requestIdOf(res);
    return {
      requestId,
      viewer: await services.auth.viewerFrom(req.get("authorization"), now),
      ip: clientAddress(req),
      catalogGeneration: once(() => generation.current()),
      now,
      today,
      loaders: createLoaders(dataSource, reference, today),
      services,
      log: log.child({ requestId }),
    };
  };

  app.use(reportsRouter(contextFor));
  app.use(filesRouter({ dataSource, auth: services.auth, dossiers: services.dossiers, filesDir: deps.config.filesDir, clock, log, uploadQuotaBytesPerDay: deps.config.uploadQuotaBytesPerDay ?? DEFAULT_UPLOAD_QUOTA_MB * 1024 * 1024 }));

  app.use(
    "/graphql",
    express.json({ limit: LIMITS.bodyBytes }),
    expressMiddleware(apollo, {
      context: ({ req, res }) => contextFor(req, res),
    }),
  );

  app.use(((err, _req, res, next) => {
    if (res.headersSent) return next(err);
    const status: number = typeof err?.status === "number" && err.status < 500 ? err.status : 500;
    if (status === 500) log.error({ err, requestId: requestIdOf(res) }, "unhandled error");
    const message =
      status === 413
        ? `The request body is over the limit of ${LIMITS.bodyBytes}.`
        : status === 400
          ? "The request body is not valid JSON."
          : "Internal server error.";
    res.status(status).json({
      errors: [{ message, extensions: { code: status === 500 ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.BAD_USER_INPUT } }],
    });
  }) as ErrorRequestHandler);

  return { app, apollo, services };
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

/**
 * An answer to a signed-in viewer is never cached, by us or by anyone on the way (Cache-Control: no-store):
 * catalog types carry public hints, and a staff query returning them must not be served to someone else.
 */
function staffNeverCachedPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue, overallCachePolicy }) {
      if (contextValue.viewer) overallCachePolicy.restrict({ maxAge: 0 });
    },
  };
}

/** One log line per GraphQL request: operation, duration, error codes; unexpected errors in full. */
function requestLogPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors }) {
          for (const e of errors) {
            if (!isClientError(e.extensions?.code)) {
              contextValue.log.error({ err: e.originalError ?? e, path: e.path }, "unexpected error");
            }
          }
        },
        async willSendResponse({ operationName, response, errors }) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const body = response.body.kind === "single" ? response.body.singleResult : undefined;
          const codes = (body?.errors ?? errors ?? []).map((e) => e.extensions?.code);
          contextValue.log.info({ op: operationName ?? null, ms: Math.round(ms * 10) / 10, errors: codes.length ? codes : undefined }, "graphql");
        },
      };
    },
  };
}
