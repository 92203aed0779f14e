import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDateTimeISO } from "graphql-scalars";
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

export enum DeliveryStatus {
  PENDING = "PENDING",
  SENT = "SENT",
  FAILED = "FAILED",
}
registerEnumType(DeliveryStatus, {
  name: "DeliveryStatus",
  description:
    "PENDING: in the outbox, waiting or retrying (also while the mail server cannot be reached); SENT: the server accepted it; FAILED: the server kept refusing it, after the last try.",
});

/**
 * An e-mail waiting to leave, written in the same transaction as what it reports (an expiry notice): an SMTP
 * outage loses nothing, and the row says how its delivery went. A sender claims a row before sending it, so
 * that however many instances run, each mail goes once.
 */
@Entity()
@Index(["status", "nextAttemptAt"])
@ObjectType("MailDelivery", {
  description: "How an e-mail fared: queued, sent, or refused by the mail server.",
})
export class OutboxMail {
  @PrimaryGeneratedColumn()
  id: number;

  /** The expiry notice the mail carries (one mail per notice). */
  @Index({ unique: true })
  @Column({ type: "int" })
  noticeId: number;

  @Column({ type: "varchar", length: 254 })
  @Field()
  recipient: string;

  @Column({ type: "varchar", length: 255 })
  subject: string;

  @Column({ type: "text" })
  body: string;

  /** The PDF attached (a stored file), and its name in the mail. */
  @Column({ type: "int", nullable: true })
  attachmentFileId: number | null;

  @Column({ type: "varchar", length: 255, nullable: true })
  attachmentName: string | null;

  @Column({ type: "simple-enum", enum: DeliveryStatus })
  @Field(() => DeliveryStatus)
  status: DeliveryStatus;

  @Column({ type: "int", default: 0 })
  @Field(() => Int, { description: "Tries so far (connection failures included)." })
  attempts: number;

  /** Tries the server answered with a refusal: FAILED at MAX_REFUSALS. */
  @Column({ type: "int", default: 0 })
  refusals: number;

  /** When it may be tried next. */
  @Column({ type: "datetime" })
  nextAttemptAt: Date;

  /** A sender holds the row until then while it sends (another instance leaves it alone). */
  @Column({ type: "datetime", nullable: true })
  lockedUntil: Date | null;

  @Column({ type: "datetime", nullable: true })
  @Field(() => GraphQLDateTimeISO, { nullable: true })
  lastAttemptAt: Date | null;

  @Column({ type: "datetime", nullable: true })
  @Field(() => GraphQLDateTimeISO, { nullable: true })
  sentAt: Date | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "The mail server's last answer (its acceptance, or why it refused or could not be reached).",
  })
  serverResponse: string | null;

  @CreateDateColumn()
  createdAt: Date;
}
