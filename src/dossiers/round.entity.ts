import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { LocalDateScalar } from "../core/scalars";
import type { LocalDate } from "../core/time";

@Entity()
@Index("UQ_round_year_name", ["year", "name"], { unique: true })
@ObjectType({ description: "An evaluation round of the province, with its submission deadline." })
export class EvaluationRound {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "varchar", length: 200 })
  @Field()
  name: string;

  @Column({ type: "int" })
  @Field(() => Int)
  year: number;

  @Column({ type: "date" })
  @Field(() => LocalDateScalar, {
    description: "Dossiers must be forwarded by the end of this day, Vietnam time (23:59:59 UTC+7).",
  })
  submissionDeadline: LocalDate;

  /** The deadline as first set: dossiers forwarded after it (once extended) count as late in the statistics. */
  @Column({ type: "date" })
  firstDeadline: LocalDate;

  @Column({ type: "int" })
  @Field(() => Int, { description: "Score sheets needed before an evaluation can be concluded." })
  minCouncilSize: number;

  @CreateDateColumn()
  createdAt: Date;
}
