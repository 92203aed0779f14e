import type { DataSource, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from "typeorm";
import { conflict } from "./errors";

/** One queue per SQLite data source: TypeORM runs SQLite on one connection and nests a second BEGIN as a savepoint. */
const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

const isSqlite = (ds: DataSource) => ds.options.type === "better-sqlite3";

/** Driver errors that mean "another request got there first": a duplicate key, a deadlock, a lock wait that timed out. */
export function isRaceError(e: unknown): boolean {
  const error = e as { code?: string; driverError?: { code?: string } };
  const code = error.code ?? error.driverError?.code ?? "";
  return /^(ER_DUP_ENTRY|ER_LOCK_DEADLOCK|ER_LOCK_WAIT_TIMEOUT|SQLITE_CONSTRAINT_UNIQUE|SQLITE_CONSTRAINT_PRIMARYKEY|SQLITE_BUSY)$/.test(
    code,
  );
}

/**
 * Runs `work` in one transaction. On MySQL at READ COMMITTED, so that a read after a row lock sees what
 * the lock's holder committed; on SQLite one transaction at a time. A race lost in the database (duplicate
 * key, deadlock) is CONFLICT, never a 500: the change was not made and may be tried again.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (m: EntityManager) => Promise<T>,
): Promise<T> {
  const run = () =>
    isSqlite(dataSource) ? dataSource.transaction(work) : dataSource.transaction("READ COMMITTED", work);
  try {
    if (!isSqlite(dataSource)) return await run();
    const previous = sqliteQueues.get(dataSource) ?? Promise.resolve();
    const mine = previous.then(run, run);
    sqliteQueues.set(
      dataSource,
      mine.catch(() => undefined),
    );
    return await mine;
  } catch (e) {
    if (isRaceError(e)) throw conflict();
    throw e;
  }
}

/**
 * Reads a row and holds it until the transaction ends (SELECT … FOR UPDATE), so that concurrent changes
 * of the same record take turns. SQLite has no row locks; there transactions already take turns.
 */
export function lockRow<E extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<E>,
  key: number | FindOptionsWhere<E>,
): Promise<E | null> {
  const sqlite = m.connection.options.type === "better-sqlite3";
  const where = (typeof key === "number" ? { id: key } : key) as FindOptionsWhere<E>;
  return m.findOne(entity, { where, ...(sqlite ? {} : { lock: { mode: "pessimistic_write" as const } }) });
}
