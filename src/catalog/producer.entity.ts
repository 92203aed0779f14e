import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from "typeorm";
import { PUBLIC_CACHE } from "../core/cache";
import { Named } from "./named";
import { Commune } from "../geography/commune.entity";

export enum ProducerKind {
  HTX = "HTX",
  DOANH_NGHIEP = "DOANH_NGHIEP",
  HO_KINH_DOANH = "HO_KINH_DOANH",
  TO_HOP_TAC = "TO_HOP_TAC",
}
registerEnumType(ProducerKind, {
  name: "ProducerKind",
  description:
    "HTX (cooperative), DOANH_NGHIEP (enterprise), HO_KINH_DOANH (household business), TO_HOP_TAC (cooperative group).",
});

@Entity()
@Index(["nameKey", "id"])
@ObjectType({ description: "A producing entity (chủ thể OCOP)." })
@Directive(PUBLIC_CACHE)
export class Producer extends Named {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "simple-enum", enum: ProducerKind })
  @Field(() => ProducerKind)
  kind: ProducerKind;

  /** Tax or business registration number; staff only. */
  @Index()
  @Column({ type: "varchar", length: 50, nullable: true })
  registrationNumber: string | null;

  /** Legal representative; staff only. */
  @Column({ type: "varchar", length: 255, nullable: true })
  representative: string | null;

  @Column({ type: "varchar", length: 500, nullable: true })
  @Field(() => String, { nullable: true })
  address: string | null;

  @Index()
  @Column({ type: "varchar", length: 5 })
  communeCode: string;

  @ManyToOne(() => Commune, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "communeCode" })
  commune?: Commune;

  @Column({ type: "varchar", length: 30, nullable: true })
  @Field(() => String, { nullable: true })
  phone: string | null;

  /** Contact email; staff only. */
  @Column({ type: "varchar", length: 255, nullable: true })
  email: string | null;

  @Column({ type: "varchar", length: 255, nullable: true })
  @Field(() => String, { nullable: true })
  website: string | null;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
