import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Role, User } from "../../src/auth/user.entity";
import { Certificate } from "../../src/certificates/certificate.entity";
import { dataSourceFor } from "../../src/db/data-source";
import { migrate } from "../../src/db/open";
import { createLogger } from "../../src/logger";
import { ensureDatabase, siblingDatabaseUrl } from "../support/db";
import { makeUser } from "../support/factory";
import { TEST_SIGNING_KEY_FILE } from "../support/keys";

// The demo's password is published: it must never open a server to the network, nor enter a real database.
const DIST = join(__dirname, "..", "..", "dist", "src");
const url = siblingDatabaseUrl("demo_guard");
const SECRET = "x".repeat(32);

function run(script: string, env: Record<string, string>, { untilReady = false } = {}) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [join(DIST, script)], {
      env: { PATH: process.env.PATH ?? "", PORT: "0", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const read = (d: Buffer) => {
      out += d.toString();
      if (untilReady && /ready at/.test(out)) child.kill("SIGTERM");
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    // "close", not "exit": only then have both pipes been read to the end.
    child.on("close", (code, signal) =>
      resolve({ code, out: signal ? `${out}\n(killed by ${signal})` : out }),
    );
  });
}

it("the embedded demo listens on loopback, and refuses any other address while the demo accounts keep their password", async () => {
  const dir = mkdtempSync(join(tmpdir(), "ocop-guard-"));
  const local = await run("main.js", { SQLITE_PATH: join(dir, "a.sqlite") }, { untilReady: true });
  expect(local.out).toMatch(/"host":"127\.0\.0\.1"/);
  const open = await run("main.js", { SQLITE_PATH: join(dir, "a.sqlite"), HOST: "0.0.0.0" });
  expect(open.code).toBe(1);
  // stdout (the log) and stderr (the refusal) interleave in any order: the refusal is one whole line.
  expect(open.out).toMatch(
    /^ocop-api: refusing to listen on 0\.0\.0\.0: active accounts still have the published demo password \(admin@demo\.ocop\.vn, /m,
  );
});

it("seed:demo refuses a database with real users or certificates and writes nothing; a server on it with demo accounts refuses the network", async () => {
  await ensureDatabase(url, { fresh: true });
  const ds = await dataSourceFor({ kind: "mysql", url });
  await ds.initialize();
  try {
    await migrate(ds, createLogger("silent"));
    const real = await makeUser(ds, Role.ADMIN);
    const refused = await run("cli/seed-demo.js", { DATABASE_URL: url, JWT_SECRET: SECRET });
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/refusing to load the demo: the database holds 1 non-demo user\(s\)/);
    expect(await ds.getRepository(User).count()).toBe(1);
    expect(await ds.getRepository(Certificate).count()).toBe(0);

    await ds.getRepository(User).delete({ id: real.id });
    expect((await run("cli/seed-demo.js", { DATABASE_URL: url, JWT_SECRET: SECRET })).code).toBe(0);
    const served = await run("main.js", {
      DATABASE_URL: url,
      JWT_SECRET: SECRET,
      SIGNING_KEY_FILE: TEST_SIGNING_KEY_FILE,
      HOST: "0.0.0.0",
    });
    expect(served.code).toBe(1);
    expect(served.out).toMatch(/refusing to listen on 0\.0\.0\.0/);
    // Once no active account has it, the server starts.
    await ds.query("UPDATE `user` SET active = 0");
    const started = await run(
      "main.js",
      { DATABASE_URL: url, JWT_SECRET: SECRET, SIGNING_KEY_FILE: TEST_SIGNING_KEY_FILE, HOST: "0.0.0.0" },
      { untilReady: true },
    );
    // On failure, what the server said (and the signal that ended it) shows in the difference.
    expect({ code: started.code, out: started.code === 0 ? "" : started.out }).toEqual({ code: 0, out: "" });
  } finally {
    await ds.destroy();
  }
});
