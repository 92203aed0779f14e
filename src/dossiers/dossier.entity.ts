import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from "typeorm";
import { User } from "../auth/user.entity";
import { Product } from "../catalog/product.entity";
import { LocalDateScalar } from "../core/scalars";
import type { LocalDate } from "../core/time";
import { StoredFile } from "../files/stored-file.entity";
import { DossierStatus } from "./workflow";
import {
  CaseChoice,
  CommuneReport,
  CriterionChoice,
  Evaluation,
  MissingPointsCredit,
  UnmetCriterion,
} from "./evaluation.types";
import { EvaluationRound } from "./round.entity";

/** A request for supplements as the dossier keeps it (dates as JSON gives them back: text). */
export type StoredSupplementRequest = {
  items: { kind: DocumentKind; note: string | null }[];
  dueOn: LocalDate;
  requestedAt: string;
  requestedById: number;
  /** The province's list, given when it returned the dossier. */
  byProvince: boolean;
  /** When the dossier was submitted again with every listed kind confirmed (null: still open). */
  settledAt: string | null;
};

export enum DossierKind {
  NEW = "NEW",
  RE_EVALUATION = "RE_EVALUATION",
  UPGRADE = "UPGRADE",
}
registerEnumType(DossierKind, {
  name: "DossierKind",
  description: "NEW (first evaluation), RE_EVALUATION (renewal), UPGRADE (more stars).",
});

export enum DocumentKind {
  REGISTRATION_FORM = "REGISTRATION_FORM",
  BUSINESS_PLAN = "BUSINESS_PLAN",
  ORGANISATION_PROFILE = "ORGANISATION_PROFILE",
  BUSINESS_REGISTRATION = "BUSINESS_REGISTRATION",
  /** Re-evaluation: the producer's report on the product over the past three years. */
  PRODUCT_REPORT = "PRODUCT_REPORT",
  FOOD_SAFETY_CERTIFICATE = "FOOD_SAFETY_CERTIFICATE",
  QUALITY_DECLARATION = "QUALITY_DECLARATION",
  TEST_REPORT = "TEST_REPORT",
  TRADEMARK = "TRADEMARK",
  TRACEABILITY = "TRACEABILITY",
  CONTRACT = "CONTRACT",
  ENVIRONMENTAL_RECORD = "ENVIRONMENTAL_RECORD",
  VIETGAP_OR_ORGANIC = "VIETGAP_OR_ORGANIC",
  PRODUCT_STORY = "PRODUCT_STORY",
  OTHER = "OTHER",
  /** The commune's report on its evaluation and confirmation of the dossier (Báo cáo kết quả đánh giá, xác nhận hồ sơ cấp xã). */
  COMMUNE_REPORT = "COMMUNE_REPORT",
  /** The commune's request letter to the province (công văn/tờ trình đề nghị). */
  COMMUNE_REQUEST_LETTER = "COMMUNE_REQUEST_LETTER",
  COUNCIL_MINUTES = "COUNCIL_MINUTES",
  RECOGNITION_DECISION = "RECOGNITION_DECISION",
  CERTIFICATE_SCAN = "CERTIFICATE_SCAN",
}
registerEnumType(DocumentKind, {
  name: "DocumentKind",
  description:
    "The producer's evidence (attached by the commune), the commune's own COMMUNE_REPORT and COMMUNE_REQUEST_LETTER, and the province's COUNCIL_MINUTES, RECOGNITION_DECISION and CERTIFICATE_SCAN (attached by the province once the dossier is accepted).",
});

/** The commune's own papers: attaching them is enough, they need no confirmation of their own. */
export const COMMUNE_DOCUMENTS = [DocumentKind.COMMUNE_REPORT, DocumentKind.COMMUNE_REQUEST_LETTER];
/** The papers the province attaches after the council; the commune attaches every other kind. */
export const PROVINCE_DOCUMENTS = [
  DocumentKind.COUNCIL_MINUTES,
  DocumentKind.RECOGNITION_DECISION,
  DocumentKind.CERTIFICATE_SCAN,
];

export enum DocumentConfirmationStatus {
  CONFIRMED = "CONFIRMED",
  NOT_VALID = "NOT_VALID",
}
registerEnumType(DocumentConfirmationStatus, {
  name: "DocumentConfirmationStatus",
  description: "The commune's check of a document: CONFIRMED, or NOT_VALID with the reason.",
});

/** Whether a document is still valid on a day (validUntil is the last day it may be relied on before it lapses). */
export const validOn = (document: Pick<DossierDocument, "validUntil">, day: LocalDate): boolean =>
  document.validUntil === null || document.validUntil > day;

/** Decimal columns come back from MySQL as text. */
const decimal = {
  to: (v: number | null) => v,
  from: (v: string | number | null) => (v === null ? null : Number(v)),
};

@Entity()
@Index(["roundId", "status"])
@Index(["communeCode", "id"])
@Index(["status", "id"])
@Index("UQ_dossier_open_per_product_round", ["productId", "roundId", "openKey"], { unique: true })
@ObjectType({ description: "An evaluation dossier (hồ sơ) of one product in one round." })
export class Dossier {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Index({ unique: true })
  @Column({ type: "varchar", length: 32 })
  @Field({ description: "Human-readable: province-year-number, e.g. 12-2025-0042." })
  code: string;

  @Index()
  @Column({ type: "int" })
  productId: number;

  @ManyToOne(() => Product, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "productId" })
  product?: Product;

  @Column({ type: "int" })
  roundId: number;

  @ManyToOne(() => EvaluationRound, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "roundId" })
  round?: EvaluationRound;

  /** The product's commune, copied so that scoping and filters need no join. */
  @Column({ type: "varchar", length: 5 })
  communeCode: string;

  @Column({ type: "simple-enum", enum: DossierKind })
  @Field(() => DossierKind)
  kind: DossierKind;

  @Column({ type: "simple-enum", enum: DossierStatus })
  @Field(() => DossierStatus)
  status: DossierStatus;

  /**
   * 1 while the dossier is open, NULL once it is closed (recognised, not achieved, withdrawn): with the unique
   * key on (product, round, openKey) the database allows one open dossier per product and round.
   */
  @Column({ type: "tinyint", nullable: true })
  openKey: number | null;

  /** Raised by every transition; a transition names the version it saw, and loses (CONFLICT) if another came first. */
  @Column({ type: "int", default: 1 })
  @Field(() => Int)
  version: number;

  @Column({ type: "datetime", nullable: true })
  @Field(() => Date, { nullable: true })
  forwardedAt: Date | null;

  @Column({ type: "simple-json", nullable: true })
  @Field(() => CommuneReport, { nullable: true })
  communeReport: CommuneReport | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Why it was last returned for correction." })
  returnReason: string | null;

  @Column({ type: "date", nullable: true })
  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      "Returned by the province with days of grace: the commune may forward it again until the end of this day, even after the round's deadline.",
  })
  forwardAgainBy: LocalDate | null;

  @Column({ type: "decimal", precision: 5, scale: 2, nullable: true, transformer: decimal })
  @Field(() => Float, { nullable: true, description: "Average of the council's totals, once concluded." })
  averageScore: number | null;

  @Column({ type: "int", nullable: true })
  @Field(() => Int, {
    nullable: true,
    description: "Stars under the rule set, once concluded (below 3: not achieved).",
  })
  resultStars: number | null;

  @Column({ type: "varchar", length: 100, nullable: true })
  @Field(() => String, {
    nullable: true,
    description:
      "The rule set the dossier is evaluated under: the version in force on the day it was forwarded (null before).",
  })
  ruleSetVersion: string | null;

  @Column({ type: "date", nullable: true })
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "The day the commune received the file from the producer (null: not recorded yet).",
  })
  receivedOn: LocalDate | null;

  @Column({ type: "int", nullable: true })
  receivedById: number | null;

  /** The latest request for supplements (the commune's, or the province's list when it returned the dossier). */
  @Column({ type: "simple-json", nullable: true })
  supplementRequest: StoredSupplementRequest | null;

  /** Product samples received by the commune (null: none recorded yet). */
  @Column({ type: "int", nullable: true })
  samplesReceived: number | null;

  @Column({ type: "date", nullable: true })
  samplesReceivedOn: LocalDate | null;

  /** Set at the conclusion: every figure of the council's result (see Evaluation). */
  @Column({ type: "simple-json", nullable: true })
  evaluation: Evaluation | null;

  @Column({ type: "int", nullable: true })
  certificateId: number | null;

  @Column({ type: "int" })
  createdById: number;

  @CreateDateColumn()
  @Field()
  createdAt: Date;

  @UpdateDateColumn()
  @Field()
  updatedAt: Date;
}

@Entity()
@ObjectType({ description: "An evidence document attached to a dossier." })
export class DossierDocument {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Index()
  @Column({ type: "int" })
  dossierId: number;

  @ManyToOne(() => Dossier, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "dossierId" })
  dossier?: Dossier;

  @Column({ type: "simple-enum", enum: DocumentKind })
  @Field(() => DocumentKind)
  kind: DocumentKind;

  @Column({ type: "varchar", length: 255 })
  @Field()
  title: string;

  @Column({ type: "int" })
  fileId: number;

  @ManyToOne(() => StoredFile, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "fileId" })
  file?: StoredFile;

  @Column({ type: "date", nullable: true })
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "Until when the document itself is valid (a test report, a food-safety certificate…).",
  })
  validUntil: LocalDate | null;

  @Column({ type: "int" })
  attachedById: number;

  /** The commune's confirmation (null: not checked yet); confirming again replaces it. */
  @Column({ type: "simple-enum", enum: DocumentConfirmationStatus, nullable: true })
  confirmationStatus: DocumentConfirmationStatus | null;

  @Column({ type: "text", nullable: true })
  confirmationReason: string | null;

  @Column({ type: "int", nullable: true })
  confirmedById: number | null;

  @Column({ type: "datetime", nullable: true })
  confirmedAt: Date | null;

  @CreateDateColumn()
  @Field()
  createdAt: Date;
}

@Entity()
@Unique(["dossierId", "memberId"])
@ObjectType({ description: "One council member's scores for a dossier." })
export class ScoreSheet {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "int" })
  dossierId: number;

  @ManyToOne(() => Dossier, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "dossierId" })
  dossier?: Dossier;

  @Column({ type: "int" })
  memberId: number;

  @ManyToOne(() => User, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "memberId" })
  member?: User;

  @Column({ type: "int" })
  @Field(() => Int, { description: "Part A, product and community strength: 0–40." })
  partA: number;

  @Column({ type: "int" })
  @Field(() => Int, { description: "Part B, marketing ability: 0–25." })
  partB: number;

  @Column({ type: "int" })
  @Field(() => Int, { description: "Part C, product quality: 0–35." })
  partC: number;

  @Column({ type: "int" })
  @Field(() => Int)
  total: number;

  @Column({ type: "int" })
  @Field(() => Int, {
    description:
      "This member's own mandatory level: the highest star level (0–5) all of whose mandatory marks the choices meet.",
  })
  mandatoryStarsMet: number;

  /** Every criterion scored: its chosen option and points (null only on part-total sheets given before wave 3). */
  @Column({ type: "simple-json", nullable: true })
  @Field(() => [CriterionChoice], {
    nullable: true,
    description: "Null only on a part-total sheet given before every product set was scored per criterion.",
  })
  choices: CriterionChoice[] | null;

  @Column({ type: "simple-json", nullable: true })
  unmetMandatory: UnmetCriterion[] | null;

  @Column({ type: "simple-json", nullable: true })
  @Field(() => [CaseChoice], { description: "The case chosen in each case group of the sheet." })
  cases: CaseChoice[] | null;

  @Column({ type: "simple-json", nullable: true })
  @Field(() => [MissingPointsCredit], {
    description: "The points credited for each incomplete group of the sheet, with the member's note.",
  })
  missingPoints: MissingPointsCredit[] | null;

  @Column({ type: "boolean", default: true })
  @Field({
    description:
      "False when the sheet lacks points (incompleteGroups): part of the total is the member's bounded credit, not a chosen option.",
  })
  sheetComplete: boolean;

  @UpdateDateColumn()
  @Field()
  updatedAt: Date;
}

/** The council's finding on a disputed mandatory mark (its GraphQL type is evaluation.types' Finding). */
@Entity()
@Index(["dossierId", "criterionCode", "stars"], { unique: true })
export class MandatoryFinding {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  dossierId: number;

  @ManyToOne(() => Dossier, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "dossierId" })
  dossier?: Dossier;

  @Column({ type: "varchar", length: 20 })
  criterionCode: string;

  @Column({ type: "int" })
  stars: number;

  @Column({ type: "boolean" })
  met: boolean;

  @Column({ type: "text" })
  reason: string;

  @Column({ type: "int" })
  documentId: number;

  @ManyToOne(() => DossierDocument, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "documentId" })
  document?: DossierDocument;

  @Column({ type: "int" })
  recordedById: number;

  @ManyToOne(() => User, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "recordedById" })
  recordedBy?: User;

  @Column({ type: "datetime" })
  recordedAt: Date;
}
