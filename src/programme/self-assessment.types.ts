import { IsOptional, Max, Min, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { ListCap, Text } from "../core/validation";
import { YEAR } from "./programme.types";
import { CaseChoiceInput, CriterionChoiceInput, MissingPointsInput } from "../dossiers/dossier.types";

@InputType({ description: "Exactly one of potentialProductId and dossierId." })
export class SelfAssessmentInput {
  @Field(() => ID, { nullable: true, description: "A potential product of your commune's register." })
  potentialProductId?: string | null;

  @Field(() => ID, { nullable: true, description: "A dossier of your commune, until it is forwarded." })
  dossierId?: string | null;

  @Field(() => [CriterionChoiceInput], {
    description:
      "One choice for every criterion of the product set's sheet (see criteriaSheet; in a case group, of the chosen case only).",
  })
  @ListCap(200)
  @ValidateNested({ each: true })
  choices: CriterionChoiceInput[];

  @Field(() => [CaseChoiceInput], {
    nullable: true,
    description: "The case of each of the sheet's caseGroups.",
  })
  @IsOptional()
  @ListCap(20)
  @ValidateNested({ each: true })
  cases?: CaseChoiceInput[] | null;

  @Field(() => [MissingPointsInput], {
    nullable: true,
    description: "The points credited for each of the sheet's incompleteGroups.",
  })
  @IsOptional()
  @ListCap(20)
  @ValidateNested({ each: true })
  missingPoints?: MissingPointsInput[] | null;

  @Field(() => String, { nullable: true })
  @Text(2000, { optional: true, multiline: true })
  note?: string | null;
}

@InputType({ description: "A certified product of your commune proposed for more stars." })
export class UpgradeCandidateInput {
  @Field(() => ID)
  productId: string;

  @Field(() => Int, { description: "More than its active certificate's stars (at most 5)." })
  @Min(4, { message: "targetStars must be 4 or 5" })
  @Max(5, { message: "targetStars must be 4 or 5" })
  targetStars: number;

  @Field(() => Int, { nullable: true, description: "The year planned for its evaluation." })
  @IsOptional()
  @Min(YEAR.min, { message: "plannedYear must be 2018 to 2100" })
  @Max(YEAR.max, { message: "plannedYear must be 2018 to 2100" })
  plannedYear?: number | null;

  @Field(() => String, { nullable: true })
  @Text(2000, { optional: true, multiline: true })
  note?: string | null;
}
