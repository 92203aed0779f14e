import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { dataSourceFor } from "../../src/db/data-source";
import { migrate } from "../../src/db/open";
import { createLogger } from "../../src/logger";
import { ensureDatabase, siblingDatabaseUrl } from "../support/db";
import { TEST_SIGNING_KEY_FILE } from "../support/keys";

// Two server processes on one MariaDB database, as behind a load balancer.
const DIST = join(__dirname, "..", "..", "dist", "src");
const url = siblingDatabaseUrl("instances");
const env = {
  PATH: process.env.PATH ?? "",
  DATABASE_URL: url,
  JWT_SECRET: "y".repeat(32),
  SIGNING_KEY_FILE: TEST_SIGNING_KEY_FILE,
  HOST: "127.0.0.1",
  PORT: "0",
  LOG_LEVEL: "info",
};

function node(script: string): {
  child: ChildProcess;
  ready: Promise<string>;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, [join(DIST, script)], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      out += d;
      const match = /ready at (http:\/\/localhost:\d+)\/graphql/.exec(out);
      if (match) resolve(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  ready.catch(() => undefined);
  return { child, ready, exited: new Promise((resolve) => child.on("exit", resolve)) };
}

const servers: ReturnType<typeof node>[] = [];
afterAll(async () => {
  for (const s of servers) s.child.kill("SIGTERM");
  await Promise.all(servers.map((s) => s.exited));
});

it("a revocation made through one instance is seen by the other within two seconds", async () => {
  await ensureDatabase(url, { fresh: true });
  const ds = await dataSourceFor({ kind: "mysql", url });
  await ds.initialize();
  await migrate(ds, createLogger("silent"));
  await ds.destroy();
  expect(await node("cli/seed-demo.js").exited).toBe(0);

  servers.push(node("main.js"), node("main.js"));
  const [a, b] = await Promise.all(servers.map((s) => s.ready));
  const post = async (base: string, query: string, variables = {}, token?: string) =>
    (await (
      await fetch(`${base}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      })
    ).json()) as any;
  const listing = `{ products(filter: { search: "mat ong pa u" }) { totalCount edges { node { name certificate { number } } } } }`;

  const before = await post(b, listing); // also fills b's response cache
  expect(before.data.products.totalCount).toBe(1);
  const number = before.data.products.edges[0].node.certificate.number;

  const login = await post(
    a,
    'mutation { login(email: "tinh@demo.ocop.vn", password: "ocop-demo-password") { token } }',
  );
  const revoked = await post(
    a,
    'mutation($n: String!) { revokeCertificate(input: { certificateNumber: $n, decisionNumber: "9/QĐ-UBND", decisionDate: "2026-01-05", reason: "Vi phạm", grounds: ["LOGO_MISUSE"] }) { status } }',
    { n: number },
    login.data.login.token,
  );
  expect(revoked.data.revokeCertificate.status).toBe("REVOKED");
  const at = Date.now();

  let seen = false;
  while (!seen && Date.now() - at < 2000) {
    seen = (await post(b, listing)).data.products.totalCount === 0;
    if (!seen) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(seen).toBe(true);
});
