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
import { LocalDateScalar } from "../core/scalars";
import { addDays, type LocalDate } from "../core/time";
import { Certificate } from "./certificate.entity";

export enum NoticeChannel {
  LETTER = "LETTER",
  PHONE = "PHONE",
  EMAIL = "EMAIL",
  SMS = "SMS",
  IN_PERSON = "IN_PERSON",
}
registerEnumType(NoticeChannel, { name: "NoticeChannel" });

export enum NoticeAuthority {
  PROVINCE = "PROVINCE",
  COMMUNE = "COMMUNE",
}
registerEnumType(NoticeAuthority, {
  name: "NoticeAuthority",
  description: "Who sent the notice: the province (its letter) or the commune (often relaying it).",
});

/** Sent later than `noticeDays` before the expiry: accepted, but flagged. */
export const noticeIsLate = (sentOn: LocalDate, expiresOn: LocalDate, noticeDays: number): boolean =>
  sentOn > addDays(expiresOn, -noticeDays);

/**
 * That the producer was told its certificate expires: the province's letter, the commune's relay… each
 * recorded with its own date; whether the producer was told in time is judged on the first.
 */
@Entity()
@Index("UQ_notice_certificate_day_authority", ["certificateId", "sentOn", "authority"], { unique: true })
@ObjectType({ description: "A notice to the producer that its certificate expires (staff only)." })
export class ExpiryNotice {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "int" })
  certificateId: number;

  @ManyToOne(() => Certificate, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "certificateId" })
  certificate?: Certificate;

  @Column({ type: "date" })
  @Field(() => LocalDateScalar)
  sentOn: LocalDate;

  @Column({ type: "simple-enum", enum: NoticeChannel })
  @Field(() => NoticeChannel)
  channel: NoticeChannel;

  @Column({ type: "simple-enum", enum: NoticeAuthority, default: NoticeAuthority.PROVINCE })
  @Field(() => NoticeAuthority)
  authority: NoticeAuthority;

  @Column({ type: "varchar", length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: "Number of the letter (công văn), if any." })
  letterNumber: string | null;

  @Column({ type: "date", nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: "Date of the letter, if any." })
  letterDate: LocalDate | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  note: string | null;

  /** Sent later than the rules' notice period before expiry (accepted, but flagged). */
  @Column({ type: "boolean" })
  @Field({ description: "Sent later than the rules' notice period before expiry." })
  late: boolean;

  @Column({ type: "int" })
  recordedById: number;

  @CreateDateColumn()
  createdAt: Date;
}
