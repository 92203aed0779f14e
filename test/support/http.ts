import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { createApp, type AppDeps } from "../../src/app";
import type { Clock } from "../../src/core/time";
import { createLogger } from "../../src/logger";
import { SigningKeys } from "../../src/signing/keys";
import type { TestDb } from "./db";

export const TEST_SECRET = "test-secret-test-secret-test-secret-0123456789";
export const TEST_FILES_DIR = mkdtempSync(join(tmpdir(), "ocop-files-"));

/** A clock the test sets. */
export class FixedClock implements Clock {
  constructor(public instant: Date) {}
  now(): Date {
    return this.instant;
  }
}

export type GqlResult = {
  status: number;
  body: {
    data?: any;
    errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
  };
  headers: Record<string, string>;
};

/** The real app over the test database, and a helper that POSTs GraphQL over HTTP. */
export async function testApp(
  db: TestDb,
  clock: Clock,
  config: Partial<AppDeps["config"]> = {},
  deps: Partial<Pick<AppDeps, "readDataSource" | "signingKeys">> = {},
) {
  const { app, services } = await createApp({
    signingKeys: await SigningKeys.ephemeral(),
    ...deps,
    dataSource: db.dataSource,
    config: { jwtSecret: TEST_SECRET, jwtTtlHours: 8, filesDir: TEST_FILES_DIR, ...config },
    log: createLogger(process.env.LOG_LEVEL ?? "silent"),
    clock,
  });
  const gql = async (
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GqlResult> => {
    // Tests read English messages unless they ask for another language (staff requests default to Vietnamese).
    const res = await request(app)
      .post("/graphql")
      .set({ "accept-language": "en", ...headers })
      .send({ query, variables });
    return { status: res.status, body: res.body, headers: res.headers };
  };
  return { app, gql, services };
}

/** The codes of a response's errors. */
export const codes = (r: GqlResult) => (r.body.errors ?? []).map((e) => e.extensions?.code);
