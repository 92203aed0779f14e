import { IsOptional, Matches, Max, Min, ValidateNested } from "class-validator";
import { ArgsType, Directive, Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { PUBLIC_CACHE } from "../core/cache";
import { CategoryCount, CommuneCount, StarsCount } from "../catalog/catalog.types";
import { ProducerKind } from "../catalog/producer.entity";
import { connectionOf } from "../core/paging";
import { ListCap, Text } from "../core/validation";
import { Commune } from "../geography/commune.entity";
import { PotentialProduct, PotentialProductSource, PotentialProductStatus } from "./programme.entity";

export const YEAR = { min: 2018, max: 2100 };

@InputType()
export class PotentialProductInput {
  @Field()
  @Text(255)
  name: string;

  @Field({ description: "A product set (the lowest level of the category tree)." })
  @Text(16)
  categoryCode: string;

  @Field()
  @Matches(/^\d{5}$/, { message: "communeCode must be a five-digit unit code" })
  communeCode: string;

  @Field(() => ID, { nullable: true, description: "The producer, when it is recorded." })
  producerId?: string | null;

  @Field(() => String, { nullable: true, description: "Whom to contact when the producer is not recorded." })
  @Text(500, { optional: true })
  contact?: string | null;

  @Field(() => PotentialProductSource)
  source: PotentialProductSource;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(YEAR.min, { message: "plannedYear must be 2018 to 2100" })
  @Max(YEAR.max, { message: "plannedYear must be 2018 to 2100" })
  plannedYear?: number | null;

  @Field(() => String, { nullable: true })
  @Text(2000, { optional: true, multiline: true })
  note?: string | null;
}

@ArgsType()
export class PotentialProductsArgs {
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ListCap()
  @Matches(/^\d{5}$/, { each: true, message: "communeCodes must be five-digit unit codes" })
  communeCodes?: string[] | null;

  @Field(() => [PotentialProductStatus], { nullable: true })
  @IsOptional()
  @ListCap()
  statuses?: PotentialProductStatus[] | null;

  @Field(() => Int, { nullable: true, description: "Planned for evaluation in this year." })
  @IsOptional()
  @Min(YEAR.min, { message: "plannedYear must be 2018 to 2100" })
  @Max(YEAR.max, { message: "plannedYear must be 2018 to 2100" })
  plannedYear?: number | null;

  @Field(() => [String], { nullable: true, description: "In these categories (any level)." })
  @IsOptional()
  @ListCap()
  categoryCodes?: string[] | null;

  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@ArgsType()
export class PotentialStatusArgs {
  @Field(() => ID)
  id: string;

  @Field(() => PotentialProductStatus)
  status: PotentialProductStatus;

  @Field(() => String, { nullable: true, description: "Why, when dropping it." })
  @Text(2000, { optional: true, multiline: true })
  reason?: string | null;
}

@InputType({ description: "The producer of a potential product that has none recorded yet." })
export class NewProducerInput {
  @Field()
  @Text(255)
  name: string;

  @Field(() => ProducerKind)
  kind: ProducerKind;

  @Field(() => String, { nullable: true })
  @Text(50, { optional: true })
  registrationNumber?: string | null;
}

@ArgsType()
export class OpenPotentialDossierArgs {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  roundId: string;

  @Field(() => NewProducerInput, {
    nullable: true,
    description:
      "When the potential product has no producer: found in the commune by registration number or name, else created.",
  })
  @ValidateNested()
  producer?: NewProducerInput | null;
}

@InputType()
export class PlanTargetInput {
  @Field(() => Int)
  @Min(YEAR.min, { message: "year must be 2018 to 2100" })
  @Max(YEAR.max, { message: "year must be 2018 to 2100" })
  year: number;

  @Field()
  @Matches(/^\d{5}$/, { message: "communeCode must be a five-digit unit code" })
  communeCode: string;

  @Field(() => Int, { description: "Products certified for the first time." })
  @Min(0, { message: "targets must be 0 to 1000" })
  @Max(1000, { message: "targets must be 0 to 1000" })
  newProducts: number;

  @Field(() => Int)
  @Min(0, { message: "targets must be 0 to 1000" })
  @Max(1000, { message: "targets must be 0 to 1000" })
  upgrades: number;

  @Field(() => Int)
  @Min(0, { message: "targets must be 0 to 1000" })
  @Max(1000, { message: "targets must be 0 to 1000" })
  reEvaluations: number;
}

export const PotentialProductConnection = connectionOf(
  PotentialProduct,
  "PotentialProduct",
  "A page of the potential-products register, newest first.",
);
export type PotentialProductConnection = InstanceType<typeof PotentialProductConnection>;

@ObjectType({ description: "Recognitions in the year, by kind of dossier (or targets for them)." })
export class KindCounts {
  @Field(() => Int)
  newProducts: number;

  @Field(() => Int)
  upgrades: number;

  @Field(() => Int)
  reEvaluations: number;
}

@ObjectType({ description: "The dossiers of the year's rounds." })
export class DossierFigures {
  @Field(() => Int)
  forwarded: number;

  @Field(() => Int, { description: "Forwarded by the round's first deadline (Vietnam time)." })
  forwardedOnTime: number;

  @Field(() => Int, { description: "Forwarded after it (the deadline was extended)." })
  forwardedLate: number;

  @Field(() => Int, { description: "Returned for correction at least once." })
  returned: number;

  @Field(() => Int)
  recognized: number;

  @Field(() => Int)
  notAchieved: number;

  @Field(() => Int, {
    nullable: true,
    description: "Median days from forwarding to the recognition decision (null: none recognised).",
  })
  medianDaysToDecision: number | null;
}

@ObjectType({ description: "A commune's figures for the year." })
export class CommuneProgress {
  @Field(() => Commune)
  commune: Commune;

  @Field(() => Int, { description: "Products with an active certificate today." })
  active: number;

  @Field(() => Int, { description: "Certificates whose recognition decision is dated in the year." })
  recognizedInYear: number;

  @Field(() => KindCounts, { nullable: true, description: "The province's targets (null: none set)." })
  target: KindCounts | null;

  @Field(() => KindCounts, { description: "Recognitions in the year through dossiers, by kind." })
  achieved: KindCounts;

  @Field(() => Int, {
    description: "In the pipeline today: potential products SELECTED or IN_PREPARATION, and open dossiers.",
  })
  pipeline: number;
}

@ObjectType({ description: "The province's OCOP programme in a year (staff)." })
export class ProgrammeStatistics {
  @Field(() => Int)
  year: number;

  @Field(() => [StarsCount], { description: "Products with an active certificate today, by stars." })
  activeByStars: StarsCount[];

  @Field(() => [CategoryCount], { description: "Products with an active certificate today, by product set." })
  activeByProductSet: CategoryCount[];

  @Field(() => Int)
  recognizedInYear: number;

  @Field(() => Int, { description: "Active certificates expiring within 90 days from today." })
  expiringWithin90Days: number;

  @Field(() => DossierFigures)
  dossiers: DossierFigures;

  @Field(() => [CommuneProgress], {
    description: "Every commune (commune officers: their own), in the units' order.",
  })
  communes: CommuneProgress[];
}

@ObjectType({ description: "The programme in figures, for anyone (what the province publicises)." })
@Directive(PUBLIC_CACHE)
export class ProgrammeSummary {
  @Field(() => Int)
  activeProducts: number;

  @Field(() => [StarsCount])
  byStars: StarsCount[];

  @Field(() => [CategoryCount], { description: "By sector (the top level of the category tree)." })
  bySector: CategoryCount[];

  @Field(() => [CommuneCount], { description: "By commune, communes with products only." })
  byCommune: CommuneCount[];

  @Field(() => Int)
  communesWithProducts: number;

  @Field(() => Int, { description: "Active products whose certificate was issued in the last 12 months." })
  certifiedLast12Months: number;
}
