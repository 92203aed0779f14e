// npm run keys:create -- --file /etc/ocop/signing-keys.json [--from 2027-01-01T00:00:00+07:00]
// Creates the province's Ed25519 signing key file (SIGNING_KEY_FILE), or rotates it: a new key is added that
// signs from --from (default: now); older keys stay, so the labels they signed keep verifying. The private
// key is written to the file only (mode 600), never printed.
import { parseArgs } from "node:util";
import { ConfigError } from "../config";
import { runCli } from "./run-cli";
import { addKeyToFile } from "../signing/keys";

runCli(async () => {
  const { values } = parseArgs({ options: { file: { type: "string" }, from: { type: "string" } } });
  if (!values.file) throw new ConfigError("usage: npm run keys:create -- --file PATH [--from INSTANT]");
  const from = values.from ? new Date(values.from) : new Date();
  if (Number.isNaN(from.getTime()))
    throw new ConfigError("--from must be an instant such as 2027-01-01T00:00:00+07:00");
  const key = await addKeyToFile(values.file, from);
  console.log(`key ${key.kid} added to ${values.file}: it signs from ${key.from}`);
});
