import { globalId, Node, NODE_ID } from "../core/node";
import { GraphQLDateTimeISO } from "graphql-scalars";
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
import { DegreesColumn } from "../content/coordinates";

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
@ObjectType({ description: "A producing entity (chủ thể OCOP).", implements: Node })
@Directive(PUBLIC_CACHE)
export class Producer extends Named {
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ID, { name: "id", description: NODE_ID })
  get nodeId(): string {
    return globalId("Producer", this.id);
  }

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
  address: string | null;

  @Index()
  @Column({ type: "varchar", length: 5 })
  communeCode: string;

  @ManyToOne(() => Commune, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "communeCode" })
  commune?: Commune;

  @Column({ type: "varchar", length: 30, nullable: true })
  phone: string | null;

  /** Contact email; staff only. */
  @Column({ type: "varchar", length: 255, nullable: true })
  email: string | null;

  @Column({ type: "varchar", length: 255, nullable: true })
  website: string | null;

  /**
   * The producer agreed to show its contact (phone, address, website, opening hours) in the public catalog;
   * staff set it. Without it, the public sees none of them.
   */
  @Column({ type: "boolean", default: false })
  publicContact: boolean;

  @Column({ type: "varchar", length: 255, nullable: true })
  openingHours: string | null;

  @DegreesColumn("Where the producer is: WGS 84 degrees.")
  latitude: number | null;

  @DegreesColumn("Where the producer is: WGS 84 degrees.")
  longitude: number | null;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  @Field(() => GraphQLDateTimeISO, { description: "When the producer's details last changed." })
  updatedAt: Date;
}
