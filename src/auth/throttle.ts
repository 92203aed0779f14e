import { HeaderMap } from "@apollo/server";
import {
  RateLimiterMySQL,
  RateLimiterRes,
  RateLimiterSQLite,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import type { DataSource } from "typeorm";
import { AppError, ErrorCode } from "../core/errors";

/** Login throttle: 10 attempts on one account in 15 minutes, or 100 from one address, then 15 minutes' wait. */
export const THROTTLE = {
  accountAttempts: 10,
  ipAttempts: 100,
  windowSeconds: 15 * 60,
  lockSeconds: 15 * 60,
};

/** The table the counters live in: shared by every instance on the same database (created by a migration on MySQL). */
export const THROTTLE_TABLE = "login_throttle";

/**
 * Counts password attempts per account and per address in the database, with rate-limiter-flexible's atomic
 * upsert, before the password is checked: a burst of parallel guesses is counted like guesses one after another.
 */
export class LoginThrottle {
  private readonly account: RateLimiterAbstract;
  private readonly address: RateLimiterAbstract;

  constructor(dataSource: DataSource) {
    const limiter = (keyPrefix: string, points: number) => {
      const common = {
        keyPrefix,
        points,
        duration: THROTTLE.windowSeconds,
        blockDuration: THROTTLE.lockSeconds,
        tableName: THROTTLE_TABLE,
      };
      if (dataSource.options.type === "better-sqlite3") {
        const db = (dataSource.driver as unknown as { databaseConnection: { exec(sql: string): void } })
          .databaseConnection;
        db.exec(
          `CREATE TABLE IF NOT EXISTS ${THROTTLE_TABLE} (key TEXT PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire INTEGER)`,
        );
        return new RateLimiterSQLite({
          ...common,
          storeClient: db,
          storeType: "better-sqlite3",
          tableCreated: true,
        });
      }
      const driver = dataSource.driver as unknown as { pool: unknown; database: string };
      return new RateLimiterMySQL({
        ...common,
        storeClient: driver.pool,
        storeType: "pool",
        dbName: driver.database,
        tableCreated: true,
      });
    };
    this.account = limiter("account", THROTTLE.accountAttempts);
    this.address = limiter("ip", THROTTLE.ipAttempts);
  }

  /**
   * Counts one attempt on the account (its id; null for an address no account has, all counted on one
   * decoy key) from the address; RATE_LIMITED (429, Retry-After) when either is over its limit.
   */
  async attempt(userId: number | null, ip: string): Promise<void> {
    const [account, address] = await Promise.allSettled([
      this.account.consume(accountKey(userId)),
      this.address.consume(ip),
    ]);
    const refused: unknown[] = [account, address].flatMap((r) =>
      r.status === "rejected" ? [r.reason as unknown] : [],
    );
    // The decoy key only makes an unknown address cost what a known one does: locking it would tell that
    // an address has no account, so only the address's own limit refuses unknown ones.
    const limits = userId === null ? [address] : [account, address];
    const over = limits.flatMap((r) =>
      r.status === "rejected" && r.reason instanceof RateLimiterRes ? [r.reason] : [],
    );
    const failure = refused.find((r) => !(r instanceof RateLimiterRes));
    if (failure)
      throw failure instanceof Error
        ? failure
        : new Error("the login throttle's store failed", { cause: failure }); // not a refusal
    if (over.length) {
      const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...over.map((r) => r.msBeforeNext)) / 1000));
      throw new AppError(
        ErrorCode.RATE_LIMITED,
        "auth.locked",
        { minutes: Math.ceil(retryAfterSeconds / 60) },
        {
          retryAfterSeconds,
          http: { status: 429, headers: new HeaderMap([["retry-after", String(retryAfterSeconds)]]) },
        },
      );
    }
  }

  /** A right password clears the account's count and gives the address its attempt back: only failures add up. */
  async succeeded(userId: number, ip: string): Promise<void> {
    await Promise.all([this.account.delete(accountKey(userId)), this.address.reward(ip, 1)]);
  }
}

/** One key per account, whatever spelling of its address found it; unknown addresses share a decoy key. */
const accountKey = (userId: number | null) => (userId === null ? "unknown" : `user:${userId}`);
