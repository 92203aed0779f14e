import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { User } from "../auth/user.entity";
import { Dossier } from "../dossiers/dossier.entity";
import {
  CaseChoice,
  CriterionChoice,
  MissingPointsCredit,
  UnmetCriterion,
} from "../dossiers/evaluation.types";
import { PotentialProduct } from "./programme.entity";

/**
 * A self-assessment (Mẫu 02 of the decisions' forms): the criteria sheet filled in with or for the producer,
 * on a potential product or a dossier, scored as a council sheet is. A reference for the producer, the commune
 * and the council; it never counts in the council's evaluation.
 */
@Entity()
@Index(["dossierId", "id"])
@Index(["potentialProductId", "id"])
@ObjectType({
  description:
    "A self-assessment (Mẫu 02) on the criteria sheet of the product set, scored as a council sheet is; a reference beside the council's own sheets, never counted.",
})
export class SelfAssessment {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "int", nullable: true })
  potentialProductId: number | null;

  @ManyToOne(() => PotentialProduct, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "potentialProductId" })
  potentialProduct?: PotentialProduct;

  @Column({ type: "int", nullable: true })
  dossierId: number | null;

  @ManyToOne(() => Dossier, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "dossierId" })
  dossier?: Dossier;

  @Column({ type: "varchar", length: 16 })
  @Field({ description: "The product set whose sheet was filled in." })
  productSetCode: string;

  @Column({ type: "varchar", length: 100 })
  @Field({ description: "The rule set in force when it was recorded." })
  ruleSetVersion: string;

  @Column({ type: "int" })
  @Field(() => Int)
  partA: number;

  @Column({ type: "int" })
  @Field(() => Int)
  partB: number;

  @Column({ type: "int" })
  @Field(() => Int)
  partC: number;

  @Column({ type: "int" })
  @Field(() => Int)
  total: number;

  @Column({ type: "int" })
  @Field(() => Int, {
    description: "The highest star level (0–5) all of whose mandatory marks the choices meet.",
  })
  mandatoryStarsMet: number;

  @Column({ type: "simple-json" })
  @Field(() => [UnmetCriterion], { description: "Per level, the mandatory marks the choices fall short of." })
  unmetMandatory: UnmetCriterion[];

  @Column({ type: "simple-json" })
  @Field(() => [CriterionChoice])
  choices: CriterionChoice[];

  @Column({ type: "simple-json" })
  @Field(() => [CaseChoice])
  cases: CaseChoice[];

  @Column({ type: "simple-json" })
  @Field(() => [MissingPointsCredit])
  missingPoints: MissingPointsCredit[];

  @Column({ type: "boolean" })
  @Field({ description: "False when the sheet lacks points and part of the total is a bounded credit." })
  sheetComplete: boolean;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  note: string | null;

  @Column({ type: "int" })
  recordedById: number;

  @ManyToOne(() => User, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "recordedById" })
  recordedBy?: User;

  @Column({ type: "datetime" })
  @Field()
  recordedAt: Date;
}
