#!/usr/bin/env node
// node cli.mjs <token or scanned URL> <jwks.json> <revocations.jws> [now as an ISO instant]
// Prints the verdict (VALID, EXPIRED, REVOKED or FORGED) and the label's claims as JSON; exit code 0 for VALID,
// 1 for any other verdict, 2 when the files are unusable.
import { readFileSync } from "node:fs";
import { verifyLabel } from "./verify.mjs";

const [token, jwksFile, listFile, now] = process.argv.slice(2);
if (!token || !jwksFile || !listFile) {
  console.error("usage: node cli.mjs <token or URL> <jwks.json> <revocations.jws> [now]");
  process.exit(2);
}
try {
  const result = await verifyLabel({
    token,
    jwks: JSON.parse(readFileSync(jwksFile, "utf8")),
    revocationList: readFileSync(listFile, "utf8").trim(),
    now: now ? new Date(now) : new Date(),
  });
  console.log(JSON.stringify(result));
  process.exit(result.verdict === "VALID" ? 0 : 1);
} catch (e) {
  console.error(`offline-verify: ${e.message}`);
  process.exit(2);
}
