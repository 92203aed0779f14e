import { IsInt, IsOptional, Matches, Max, Min } from "class-validator";
import { ArgsType, Field, InputType, Int, ObjectType } from "type-graphql";
import { ListCap, Text } from "../core/validation";
import { LocalDateScalar } from "../core/scalars";
import type { LocalDate } from "../core/time";
import { Commune } from "../geography/commune.entity";
import { Certificate } from "./certificate.entity";
import { RevocationGround } from "../rules/rule-set.entity";
import { NoticeAuthority, NoticeChannel } from "./expiry-notice.entity";

@InputType()
export class ExpiryNoticeInput {
  @Field()
  @Text(64)
  certificateNumber: string;

  @Field(() => LocalDateScalar)
  sentOn: LocalDate;

  @Field(() => NoticeChannel)
  channel: NoticeChannel;

  @Field(() => String, { nullable: true })
  @Text(2000, { optional: true, multiline: true })
  note?: string | null;

  @Field(() => NoticeAuthority, {
    nullable: true,
    description:
      "Who sent it; default: the province for province officers, the commune for commune officers.",
  })
  authority?: NoticeAuthority | null;

  @Field(() => String, { nullable: true, description: "The letter's number (công văn), if any." })
  @Text(100, { optional: true })
  letterNumber?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "The letter's date, if any." })
  letterDate?: LocalDate | null;
}

@ObjectType({ description: "The Ministry's letter declining a revocation proposal." })
export class MinistryRefusal {
  @Field()
  letterNumber: string;

  @Field(() => LocalDateScalar)
  letterDate: LocalDate;

  @Field()
  reason: string;
}

@ObjectType({
  description: "The province's proposal to the Ministry to revoke a certificate the Ministry issued.",
})
export class MinistryRevocationProposalRecord {
  @Field()
  letterNumber: string;

  @Field(() => LocalDateScalar)
  letterDate: LocalDate;

  @Field()
  reason: string;

  @Field(() => [RevocationGround])
  grounds: RevocationGround[];

  @Field(() => MinistryRefusal, {
    nullable: true,
    description:
      "The Ministry declined it (the certificate stays in force); null while pending or once revoked.",
  })
  refusal?: MinistryRefusal | null;
}

@ObjectType({ description: "A commune's certificates in a report." })
export class CommuneCertificates {
  @Field(() => Commune)
  commune: Commune;

  @Field(() => [Certificate])
  certificates: Certificate[];
}

/** Commune codes of a filter: at most LIST_CAP, each five digits. */
@ArgsType()
class CommuneScopeArgs {
  @Field(() => [String], { nullable: true, description: "Only these communes (at most 100)." })
  @IsOptional()
  @ListCap()
  @Matches(/^\d{5}$/, { each: true, message: "communeCodes must be five-digit unit codes" })
  communeCodes?: string[] | null;
}

@ArgsType()
export class ExpiringArgs extends CommuneScopeArgs {
  @Field(() => Int)
  @IsInt()
  @Min(0, { message: "withinDays must be 0 to 1100" })
  @Max(1100, { message: "withinDays must be 0 to 1100" })
  withinDays: number;

  @Field(() => Boolean, { nullable: true })
  includeExpired?: boolean | null;
}

@ArgsType()
export class SendNoticeArgs {
  @Field()
  @Text(64)
  certificateNumber: string;
}

@ArgsType()
export class SendNoticesArgs {
  @Field()
  @Text(5)
  communeCode: string;

  @Field(() => Int, { description: "0–1100 days, as expiringCertificates." })
  @IsInt()
  @Min(0, { message: "withinDays must be 0 to 1100" })
  @Max(1100, { message: "withinDays must be 0 to 1100" })
  withinDays: number;
}

@ArgsType()
export class RecognizedInArgs extends CommuneScopeArgs {
  @Field(() => Int)
  @IsInt({ message: "recognizedYear must be a year" })
  @Min(1990, { message: "recognizedYear must be 1990 to 2200" })
  @Max(2200, { message: "recognizedYear must be 1990 to 2200" })
  recognizedYear: number;
}
