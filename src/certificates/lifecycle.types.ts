import { Field, ID, InputType, ObjectType } from "type-graphql";
import { LocalDateScalar } from "../core/scalars";
import type { LocalDate } from "../core/time";
import { Commune } from "../geography/commune.entity";
import { ViolationKind } from "../oversight/oversight.entity";
import { Certificate } from "./certificate.entity";
import { NoticeChannel } from "./expiry-notice.entity";

@InputType()
export class ExpiryNoticeInput {
  @Field()
  certificateNumber: string;

  @Field(() => LocalDateScalar)
  sentOn: LocalDate;

  @Field(() => NoticeChannel)
  channel: NoticeChannel;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class ViolationInput {
  @Field(() => ViolationKind)
  kind: ViolationKind;

  @Field()
  description: string;
}

@InputType()
export class InspectionInput {
  @Field(() => ID)
  productId: string;

  @Field(() => LocalDateScalar)
  inspectedOn: LocalDate;

  @Field()
  logoUseCompliant: boolean;

  @Field(() => String, { nullable: true })
  findings?: string | null;

  @Field(() => [ViolationInput], { nullable: true })
  violations?: ViolationInput[] | null;
}

@InputType()
export class RevocationRecommendationInput {
  @Field()
  certificateNumber: string;

  @Field()
  reason: string;

  @Field(() => [ID], { nullable: true, description: "Violations (from recordInspection) the recommendation rests on." })
  violationIds?: string[] | null;
}

@InputType()
export class RevokeCertificateInput {
  @Field()
  certificateNumber: string;

  @Field()
  decisionNumber: string;

  @Field(() => LocalDateScalar)
  decisionDate: LocalDate;

  @Field()
  reason: string;
}

@ObjectType({ description: "A commune's certificates in a report." })
export class CommuneCertificates {
  @Field(() => Commune)
  commune: Commune;

  @Field(() => [Certificate])
  certificates: Certificate[];
}
