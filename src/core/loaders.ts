import DataLoader from "dataloader";
import {
  In,
  type EntityManager,
  type EntityTarget,
  type FindOptionsWhere,
  type ObjectLiteral,
} from "typeorm";

/** One row per key, by a unique column, in one statement for all the keys of a tick (null where none). */
export function oneBy<E extends ObjectLiteral, K extends number | string>(
  m: EntityManager,
  entity: EntityTarget<E>,
  column: keyof E & string,
) {
  return new DataLoader<K, E | null>(async (keys) => {
    const rows = await m.find(entity, { where: { [column]: In([...keys]) } as FindOptionsWhere<E> });
    const byKey = new Map(rows.map((r) => [r[column] as K, r]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** All rows per key (in id order), in one statement for all the keys of a tick. */
export function manyBy<E extends ObjectLiteral & { id: number }, K extends number | string>(
  m: EntityManager,
  entity: EntityTarget<E>,
  column: keyof E & string,
  where: FindOptionsWhere<E> = {},
  keyOf: (row: E) => K = (row) => row[column],
  toColumn: (key: K) => unknown = (key) => key,
) {
  return new DataLoader<K, E[]>(async (keys) => {
    const rows = await m.find(entity, {
      where: { ...where, [column]: In(keys.map(toColumn)) } as FindOptionsWhere<E>,
      order: { id: "ASC" } as never,
    });
    const byKey = new Map<K, E[]>();
    for (const r of rows) byKey.set(keyOf(r), [...(byKey.get(keyOf(r)) ?? []), r]);
    return keys.map((k) => byKey.get(k) ?? []);
  });
}
