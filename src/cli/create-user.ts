// npm run user:create -- --email a@example.org --role ADMIN --name "Nguyễn Văn A" [--commune 03390]
// Creates a staff account (through AuthService.registerUser, as createUser does) in the database DATABASE_URL names (the embedded one when unset). The password
// comes from USER_PASSWORD, or from a hidden prompt when that is unset and a terminal is attached.
import "reflect-metadata";
import { parseArgs } from "node:util";
import { normaliseEmail } from "../auth/email";
import { loadConfig } from "../config";
import { runCli } from "./run-cli";
import { openDatabase } from "../db/open";
import { createLogger } from "../logger";
import { checkShape } from "../core/validation";
import { AuthService } from "../auth/auth.service";
import { CreateUserInput } from "../auth/auth.types";
import { TokenService } from "../auth/tokens";
import { Role } from "../auth/user.entity";

async function promptHidden(question: string): Promise<string> {
  const { stdin, stdout } = process;
  stdout.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  let answer = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n") {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off("data", onData);
          stdout.write("\n");
          return resolve(answer);
        }
        if (ch === "\u0003") return reject(new Error("cancelled"));
        if (ch === "\u007f") answer = answer.slice(0, -1);
        else answer += ch;
      }
    };
    stdin.on("data", onData);
  });
}

runCli(async () => {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      commune: { type: "string" },
    },
  });
  const usage =
    'usage: npm run user:create -- --email a@example.org --role ADMIN --name "Full Name" [--commune 03390]';
  if (!values.email || !values.role || !values.name) throw new Error(usage);
  const role = values.role as Role;
  if (!Object.values(Role).includes(role))
    throw new Error(`--role must be one of ${Object.values(Role).join(", ")}`);
  if ((role === Role.COMMUNE_OFFICER) !== Boolean(values.commune))
    throw new Error("--commune is required for COMMUNE_OFFICER and refused for other roles");
  const email = normaliseEmail(values.email);
  if (!email)
    throw new Error("--email is not an email address (ASCII letters, digits and . _ + - before the @)");
  // The configuration is checked before the password is asked for (JWT_SECRET is not needed here).
  const config = loadConfig(process.env, { needsSecret: false });

  let password = process.env.USER_PASSWORD;
  if (password === undefined) {
    if (!process.stdin.isTTY) throw new Error("set USER_PASSWORD (no terminal to ask on)");
    password = await promptHidden("Password (at least 12 characters, not easy to guess): ");
  }
  const log = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
  const dataSource = await openDatabase(config, log);
  try {
    const auth = new AuthService(
      dataSource,
      new TokenService(config.jwtSecret, config.jwtTtlHours),
      config.demo,
    );
    const input = Object.assign(new CreateUserInput(), {
      email,
      fullName: values.name,
      role,
      communeCode: values.commune ?? null,
      password,
    });
    const user = await auth.registerUser(await checkShape(input), {
      actorId: null,
      at: new Date(),
      via: "npm run user:create",
    });
    console.log(`created ${user.role} ${user.email} (id ${user.id})`);
  } finally {
    await dataSource.destroy();
  }
});
