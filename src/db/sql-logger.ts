import type { Logger as PinoLogger } from "pino";
import type { Logger as TypeOrmLogger } from "typeorm";

/**
 * TypeORM logger that counts statements (tests and the benchmark read the count to prove batching)
 * and reports failed and slow statements to pino. SQL never reaches a client.
 */
export class SqlLogger implements TypeOrmLogger {
  statements = 0;

  constructor(private readonly pino?: PinoLogger) {}

  logQuery(): void {
    this.statements++;
  }
  logQueryError(error: string | Error, query: string): void {
    // The driver's code and the statement with its placeholders; never the message, which may quote values.
    const code = typeof error === "string" ? undefined : ((error as { code?: string }).code ?? error.name);
    this.pino?.warn({ code, sql: query.slice(0, 500) }, "sql error");
  }
  logQuerySlow(time: number, query: string): void {
    this.pino?.warn({ ms: time, sql: query.slice(0, 500) }, "slow sql");
  }
  logSchemaBuild(message: string): void {
    this.pino?.debug({ schema: message }, "schema");
  }
  logMigration(message: string): void {
    this.pino?.info(message);
  }
  log(level: "log" | "info" | "warn", message: unknown): void {
    if (level === "warn") this.pino?.warn(String(message));
  }
}
