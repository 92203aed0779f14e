import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral, SelectQueryBuilder } from "typeorm";
import type { Driver } from "typeorm/driver/Driver";
import { DriverUtils } from "typeorm/driver/DriverUtils";

/**
 * Lean hydration: raw rows selected as `<alias>_<column>` made into entities, each column converted as
 * TypeORM converts it (the driver's types, the column's transformer), without TypeORM's general hydration
 * (relations, embeddeds, eager loading, its transformation of every raw row), which the read paths of the
 * catalog do not need and which is a measured share of a page's CPU.
 */
function hydrator(metadata: EntityMetadata, driver: Driver, alias: string) {
  const columns = metadata.columns.map((column) => ({
    column,
    key: DriverUtils.buildAlias(driver, undefined, alias, column.databaseName),
  }));
  return {
    columns,
    hydrate: (row: Record<string, unknown>): ObjectLiteral => {
      const entity = metadata.create() as ObjectLiteral;
      for (const { column, key } of columns) {
        const value = row[key];
        if (value !== undefined) column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
      }
      return entity;
    },
  };
}

/** Hydrates raw rows selected by this query builder (no joins) as lean entities. */
export function leanHydrator<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
): (row: Record<string, unknown>) => T {
  const { metadata, name: alias } = qb.expressionMap.mainAlias!;
  return hydrator(metadata, qb.connection.driver, alias).hydrate as (row: Record<string, unknown>) => T;
}

/** The rows of a query, hydrated lean; a query that joins anything is hydrated by TypeORM as usual. */
export async function leanMany<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Promise<T[]> {
  if (qb.expressionMap.joinAttributes.length) return qb.getMany();
  return (await qb.getRawMany<Record<string, unknown>>()).map(leanHydrator(qb));
}

type Statement = { prefix: string; hydrate: (row: Record<string, unknown>) => ObjectLiteral };
const byIdStatements = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, Statement>>();

/**
 * Rows by id, hydrated lean, from a statement written once per entity (building it with the query builder
 * at every call is most of TypeORM's share of a catalog page's CPU). Not in a transaction: the data
 * source's reads.
 */
export async function leanByIds<T extends { id: number }>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  ids: readonly number[],
): Promise<T[]> {
  if (!ids.length) return [];
  const statements = byIdStatements.get(dataSource) ?? new Map<EntityTarget<ObjectLiteral>, Statement>();
  byIdStatements.set(dataSource, statements);
  let statement = statements.get(entity);
  if (!statement) {
    const metadata = dataSource.getMetadata(entity);
    const driver = dataSource.driver;
    const { columns, hydrate } = hydrator(metadata, driver, "e");
    const select = columns.map(
      ({ column, key }) => `e.${driver.escape(column.databaseName)} AS ${driver.escape(key)}`,
    );
    statement = {
      prefix: `SELECT ${select.join(", ")} FROM ${driver.escape(metadata.tableName)} e WHERE e.${driver.escape("id")} IN (`,
      hydrate,
    };
    statements.set(entity, statement);
  }
  const rows = await dataSource.query<Record<string, unknown>[]>(
    `${statement.prefix}${ids.map(() => "?").join(", ")})`,
    [...ids],
  );
  return rows.map(statement.hydrate) as T[];
}
