import type { SheetCriterion, SheetPart } from "./criteria-sheet.types";
import { Consolidation, type RuleSet } from "./rule-set.entity";

/** A criterion's chosen option (null: none applies) and the points it gives. */
export type Choice = { criterionCode: string; optionCode: string | null; points: number };
/** A mandatory mark the choices fall short of: the lowest star level it blocks and the criterion. */
export type Unmet = { stars: number; criterionCode: string };
export type Sheet = { parts: SheetPart[] };

const criteriaOf = (sheet: Sheet): SheetCriterion[] => sheet.parts.flatMap((p) => p.criteria);

/**
 * What is wrong with a member's choices, by code: criteria of the sheet not chosen, codes that are not
 * criteria of the sheet, criteria chosen twice, and options that are not options of their criterion.
 */
export function choiceProblems(
  sheet: Sheet,
  choices: { criterionCode: string; optionCode?: string | null }[],
): { missing: string[]; unknown: string[]; duplicate: string[]; badOptions: string[] } {
  const criteria = new Map(criteriaOf(sheet).map((c) => [c.code, c]));
  const seen = new Set<string>();
  const problems = {
    missing: [] as string[],
    unknown: [] as string[],
    duplicate: [] as string[],
    badOptions: [] as string[],
  };
  for (const choice of choices) {
    const criterion = criteria.get(choice.criterionCode);
    if (!criterion) problems.unknown.push(choice.criterionCode);
    else if (seen.has(choice.criterionCode)) problems.duplicate.push(choice.criterionCode);
    else if (choice.optionCode && !criterion.options.some((o) => o.code === choice.optionCode))
      problems.badOptions.push(choice.optionCode);
    seen.add(choice.criterionCode);
  }
  problems.missing = [...criteria.keys()].filter((code) => !seen.has(code));
  return problems;
}

/** The points of each choice, from the sheet (the caller has checked the choices with `choiceProblems`). */
export function pointChoices(
  sheet: Sheet,
  choices: { criterionCode: string; optionCode?: string | null }[],
): Choice[] {
  const options = new Map(
    criteriaOf(sheet).flatMap((c) => c.options.map((o) => [o.code, o.points] as const)),
  );
  const byCode = new Map(choices.map((c) => [c.criterionCode, c.optionCode ?? null]));
  return criteriaOf(sheet).map((c) => {
    const optionCode = byCode.get(c.code) ?? null;
    return { criterionCode: c.code, optionCode, points: optionCode ? options.get(optionCode)! : 0 };
  });
}

/**
 * The mandatory marks of the sheet against the points given: a mark on an option (k★) asks, for k★ and
 * above, at least that option's points; a mark on a criterion asks that some option of it be chosen.
 * `mandatoryStarsMet` is the highest level all of whose marks are met (5 when none fails).
 */
export function mandatoryCheck(
  sheet: Sheet,
  choices: Choice[],
): { mandatoryStarsMet: number; unmetMandatory: Unmet[] } {
  const points = new Map(choices.map((c) => [c.criterionCode, c.points]));
  const unmet: Unmet[] = [];
  const fallsShort = (stars: number, criterionCode: string) => {
    if (!unmet.some((u) => u.stars === stars && u.criterionCode === criterionCode))
      unmet.push({ stars, criterionCode });
  };
  for (const c of criteriaOf(sheet)) {
    const given = points.get(c.code) ?? 0;
    if (c.mandatoryForStars !== null && given <= 0) fallsShort(c.mandatoryForStars, c.code);
    for (const o of c.options)
      if (o.mandatoryForStars !== null && given < o.points) fallsShort(o.mandatoryForStars, c.code);
  }
  unmet.sort((a, b) => a.stars - b.stars || a.criterionCode.localeCompare(b.criterionCode));
  const lowest = unmet[0]?.stars;
  return { mandatoryStarsMet: lowest === undefined ? 5 : lowest - 1, unmetMandatory: unmet };
}

/** Part totals of a set of choices (a criterion's part is the first letter of its code). */
export function partTotals(choices: Choice[]): {
  partA: number;
  partB: number;
  partC: number;
  total: number;
} {
  const part = (letter: string) =>
    choices.filter((c) => c.criterionCode.startsWith(`${letter}.`)).reduce((s, c) => s + c.points, 0);
  const [partA, partB, partC] = [part("A"), part("B"), part("C")];
  return { partA, partB, partC, total: partA + partB + partC };
}

/**
 * The council's choice per criterion from the members' choices, by the rule set's consolidation: the lower
 * median of the members' points (by default), the upper median, or the minimum. The option is that of a
 * member whose points it is.
 */
export function consolidate(sheet: Sheet, members: Choice[][], rule: Consolidation): Choice[] {
  return criteriaOf(sheet).map((c) => {
    const given = members
      .map(
        (choices) =>
          choices.find((x) => x.criterionCode === c.code) ?? {
            criterionCode: c.code,
            optionCode: null,
            points: 0,
          },
      )
      .sort((a, b) => a.points - b.points);
    const index =
      rule === Consolidation.MINIMUM
        ? 0
        : rule === Consolidation.UPPER_MEDIAN
          ? Math.floor(given.length / 2)
          : Math.floor((given.length - 1) / 2);
    return { ...given[index] };
  });
}

/** The star band an average reaches (0 below every band). */
export function bandStars(rules: Pick<RuleSet, "starBands">, average: number): number {
  return (
    [...rules.starBands].sort((a, b) => b.stars - a.stars).find((b) => average >= b.minPoints)?.stars ?? 0
  );
}
