import { Field, Int, ObjectType } from "type-graphql";

// What a criteria sheet looks like to clients (and to the scoring): its parts, criteria and options.

@ObjectType({ description: "One option of a criterion: the points it gives." })
export class SheetOption {
  @Field({ description: "The criterion's code and the option's position from 1, e.g. A.1.a.2." })
  code: string;

  @Field()
  text: string;

  @Field(() => Int)
  points: number;

  @Field(() => Int, {
    nullable: true,
    description: "For this many stars and above, the chosen option must give at least these points.",
  })
  mandatoryForStars: number | null;
}

@ObjectType({ description: "A criterion of a criteria sheet; one of its options is chosen (or none)." })
export class SheetCriterion {
  @Field({
    description:
      "Part letter, group number, criterion letter (A.1.a); a group with options directly is its own criterion (A.3).",
  })
  code: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true, description: "The sheet's requirement or note for this criterion." })
  description: string | null;

  @Field(() => Int)
  maxPoints: number;

  @Field(() => Int, {
    nullable: true,
    description: "For this many stars and above, some option of this criterion must be chosen.",
  })
  mandatoryForStars: number | null;

  @Field(() => [SheetOption])
  options: SheetOption[];

  /** The file line of the criterion, for defects. */
  line: number;
}

@ObjectType({ description: "Part A (product and community strength), B (marketing) or C (quality)." })
export class SheetPart {
  @Field()
  code: string;

  @Field()
  title: string;

  @Field(() => Int)
  maxPoints: number;

  @Field(() => [SheetCriterion])
  criteria: SheetCriterion[];
}

/** A criteria sheet as read from its file: which product set, its parts, and what is wrong with it. */
export type ParsedSheet = {
  criteriaSet: number;
  file: string;
  parts: SheetPart[];
  /** "file:line (row n): what is wrong"; a sheet with any is not usable for per-criterion scoring. */
  defects: string[];
};

@ObjectType({
  description: "The criteria sheet that applies to a dossier: its product set's sheet under its rule set.",
})
export class CriteriaSheet {
  @Field({ description: "The product set (category code) of the dossier's product." })
  productSetCode: string;

  @Field(() => Int, { description: "The sheet's number among the decision's sheets (1–26)." })
  criteriaSet: number;

  @Field()
  ruleSetVersion: string;

  @Field({
    description:
      "False when the sheet has defects (see defects): the dossier is then scored by part totals (submitScoreSheet).",
  })
  usable: boolean;

  @Field(() => [String], { description: "Each defect with its file and line; empty when usable." })
  defects: string[];

  @Field(() => [SheetPart])
  parts: SheetPart[];
}
