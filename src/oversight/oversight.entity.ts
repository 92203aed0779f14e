import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from "typeorm";
import { User } from "../auth/user.entity";
import { Product } from "../catalog/product.entity";
import { type CitedGround, Certificate } from "../certificates/certificate.entity";
import { LocalDateScalar } from "../core/scalars";
import type { LocalDate } from "../core/time";

export enum ViolationKind {
  LOGO_MISUSE = "LOGO_MISUSE",
  LABEL_NONCOMPLIANT = "LABEL_NONCOMPLIANT",
  QUALITY_FAILURE = "QUALITY_FAILURE",
  CONDITIONS_NOT_MAINTAINED = "CONDITIONS_NOT_MAINTAINED",
  OTHER = "OTHER",
}
registerEnumType(ViolationKind, { name: "ViolationKind" });

export enum RecommendationStatus {
  PENDING = "PENDING",
  ACCEPTED = "ACCEPTED",
  REJECTED = "REJECTED",
}
registerEnumType(RecommendationStatus, { name: "RecommendationStatus" });

@Entity()
// One inspection of a product a day: a second identical request is a CONFLICT, not a duplicate.
@Index(["productId", "inspectedOn"], { unique: true })
@ObjectType({
  description: "An inspection of a certified product and of its use of the OCOP logo and certification mark.",
})
export class Inspection {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "int" })
  productId: number;

  @ManyToOne(() => Product, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "productId" })
  product?: Product;

  /** The product's commune, for scoping. */
  @Column({ type: "varchar", length: 5 })
  communeCode: string;

  @Column({ type: "date" })
  @Field(() => LocalDateScalar)
  inspectedOn: LocalDate;

  @Column({ type: "int" })
  inspectorId: number;

  @ManyToOne(() => User, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "inspectorId" })
  inspector?: User;

  @Column({ type: "boolean" })
  @Field({ description: "Were the OCOP logo and certification mark used correctly?" })
  logoUseCompliant: boolean;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  findings: string | null;

  @CreateDateColumn()
  createdAt: Date;
}

@Entity()
@ObjectType()
export class Violation {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Index()
  @Column({ type: "int" })
  inspectionId: number;

  @ManyToOne(() => Inspection, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "inspectionId" })
  inspection?: Inspection;

  @Column({ type: "simple-enum", enum: ViolationKind })
  @Field(() => ViolationKind)
  kind: ViolationKind;

  @Column({ type: "text" })
  @Field()
  description: string;
}

@Entity()
@Index(["status", "id"])
@ObjectType({ description: "A commune's recommendation that the province revoke a certificate." })
export class RevocationRecommendation {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Index()
  @Column({ type: "int" })
  certificateId: number;

  @ManyToOne(() => Certificate, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "certificateId" })
  certificate?: Certificate;

  @Column({ type: "varchar", length: 5 })
  communeCode: string;

  @Column({ type: "text" })
  @Field()
  reason: string;

  /** Ids of the violations it rests on. */
  @Column({ type: "simple-json" })
  violationIds: number[];

  /** The revocation grounds of the rule set it cites, as worded then (null: none cited, before grounds existed). */
  @Column({ type: "simple-json", nullable: true })
  grounds: CitedGround[] | null;

  @Column({ type: "simple-enum", enum: RecommendationStatus })
  @Field(() => RecommendationStatus)
  status: RecommendationStatus;

  @Column({ type: "int" })
  recommendedById: number;

  @Column({ type: "int", nullable: true })
  decidedById: number | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Why it was rejected." })
  decisionNote: string | null;

  @CreateDateColumn()
  @Field()
  createdAt: Date;
}
