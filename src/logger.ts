import pino, { type Logger } from "pino";

/**
 * Errors as pino serialises them, without the values a failed statement carried (TypeORM's
 * QueryFailedError keeps them in `parameters`, the driver in `sql`): they may hold personal data.
 */
function errorWithoutValues(err: unknown): unknown {
  const serialised = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  if (!serialised || typeof serialised !== "object") return serialised;
  const { parameters: _parameters, sql: _sql, driverError: _driverError, ...rest } = serialised;
  return rest;
}

/** JSON log lines; secrets are redacted wherever they might appear, and SQL parameter values never appear. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      // ISO times and level names, for people and for log shippers alike.
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: errorWithoutValues },
      redact: {
        paths: [
          "password",
          "*.password",
          "token",
          "*.token",
          "authorization",
          "*.authorization",
          "headers.authorization",
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
