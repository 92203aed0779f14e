import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { isIP } from "node:net";
import { z } from "zod";
import { isLocalDate, type LocalDate } from "./core/time";

/** Raised for a bad environment: main prints the message on one line and exits non-zero. */
export class ConfigError extends Error {}

export const DEFAULT_UPLOAD_QUOTA_MB = 500;
/** {seq}: the certificate's number in its decision year, from 1, four digits at least; {year}: that year. */
export const DEFAULT_CERTIFICATE_NUMBER_PATTERN = "OCOP-{year}-{seq}";
/** Counting a search's (or a producer's) matches stops here; beyond, totals say "at least". */
export const DEFAULT_COUNT_CAP = 10_000;

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const booleanFlag = z
  .enum(["true", "false", "1", "0"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1");

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || isMysqlUrl(v), {
      message: "must be a mysql:// URL such as mysql://user:password@host:3306/ocop",
    }),
  DATABASE_REPLICA_URLS: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.split(",").map((u) => u.trim()) : []))
    .refine((urls) => urls.every(isMysqlUrl), {
      message: "must be mysql:// URLs separated by commas",
    }),
  SQLITE_PATH: z.string().trim().min(1).default("./data/ocop.sqlite"),
  PORT: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(0, "must be between 0 and 65535")
    .max(65535, "must be between 0 and 65535")
    .default(4000),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  JWT_TTL_HOURS: z.coerce
    .number({ message: "must be a number" })
    .positive("must be positive")
    .max(720, "must be at most 720")
    .default(8),
  MIGRATE_ON_START: booleanFlag.default(false),
  FILES_DIR: z.string().trim().min(1).default("./data/files"),
  HOST: z.string().trim().min(1).optional(),
  TRUST_PROXY: z
    .string()
    .default("loopback")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every(isProxyAddress), {
      message:
        "must be a comma-separated list of addresses, CIDRs (10.0.0.0/8) or loopback, linklocal, uniquelocal",
    }),
  UPLOAD_QUOTA_MB_PER_DAY: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .default(DEFAULT_UPLOAD_QUOTA_MB),
  CORS_ORIGINS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((o) => o === "*" || /^https?:\/\/[^/\s]+$/.test(o)), {
      message: "must be a comma-separated list of origins such as https://portal.example.vn, or *",
    }),
  INTROSPECTION: booleanFlag.default(true),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  SMTP_URL: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^smtps?:\/\/[^\s]+$/.test(v), {
      message: "must be smtp://host:port or smtps://user:password@host:port",
    }),
  SMTP_FROM: z.string().trim().email("must be an e-mail address").optional(),
  UNATTACHED_FILE_DAYS: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .default(7),
  PUBLIC_BASE_URL: z
    .string()
    .trim()
    .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, "must be an address such as https://ocop.laichau.gov.vn")
    .optional(),
  IMPORT_DECISIONS_BEFORE: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || isLocalDate(v), { message: "must be a date such as 2026-01-01" }),
  COUNT_CAP: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(100, "must be at least 100")
    .default(DEFAULT_COUNT_CAP),
  SIGNING_KEY_FILE: z.string().trim().min(1).optional(),
  CERTIFICATE_NUMBER_PATTERN: z
    .string()
    .trim()
    .default(DEFAULT_CERTIFICATE_NUMBER_PATTERN)
    .refine(isNumberPattern, {
      message:
        "must contain {seq}, may contain {year}, and at most 40 other characters, e.g. {seq}/{year}/GCN-OCOP",
    }),
});

export type Config = {
  database: { kind: "mysql"; url: string } | { kind: "sqlite"; path: string };
  /** Replicas of the MySQL database: the public's catalog reads go to them (none: everything on the primary). */
  replicaUrls: string[];
  port: number;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Signs tokens and cursors. Generated per process in the embedded demo when not given. */
  jwtSecret: string;
  jwtSecretGenerated: boolean;
  /** How long a login token is valid. */
  jwtTtlHours: number;
  migrateOnStart: boolean;
  /** Where uploaded evidence files are kept, under their SHA-256. */
  filesDir: string;
  /** The embedded demo (SQLite, demo data and logins). */
  demo: boolean;
  /** The address to listen on: loopback for the embedded demo, every interface otherwise, unless HOST says. */
  host: string;
  /** Proxies whose X-Forwarded-For is believed (Express "trust proxy" values). */
  trustProxy: string[];
  /** What one user may upload in one day (Vietnam time). */
  uploadQuotaBytesPerDay: number;
  /** Browser origins allowed to call the API (CORS); `*` for anonymous public requests from any page. */
  corsOrigins: string[];
  /** Bearer token for GET /metrics; without it there is no /metrics. */
  metricsToken: string | undefined;
  /** The mail server expiry notices leave through (SMTP_URL) and their sender (SMTP_FROM); without both, mails wait. */
  smtpUrl: string | undefined;
  smtpFrom: string | undefined;
  /** Schema introspection and field suggestions in errors (on by default: portals read the schema). */
  introspection: boolean;
  /** Uploaded files attached to nothing after this many days are removed by `npm run files:cleanup`. */
  unattachedFileDays: number;
  /**
   * The province's Ed25519 key file (PEM, or JSON from `npm run keys:create`): it signs the tokens on labels
   * and the revocation list. The embedded demo keeps its own beside its database when not given.
   */
  signingKeyFile: string | null;
  /** How a certificate is numbered when the recognition does not give the printed number. */
  certificateNumberPattern: string;
  /** Where counting a search's or a producer's matches stops (totals then say "at least"). */
  countCap: number;
  /** The address people reach this API at: the QR codes of certificates point to its /verify pages. */
  publicBaseUrl: string;
  /** The day the province began recording recognitions in the system: imports take only older decisions. */
  importDecisionsBefore: LocalDate | null;
};

/** A host name or address of this machine only ("localhost", 127.x, ::1, [::1]). */
export const isLoopbackHost = (host: string) => {
  const bare = host.replace(/^\[|\]$/g, "");
  return bare === "localhost" || bare === "::1" || (isIP(bare) === 4 && bare.startsWith("127."));
};

const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);
function isProxyAddress(value: string): boolean {
  if (PROXY_NAMES.has(value)) return true;
  const [address, bits, ...rest] = value.split("/");
  if (rest.length || !isIP(address)) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(address) === 4 ? 32 : 128));
}

function isNumberPattern(value: string): boolean {
  const rest = value.replace(/\{(year|seq)\}/g, "");
  return value.includes("{seq}") && rest.length <= 40 && !/[{}]/.test(rest);
}

function isMysqlUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "mysql:" && url.hostname !== "" && url.pathname.length > 1;
  } catch {
    return false;
  }
}

/**
 * Parses and checks the environment; throws ConfigError naming every bad variable. Command-line tasks that
 * sign nothing (migrate, user:create) do not need JWT_SECRET.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, { needsSecret = true } = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  const embedded = e.DATABASE_URL === undefined;
  if (!embedded && !e.JWT_SECRET && needsSecret) {
    throw new ConfigError(
      "invalid configuration: JWT_SECRET is required with DATABASE_URL (at least 32 characters)",
    );
  }
  if (!embedded && !e.SIGNING_KEY_FILE && needsSecret) {
    throw new ConfigError(
      "invalid configuration: SIGNING_KEY_FILE is required with DATABASE_URL (the province's key that signs certificates; create one with npm run keys:create)",
    );
  }
  const host = e.HOST ?? (embedded ? "127.0.0.1" : "0.0.0.0");
  if (
    env.NODE_ENV === "production" &&
    !isLoopbackHost(host) &&
    (!e.PUBLIC_BASE_URL || isLoopbackHost(new URL(e.PUBLIC_BASE_URL).hostname))
  )
    throw new ConfigError(
      `invalid configuration: PUBLIC_BASE_URL must be the address people reach this API at, such as https://ocop.laichau.gov.vn (QR codes printed on labels and photo URLs point to it); it is ${e.PUBLIC_BASE_URL ? `${e.PUBLIC_BASE_URL}, a loopback address` : "not set"} while the server listens on ${host}`,
    );
  if (embedded && e.DATABASE_REPLICA_URLS.length)
    throw new ConfigError("invalid configuration: DATABASE_REPLICA_URLS needs DATABASE_URL (the primary)");
  return {
    database: embedded ? { kind: "sqlite", path: e.SQLITE_PATH } : { kind: "mysql", url: e.DATABASE_URL! },
    replicaUrls: e.DATABASE_REPLICA_URLS,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    jwtSecret: e.JWT_SECRET ?? randomBytes(32).toString("base64url"),
    jwtSecretGenerated: !e.JWT_SECRET,
    jwtTtlHours: e.JWT_TTL_HOURS,
    migrateOnStart: e.MIGRATE_ON_START,
    filesDir: e.FILES_DIR,
    demo: embedded,
    host,
    trustProxy: e.TRUST_PROXY,
    uploadQuotaBytesPerDay: e.UPLOAD_QUOTA_MB_PER_DAY * 1024 * 1024,
    unattachedFileDays: e.UNATTACHED_FILE_DAYS,
    corsOrigins: e.CORS_ORIGINS,
    introspection: e.INTROSPECTION,
    metricsToken: e.METRICS_TOKEN,
    smtpUrl: e.SMTP_URL || undefined,
    smtpFrom: e.SMTP_FROM || undefined,
    certificateNumberPattern: e.CERTIFICATE_NUMBER_PATTERN,
    signingKeyFile: e.SIGNING_KEY_FILE ?? null,
    countCap: e.COUNT_CAP,
    publicBaseUrl: e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`,
    importDecisionsBefore: e.IMPORT_DECISIONS_BEFORE || null,
  };
}

/**
 * The embedded demo's signing key when JWT_SECRET is not set: made once and kept beside its database
 * (file jwt-secret, readable by the owner only), so that a restart does not sign everyone out.
 */
export function keptDemoSecret(sqlitePath: string): string {
  const file = join(dirname(sqlitePath), "jwt-secret");
  try {
    const kept = readFileSync(file, "utf8").trim();
    if (kept.length >= 32) return kept;
  } catch {
    /* not made yet */
  }
  const secret = randomBytes(32).toString("base64url");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
