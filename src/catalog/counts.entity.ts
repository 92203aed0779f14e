import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/**
 * Listed products per commune × product set × stars × year of certification: the catalog's totals and facet
 * counts are sums over these cells, which grow with the number of distinct cells, not of products. A cell
 * counts the products whose certificate runs to `countedFrom` (on the catalog_generation row) or later;
 * products that expired since are subtracted when counting (`driftSince`) until the day's sweep moves
 * them out. Every event that changes what is listed recounts the cells of its communes in its transaction.
 */
@Entity({ name: "catalog_count" })
@Index(["stars", "count"]) // covering: grouped sums read the index only
@Index(["categoryCode", "count"])
@Index(["certifiedYear", "count"])
export class CatalogCount {
  @PrimaryColumn({ type: "varchar", length: 5 })
  communeCode: string;

  @PrimaryColumn({ type: "varchar", length: 16 })
  categoryCode: string;

  @PrimaryColumn({ type: "int" })
  stars: number;

  @PrimaryColumn({ type: "int" })
  certifiedYear: number;

  @Column({ type: "int" })
  count: number;
}

/**
 * The cells summed over communes: what a filter without communes sums (a few hundred rows, whatever the
 * number of communes). Kept by the same recounts, by the difference of the communes' cells.
 */
@Entity({ name: "catalog_count_rollup" })
export class CatalogCountRollup {
  @PrimaryColumn({ type: "varchar", length: 16 })
  categoryCode: string;

  @PrimaryColumn({ type: "int" })
  stars: number;

  @PrimaryColumn({ type: "int" })
  certifiedYear: number;

  @Column({ type: "int" })
  count: number;
}

/**
 * Each commune's listed products per category at every level (sector, group, set): the communes facet of
 * a filter on categories (and communes) only, without summing a whole sector's cells.
 */
@Entity({ name: "catalog_count_commune_category" })
@Index(["categoryCode", "communeCode", "count"])
export class CatalogCountCommuneCategory {
  @PrimaryColumn({ type: "varchar", length: 5 })
  communeCode: string;

  @PrimaryColumn({ type: "varchar", length: 16 })
  categoryCode: string;

  @Column({ type: "int" })
  count: number;
}

/** Each commune's listed products by stars and year: what a filter naming no category sums by commune. */
@Entity({ name: "catalog_count_commune" })
export class CatalogCountCommune {
  @PrimaryColumn({ type: "varchar", length: 5 })
  communeCode: string;

  @PrimaryColumn({ type: "int" })
  stars: number;

  @PrimaryColumn({ type: "int" })
  certifiedYear: number;

  @Column({ type: "int" })
  count: number;
}
