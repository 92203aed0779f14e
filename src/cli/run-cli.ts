import { SigningKeyError } from "../signing/keys";
import { ConfigError } from "../config";
import { StartupError } from "../db/open";
import { DataFileError } from "../core/csv";

/** Runs a command-line task: a failure is one clear line on stderr and exit code 1. */
export function runCli(task: () => Promise<void>): void {
  task().then(
    () => process.exit(process.exitCode ?? 0),
    (e: unknown) => {
      console.error(`ocop-api: ${describeFailure(e)}`);
      process.exit(1);
    },
  );
}

export function describeFailure(e: unknown): string {
  if (e instanceof DataFileError)
    return `a reference data file is malformed, nothing of it was loaded:\n${e.message}`;
  if (e instanceof ConfigError || e instanceof StartupError) return e.message;
  if (e instanceof SigningKeyError) return `SIGNING_KEY_FILE: ${e.message}`;
  if ((e as NodeJS.ErrnoException)?.code === "EADDRINUSE") return "the port is already in use (set PORT)";
  return `failed: ${e instanceof Error ? e.message : String(e)}`;
}
