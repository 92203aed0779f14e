import type { Server } from "node:http";
import { serverAudits } from "graphql-http";
import { clearTestData, openTestDb, type TestDb } from "../support/db";
import { FixedClock, testApp } from "../support/http";

// The GraphQL-over-HTTP specification's own audit suite (graphql-http), every MUST and SHOULD, on the real server.
let db: TestDb;
let server: Server;
let url: string;

beforeAll(async () => {
  db = await openTestDb();
  await clearTestData(db.dataSource);
  const { app } = await testApp(db, new FixedClock(new Date("2026-06-15T03:00:00Z")));
  server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/graphql`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.dataSource.destroy();
});

// MAY audits are choices: GET with form-encoded bodies and variables is refused by Apollo's CSRF prevention, on purpose.
for (const audit of serverAudits({ url: () => url }).filter((a) => !a.name.startsWith("MAY"))) {
  it(audit.name, async () => {
    const result = await audit.fn();
    if (result.status !== "ok")
      throw new Error(
        `${result.reason}${"response" in result ? `: ${result.response.status} ${await result.response.text().catch(() => "")}` : ""}`,
      );
  });
}
