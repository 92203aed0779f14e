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
 * A product. The columns stars, certifiedOn and certificateExpiresOn copy the current certificate (the
 * newest one neither revoked nor superseded) so that every catalog filter and sort is served by an index
 * on this one table; they are written in the same transaction as the certificate event that changes them.
 */
@Entity()
@ObjectType({ description: "An OCOP product.", implements: Node })
@Directive(PUBLIC_CACHE)
@Index(["nameKey", "id"])
@Index(["stars", "id"])
@Index(["certifiedOn", "id"])
@Index(["certificateExpiresOn", "id"])
// Facet counts group listed products by these: index-only with the expiry date beside them.
@Index(["communeCode", "certificateExpiresOn"])
@Index(["categoryCode", "certificateExpiresOn"])
@Index(["stars", "certificateExpiresOn"])
@Index(["catalogSeq", "id"])
// A commune's page, and its 4★ shelf, by name: read in order from the index, stopping at the page's end.
@Index(["communeCode", "nameKey", "id"])
@Index(["communeCode", "stars", "nameKey", "id"])
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
@Index(["token", "productId"])
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
