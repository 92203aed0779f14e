import { IsOptional, Matches, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { LocalDateScalar } from "../core/scalars";
import type { LocalDate } from "../core/time";
import { ListCap, Text } from "../core/validation";
import { ViolationKind } from "./oversight.entity";

/** The revocation grounds an input cites: codes of the rules in force (checked against them by the service). */
const Grounds = (): PropertyDecorator => (target, key) => {
  Field(() => [String], {
    nullable: true,
    description:
      "Codes of the revocation grounds of the rules in force (see ruleSets) that it cites: at least one (the type stays nullable for older clients; none is BAD_USER_INPUT).",
  })(target, key);
  IsOptional()(target, key);
  ListCap(20)(target, key);
  Matches(/^[A-Z_]{1,40}$/, { each: true, message: "grounds must be codes like LOGO_MISUSE (see ruleSets)" })(
    target,
    key,
  );
};

@InputType()
export class ViolationInput {
  @Field(() => ViolationKind)
  kind: ViolationKind;

  @Field()
  @Text(2000, { multiline: true })
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
  @Text(5000, { optional: true, multiline: true })
  findings?: string | null;

  @Field(() => [ViolationInput], { nullable: true })
  @ListCap(50)
  @ValidateNested()
  violations?: ViolationInput[] | null;
}

@InputType()
export class RevocationRecommendationInput {
  @Field()
  @Text(64)
  certificateNumber: string;

  @Field()
  @Text(2000, { multiline: true })
  reason: string;

  @Field(() => [ID], {
    nullable: true,
    description: "Violations (from recordInspection) the recommendation rests on.",
  })
  @ListCap()
  violationIds?: string[] | null;

  @Grounds()
  grounds?: string[] | null;
}

@InputType()
export class RevokeCertificateInput {
  @Field()
  @Text(64)
  certificateNumber: string;

  @Field()
  @Text(100)
  decisionNumber: string;

  @Field(() => LocalDateScalar)
  decisionDate: LocalDate;

  @Field()
  @Text(2000, { multiline: true })
  reason: string;

  @Grounds()
  grounds?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "A certificate the Ministry issued, revoked by the Ministry on its own initiative, without the province's proposal.",
  })
  @IsOptional()
  onMinistryInitiative?: boolean | null;
}

@InputType({ description: "The Ministry's letter declining the province's pending revocation proposal." })
export class MinistryRefusalInput {
  @Field()
  @Text(64)
  certificateNumber: string;

  @Field()
  @Text(100)
  letterNumber: string;

  @Field(() => LocalDateScalar)
  letterDate: LocalDate;

  @Field()
  @Text(2000, { multiline: true })
  reason: string;
}

@InputType({
  description: "The province's letter proposing that the Ministry revoke a certificate it issued.",
})
export class MinistryRevocationProposalInput {
  @Field()
  @Text(64)
  certificateNumber: string;

  @Field()
  @Text(100)
  letterNumber: string;

  @Field(() => LocalDateScalar)
  letterDate: LocalDate;

  @Field()
  @Text(2000, { multiline: true })
  reason: string;

  @Grounds()
  grounds?: string[] | null;
}
