import pino, { type Logger } from "pino";

/** JSON log lines; secrets are redacted wherever they might appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: ["password", "*.password", "token", "*.token", "authorization", "*.authorization", "headers.authorization"],
      censor: "[redacted]",
    },
  });
}
