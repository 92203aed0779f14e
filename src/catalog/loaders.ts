import DataLoader from "dataloader";
import { In, type DataSource, type EntityTarget } from "typeorm";
import { leanByIds } from "../core/lean";
import { Certificate } from "../certificates/certificate.entity";
import type { LocalDate } from "../core/time";
import { type Commune, Province } from "../geography/commune.entity";
import type { CategoryTree, ReferenceCache } from "./reference-cache";
import { Producer } from "./producer.entity";
import { LISTED, Product } from "./product.entity";

/** Answers the batch in the order of its keys (null where a key has no row). */
function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

/**
 * The DataLoaders of one request: at most one SQL statement per relation and level, however many rows
 * a page has (categories and communes usually come from memory). Built fresh for every request, so nothing is shared between viewers.
 */
export function createCatalogLoaders(dataSource: DataSource, reference: ReferenceCache, today: LocalDate) {
  const m = dataSource.manager;
  /** Rows by id, in one statement (the catalog's hottest reads: hydrated lean). */
  const byIds = <E extends { id: number }>(entity: EntityTarget<E>, ids: readonly number[]) =>
    leanByIds(dataSource, entity, ids);
  return {
    commune: new DataLoader<string, Commune | null>((codes) => reference.communesByCode(codes)),
    province: new DataLoader<string, Province | null>(async (codes) =>
      byKey(codes, await m.find(Province, { where: { code: In([...codes]) } }), (p) => p.code),
    ),
    producer: new DataLoader<number, Producer | null>(async (ids) =>
      byKey(ids, await byIds(Producer, ids), (p) => p.id),
    ),
    product: new DataLoader<number, Product | null>(async (ids) =>
      byKey(ids, await byIds(Product, ids), (p) => p.id),
    ),
    certificate: new DataLoader<number, Certificate | null>(async (ids) =>
      byKey(ids, await byIds(Certificate, ids), (c) => c.id),
    ),
    /** The newest certificate of each product (by decision date), for products without a current one. */
    newestCertificateByProduct: new DataLoader<number, Certificate | null>(async (productIds) => {
      const rows = await m.find(Certificate, {
        where: { productId: In([...productIds]) },
        order: { issuedOn: "DESC", id: "DESC" },
      });
      return productIds.map((id) => rows.find((c) => c.productId === id) ?? null);
    }),
    /** Every commune-level unit in the units' order (a few dozen rows), from memory. */
    communeList: new DataLoader<"all", Commune[]>(async (keys) => {
      const communes = await reference.allCommunes();
      return keys.map(() => communes);
    }),
    /** The whole classification (a few dozen rows), from memory. */
    categoryTree: new DataLoader<"all", CategoryTree>(async (keys) => {
      const tree = await reference.categoryTree();
      return keys.map(() => tree);
    }),
    /** Certified (active) products of each producer, by name. */
    activeProductsByProducer: new DataLoader<number, Product[]>(async (producerIds) => {
      const rows = await m
        .getRepository(Product)
        .createQueryBuilder("p")
        .where("p.producerId IN (:...producerIds)", { producerIds })
        .andWhere(LISTED, { today })
        .orderBy("p.nameKey", "ASC") // folded: one order on every database
        .addOrderBy("p.id", "ASC")
        .getMany();
      return producerIds.map((id) => rows.filter((p) => p.producerId === id));
    }),
    /** How many certified (active) products each commune has. */
    activeProductCountByCommune: new DataLoader<string, number>(async (codes) => {
      const rows = await m
        .getRepository(Product)
        .createQueryBuilder("p")
        .select("p.communeCode", "code")
        .addSelect("COUNT(*)", "count")
        .where("p.communeCode IN (:...codes)", { codes })
        .andWhere(LISTED, { today })
        .groupBy("p.communeCode")
        .getRawMany<{ code: string; count: string | number }>();
      const counts = new Map(rows.map((r) => [r.code, Number(r.count)]));
      return codes.map((c) => counts.get(c) ?? 0);
    }),
  };
}
