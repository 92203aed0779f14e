import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { LocalDateScalar } from "../core/scalars";
import type { LocalDate } from "../core/time";

// What a dossier keeps of its evaluations, as JSON columns of the dossier and its score sheets: the commune's
// report on the four local criteria, the product samples, the council's choices and result.

@ObjectType()
export class CriterionVerdict {
  @Field({ description: "The commune's conclusion." })
  met: boolean;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The criterion of the criteria sheet this local criterion grades (null: the sheet has none).",
  })
  criterionCode?: string | null;

  @Field(() => String, { nullable: true, description: "The option the commune chose (null: none applies)." })
  optionCode?: string | null;

  @Field(() => Int, { nullable: true, description: "The points of that option." })
  points?: number | null;
}

@ObjectType({
  description: "The product samples a dossier brings under its rule set, and what the commune received.",
})
export class ProductSamples {
  @Field(() => Int, { description: "How many the rule set asks for this product set." })
  required: number;

  @Field(() => Int, { nullable: true, description: "How many the commune received (null: none recorded)." })
  received: number | null;

  @Field(() => LocalDateScalar, { nullable: true })
  receivedOn: LocalDate | null;
}

@ObjectType({
  description: "A mandatory criterion the choices fall short of, and the lowest star level it blocks.",
})
export class UnmetCriterion {
  @Field(() => Int)
  stars: number;

  @Field()
  criterionCode: string;
}

@ObjectType({
  description: "The option chosen for a criterion (null: none applies, 0 points) and its points.",
})
export class CriterionChoice {
  @Field()
  criterionCode: string;

  @Field(() => String, { nullable: true })
  optionCode: string | null;

  @Field(() => Int)
  points: number;
}

export enum EvaluationBasis {
  CRITERIA = "CRITERIA",
  PART_TOTALS = "PART_TOTALS",
}
registerEnumType(EvaluationBasis, {
  name: "EvaluationBasis",
  description:
    "CRITERIA: scored per criterion on the criteria sheet; PART_TOTALS: the product set's sheet is not usable, scored by part totals.",
});

@ObjectType({
  description:
    "The council's conclusion, kept so that the minutes can be reproduced and the producer told what to improve.",
})
export class Evaluation {
  @Field()
  ruleSetVersion: string;

  @Field(() => EvaluationBasis)
  basis: EvaluationBasis;

  @Field(() => String, { nullable: true, description: "Why the dossier was scored by part totals." })
  fallbackReason: string | null;

  @Field(() => Int, { description: "Stars the average reaches, before the mandatory criteria." })
  bandStars: number;

  @Field(() => Int, {
    description: "The highest level whose mandatory criteria the council's consolidated choices meet.",
  })
  mandatoryStarsMet: number;

  @Field(() => [UnmetCriterion])
  unmetMandatory: UnmetCriterion[];

  @Field(() => [CriterionChoice], {
    description: "The council's choice per criterion (empty when scored by part totals).",
  })
  consolidated: CriterionChoice[];
}

@ObjectType({ description: "The commune's evaluation of the four local criteria." })
export class CommuneReport {
  @Field(() => CriterionVerdict, { description: "Local origin of the product and its raw materials." })
  localOrigin: CriterionVerdict;

  @Field(() => CriterionVerdict, { description: "Local labour." })
  localLabour: CriterionVerdict;

  @Field(() => CriterionVerdict, { description: "Origin of the product idea." })
  ideaOrigin: CriterionVerdict;

  @Field(() => CriterionVerdict, { description: "Local identity." })
  localIdentity: CriterionVerdict;
}
