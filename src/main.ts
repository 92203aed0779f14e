import "reflect-metadata";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { createApp } from "./app";
import { ConfigError, isLoopbackHost, keptDemoSecret, loadConfig, type Config } from "./config";
import { describeFailure } from "./cli/run-cli";
import { describeDatabase, openDatabase, openReplicas } from "./db/open";
import { createLogger } from "./logger";
import { refuseDemoPasswordsBeyondLoopback } from "./db/demo-guard";
import { SigningKeys } from "./signing/keys";

/** SIGNING_KEY_FILE; the embedded demo keeps its own beside its database, so its labels verify after a restart. */
function signingKeysOf(config: Config): Promise<SigningKeys> {
  if (config.signingKeyFile) return SigningKeys.fromFile(config.signingKeyFile);
  if (config.database.kind === "sqlite")
    return SigningKeys.keptAt(join(dirname(config.database.path), "signing-keys.json"));
  throw new ConfigError("invalid configuration: SIGNING_KEY_FILE is required with DATABASE_URL");
}

/** Process entry: config → database → app → listen; drains in-flight requests on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  if (config.jwtSecretGenerated && config.database.kind === "sqlite") {
    config.jwtSecret = keptDemoSecret(config.database.path);
    log.warn("JWT_SECRET is not set: the embedded demo signs with a key kept beside its database");
  }
  const signingKeys = await signingKeysOf(config);
  const dataSource = await openDatabase(config, log);
  await refuseDemoPasswordsBeyondLoopback(dataSource, config.host).catch(async (e) => {
    await dataSource.destroy();
    throw e;
  });

  const replicas = await openReplicas(config, log).catch(async (e) => {
    await dataSource.destroy();
    throw e;
  });
  if (replicas)
    log.info({ replicas: config.replicaUrls.length }, "the public's catalog reads go to the replicas");

  const httpServer = createServer();
  const { app, apollo, services } = await createApp({
    dataSource,
    readDataSource: replicas ?? undefined,
    config,
    log,
    signingKeys,
    httpServer,
  });
  httpServer.on("request", app);
  // Installed before listening: a stop signal that arrives as soon as the server is ready still drains.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down: finishing in-flight requests");
    // Keeps the process alive while draining, and bounds how long that may take.
    const deadline = setTimeout(() => {
      log.error("shutdown took over 15 s: exiting anyway");
      process.exit(1);
    }, 15_000);
    await apollo.stop(); // stops accepting, finishes in-flight requests
    await services.outbox.stop(); // a mail being sent is finished first
    services.dailySweep.stop();
    await dataSource.destroy();
    await replicas?.destroy();
    log.info("stopped");
    clearTimeout(deadline); // nothing is left: the process exits with code 0
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  services.dailySweep.start(); // expired products leave the counts at midnight, off the request path
  if (services.outbox.configured) {
    services.outbox.start();
    log.info("expiry notices by e-mail leave through SMTP_URL");
  } else log.info("SMTP_URL and SMTP_FROM are not set: e-mailed notices wait in the outbox");
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const shownHost =
    isLoopbackHost(config.host) || config.host === "0.0.0.0" || config.host === "::"
      ? "localhost"
      : config.host;
  log.info(
    { database: describeDatabase(config.database), host: config.host },
    `OCOP API ready at http://${shownHost}:${port}/graphql`,
  );
}

main().catch((e: unknown) => {
  console.error(`ocop-api: ${describeFailure(e)}`);
  process.exit(1);
});
