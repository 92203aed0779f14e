import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
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
import { Commune } from "../geography/commune.entity";

export enum Role {
  ADMIN = "ADMIN",
  PROVINCE_OFFICER = "PROVINCE_OFFICER",
  COUNCIL_MEMBER = "COUNCIL_MEMBER",
  COMMUNE_OFFICER = "COMMUNE_OFFICER",
}
registerEnumType(Role, {
  name: "Role",
  description:
    "ADMIN (users, reference data, everything), PROVINCE_OFFICER, COUNCIL_MEMBER, COMMUNE_OFFICER (one commune).",
});

@Entity()
@ObjectType({ description: "A staff account." })
export class User {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  /** Stored trimmed and in lower case, so that uniqueness ignores case. */
  @Index({ unique: true })
  @Column({ type: "varchar", length: 254 })
  @Field()
  email: string;

  @Column({ type: "varchar", length: 200 })
  @Field()
  fullName: string;

  @Column({ type: "simple-enum", enum: Role })
  @Field(() => Role)
  role: Role;

  /** The commune a COMMUNE_OFFICER works for; null for every other role. */
  @Index()
  @Column({ type: "varchar", length: 5, nullable: true })
  communeCode: string | null;

  @ManyToOne(() => Commune, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "communeCode" })
  commune?: Commune;

  @Column({ type: "boolean", default: true })
  @Field()
  active: boolean;

  /** argon2id; never leaves the auth service. */
  @Column({ type: "varchar", length: 255 })
  passwordHash: string;

  /** The password is the published demo password: the server refuses to listen beyond loopback while an active account has it. */
  @Column({ type: "boolean", default: false })
  demoPassword: boolean;

  /** Raised on a password change or deactivation: tokens carrying an older version stop working. */
  @Column({ type: "int", default: 1 })
  tokenVersion: number;

  @CreateDateColumn()
  @Field()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
