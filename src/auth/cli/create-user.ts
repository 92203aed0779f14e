// npm run user:create -- --email a@example.org --role ADMIN --name "Nguyễn Văn A" [--commune 03390]
// Creates a staff account in the database DATABASE_URL names (the embedded one when unset). The password
// comes from USER_PASSWORD, or from a hidden prompt when that is unset and a terminal is attached.
import "reflect-metadata";
import { parseArgs } from "node:util";
import { isEmail } from "class-validator";
import { audit } from "../../audit/audit-event.entity";
import { loadConfig } from "../../config";
import { runCli } from "../../db/cli/run-cli";
import { openDatabase } from "../../db/open";
import { createLogger } from "../../logger";
import { Commune } from "../../geography/commune.entity";
import { checkPasswordRules, hashPassword } from "../passwords";
import { Role, User } from "../user.entity";

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
  const email = values.email.trim().toLowerCase();
  if (!isEmail(email) || email.length > 254) throw new Error("--email is not an email address");
  // The configuration is checked before the password is asked for (JWT_SECRET is not needed here).
  const config = loadConfig(process.env, { needsSecret: false });

  let password = process.env.USER_PASSWORD;
  if (password === undefined) {
    if (!process.stdin.isTTY) throw new Error("set USER_PASSWORD (no terminal to ask on)");
    password = await promptHidden("Password (at least 12 characters, not easy to guess): ");
  }
  try {
    checkPasswordRules(password, { userInputs: [email, values.name] });
  } catch (e) {
    throw new Error((e as Error).message);
  }

  const log = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
  const dataSource = await openDatabase(config, log);
  try {
    const passwordHash = await hashPassword(password);
    const user = await dataSource.transaction(async (m) => {
      if (values.commune && !(await m.existsBy(Commune, { code: values.commune })))
        throw new Error(`--commune ${values.commune} is not a known unit`);
      if (await m.existsBy(User, { email })) throw new Error(`a user with email ${email} exists`);
      const created = await m.save(
        m.create(User, {
          email,
          fullName: values.name!.trim(),
          role,
          communeCode: values.commune ?? null,
          active: true,
          passwordHash,
          tokenVersion: 1,
        }),
      );
      await audit(m, {
        at: new Date(),
        actorId: null,
        action: "USER_CREATED",
        subjectType: "User",
        subjectId: created.id,
        note: "npm run user:create",
      });
      return created;
    });
    console.log(`created ${user.role} ${user.email} (id ${user.id})`);
  } finally {
    await dataSource.destroy();
  }
});
