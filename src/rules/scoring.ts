import type { ParsedSheet, SheetCriterion } from "./criteria-sheet.types";
import type { RuleSet } from "./rule-set.entity";

/** A criterion's chosen option (null: none applies) and the points it gives. */
export type Choice = { criterionCode: string; optionCode: string | null; points: number };
/** A mandatory mark: a criterion and a star level for which it asks something (here: that the choices fall short of). */
export type Unmet = { stars: number; criterionCode: string };
/** What scoring needs of a sheet. */
export type Sheet = Pick<ParsedSheet, "parts"> &
  Partial<Pick<ParsedSheet, "caseGroups" | "incompleteGroups">>;
/** The case chosen in a case group, and the points credited for what an incomplete group lacks. */
export type CaseChoice = { groupCode: string; case: number };
export type MissingPoints = { code: string; points: number; note: string };

const criteriaOf = (sheet: Sheet): SheetCriterion[] => sheet.parts.flatMap((p) => p.criteria);
/** Whether two marks are the same criterion at the same star level. */
export const sameMark = (a: Unmet, b: Unmet) => a.stars === b.stars && a.criterionCode === b.criterionCode;
const byMark = (a: Unmet, b: Unmet) => a.stars - b.stars || a.criterionCode.localeCompare(b.criterionCode);

/**
 * The criteria a member scores: every criterion of the sheet but those of the cases not chosen (a case group
 * without a chosen case keeps all of its criteria out).
 */
export function criteriaScored(sheet: Sheet, cases: CaseChoice[]): SheetCriterion[] {
  const chosen = new Map(cases.map((c) => [c.groupCode, c.case]));
  const left = new Set(
    (sheet.caseGroups ?? []).flatMap((g) =>
      g.cases.filter((c) => c.case !== chosen.get(g.code)).flatMap((c) => c.criterionCodes),
    ),
  );
  return criteriaOf(sheet).filter((c) => !left.has(c.code));
}

/** What is wrong with the cases chosen: case groups without one, codes that are no case group, cases it has not. */
export function caseProblems(sheet: Sheet, cases: CaseChoice[]): { missing: string[]; unknown: string[] } {
  const groups = new Map((sheet.caseGroups ?? []).map((g) => [g.code, g]));
  const unknown = cases
    .filter((c, i) => {
      const group = groups.get(c.groupCode);
      const repeated = cases.findIndex((x) => x.groupCode === c.groupCode) !== i;
      return !group || repeated || !group.cases.some((x) => x.case === c.case);
    })
    .map((c) => `${c.groupCode}/${c.case}`);
  const missing = [...groups.keys()].filter((code) => !cases.some((c) => c.groupCode === code));
  return { missing, unknown };
}

/**
 * What is wrong with the points credited for incomplete groups: groups without them, codes that are not
 * incomplete groups (or given twice), points outside 0 to what the group lacks, and credits without a note.
 */
export function missingPointsProblems(
  sheet: Sheet,
  given: MissingPoints[],
): { missing: string[]; bad: string[] } {
  const groups = new Map((sheet.incompleteGroups ?? []).map((g) => [g.code, g.missingPoints]));
  const bad = given
    .filter((m, i) => {
      const most = groups.get(m.code);
      const repeated = given.findIndex((x) => x.code === m.code) !== i;
      return most === undefined || repeated || m.points < 0 || m.points > most || !m.note.trim();
    })
    .map((m) => m.code);
  const missing = [...groups.keys()].filter((code) => !given.some((m) => m.code === code));
  return { missing, bad };
}

/**
 * What is wrong with a member's choices, by code: criteria scored (see criteriaScored) not chosen, codes that
 * are not criteria scored, criteria chosen twice, and options that are not options of their criterion.
 */
export function choiceProblems(
  sheet: Sheet,
  choices: { criterionCode: string; optionCode?: string | null }[],
  cases: CaseChoice[] = [],
): { missing: string[]; unknown: string[]; duplicate: string[]; badOptions: string[] } {
  const criteria = new Map(criteriaScored(sheet, cases).map((c) => [c.code, c]));
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
  cases: CaseChoice[] = [],
): Choice[] {
  const options = new Map(
    criteriaOf(sheet).flatMap((c) => c.options.map((o) => [o.code, o.points] as const)),
  );
  const byCode = new Map(choices.map((c) => [c.criterionCode, c.optionCode ?? null]));
  return criteriaScored(sheet, cases).map((c) => {
    const optionCode = byCode.get(c.code) ?? null;
    return { criterionCode: c.code, optionCode, points: optionCode ? options.get(optionCode)! : 0 };
  });
}

/**
 * The mandatory marks of the criteria chosen against their points: a mark on an option (k★) asks, for k★
 * and above, at least that option's points; a mark on a criterion asks that some option of it be chosen.
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
  for (const c of criteriaOf(sheet).filter((c) => points.has(c.code)))
    for (const stars of levelsFallenShort(c, points.get(c.code)!)) fallsShort(stars, c.code);
  unmet.sort(byMark);
  return { mandatoryStarsMet: levelMet(unmet), unmetMandatory: unmet };
}

/** The levels whose marks on a criterion these points fall short of (a mark asks them for its level and above). */
export function levelsFallenShort(
  c: Pick<SheetCriterion, "mandatoryForStars" | "options">,
  points: number,
): number[] {
  const levels: number[] = [];
  if (c.mandatoryForStars !== null && points <= 0) levels.push(c.mandatoryForStars);
  for (const o of c.options)
    if (o.mandatoryForStars !== null && points < o.points) levels.push(o.mandatoryForStars);
  return levels;
}

/** Part totals of a set of choices and credited points (a code's part is its first letter). */
export function partTotals(
  choices: Choice[],
  missing: MissingPoints[] = [],
): { partA: number; partB: number; partC: number; total: number } {
  const scored = [...choices.map((c) => ({ code: c.criterionCode, points: c.points })), ...missing];
  const part = (letter: string) =>
    scored.filter((c) => c.code.split(".")[0] === letter).reduce((s, c) => s + c.points, 0);
  const [partA, partB, partC] = [part("A"), part("B"), part("C")];
  return { partA, partB, partC, total: partA + partB + partC };
}

/** The highest level all of whose marks are met, given the marks that are not. */
export const levelMet = (unmet: Unmet[]): number =>
  unmet.length ? Math.min(...unmet.map((u) => u.stars)) - 1 : 5;

/**
 * The council's marks from its members' sheets. A mark applies to the members who scored its criterion;
 * it is unanimous when all of them meet it or all fall short, disputed when some do and some do not.
 * `unmet`: the unanimous marks not met; `disputed`: the marks the province officer records a finding on.
 */
export function councilMarks(members: { choices: Choice[]; unmetMandatory: Unmet[] }[]): {
  unmet: Unmet[];
  disputed: Unmet[];
} {
  const marks: Unmet[] = [];
  for (const m of members)
    for (const u of m.unmetMandatory) if (!marks.some((x) => sameMark(x, u))) marks.push(u);
  const unmet: Unmet[] = [];
  const disputed: Unmet[] = [];
  for (const mark of marks.sort(byMark)) {
    const scoring = members.filter((m) => m.choices.some((c) => c.criterionCode === mark.criterionCode));
    const short = scoring.filter((m) => m.unmetMandatory.some((u) => sameMark(u, mark)));
    (short.length === scoring.length ? unmet : disputed).push(mark);
  }
  return { unmet, disputed };
}

/**
 * The council's mandatory level: the unanimous marks not met and the disputed marks whose finding says not
 * met; `mandatoryStarsMet` is the highest level all of whose marks are met on that basis.
 */
export function councilLevel(
  marks: { unmet: Unmet[]; disputed: Unmet[] },
  findings: (Unmet & { met: boolean })[],
): { mandatoryStarsMet: number; unmetMandatory: Unmet[] } {
  const notMet = marks.disputed.filter((d) => findings.some((f) => sameMark(f, d) && !f.met));
  const unmetMandatory = [...marks.unmet, ...notMet].sort(byMark);
  return { mandatoryStarsMet: levelMet(unmetMandatory), unmetMandatory };
}

/** The star band an average reaches (0 below every band). */
export function bandStars(rules: Pick<RuleSet, "starBands">, average: number): number {
  return (
    [...rules.starBands].sort((a, b) => b.stars - a.stars).find((b) => average >= b.minPoints)?.stars ?? 0
  );
}
