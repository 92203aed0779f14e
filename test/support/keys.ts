import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A province signing key as a PEM file, for the servers the tests start with DATABASE_URL (SIGNING_KEY_FILE). */
export const TEST_SIGNING_KEY_FILE = join(mkdtempSync(join(tmpdir(), "ocop-key-")), "signing-key.pem");
writeFileSync(
  TEST_SIGNING_KEY_FILE,
  generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }),
  { mode: 0o600 },
);
