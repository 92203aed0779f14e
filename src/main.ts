import "reflect-metadata";
import { createServer } from "node:http";
import { createApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { DataFileError } from "./db/reference/csv";
import { describeDatabase, openDatabase, StartupError } from "./db/open";
import { createLogger } from "./logger";

/** Process entry: config → database → app → listen; drains in-flight requests on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  if (config.jwtSecretGenerated) log.warn("JWT_SECRET is not set: using a random one for this run (embedded demo only)");
  const dataSource = await openDatabase(config, log);

  const httpServer = createServer();
  const { app, apollo } = await createApp({ dataSource, config, log, httpServer });
  httpServer.on("request", app);
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, resolve);
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  log.info({ database: describeDatabase(config.database) }, `OCOP API ready at http://localhost:${port}/graphql`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down: finishing in-flight requests");
    await apollo.stop(); // stops accepting, drains the HTTP server
    await dataSource.destroy();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof StartupError) {
    console.error(`ocop-api: ${e.message}`);
  } else if (e instanceof DataFileError) {
    console.error(`ocop-api: a reference data file is malformed, nothing of it was loaded:\n${e.message}`);
  } else if ((e as NodeJS.ErrnoException)?.code === "EADDRINUSE") {
    console.error(`ocop-api: port ${(e as { port?: number }).port ?? ""} is already in use (set PORT)`);
  } else {
    console.error(`ocop-api: failed to start: ${e instanceof Error ? e.message : String(e)}`);
  }
  process.exit(1);
});
