import { GraphQLDateTimeISO } from "graphql-scalars";
import { IsIn, IsOptional, Max, Min, ValidateNested } from "class-validator";
import { ArgsType, Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ListCap, Text } from "../core/validation";
import { connectionOf } from "../core/paging";
import { LocalDateScalar } from "../core/scalars";
import type { LocalDate } from "../core/time";
import { Commune } from "../geography/commune.entity";
import { Dossier, DocumentKind, DossierDocument, DossierKind } from "./dossier.entity";
import { SupplementItemInput } from "./commune-work.types";
import { DossierStatus } from "./workflow";

@InputType()
export class OpenEvaluationRoundInput {
  @Field()
  @Text(200)
  name: string;

  @Field(() => Int)
  @Min(2018, { message: "year must be 2018 or later" })
  @Max(2100, { message: "year must be 2100 or earlier" })
  year: number;

  @Field(() => LocalDateScalar, {
    description: "The deadline day (Vietnam time) for communes to forward dossiers.",
  })
  submissionDeadline: LocalDate;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether forwarding is possible on the deadline day itself: true (default) for "đến hết ngày", false for "trước ngày".',
  })
  @IsOptional()
  deadlineDayIncluded?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description: "Score sheets needed to conclude; default from the rules in force (3).",
  })
  @Min(1, { message: "minCouncilSize must be 1 to 50" })
  @Max(50, { message: "minCouncilSize must be 1 to 50" })
  minCouncilSize?: number | null;
}

@InputType()
export class CreateDossierInput {
  @Field(() => ID)
  productId: string;

  @Field(() => ID)
  roundId: string;

  @Field(() => DossierKind)
  kind: DossierKind;
}

@InputType()
export class AttachDossierDocumentInput {
  @Field(() => ID)
  dossierId: string;

  @Field(() => DocumentKind)
  kind: DocumentKind;

  @Field()
  @Text(255)
  title: string;

  @Field(() => ID, { description: "The id answered by POST /files." })
  fileId: string;

  @Field(() => LocalDateScalar, { nullable: true })
  validUntil?: LocalDate | null;
}

@InputType()
export class CriterionVerdictInput {
  @Field({ description: "The commune's conclusion." })
  met: boolean;

  @Field(() => String, { nullable: true })
  @Text(2000, { optional: true, multiline: true })
  note?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The chosen option of the sheet criterion this local criterion grades (see criteriaSheet); required when the product set's sheet is usable.",
  })
  @Text(20, { optional: true })
  optionCode?: string | null;
}

@InputType()
export class CriterionChoiceInput {
  @Field({ description: "A criterion of the dossier's criteria sheet, e.g. A.1.a." })
  @Text(20)
  criterionCode: string;

  @Field(() => String, {
    nullable: true,
    description: "One of its options, e.g. A.1.a.2; null: none applies (0 points).",
  })
  @Text(20, { optional: true })
  optionCode?: string | null;
}

@ArgsType()
export class CriteriaScoreSheetArgs {
  @Field(() => ID)
  dossierId: string;

  @Field(() => [CriterionChoiceInput], {
    description: "One choice for every criterion of the sheet (in a case group: of the chosen case only).",
  })
  @ListCap(200)
  @ValidateNested({ each: true })
  choices: CriterionChoiceInput[];

  @Field(() => [CaseChoiceInput], {
    nullable: true,
    description: "The case of each of the sheet's caseGroups (none on most sheets).",
  })
  @IsOptional()
  @ListCap(20)
  @ValidateNested({ each: true })
  cases?: CaseChoiceInput[] | null;

  @Field(() => [MissingPointsInput], {
    nullable: true,
    description: "The points credited for each of the sheet's incompleteGroups (none on a complete sheet).",
  })
  @IsOptional()
  @ListCap(20)
  @ValidateNested({ each: true })
  missingPoints?: MissingPointsInput[] | null;
}

@InputType()
export class CaseChoiceInput {
  @Field({ description: "A code of criteriaSheet.caseGroups." })
  @Text(20)
  groupCode: string;

  @Field(() => Int, { description: "The number of one of its cases." })
  case: number;
}

@InputType()
export class MissingPointsInput {
  @Field({ description: "A code of criteriaSheet.incompleteGroups." })
  @Text(20)
  code: string;

  @Field(() => Int, { description: "0 to the group's missingPoints." })
  points: number;

  @Field({ description: "What the member credits, and why." })
  @Text(500, { multiline: true })
  note: string;
}

@InputType({ description: "The council's finding on one disputed mandatory mark." })
export class MandatoryFindingInput {
  @Field(() => ID)
  dossierId: string;

  @Field()
  @Text(20)
  criterionCode: string;

  @Field(() => Int)
  stars: number;

  @Field()
  met: boolean;

  @Field()
  @Text(2000, { multiline: true })
  reason: string;

  @Field(() => ID, { description: "One of the dossier's documents: the evidence the finding rests on." })
  documentId: string;
}

@InputType()
export class CommuneReportInput {
  @Field(() => ID)
  dossierId: string;

  @Field(() => CriterionVerdictInput)
  @ValidateNested()
  localOrigin: CriterionVerdictInput;

  @Field(() => CriterionVerdictInput)
  @ValidateNested()
  localLabour: CriterionVerdictInput;

  @Field(() => CriterionVerdictInput)
  @ValidateNested()
  ideaOrigin: CriterionVerdictInput;

  @Field(() => CriterionVerdictInput)
  @ValidateNested()
  localIdentity: CriterionVerdictInput;
}

@InputType()
export class RecognitionInput {
  @Field(() => ID)
  dossierId: string;

  @Field()
  @Text(100)
  decisionNumber: string;

  @Field(() => LocalDateScalar)
  decisionDate: LocalDate;

  @Field(() => String, {
    nullable: true,
    description:
      "The number printed on the certificate the decision recognises (unique). Required: missing or blank is BAD_USER_INPUT (the type stays nullable for older clients).",
  })
  @Text(64, { optional: true })
  certificateNumber?: string | null;
}

@InputType()
export class CentralResultInput extends RecognitionInput {
  @Field(() => Int, {
    description:
      "5 when the Ministry recognised 5 stars; otherwise the stars the province recognises (3 or 4).",
  })
  @IsIn([3, 4, 5], { message: "stars must be 3, 4 or 5" })
  stars: number;
}

@InputType()
export class DossierFilter {
  @Field(() => [DossierStatus], { nullable: true })
  @ListCap()
  statuses?: DossierStatus[] | null;

  @Field(() => [DossierKind], { nullable: true })
  @ListCap()
  kinds?: DossierKind[] | null;

  @Field(() => ID, { nullable: true })
  roundId?: string | null;

  @Field(() => [String], { nullable: true })
  @ListCap()
  communeCodes?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: "A dossier code (or its start), or words of the product's name.",
  })
  @Text(200, { optional: true })
  search?: string | null;
}

export const DossierConnection = connectionOf(Dossier, "Dossier", "A page of dossiers, newest first.");
export type DossierConnection = InstanceType<typeof DossierConnection>;

@ObjectType({
  description:
    "A council member has submitted a score sheet (the scores are shown once the evaluation is concluded).",
})
export class ScoreSubmission {
  memberId: number;

  @Field(() => GraphQLDateTimeISO, { description: "When the sheet was last submitted or replaced." })
  submittedAt: Date;
}

@ObjectType({ description: "One event of a dossier's history (append-only)." })
export class DossierEvent {
  @Field(() => GraphQLDateTimeISO)
  at: Date;

  @Field()
  action: string;

  @Field(() => DossierStatus, { nullable: true })
  fromStatus: DossierStatus | null;

  @Field(() => DossierStatus, { nullable: true })
  toStatus: DossierStatus | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  actorId: number | null;
}

@ObjectType({ description: "The council's scores, shown once the evaluation is concluded." })
export class ScoreSummary {
  @Field(() => Int)
  sheets: number;

  @Field(() => Int)
  minTotal: number;

  @Field(() => Int)
  maxTotal: number;

  @Field()
  average: number;
}

@ObjectType({ description: "A commune's dossiers of a round that have not been forwarded yet." })
export class CommuneForwardingStatus {
  @Field(() => Commune)
  commune: Commune;

  @Field(() => Int)
  notForwarded: number;

  @Field(() => [Dossier])
  dossiers: Dossier[];
}

@ObjectType({ description: "Documents of the product's previous dossier, for a re-evaluation." })
export class PreviousDocuments {
  @Field(() => [DossierDocument], {
    description: "Still valid (or with no validity date): may be carried over.",
  })
  reusable: DossierDocument[];

  @Field(() => [DossierDocument], { description: "Their validUntil has passed: new ones are needed." })
  lapsed: DossierDocument[];
}

@ArgsType()
export class ReasonArgs {
  @Field(() => ID)
  id: string;

  @Field()
  @Text(2000, { multiline: true })
  reason: string;
}

@ArgsType()
export class ReturnArgs extends ReasonArgs {
  @Field(() => Int, {
    nullable: true,
    description:
      "The province's return only: days from today during which the commune may forward the dossier again, even after the round's deadline (1–90).",
  })
  @IsOptional()
  @Min(1, { message: "graceDays must be 1 to 90" })
  @Max(90, { message: "graceDays must be 1 to 90" })
  graceDays?: number | null;

  @Field(() => [SupplementItemInput], {
    nullable: true,
    description:
      "What the producer must bring (supplementRequest): submitting again needs a CONFIRMED document of each listed kind.",
  })
  @IsOptional()
  @ListCap(30)
  @ValidateNested({ each: true })
  items?: SupplementItemInput[] | null;
}

@ArgsType()
export class OptionalReasonArgs {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  @Text(2000, { optional: true, multiline: true })
  reason?: string | null;
}

@ArgsType()
export class CarryOverArgs {
  @Field(() => ID)
  dossierId: string;

  @Field(() => [ID])
  @ListCap()
  documentIds: string[];
}
