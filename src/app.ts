import { isIP } from "node:net";
import type { Server } from "node:http";
import { ApolloServer } from "@apollo/server";
import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import responseCachePlugin from "@apollo/server-plugin-response-cache";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type Express } from "express";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { AuthService } from "./auth/auth.service";
import { TokenService } from "./auth/tokens";
import { CatalogService } from "./catalog/catalog.service";
import { ChangeFeed } from "./catalog/change-feed";
import { ProductContentService } from "./content/content.service";
import { imagesRouter } from "./content/images.routes";
import { publicGets } from "./http/public-gets";
import { CatalogGeneration } from "./catalog/generation";
import { StaffProducerService } from "./catalog/staff-producers.service";
import { StaffProductService } from "./catalog/staff-products.service";
import { DossierDocumentService } from "./dossiers/documents.service";
import { DossierService } from "./dossiers/dossier.service";
import { RecognitionService } from "./dossiers/recognition.service";
import { RoundService } from "./dossiers/rounds.service";
import { ScoringService } from "./dossiers/scoring.service";
import { filesRouter } from "./files/files.routes";
import { createLoaders } from "./loaders";
import { CertificateService } from "./certificates/certificate.service";
import { CertificateLifecycleService } from "./certificates/lifecycle.service";
import { reportsRouter } from "./certificates/reports.routes";
import {
  DEFAULT_COUNT_CAP,
  DEFAULT_UPLOAD_QUOTA_MB,
  DEFAULT_CERTIFICATE_NUMBER_PATTERN,
  type Config,
} from "./config";
import type { Context, Services } from "./context";
import { CursorCodec } from "./core/connection";
import { systemClock, vietnamDate, type Clock } from "./core/time";
import { ReferenceCache } from "./catalog/reference-cache";
import { GeographyService } from "./geography/geography.service";
import { formatError } from "./http/errors";
import { LIMITS, requestLimits } from "./http/limits";
import { bodyErrors, corsFor, language, noRoute, requestIds, securityHeaders } from "./http/middleware";
import { Metrics } from "./http/metrics";
import {
  legacyJsonStatusPlugin,
  plainLandingPagePlugin,
  requestLogPlugin,
  staffLanguagePlugin,
  cachePolicyPlugin,
} from "./http/plugins";
import { appSchema } from "./schema";
import { ImportService } from "./import/import.service";
import { OversightService } from "./oversight/oversight.service";
import { programmeReportRouter } from "./programme/programme.routes";
import { verifyRouter } from "./certificates/verify.routes";
import { signedRouter } from "./certificates/signed.routes";
import { SignedLabels } from "./certificates/signed-label";
import type { SigningKeys } from "./signing/keys";
import { ProgrammeFigures } from "./programme/figures.service";
import { PotentialProductService } from "./programme/register.service";
import { PlanTargetService } from "./programme/targets.service";
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
  | "importDecisionsBefore";

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
  const scoring = new ScoringService(dataSource);
  const services: Services = {
    auth: new AuthService(
      dataSource,
      new TokenService(config.jwtSecret, config.jwtTtlHours),
      config.demo ?? false,
    ),
    catalog,
    changeFeed: new ChangeFeed(dataSource, cursors, catalog),
    content: new ProductContentService(dataSource, generation, config.filesDir, publicBaseUrl),
    staffProducers: new StaffProducerService(dataSource, generation, cursors),
    staffProducts: new StaffProductService(dataSource, generation, cursors),
    rounds: new RoundService(dataSource),
    dossiers: new DossierService(dataSource, cursors, scoring),
    dossierDocuments: new DossierDocumentService(dataSource),
    scoring,
    recognition: new RecognitionService(
      dataSource,
      generation,
      config.certificateNumberPattern ?? DEFAULT_CERTIFICATE_NUMBER_PATTERN,
    ),
    lifecycle: new CertificateLifecycleService(dataSource, generation),
    oversight: new OversightService(dataSource, generation),
    potentialProducts: new PotentialProductService(dataSource, cursors),
    planTargets: new PlanTargetService(dataSource),
    programmeFigures: new ProgrammeFigures(dataSource),
    certificates: new CertificateService(),
    signedLabels: new SignedLabels(deps.signingKeys),
    geography: new GeographyService(),
    imports: new ImportService(
      dataSource,
      generation,
      config.certificateNumberPattern ?? DEFAULT_CERTIFICATE_NUMBER_PATTERN,
      config.filesDir,
      config.importDecisionsBefore ?? null,
    ),
  };
  const limits = requestLimits(schema);
  const reference = new ReferenceCache(dataSource);
  // Portals read the schema: introspection and "did you mean" suggestions stay on unless INTROSPECTION=false.
  const introspection = config.introspection ?? true;

  const apollo = new ApolloServer<Context>({
    schema,
    cache: responseCache,
    // Persisted queries (the hash of a query a client sent once) outlive catalog events, which clear the
    // response cache: a portal's GETs by hash keep working.
    persistedQueries: { cache: new InMemoryLRUCache({ maxSize: 8 * 1024 * 1024 }) },
    introspection,
    hideSchemaDetailsFromClientErrors: !introspection,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    stopOnTerminationSignals: false, // main.ts drains and closes the database itself
    formatError,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    plugins: [
      ...limits.plugins,
      cachePolicyPlugin(),
      ApolloServerPluginCacheControlDisabled(), // cachePolicyPlugin computes it per operation instead
      legacyJsonStatusPlugin(),
      staffLanguagePlugin(),
      // Public catalog answers are cached whole (their cache hints decide for how long).
      ...(deps.responseCache === false
        ? []
        : [
            responseCachePlugin<Context>({
              cache: metrics.countingCache(responseCache),
              // And by the day: what is listed changes at midnight (Vietnam time) without an event.
              extraCacheKeyData: async ({ contextValue }) => [
                await contextValue.catalogGeneration(),
                contextValue.today,
              ],
              // A signed-in request never reads or writes the shared cache.
              shouldReadFromCache: async ({ contextValue }) => !contextValue.viewer,
              // An answer computed under a generation that has since been raised is not kept.
              shouldWriteToCache: async ({ contextValue, errors }) =>
                !contextValue.viewer &&
                !errors?.length &&
                (await generation.current()) === (await contextValue.catalogGeneration()),
            }),
          ]),
      requestLogPlugin(),
      metrics.plugin(),
      // The embedded demo opens Apollo Sandbox in the browser; production shows a plain page.
      config.demo
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false })
        : plainLandingPagePlugin(),
      ...(deps.httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer: deps.httpServer })] : []),
    ],
  });
  await apollo.start();

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

  /**
   * The context of one request: viewer (UNAUTHENTICATED 401 for a bad token), fresh loaders, clock. Public
   * routes (`anonymous`) ignore credentials: a portal that always sends a stale token still gets the page.
   */
  const contextFor = async (
    req: express.Request,
    res: express.Response,
    { anonymous = false } = {},
  ): Promise<Context> => {
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

  app.use(reportsRouter(contextFor));
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

const once = <T>(f: () => Promise<T>): (() => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => (value ??= f());
};

/** The client's address: from X-Forwarded-For when the proxy is trusted, but never anything that is not an address. */
function clientAddress(req: express.Request): string {
  const ip = req.ip && isIP(req.ip) ? req.ip : req.socket.remoteAddress;
  return ip && isIP(ip) ? ip : "unknown";
}
