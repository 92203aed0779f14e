import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEST_SIGNING_KEY_FILE } from "../support/keys";

// Runs the built server (npm test builds it first) as a user would: `node dist/src/main.js`.
const MAIN = join(__dirname, "..", "..", "dist", "src", "main.js");

type Run = { code: number | null; stdout: string; stderr: string };

function start(env: Record<string, string>) {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build`);
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const run: Run = { code: null, stdout: "", stderr: "" };
  child.stdout.on("data", (d) => (run.stdout += d));
  child.stderr.on("data", (d) => (run.stderr += d));
  const exited = new Promise<Run>((resolve) => child.on("exit", (code) => resolve({ ...run, code })));
  return { child, run, exited };
}

async function waitForUrl(run: Run, exited: Promise<Run>): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const match = /ready at (http:\/\/localhost:\d+\/graphql)/.exec(run.stdout);
    if (match) return match[1];
    const done = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 100))]);
    if (done) throw new Error(`server exited: ${JSON.stringify(done)}`);
  }
  throw new Error(`server did not start: ${run.stdout} ${run.stderr}`);
}

describe("the real server", () => {
  it("starts on an embedded database with demo data, answers over HTTP and stops cleanly on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ocop-smoke-"));
    const server = start({ PORT: "0", SQLITE_PATH: join(dir, "ocop.sqlite"), FILES_DIR: join(dir, "files") });
    try {
      const url = await waitForUrl(server.run, server.exited);
      const post = async (query: string) =>
        (
          await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ query }),
          })
        ).json() as Promise<any>;
      const { data } = await post(
        "{ communes { code productCount } categories { code children { code children { code } } } }",
      );
      expect(data.communes).toHaveLength(38);
      expect(data.categories).toHaveLength(6);
      expect(data.communes.reduce((n: number, c: any) => n + c.productCount, 0)).toBeGreaterThan(15);
      const page = await post(
        '{ products(filter: { search: "mat ong pa u" }) { edges { node { name certificate { number } } } } }',
      );
      expect(page.data.products.edges[0].node.name).toBe("Mật ong Pa Ủ");
      expect(page.data.products.edges[0].node.certificate.number).toMatch(/^DEMO-/);
      // What portals get: English names, photos (served), points of sale, a 5★ sample, an open round.
      const portal = await post(
        '{ products(filter: { search: "honey" }, language: EN) { edges { node { name nameEn descriptionEn images { thumbnailUrl altEn } pointsOfSale { name latitude } } } } five: products(filter: { stars: [5] }) { edges { node { name certificate { issuedBy } images { url } } } } }',
      );
      const honey = portal.data.products.edges[0].node;
      expect(honey).toMatchObject({ name: "Mật ong Pa Ủ", nameEn: "Pa U honey" });
      expect(honey.images[0].altEn).toMatch(/^Illustration \(demo data\)/);
      expect(honey.pointsOfSale[0].latitude).toBeCloseTo(22.4, 1);
      // (The test's server listens on a port of its choosing: the path, on it.)
      const thumbnail = await fetch(new URL(new URL(honey.images[0].thumbnailUrl).pathname, url));
      expect([thumbnail.status, thumbnail.headers.get("content-type")]).toEqual([200, "image/jpeg"]);
      expect(portal.data.five.edges).toHaveLength(1);
      expect(portal.data.five.edges[0].node).toMatchObject({
        name: expect.stringMatching(/mẫu 5★, dữ liệu demo/),
        certificate: { issuedBy: "CENTRAL" },
      });
      const login = await post(
        'mutation { login(email: "admin@demo.ocop.vn", password: "ocop-demo-password") { token user { role } } }',
      );
      expect(login.data.login.user.role).toBe("ADMIN");
      const me = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${login.data.login.token}` },
        body: JSON.stringify({ query: "{ me { email } }" }),
      });
      expect(((await me.json()) as any).data.me.email).toBe("admin@demo.ocop.vn");
      const rounds = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${login.data.login.token}` },
        body: JSON.stringify({ query: "{ evaluationRounds { name submissionDeadline } }" }),
      });
      expect(((await rounds.json()) as any).data.evaluationRounds).toHaveLength(1);
      const base = url.replace("/graphql", "");
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: "ok", database: "up" });
    } finally {
      server.child.kill("SIGTERM");
    }
    const { code, stdout } = await server.exited;
    expect(code).toBe(0);
    expect(stdout).toMatch(/stopped/);
    expect(stdout).toMatch(
      /demo staff logins, password \\"ocop-demo-password\\": admin@demo\.ocop\.vn \(ADMIN\)/,
    );
    expect(stdout).toMatch(/"op":null,"ms":/); // one log line per request
    expect(stdout).toMatch(/"method":"GET","path":"\/readyz","status":200,"ms":/); // one line per request, GraphQL or not
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(
      lines.every(
        (l) =>
          /^(trace|debug|info|warn|error|fatal)$/.test(l.level) &&
          /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(l.time),
      ),
    ).toBe(true);
    const signedIn = lines.filter((l) => l.msg === "graphql" && l.userId);
    expect(signedIn.length).toBeGreaterThan(0); // the request after login carried a token
    expect(lines.filter((l) => l.msg === "graphql").every((l) => typeof l.requestId === "string")).toBe(true);
  });

  it("npm start runs the server as the process a signal reaches: SIGTERM to npm drains and stops it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ocop-npm-"));
    const npm = spawn("npm", ["start", "--silent"], {
      cwd: join(__dirname, "..", ".."),
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? dir,
        PORT: "0",
        SQLITE_PATH: join(dir, "ocop.sqlite"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    npm.stdout.on("data", (d) => (out += d));
    npm.stderr.on("data", (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => npm.on("exit", resolve));
    for (let i = 0; i < 600 && !/ready at/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
    const url = /ready at (http:\/\/localhost:\d+)/.exec(out)![1];
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    npm.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(out).toMatch(/"msg":"stopped"/);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow(); // nobody serves any more
  }, 120_000);

  it.each([
    [
      { DATABASE_URL: "postgres://localhost/ocop" },
      /^ocop-api: invalid configuration: DATABASE_URL must be a mysql:\/\/ URL/,
    ],
    [
      {
        DATABASE_URL: "mysql://root@127.0.0.1:1/ocop",
        JWT_SECRET: "x".repeat(32),
        SIGNING_KEY_FILE: TEST_SIGNING_KEY_FILE,
      },
      /^ocop-api: cannot open the database \(MySQL root@127\.0\.0\.1:1\/ocop\): /,
    ],
    [
      { DATABASE_URL: "mysql://root@127.0.0.1:1/ocop", JWT_SECRET: "x".repeat(32) },
      /^ocop-api: invalid configuration: SIGNING_KEY_FILE is required with DATABASE_URL/,
    ],
    [
      {
        DATABASE_URL: "mysql://root@127.0.0.1:1/ocop",
        JWT_SECRET: "x".repeat(32),
        SIGNING_KEY_FILE: "/nonexistent/key.json",
      },
      /^ocop-api: SIGNING_KEY_FILE: cannot read \/nonexistent\/key\.json: ENOENT/,
    ],
    [{ PORT: "http" }, /^ocop-api: invalid configuration: PORT must be a number/],
  ])("refuses to start with one clear line: %j", async (env, message) => {
    const { exited } = start(env);
    const { code, stderr } = await exited;
    expect(code).not.toBe(0);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(message);
  });
});
