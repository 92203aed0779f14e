import type { EntityManager, InsertResult } from "typeorm";
import { fold, freeSlug, slugify } from "../core/text";
import { Producer } from "./producer.entity";
import { Product } from "./product.entity";

/**
 * The catalog's row writers, one place for what every producer and product row needs (the folded name key,
 * a free slug): the staff catalog writes one at a time, the import many. Audit events and catalogWritten
 * stay with the caller, who knows why and how many.
 */

export type NewProducer = Pick<
  Producer,
  | "name"
  | "kind"
  | "communeCode"
  | "registrationNumber"
  | "representative"
  | "address"
  | "phone"
  | "email"
  | "website"
> &
  Partial<Pick<Producer, "publicContact" | "openingHours" | "latitude" | "longitude">>;

export type NewProduct = Pick<
  Product,
  "name" | "description" | "categoryCode" | "producerId" | "communeCode"
>;

/** The id an insert created, as a number on either database. */
const insertedId = (result: InsertResult): number => Number(result.identifiers[0].id);

/** Inserts producers; answers their ids in order. */
export async function insertProducers(m: EntityManager, rows: NewProducer[]): Promise<number[]> {
  const ids: number[] = [];
  for (const row of rows) ids.push(insertedId(await m.insert(Producer, { ...row, nameKey: fold(row.name) })));
  return ids;
}

/** Changes fields of a producer (its name key follows its name). */
export async function updateProducerRow(
  m: EntityManager,
  id: number,
  values: Partial<Producer>,
): Promise<void> {
  await m.update(
    Producer,
    id,
    values.name === undefined ? values : { ...values, nameKey: fold(values.name) },
  );
}

/** Changes fields of a product (its name key follows its name; its slug stays, so that links keep working). */
export async function updateProductRow(
  m: EntityManager,
  id: number,
  values: Partial<Product>,
): Promise<void> {
  await m.update(Product, id, values.name === undefined ? values : { ...values, nameKey: fold(values.name) });
}

/**
 * Inserts products, each with a slug no product has (nor any other of these); answers their ids in order.
 * `taken`: the slugs in use, when the caller has them all already (an import); else they are looked up.
 */
export async function insertProducts(
  m: EntityManager,
  rows: NewProduct[],
  given?: Set<string>,
): Promise<number[]> {
  const taken = given ?? (await takenSlugs(m, [...new Set(rows.map((r) => slugify(r.name)))]));
  const ids: number[] = [];
  for (const row of rows) {
    const slug = freeSlug(row.name, taken);
    taken.add(slug);
    ids.push(insertedId(await m.insert(Product, { ...row, slug, nameKey: fold(row.name) })));
  }
  return ids;
}

/** The slugs in use that begin as these do ("mat-ong", "mat-ong-2"…). */
async function takenSlugs(m: EntityManager, bases: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (const base of bases) {
    const rows = await m
      .getRepository(Product)
      .createQueryBuilder("p")
      .select("p.slug", "slug")
      .where("p.slug = :base OR p.slug LIKE :prefix", { base, prefix: `${base}-%` })
      .getRawMany<{ slug: string }>();
    for (const { slug } of rows) taken.add(slug);
  }
  return taken;
}
