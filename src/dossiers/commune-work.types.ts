import { ValidateNested } from "class-validator";
import { GraphQLDateTimeISO } from "graphql-scalars";
import { ArgsType, Field, ID, InputType, ObjectType } from "type-graphql";
import { LocalDateScalar } from "../core/scalars";
import type { LocalDate } from "../core/time";
import { ListCap, Text } from "../core/validation";
import { DocumentConfirmationStatus, DocumentKind } from "./dossier.entity";

// The commune's daily work on a dossier under Decision 1489: receipt, confirmations, supplements.

@ArgsType()
export class ReceiptArgs {
  @Field(() => ID)
  dossierId: string;

  @Field(() => LocalDateScalar, {
    description: "The day the commune received the file: not after today, not before the round was opened.",
  })
  receivedOn: LocalDate;
}

@InputType()
export class ConfirmDossierDocumentInput {
  @Field(() => ID)
  documentId: string;

  @Field(() => DocumentConfirmationStatus)
  status: DocumentConfirmationStatus;

  @Field(() => String, {
    nullable: true,
    description: "Why it is not valid (required for NOT_VALID): expired, illegible, wrong holder…",
  })
  @Text(2000, { optional: true, multiline: true })
  reason?: string | null;
}

@ObjectType({ description: "The commune's check of a document, by whom and when." })
export class DocumentConfirmation {
  @Field(() => DocumentConfirmationStatus)
  status: DocumentConfirmationStatus;

  @Field(() => String, { nullable: true, description: "Why it is not valid (NOT_VALID)." })
  reason: string | null;

  @Field(() => GraphQLDateTimeISO)
  at: Date;

  byId: number;
}

@InputType()
export class SupplementItemInput {
  @Field(() => DocumentKind)
  kind: DocumentKind;

  @Field(() => String, { nullable: true, description: "What exactly is missing or wrong, for the producer." })
  @Text(500, { optional: true, multiline: true })
  note?: string | null;
}

@InputType()
export class SupplementRequestInput {
  @Field(() => ID)
  dossierId: string;

  @Field(() => [SupplementItemInput], { description: "At least one document kind to bring." })
  @ListCap(30)
  @ValidateNested({ each: true })
  items: SupplementItemInput[];

  @Field(() => LocalDateScalar, { description: "By when the producer should bring them (not before today)." })
  dueOn: LocalDate;
}

@ObjectType({ description: "One document kind the producer is asked to bring." })
export class SupplementItem {
  @Field(() => DocumentKind)
  kind: DocumentKind;

  @Field(() => String, { nullable: true })
  note: string | null;
}

@ObjectType({
  description:
    "What the producer is asked to bring: the commune's request (AWAITING_SUPPLEMENT), or the list the province gave when it returned the dossier.",
})
export class SupplementRequest {
  @Field(() => [SupplementItem])
  items: SupplementItem[];

  @Field(() => LocalDateScalar, {
    description:
      "By when (a province's return: the day it may be forwarded again, else the round's deadline).",
  })
  dueOn: LocalDate;

  @Field(() => GraphQLDateTimeISO)
  requestedAt: Date;

  requestedById: number;

  @Field({ description: "The province's list, given when it returned the dossier." })
  byProvince: boolean;

  @Field(() => GraphQLDateTimeISO, {
    nullable: true,
    description: "When the dossier was submitted again with every listed kind confirmed (null: still open).",
  })
  settledAt: Date | null;
}
