import { registerEnumType } from "type-graphql";
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from "typeorm";
import type { LocalDate } from "../core/time";
import { Certificate } from "./certificate.entity";

export enum NoticeChannel {
  LETTER = "LETTER",
  PHONE = "PHONE",
  EMAIL = "EMAIL",
  SMS = "SMS",
  IN_PERSON = "IN_PERSON",
}
registerEnumType(NoticeChannel, { name: "NoticeChannel" });

/** That the producer was told its certificate expires (one per certificate). */
@Entity()
export class ExpiryNotice {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: "int" })
  certificateId: number;

  @ManyToOne(() => Certificate, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "certificateId" })
  certificate?: Certificate;

  @Column({ type: "date" })
  sentOn: LocalDate;

  @Column({ type: "simple-enum", enum: NoticeChannel })
  channel: NoticeChannel;

  @Column({ type: "text", nullable: true })
  note: string | null;

  /** Sent later than the rules' notice period before expiry (accepted, but flagged). */
  @Column({ type: "boolean" })
  late: boolean;

  @Column({ type: "int" })
  recordedById: number;

  @CreateDateColumn()
  createdAt: Date;
}
