import { globalId, Node, NODE_ID } from "../core/node";
import { Directive, Field, ObjectType, ID } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { PUBLIC_CACHE } from "../core/cache";
import { Product } from "../catalog/product.entity";
import { DegreesColumn } from "./coordinates";

/** At most this many points of sale per product. */
export const MAX_POINTS_OF_SALE = 20;

/** Where a product can be bought: a shop, a market stall, an online store. */
@Entity()
@Index(["productId", "position"])
@ObjectType({ description: "Where the product can be bought.", implements: Node })
@Directive(PUBLIC_CACHE)
export class PointOfSale {
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ID, { name: "id", description: NODE_ID })
  get nodeId(): string {
    return globalId("PointOfSale", this.id);
  }

  @Column({ type: "int" })
  productId: number;

  @ManyToOne(() => Product, { onDelete: "CASCADE" })
  @JoinColumn({ name: "productId" })
  product?: Product;

  @Column({ type: "int" })
  position: number;

  @Column({ type: "varchar", length: 200 })
  @Field()
  name: string;

  @Column({ type: "varchar", length: 500, nullable: true })
  @Field(() => String, { nullable: true })
  address: string | null;

  @Column({ type: "varchar", length: 30, nullable: true })
  @Field(() => String, { nullable: true })
  phone: string | null;

  @Column({ type: "varchar", length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: "A web page or online shop (http or https)." })
  url: string | null;

  @DegreesColumn()
  latitude: number | null;

  @DegreesColumn()
  longitude: number | null;
}
