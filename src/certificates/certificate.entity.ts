import { globalId, Node, NODE_ID } from "../core/node";
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from "typeorm";
import { GraphQLDateTimeISO } from "graphql-scalars";
import { PUBLIC_CACHE } from "../core/cache";
import { LocalDateScalar } from "../core/scalars";
import type { LocalDate } from "../core/time";
import { Product } from "../catalog/product.entity";

export enum CertificateStatus {
  ACTIVE = "ACTIVE",
  EXPIRED = "EXPIRED",
  REVOKED = "REVOKED",
  SUPERSEDED = "SUPERSEDED",
}
registerEnumType(CertificateStatus, {
  name: "CertificateStatus",
  description:
    "Derived, never stored: REVOKED when revoked; SUPERSEDED when replaced by a newer certificate of the same product; EXPIRED after expiresOn (Vietnam time); else ACTIVE.",
});

export enum IssuingLevel {
  PROVINCE = "PROVINCE",
  DISTRICT = "DISTRICT",
  CENTRAL = "CENTRAL",
}
registerEnumType(IssuingLevel, {
  name: "IssuingLevel",
  description:
    "Who recognised the product: PROVINCE (the provincial People's Committee, 3 and 4 stars), DISTRICT (a district People's Committee, 3 stars, before districts were abolished on 1 July 2025), CENTRAL (the Ministry, 5 stars).",
});

export enum RevocationAuthority {
  PROVINCE = "PROVINCE",
  MINISTRY = "MINISTRY",
}
registerEnumType(RevocationAuthority, {
  name: "RevocationAuthority",
  description:
    "Who revokes a certificate, by who issued it (the rule set's revocationAuthority): the province, or the Ministry on the province's proposal.",
});

/** A ground as cited: its code, wording and source when it was cited (no source: cited before sources were kept). */
export type CitedGround = { code: string; text: string; source?: string };

/** The grounds as clients read them: those cited before sources were kept came from the provincial working list. */
export const groundsWithSource = (grounds: CitedGround[] | null | undefined) =>
  (grounds ?? []).map((g) => ({ source: "provincial working list", ...g }));

/** The province's proposal to the Ministry to revoke a certificate the Ministry issued. */
export type MinistryRevocationProposal = {
  letterNumber: string;
  letterDate: LocalDate;
  grounds: CitedGround[];
  reason: string;
  proposedById: number;
  /** The Ministry's letter declining it: the certificate stays, and the province may propose again. */
  refusal?: { letterNumber: string; letterDate: LocalDate; reason: string; recordedById: number };
};

@Entity()
@ObjectType({
  description: "An OCOP certificate (giấy chứng nhận) for one product at a star level.",
  implements: Node,
})
@Directive(PUBLIC_CACHE)
export class Certificate {
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ID, { name: "id", description: NODE_ID })
  get nodeId(): string {
    return globalId("Certificate", this.id);
  }

  @Index({ unique: true })
  @Column({ type: "varchar", length: 64 })
  @Field({
    description:
      "The number printed on the certificate and the product label, unless numberAssignedBySystem says the system made it.",
  })
  number: string;

  @Column({ type: "boolean", default: false })
  @Field({
    description:
      "True when the record came without its printed number (an import) and the system made one from its pattern: that number is not on the label.",
  })
  numberAssignedBySystem: boolean;

  @Index()
  @Column({ type: "int" })
  productId: number;

  @Column({ type: "varchar", length: 100 })
  @Field({ description: "Number of the recognition decision (quyết định công nhận)." })
  decisionNumber: string;

  @ManyToOne(() => Product, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "productId" })
  product?: Product;

  @Column({ type: "int" })
  @Field(() => Int, {
    nullable: true,
    description:
      "3, 4 or 5: always set. Nullable only so that a selection on Node may ask for `stars` of a product (null for a product without a certificate) and of a certificate at once.",
  })
  stars: number;

  @Column({ type: "date" })
  @Field(() => LocalDateScalar, { description: "Date of the recognition decision." })
  decisionDate: LocalDate;

  @Column({ type: "date" })
  @Field(() => LocalDateScalar)
  issuedOn: LocalDate;

  @Column({ type: "simple-enum", enum: IssuingLevel, default: IssuingLevel.PROVINCE })
  @Field(() => IssuingLevel)
  issuedBy: IssuingLevel;

  @Index()
  @Column({ type: "date" })
  @Field(() => LocalDateScalar, {
    description: "Last day of validity (36 months after the decision under Decision 148).",
  })
  expiresOn: LocalDate;

  @Column({ type: "date", nullable: true })
  @Field(() => LocalDateScalar, { nullable: true })
  revokedOn: LocalDate | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true })
  revocationReason: string | null;

  @Column({ type: "varchar", length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: "Number of the revocation decision." })
  revocationDecisionNumber: string | null;

  /** The grounds of the rule set the revocation cites (staff read them through revocationGrounds). */
  @Column({ type: "simple-json", nullable: true })
  revocationGrounds: CitedGround[] | null;

  @Column({ type: "varchar", length: 16, nullable: true })
  @Field(() => RevocationAuthority, { nullable: true, description: "Who revoked it." })
  revokedBy: RevocationAuthority | null;

  /** Set when the province proposes to the Ministry to revoke a certificate the Ministry issued. */
  @Column({ type: "simple-json", nullable: true })
  ministryRevocationProposal: MinistryRevocationProposal | null;

  @Column({ type: "int", nullable: true })
  supersededById: number | null;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  @Field(() => GraphQLDateTimeISO, {
    description: "When the certificate last changed (superseded, revoked…).",
  })
  updatedAt: Date;
}

/** A certificate's status on a given Vietnamese calendar day. */
export function certificateStatus(
  c: Pick<Certificate, "revokedOn" | "supersededById" | "expiresOn">,
  today: LocalDate,
): CertificateStatus {
  if (c.revokedOn) return CertificateStatus.REVOKED;
  if (c.supersededById) return CertificateStatus.SUPERSEDED;
  if (today > c.expiresOn) return CertificateStatus.EXPIRED;
  return CertificateStatus.ACTIVE;
}

/** The last sequence number given to a certificate of each year, for numbers made from CERTIFICATE_NUMBER_PATTERN. */
@Entity()
export class CertificateSequence {
  @PrimaryColumn({ type: "int" })
  year: number;

  @Column({ type: "int" })
  last: number;
}
