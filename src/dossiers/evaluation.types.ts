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

@ObjectType({ description: "The case a member chose in a case group of the sheet." })
export class CaseChoice {
  @Field()
  groupCode: string;

  @Field(() => Int)
  case: number;
}

@ObjectType({
  description: "Points a member credits for what an incomplete sheet lacks, with the member's note.",
})
export class MissingPointsCredit {
  @Field({ description: "A code of the sheet's incompleteGroups." })
  code: string;

  @Field(() => Int)
  points: number;

  @Field()
  note: string;
}

@ObjectType("MandatoryFinding", {
  description:
    "The council's finding on a disputed mandatory mark, recorded by the province officer: met or not, why, and the evidence document it rests on.",
})
export class Finding {
  @Field()
  criterionCode: string;

  @Field(() => Int)
  stars: number;

  @Field()
  met: boolean;

  @Field()
  reason: string;

  documentId: number;

  recordedById: number;

  /** A Date from the table; an ISO string inside a stored evaluation. */
  recordedAt: Date | string;
}

@ObjectType({
  description:
    "A mandatory mark on which the members' sheets disagree (some meet it, some do not), and the finding recorded on it (null: none yet).",
})
export class DisputedMark {
  @Field()
  criterionCode: string;

  @Field(() => Int)
  stars: number;

  @Field(() => Finding, { nullable: true })
  finding?: Finding | null;
}

@ObjectType({ description: "One member's sheet as the evaluation keeps it: total and own mandatory level." })
export class MemberLevel {
  memberId: number;

  @Field(() => Int)
  total: number;

  @Field(() => Int)
  mandatoryStarsMet: number;
}

export enum EvaluationBasis {
  CRITERIA = "CRITERIA",
  PART_TOTALS = "PART_TOTALS",
}
registerEnumType(EvaluationBasis, {
  name: "EvaluationBasis",
  description:
    "CRITERIA: scored per criterion on the criteria sheet; PART_TOTALS: concluded on part totals before every product set was scored per criterion (older evaluations only).",
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

  @Field(() => String, { nullable: true, description: "Why an older dossier was scored by part totals." })
  fallbackReason: string | null;

  @Field(() => Int, { description: "Stars the average reaches, before the mandatory criteria." })
  bandStars: number;

  @Field(() => Int, {
    description:
      "The council's mandatory level: the highest level all of whose marks are met, unanimous marks as the members chose and disputed ones as the findings say.",
  })
  mandatoryStarsMet: number;

  @Field(() => [UnmetCriterion], {
    description: "The marks not met: unanimous ones, and disputed ones found not met.",
  })
  unmetMandatory: UnmetCriterion[];

  @Field({ description: "False when the sheet lacks points and members credited them in a bounded field." })
  sheetComplete: boolean;

  @Field(() => [MemberLevel], { description: "Each member's total and own mandatory level." })
  memberLevels: MemberLevel[];

  @Field(() => [UnmetCriterion], { description: "The marks on which the members' sheets disagreed." })
  disputedMarks: UnmetCriterion[];

  @Field(() => [Finding], { description: "The findings that decided the disputed marks." })
  findings: Finding[];
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
