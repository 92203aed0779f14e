import { spawn } from "node:child_process";
import { join } from "node:path";
import { verifyPassword } from "../../src/auth/passwords";
import { User } from "../../src/auth/user.entity";
import { dataSourceFor } from "../../src/db/data-source";
import { migrate } from "../../src/db/open";
import { createLogger } from "../../src/logger";
import { ensureDatabase, siblingDatabaseUrl } from "../support/db";

const CLI = join(__dirname, "..", "..", "dist", "src", "cli", "create-user.js");
const url = siblingDatabaseUrl("cli");

function run(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: {
        PATH: process.env.PATH ?? "",
        DATABASE_URL: url,
        ...env,
      } /* no JWT_SECRET: the task signs nothing */,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code, out })); // both pipes read to the end
  });
}

it("creates the first administrator on a freshly migrated MySQL database, password from USER_PASSWORD", async () => {
  await ensureDatabase(url, { fresh: true });
  const ds = await dataSourceFor({ kind: "mysql", url });
  await ds.initialize();
  try {
    await migrate(ds, createLogger("silent"));
    const ok = await run(["--email", "Admin@Example.org", "--role", "ADMIN", "--name", "Nguyễn Văn A"], {
      USER_PASSWORD: "first admin password",
    });
    expect(ok).toEqual({
      code: 0,
      out: expect.stringMatching(/^created ADMIN admin@example\.org \(id \d+\)\n$/),
    });
    const user = await ds.getRepository(User).findOneByOrFail({ email: "admin@example.org" });
    expect(user).toMatchObject({ role: "ADMIN", fullName: "Nguyễn Văn A", active: true, communeCode: null });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await verifyPassword(user.passwordHash, "first admin password")).toBe(true);

    const officer = await run(
      ["--email", "xa@example.org", "--role", "COMMUNE_OFFICER", "--name", "Cán bộ xã", "--commune", "03390"],
      { USER_PASSWORD: "commune officer pw" },
    );
    expect(officer.code).toBe(0);
    for (const [args, env, message] of [
      [
        ["--email", "admin@example.org", "--role", "ADMIN", "--name", "Again"],
        { USER_PASSWORD: "first admin password" },
        /exists/,
      ],
      [["--email", "b@example.org", "--role", "ADMIN", "--name", "B"], {}, /set USER_PASSWORD/],
      [
        ["--email", "c@example.org", "--role", "ADMIN", "--name", "C"],
        { USER_PASSWORD: "short" },
        /at least|12 to 256/,
      ],
      [
        ["--email", "d@example.org", "--role", "COMMUNE_OFFICER", "--name", "D"],
        { USER_PASSWORD: "long enough password" },
        /--commune is required/,
      ],
      [
        ["--email", "e@example.org", "--role", "KING", "--name", "E"],
        { USER_PASSWORD: "long enough password" },
        /--role must be one of/,
      ],
      [
        ["--email", "not-an-address", "--role", "ADMIN", "--name", "F"],
        {},
        /--email is not an email address/,
      ], // before asking for a password
      [
        ["--email", "g@example.org", "--role", "ADMIN", "--name", "G"],
        { USER_PASSWORD: "password1234" },
        /too easy to guess/,
      ],
    ] as [string[], Record<string, string>, RegExp][]) {
      const r = await run(args, env);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(message);
      expect(r.out.trim().split("\n")).toHaveLength(1);
    }
    expect(await ds.getRepository(User).count()).toBe(2);
  } finally {
    await ds.destroy();
  }
});
