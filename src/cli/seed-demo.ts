// npm run seed:demo: loads the reference data and the demo catalog into DATABASE_URL (already migrated).
import { vietnamDate } from "../core/time";
import "reflect-metadata";
import { loadConfig } from "../config";
import { createLogger } from "../logger";
import { In, Like, Not } from "typeorm";
import { User } from "../auth/user.entity";
import { Certificate } from "../certificates/certificate.entity";
import { DEMO_PASSWORD, DEMO_USERS, describeDemoUsers, loadDemoUsers } from "../db/demo/demo-users";
import { loadDemoCatalog } from "../db/demo/load-demo";
import { loadDemoContent } from "../db/demo/load-demo-content";
import { openDatabase, StartupError } from "../db/open";
import { loadReferenceData } from "../db/reference/load-reference";
import { runCli } from "./run-cli";

runCli(async () => {
  const config = loadConfig(process.env, { needsSecret: false }); // signs nothing
  if (config.database.kind !== "mysql")
    throw new Error("DATABASE_URL (mysql://…) is required: the embedded database loads the demo by itself");
  const log = createLogger(config.logLevel);
  const dataSource = await openDatabase(config, log);
  try {
    // The demo's accounts have a published password: never mix them into a database with real people or certificates.
    const demoEmails = DEMO_USERS.map((u) => u.email);
    const realUsers = await dataSource.getRepository(User).countBy({ email: Not(In(demoEmails)) });
    const realCertificates = await dataSource
      .getRepository(Certificate)
      .countBy({ number: Not(Like("DEMO-%")) });
    if (realUsers || realCertificates) {
      throw new StartupError(
        `refusing to load the demo: the database holds ${realUsers} non-demo user(s) and ${realCertificates} non-demo certificate(s). Load the demo only into an empty database.`,
      );
    }
    await loadReferenceData(dataSource);
    const products = await loadDemoCatalog(dataSource);
    log.info(
      products
        ? `demo catalog loaded: ${products} products`
        : "the database already has certificates: demo not loaded",
    );
    const users = await loadDemoUsers(dataSource);
    log.info(
      `${users} demo staff accounts created; logins (password "${DEMO_PASSWORD}"): ${describeDemoUsers()}`,
    );
    const illustrated = await loadDemoContent(dataSource, config.filesDir, vietnamDate(new Date()));
    if (illustrated) log.info(`demo photos, English texts and points of sale: ${illustrated} products`);
  } finally {
    await dataSource.destroy();
  }
});
