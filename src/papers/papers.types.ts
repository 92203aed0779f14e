import { IsOptional, Max, Min } from "class-validator";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Text } from "../core/validation";

export enum PrintableDocumentKind {
  EXPIRY_NOTICE = "EXPIRY_NOTICE",
  COMMUNE_EXPIRY_NOTICES = "COMMUNE_EXPIRY_NOTICES",
  COMMUNE_REPORT = "COMMUNE_REPORT",
  COMMUNE_REQUEST_LETTER = "COMMUNE_REQUEST_LETTER",
  SCORE_SUMMARY = "SCORE_SUMMARY",
  MINUTES_DRAFT = "MINUTES_DRAFT",
  RECOGNITION_LIST = "RECOGNITION_LIST",
  CERTIFICATE = "CERTIFICATE",
}
registerEnumType(PrintableDocumentKind, {
  name: "PrintableDocumentKind",
  description:
    "EXPIRY_NOTICE (certificateNumber), COMMUNE_EXPIRY_NOTICES (communeCode, withinDays), COMMUNE_REPORT and COMMUNE_REQUEST_LETTER (roundId, communeCode), SCORE_SUMMARY and MINUTES_DRAFT (dossierId, once concluded), RECOGNITION_LIST (decisionNumber), CERTIFICATE (certificateNumber).",
});

@InputType({ description: "Which document, and the fields its kind needs (see PrintableDocumentKind)." })
export class PrintableDocumentInput {
  @Field(() => PrintableDocumentKind)
  kind: PrintableDocumentKind;

  @Field(() => String, { nullable: true })
  @Text(64, { optional: true })
  certificateNumber?: string | null;

  @Field(() => String, { nullable: true })
  @Text(5, { optional: true })
  communeCode?: string | null;

  @Field(() => Int, { nullable: true, description: "0–1100, as expiringCertificates." })
  @IsOptional()
  @Min(0, { message: "withinDays must be 0 to 1100" })
  @Max(1100, { message: "withinDays must be 0 to 1100" })
  withinDays?: number | null;

  @Field(() => ID, { nullable: true })
  roundId?: string | null;

  @Field(() => ID, { nullable: true })
  dossierId?: string | null;

  @Field(() => String, { nullable: true })
  @Text(100, { optional: true })
  decisionNumber?: string | null;
}

@ObjectType({ description: "A printable document (PDF, A4, Vietnamese) generated from the records." })
export class PrintableDocument {
  @Field(() => PrintableDocumentKind)
  kind: PrintableDocumentKind;

  @Field({ description: "Its title, in Vietnamese as printed." })
  title: string;

  @Field({
    description:
      "Where to GET it (relative to the API's address), with the same Authorization header: 200 application/pdf.",
  })
  url: string;
}
