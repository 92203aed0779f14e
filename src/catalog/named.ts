import { Field, ObjectType } from "type-graphql";
import { BeforeInsert, BeforeUpdate, Column } from "typeorm";
import { fold } from "../core/text";

/** A record with a Vietnamese name (products, producers), kept with its folded key. */
@ObjectType()
export abstract class Named {
  @Column({ type: "varchar", length: 255 })
  @Field()
  name: string;

  /**
   * The name folded (lower case, no tone or vowel marks, đ = d): lists sort and search by it, so that both
   * databases give one order ("Cá hồi" before "Chuối"), where SQLite would compare bytes.
   */
  @Column({ type: "varchar", length: 255, default: "" })
  nameKey: string;

  @BeforeInsert()
  @BeforeUpdate()
  keepNameKey(): void {
    if (this.name !== undefined) this.nameKey = fold(this.name);
  }
}
