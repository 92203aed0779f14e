import { globalId, Node, NODE_ID } from "../core/node";
import { GraphQLDateTimeISO } from "graphql-scalars";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from "typeorm";
import { PUBLIC_CACHE } from "../core/cache";
import { Named } from "./named";
import type { LocalDate } from "../core/time";
import { Commune } from "../geography/commune.entity";
import { Category } from "./category.entity";
import { Producer } from "./producer.entity";

/**
 * What a category code of one, two or three segments (sector, group, set) is compared with: the product
 * column holding that many segments of its own code, and that column's index by name.
 */
export const CATEGORY_LEVELS = [
  { column: "sectorCode", nameIndex: "IDX_product_sector_name" },
  { column: "groupCode", nameIndex: "IDX_product_group_name" },
  { column: "categoryCode", nameIndex: "IDX_product_set_name" },
] as const;
export const categoryLevel = (code: string) => CATEGORY_LEVELS[code.split(".").length - 1];

/** The sort indexes by stars and by certification day that say "listed" themselves (see Product). */
export const LISTED_SORT_INDEXES = {
  stars: "IDX_product_stars_listed",
  certifiedOn: "IDX_product_certified_listed",
} as const;

/** A year's certifications by expiry. */
export const YEAR_EXPIRY_INDEX = "IDX_product_year_expiry";

/** SQL, in words both MySQL and SQLite read, of categoryCode's first one or two dot-separated segments. */
function categorySegments(segments: 1 | 2): string {
  const dot = "INSTR(categoryCode, '.')";
  if (segments === 1)
    return `CASE WHEN ${dot} = 0 THEN categoryCode ELSE SUBSTR(categoryCode, 1, ${dot} - 1) END`;
  const second = `INSTR(SUBSTR(categoryCode, ${dot} + 1), '.')`;
  return `CASE WHEN ${dot} = 0 OR ${second} = 0 THEN categoryCode ELSE SUBSTR(categoryCode, 1, ${dot} + ${second} - 1) END`;
}

/**
 * A product. The columns stars, certifiedOn and certificateExpiresOn copy the current certificate (the
 * newest one neither revoked nor superseded) so that every catalog filter and sort is served by an index
 * on this one table; they are written in the same transaction as the certificate event that changes them.
 */
@Entity()
@ObjectType({ description: "An OCOP product.", implements: Node })
@Directive(PUBLIC_CACHE)
@Index(["nameKey", "id"])
// Sorts by stars and by certification day: the expiry beside them decides "listed" in the index itself, so
// the products no longer listed (those certified first) are passed over without reading their rows.
@Index(LISTED_SORT_INDEXES.stars, ["stars", "id", "certificateExpiresOn"])
@Index(LISTED_SORT_INDEXES.certifiedOn, ["certifiedOn", "id", "certificateExpiresOn"])
@Index(["certificateExpiresOn", "id"])
// Facet counts group listed products by these: index-only with the expiry date beside them.
@Index(["communeCode", "certificateExpiresOn"])
@Index(["categoryCode", "certificateExpiresOn"])
@Index(["stars", "certificateExpiresOn"])
@Index(["catalogSeq", "id"])
// A commune's page, and its 4★ shelf, by name: read in order from the index, stopping at the page's end.
@Index(["communeCode", "nameKey", "id"])
@Index(["communeCode", "stars", "nameKey", "id"])
// A sector's, a group's or a set's page by name.
@Index(CATEGORY_LEVELS[0].nameIndex, ["sectorCode", "nameKey", "id"])
@Index(CATEGORY_LEVELS[1].nameIndex, ["groupCode", "nameKey", "id"])
@Index(CATEGORY_LEVELS[2].nameIndex, ["categoryCode", "nameKey", "id"])
@Index(YEAR_EXPIRY_INDEX, ["certifiedYear", "certificateExpiresOn", "id"])
export class Product extends Named {
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ID, { name: "id", description: NODE_ID })
  get nodeId(): string {
    return globalId("Product", this.id);
  }

  @Index({ unique: true })
  @Column({ type: "varchar", length: 140 })
  @Field({ description: "URL-safe unique name, made from the Vietnamese name." })
  slug: string;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  description: string | null;

  @Column({ type: "varchar", length: 255, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "The name in English, if staff gave one (else show name).",
  })
  nameEn: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The description in English, if staff gave one." })
  descriptionEn: string | null;

  @Column({ type: "varchar", length: 16 })
  categoryCode: string;

  /**
   * The category code's first segment (the sector, "II" of "II.1.a") and first two (the group, "II.1", or
   * the set itself where it sits under its sector, "I.6"), computed by the database: a filter on a sector
   * or group is then one value of one column, and a page of it by name reads in order from an index
   * instead of sorting every product of the sector (names follow the category: "Rượu …" are all sector II).
   */
  @Column({
    type: "varchar",
    length: 16,
    generatedType: "STORED",
    asExpression: categorySegments(1),
    insert: false,
    update: false,
  })
  sectorCode: string;

  @Column({
    type: "varchar",
    length: 16,
    generatedType: "STORED",
    asExpression: categorySegments(2),
    insert: false,
    update: false,
  })
  groupCode: string;

  @ManyToOne(() => Category, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "categoryCode" })
  category?: Category;

  @Index()
  @Column({ type: "int" })
  producerId: number;

  @ManyToOne(() => Producer, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "producerId" })
  producer?: Producer;

  @Column({ type: "varchar", length: 5 })
  communeCode: string;

  @ManyToOne(() => Commune, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "communeCode" })
  commune?: Commune;

  @Column({ type: "int", nullable: true })
  currentCertificateId: number | null;

  /** Set when staff archive it: hidden from staff lists unless asked for; the public catalog is unaffected. */
  @Column({ type: "datetime", nullable: true })
  archivedAt: Date | null;

  @Column({ type: "int", nullable: true })
  @Field(() => Int, { nullable: true, description: "Stars of the current certificate (3, 4 or 5)." })
  stars: number | null;

  @Column({ type: "date", nullable: true })
  certifiedOn: LocalDate | null;

  /**
   * The year of certifiedOn, computed by the database: with the expiry beside it in an index, the year's
   * products are read in order of expiry (those certified in one year expire together, so reading every
   * product by expiry to find one year's cost hundreds of milliseconds at ten times the national catalog).
   */
  @Column({
    type: "varchar",
    length: 4,
    nullable: true,
    generatedType: "STORED",
    asExpression: "SUBSTR(certifiedOn, 1, 4)",
    insert: false,
    update: false,
  })
  certifiedYear: string | null;

  @Column({ type: "date", nullable: true })
  certificateExpiresOn: LocalDate | null;

  /**
   * The catalog generation at which the product's public listing last changed (it entered, changed or
   * left the catalog): its place in the change feed (catalogChanges). Null while it was never listed.
   */
  @Column({
    type: "bigint",
    nullable: true,
    transformer: {
      to: (v: number | null) => v,
      from: (v: string | number | null) => (v === null ? null : Number(v)),
    },
  })
  catalogSeq: number | null;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  @Field(() => GraphQLDateTimeISO, { description: "When the product or its listing last changed." })
  updatedAt: Date;
}

/**
 * SQL condition (alias `p`, parameter `:today`) for a product listed in the public catalog: its current
 * certificate has not expired. A product without a current certificate has no expiry date, so this one
 * indexed column decides.
 */
export const LISTED = "p.certificateExpiresOn >= :today";

/** LISTED, for a product already read. */
export const isListed = (p: Pick<Product, "certificateExpiresOn">, today: LocalDate): boolean =>
  p.certificateExpiresOn !== null && p.certificateExpiresOn >= today;

/**
 * The search words of a product (see searchTokens), one row each, so that search is an index look-up
 * ("mat" = "Mật"), works for two-letter syllables, and matches the last word as a prefix.
 */
@Entity()
// Covering: a search reads a word's products and where the word occurs from this index alone (without
// `sources` here, every match was a lookup in the table, which at 10× the national catalog outgrows memory).
@Index(["token", "productId", "sources"])
export class ProductSearchToken {
  @PrimaryColumn({ type: "int" })
  productId: number;

  @PrimaryColumn({ type: "varchar", length: 40 })
  token: string;

  /** Where the word occurs: WORD_SOURCE bits (product-index.ts); 0 only in rows written before they were kept. */
  @Column({ type: "tinyint", unsigned: true, default: 0 })
  sources: number;

  @ManyToOne(() => Product, { onDelete: "CASCADE" })
  @JoinColumn({ name: "productId" })
  product?: Product;
}
