import { Directive, Field, Int, ObjectType } from "type-graphql";
import { INHERIT_CACHE } from "../core/cache";

// What a criteria sheet looks like to clients (and to the scoring): its parts, criteria and options.

@Directive(INHERIT_CACHE)
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

@Directive(INHERIT_CACHE)
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
}

@Directive(INHERIT_CACHE)
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

@Directive(INHERIT_CACHE)
@ObjectType({ description: "One case of a case group: its criteria are scored when a member chooses it." })
export class SheetCase {
  @Field(() => Int, { description: "The case's number as the sheet prints it (Trường hợp 1, 2)." })
  case: number;

  @Field()
  title: string;

  @Field(() => Int)
  maxPoints: number;

  @Field(() => [String], { description: "The criteria (codes of parts.criteria) scored under this case." })
  criterionCodes: string[];
}

@Directive(INHERIT_CACHE)
@ObjectType({
  description:
    'A group whose criteria are alternatives ("Lựa chọn một trong hai trường hợp sau", community tourism): each member chooses one case and scores its criteria only; the group is worth its larger case.',
})
export class SheetCaseGroup {
  @Field()
  code: string;

  @Field()
  title: string;

  @Field(() => Int)
  maxPoints: number;

  @Field(() => [SheetCase])
  cases: SheetCase[];
}

@Directive(INHERIT_CACHE)
@ObjectType({
  description:
    "Where the sheet lacks points (a criterion lost in transcription): a part, group or criterion whose maximum its elements do not reach. Each member credits 0 to missingPoints for it, with a note, until the province corrects the sheet.",
})
export class SheetIncompleteGroup {
  @Field({ description: "A part (C), group (C.6) or criterion (C.6.d) code." })
  code: string;

  @Field()
  title: string;

  @Field(() => Int)
  missingPoints: number;
}

@Directive(INHERIT_CACHE)
@ObjectType({
  description: "A correction the province's data makes to the sheet as transcribed, with its reason.",
})
export class SheetCorrection {
  @Field(() => Int, { description: "The line of corrections.csv." })
  line: number;

  @Field({ description: "set (fields replaced), add (a row added after the element) or remove." })
  action: string;

  @Field({ description: "The element's code in the sheet as transcribed." })
  code: string;

  @Field()
  reason: string;
}

/** A criteria sheet as read from its file and corrected: its parts, cases, what it lacks, what is wrong with it. */
export type ParsedSheet = {
  criteriaSet: number;
  file: string;
  parts: SheetPart[];
  caseGroups: SheetCaseGroup[];
  incompleteGroups: SheetIncompleteGroup[];
  corrections: SheetCorrection[];
  /** "file:line (row n): what is wrong"; a sheet with any is not usable. */
  defects: string[];
};

@Directive(INHERIT_CACHE)
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
      "False when the sheet has defects (see defects): nobody can be scored on it until the province's corrections fix them.",
  })
  usable: boolean;

  @Field(() => [String], { description: "Each defect with its file and line; empty when usable." })
  defects: string[];

  @Field(() => [SheetPart])
  parts: SheetPart[];

  @Field(() => [SheetCaseGroup], {
    description: "Groups whose criteria are alternative cases; usually none.",
  })
  caseGroups: SheetCaseGroup[];

  @Field(() => [SheetIncompleteGroup], {
    description: "Where the sheet lacks points; empty on a complete sheet.",
  })
  incompleteGroups: SheetIncompleteGroup[];

  @Field(() => [SheetCorrection], { description: "What the province's corrections changed, and why." })
  corrections: SheetCorrection[];
}
