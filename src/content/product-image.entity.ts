import { globalId, Node, NODE_ID } from "../core/node";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from "typeorm";
import { PUBLIC_CACHE } from "../core/cache";
import { Product } from "../catalog/product.entity";
import { StoredFile } from "../files/stored-file.entity";

/** At most this many photos per product. */
export const MAX_IMAGES_PER_PRODUCT = 10;

/**
 * A photo of a product, in the product's order. The upload (stored_file) keeps the original; what is served
 * are its resized variants, without metadata, under the original's SHA-256 (see images.ts).
 */
@Entity()
@Index(["productId", "position"])
@ObjectType({
  description: "A photo of a product, resized and without metadata (no GPS, no EXIF).",
  implements: Node,
})
@Directive(PUBLIC_CACHE)
export class ProductImage {
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ID, { name: "id", description: NODE_ID })
  get nodeId(): string {
    return globalId("ProductImage", this.id);
  }

  @Column({ type: "int" })
  productId: number;

  @ManyToOne(() => Product, { onDelete: "CASCADE" })
  @JoinColumn({ name: "productId" })
  product?: Product;

  /** 0 for the first photo (the one listings and the verification page show). */
  @Column({ type: "int" })
  position: number;

  @Column({ type: "int" })
  fileId: number;

  @ManyToOne(() => StoredFile, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "fileId" })
  file?: StoredFile;

  /** The original's SHA-256: the variants' URLs are made from it, so a new photo always has new URLs. */
  @Index()
  @Column({ type: "varchar", length: 64 })
  sha256: string;

  @Column({ type: "int" })
  @Field(() => Int, { description: "Width in pixels of the image at `url`." })
  width: number;

  @Column({ type: "int" })
  @Field(() => Int, { description: "Height in pixels of the image at `url`." })
  height: number;

  @Column({ type: "varchar", length: 250 })
  @Field({
    description: "What the photo shows, in Vietnamese (for screen readers and when it does not load).",
  })
  alt: string;

  @Column({ type: "varchar", length: 250, nullable: true })
  @Field(() => String, { nullable: true, description: "What the photo shows, in English, if staff gave it." })
  altEn: string | null;

  @CreateDateColumn()
  createdAt: Date;
}
