import { createServices } from "./services";
import { createApollo } from "./http/apollo";
import { requestContext } from "./request-context";
import type { Server } from "node:http";
import { type ApolloServer } from "@apollo/server";
import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type Express } from "express";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { CatalogService } from "./catalog/catalog.service";
import { imagesRouter } from "./content/images.routes";
import { publicGets } from "./http/public-gets";
import { CatalogGeneration } from "./catalog/generation";
import { filesRouter } from "./files/files.routes";
import { reportsRouter } from "./certificates/reports.routes";
import { papersRouter } from "./papers/papers.routes";
import { DEFAULT_COUNT_CAP, DEFAULT_UPLOAD_QUOTA_MB, type Config } from "./config";
import type { Context, Services } from "./context";
import { CursorCodec } from "./core/connection";
import { systemClock, vietnamDate, type Clock } from "./core/time";
import { ReferenceCache } from "./catalog/reference-cache";
import { LIMITS } from "./http/limits";
import { bodyErrors, corsFor, language, noRoute, requestIds, securityHeaders } from "./http/middleware";
import { Metrics } from "./http/metrics";
import { appSchema } from "./schema";
import { programmeReportRouter } from "./programme/programme.routes";
import { verifyRouter } from "./certificates/verify.routes";
import { signedRouter } from "./certificates/signed.routes";
import type { SigningKeys } from "./signing/keys";
import { importTemplateRouter } from "./import/template";

type Settings =
  | "trustProxy"
  | "uploadQuotaBytesPerDay"
  | "demo"
  | "corsOrigins"
  | "introspection"
  | "metricsToken"
  | "certificateNumberPattern"
  | "countCap"
  | "publicBaseUrl"
  | "importDecisionsBefore"
  | "smtpUrl"
  | "smtpFrom";

export type AppDeps = {
  dataSource: DataSource;
  /** Where the public reads the catalog (the replicas); the primary when not given. */
  readDataSource?: DataSource;
  config: Pick<Config, "jwtSecret" | "jwtTtlHours" | "filesDir"> & Partial<Pick<Config, Settings>>;
  log: Logger;
  /** The province's keys: they sign certificates' tokens and the revocation list (SIGNING_KEY_FILE). */
  signingKeys: SigningKeys;
  clock?: Clock;
  /** The HTTP server, so that Apollo can drain it on stop. */
  httpServer?: Server;
  /** Keep whole public answers in memory (default on; the benchmark turns it off to measure the work). */
  responseCache?: boolean;
};

export type App = { app: Express; apollo: ApolloServer<Context>; services: Services };

/** Builds the express app: POST/GET /graphql, /files, /reports, /healthz, /readyz. Does not listen (tests import it). */
export async function createApp(deps: AppDeps): Promise<App> {
  const { dataSource, log, config } = deps;
  const readDataSource = deps.readDataSource ?? dataSource;
  const clock = deps.clock ?? systemClock;
  const schema = await appSchema();
  const cursors = new CursorCodec();
  const publicBaseUrl = config.publicBaseUrl ?? "http://localhost:4000";
  // Public answers and counts are keyed by the catalog generation; a newer one leaves the older entries unread.
  const metrics = new Metrics(dataSource);
  const responseCache = new InMemoryLRUCache({ maxSize: 64 * 1024 * 1024 });
  // Read where the public's answers are read: a lagging replica then keys them by the generation it has
  // applied, never a newer one (its row changes in the same transaction as the catalog).
  const generation = new CatalogGeneration(readDataSource);
  const catalog = new CatalogService(dataSource, cursors, config.countCap ?? DEFAULT_COUNT_CAP);
  generation.onChange(() => {
    responseCache.clear(); // only to free memory: keys of older generations are never asked for again
    catalog.forgetCounts();
  });
  const services = createServices({
    dataSource,
    config,
    clock,
    log,
    signingKeys: deps.signingKeys,
    generation,
    cursors,
    catalog,
    publicBaseUrl,
  });
  const reference = new ReferenceCache(dataSource);
  const apollo = await createApollo({
    schema,
    config,
    responseCache,
    cacheAnswers: deps.responseCache !== false,
    metrics,
    generation,
    httpServer: deps.httpServer,
  });

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy ?? ["loopback"]);
  app.use(requestIds(log));
  app.use(language());
  app.use(securityHeaders());
  app.use(corsFor(config.corsOrigins ?? []));

  app.get("/metrics", metrics.handler(config.metricsToken));
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

  const contextFor = requestContext({
    services,
    dataSource,
    readDataSource,
    generation,
    reference,
    clock,
    log,
  });

  app.use(reportsRouter(contextFor));
  app.use(papersRouter(contextFor));
  app.use(importTemplateRouter(contextFor));
  app.use(programmeReportRouter(contextFor));
  app.use(verifyRouter((req, res) => contextFor(req, res, { anonymous: true }), publicBaseUrl));
  app.use(signedRouter((req, res) => contextFor(req, res, { anonymous: true })));
  app.use(imagesRouter(dataSource, config.filesDir, log));
  app.use(
    filesRouter({
      dataSource,
      auth: services.auth,
      documents: services.dossierDocuments,
      filesDir: config.filesDir,
      clock,
      log,
      uploadQuotaBytesPerDay: config.uploadQuotaBytesPerDay ?? DEFAULT_UPLOAD_QUOTA_MB * 1024 * 1024,
    }),
  );

  app.use(
    "/graphql",
    express.json({ limit: LIMITS.bodyBytes }),
    language(),
    ...(deps.responseCache === false
      ? []
      : [
          publicGets({
            apollo,
            contextFor,
            generation,
            today: () => vietnamDate(clock.now()),
            now: () => clock.now(),
            maxBytes: 32 * 1024 * 1024,
            onLookup: (hit) => metrics.publicGetLookup(hit),
          }),
        ]),
    expressMiddleware(apollo, {
      context: ({ req, res }) => contextFor(req, res),
    }),
  );
  app.use(noRoute());
  app.use(bodyErrors(log));

  return { app, apollo, services };
}
