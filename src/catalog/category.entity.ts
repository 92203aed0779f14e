import { globalId, Node, NODE_ID } from "../core/node";
import { Directive, Field, Int, ObjectType, registerEnumType, ID } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { PUBLIC_CACHE } from "../core/cache";

export enum CategoryLevel {
  SECTOR = "SECTOR",
  GROUP = "GROUP",
  SET = "SET",
}
registerEnumType(CategoryLevel, {
  name: "CategoryLevel",
  description: "SECTOR (ngành), GROUP (nhóm) or SET (bộ sản phẩm, which has its own criteria sheet).",
});

@Entity()
@ObjectType({
  description: "A node of the OCOP classification: sector → group → product set.",
  implements: Node,
})
@Directive(PUBLIC_CACHE)
export class Category {
  @PrimaryColumn({ type: "varchar", length: 16 })
  @Field({ description: 'Hierarchical code: "I" (sector), "I.2" (group), "I.2.a" (product set).' })
  code: string;

  @Field(() => ID, { name: "id", description: NODE_ID })
  get nodeId(): string {
    return globalId("Category", this.code);
  }

  @Column({ type: "simple-enum", enum: CategoryLevel })
  @Field(() => CategoryLevel)
  level: CategoryLevel;

  @Index()
  @Column({ type: "varchar", length: 16, nullable: true })
  parentCode: string | null;

  @Column({ type: "varchar", length: 200 })
  @Field({ description: "Vietnamese name." })
  name: string;

  @Column({ type: "varchar", length: 200 })
  @Field({ description: "English name." })
  nameEn: string;

  @Column({ type: "int", nullable: true })
  @Field(() => Int, { nullable: true, description: "Number of the criteria sheet (1–26) of a product set." })
  criteriaSet: number | null;

  @Column({ type: "int" })
  position: number;
}
