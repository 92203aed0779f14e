import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from "typeorm";
import { Named } from "../catalog/named";

export enum PotentialProductSource {
  REVIEW = "REVIEW",
  NEW_DISCOVERY = "NEW_DISCOVERY",
  PRODUCER_REQUEST = "PRODUCER_REQUEST",
}
registerEnumType(PotentialProductSource, {
  name: "PotentialProductSource",
  description:
    "Where the idea came from: REVIEW of an existing product of the area, NEW_DISCOVERY, or a PRODUCER_REQUEST.",
});

export enum PotentialProductStatus {
  PROPOSED = "PROPOSED",
  SELECTED = "SELECTED",
  IN_PREPARATION = "IN_PREPARATION",
  DOSSIER_OPENED = "DOSSIER_OPENED",
  CERTIFIED = "CERTIFIED",
  DROPPED = "DROPPED",
}
registerEnumType(PotentialProductStatus, {
  name: "PotentialProductStatus",
  description:
    "PROPOSED → SELECTED (by the commune) → IN_PREPARATION → DOSSIER_OPENED (when a dossier is created for its product) → CERTIFIED (when that dossier is recognised); or DROPPED, with a reason.",
});

/**
 * A product worth developing, before any dossier: the commune's register of what it reviewed, discovered or
 * was asked for, followed until it is certified or dropped.
 */
@Entity()
@Index(["communeCode", "id"])
@Index(["communeCode", "nameKey"])
@Index(["status", "id"])
@ObjectType({
  description: "A product with potential, in the commune's register (before and until its dossier).",
})
export class PotentialProduct extends Named {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "varchar", length: 16 })
  categoryCode: string;

  @Column({ type: "varchar", length: 5 })
  communeCode: string;

  /** The producer when known; else `contact` says whom to ask. */
  @Column({ type: "int", nullable: true })
  producerId: number | null;

  @Column({ type: "varchar", length: 500, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "Whom to contact when the producer is not recorded yet.",
  })
  contact: string | null;

  @Column({ type: "simple-enum", enum: PotentialProductSource })
  @Field(() => PotentialProductSource)
  source: PotentialProductSource;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  note: string | null;

  @Index()
  @Column({ type: "int", nullable: true })
  @Field(() => Int, { nullable: true, description: "The year planned for its evaluation." })
  plannedYear: number | null;

  @Column({ type: "simple-enum", enum: PotentialProductStatus })
  @Field(() => PotentialProductStatus)
  status: PotentialProductStatus;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Why it was dropped." })
  dropReason: string | null;

  /** The catalog product once it exists (set when its dossier is opened, or when known). */
  @Index()
  @Column({ type: "int", nullable: true })
  productId: number | null;

  @Index()
  @Column({ type: "int", nullable: true })
  dossierId: number | null;

  @Column({ type: "int", nullable: true })
  @Field(() => Int, { nullable: true, description: "An upgrade candidate: the stars it is proposed for." })
  targetStars: number | null;

  /** An upgrade candidate: the active certificate it would replace (its dossier is an UPGRADE). */
  @Column({ type: "int", nullable: true })
  upgradeOfId: number | null;

  @Column({ type: "int" })
  createdById: number;

  @CreateDateColumn()
  @Field()
  createdAt: Date;

  @UpdateDateColumn()
  @Field()
  updatedAt: Date;
}

/** The province's targets for a commune's year: products newly certified, upgrades and re-evaluations. */
@Entity()
@ObjectType({ description: "The province's targets for one commune and year." })
export class PlanTarget {
  @PrimaryColumn({ type: "int" })
  @Field(() => Int)
  year: number;

  @PrimaryColumn({ type: "varchar", length: 5 })
  communeCode: string;

  @Column({ type: "int" })
  @Field(() => Int)
  newProducts: number;

  @Column({ type: "int" })
  @Field(() => Int)
  upgrades: number;

  @Column({ type: "int" })
  @Field(() => Int)
  reEvaluations: number;

  @UpdateDateColumn()
  @Field()
  updatedAt: Date;
}
