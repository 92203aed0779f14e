import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { LocalDateScalar } from "../core/scalars";
import { addDays, endOfVietnamDay, type LocalDate } from "../core/time";

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
    description:
      "The deadline day, Vietnam time: dossiers are forwarded by its end (23:59:59 UTC+7), or before it starts when deadlineDayIncluded is false.",
  })
  submissionDeadline: LocalDate;

  @Column({ type: "boolean", default: true })
  @Field({
    description:
      'Whether forwarding is still possible on the deadline day itself (true, the default); false for a letter that says "trước ngày 31/10" (before the day).',
  })
  deadlineDayIncluded: boolean;

  /** The deadline as first set: dossiers forwarded after it (once extended) count as late in the statistics. */
  @Column({ type: "date" })
  firstDeadline: LocalDate;

  @Column({ type: "int" })
  @Field(() => Int, { description: "Score sheets needed before an evaluation can be concluded." })
  minCouncilSize: number;

  /** When the round was opened (the request's clock): the commune receives no file before its day. */
  @CreateDateColumn()
  @Field({ description: "When the province opened the round." })
  createdAt: Date;
}

/** When forwarding closes for a deadline of the round: the end of the deadline day, or its start when the day is not included. */
export const forwardingClosesAt = (
  round: Pick<EvaluationRound, "deadlineDayIncluded">,
  deadline: LocalDate,
): Date => endOfVietnamDay(round.deadlineDayIncluded === false ? addDays(deadline, -1) : deadline);
