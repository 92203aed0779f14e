import { AppError, badInput, ErrorCode } from "../core/errors";
import type { ParsedSheet } from "../rules/criteria-sheet.types";
import { criteriaSheetFor } from "../rules/rule-book";
import type { RuleSet } from "../rules/rule-set.entity";
import {
  type CaseChoice,
  caseProblems,
  type Choice,
  choiceProblems,
  mandatoryCheck,
  type MissingPoints,
  missingPointsProblems,
  partTotals,
  pointChoices,
  type Unmet,
} from "../rules/scoring";

/** What a member (or a producer's self-assessment) answers on a criteria sheet. */
export type SheetAnswers = {
  choices: { criterionCode: string; optionCode?: string | null }[];
  cases?: CaseChoice[] | null;
  missingPoints?: MissingPoints[] | null;
};

/** The answers checked and scored: points, part totals and the mandatory level they meet. */
export type ScoredAnswers = {
  partA: number;
  partB: number;
  partC: number;
  total: number;
  mandatoryStarsMet: number;
  choices: Choice[];
  unmetMandatory: Unmet[];
  cases: CaseChoice[];
  missingPoints: MissingPoints[];
  sheetComplete: boolean;
};

const listed = (codes: string[]) => (codes.length ? codes.join(", ") : "—");

/** A product set's sheet under a rule set: usable (no defects), else refused with its defects. */
export function usableSheet(rules: RuleSet, criteriaSet: number | null, argument: string): ParsedSheet {
  const sheet = criteriaSheetFor(rules, criteriaSet);
  if (!sheet) throw badInput("scoring.noCriteriaSheet", argument, { version: rules.version });
  if (sheet.defects.length)
    throw badInput("scoring.sheetUnusable", argument, { defects: sheet.defects.join("; ") });
  return sheet;
}

/**
 * Checks answers against the sheet (the case of each case group, the bounded credit of each incomplete group,
 * one choice per criterion scored: BAD_USER_INPUT naming each problem) and scores them: the council's sheets
 * and the producers' self-assessments are computed the same way.
 */
export function scoreAnswers(sheet: ParsedSheet, answers: SheetAnswers): ScoredAnswers {
  const cases = (answers.cases ?? []).map((c) => ({ groupCode: c.groupCode, case: c.case }));
  const credits = (answers.missingPoints ?? []).map((c) => ({
    code: c.code,
    points: c.points,
    note: c.note.trim(),
  }));
  const badCases = caseProblems(sheet, cases);
  if (badCases.missing.length || badCases.unknown.length)
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      "scoring.badCases",
      { missing: listed(badCases.missing), unknown: listed(badCases.unknown) },
      { argument: "cases", ...badCases },
    );
  const badCredits = missingPointsProblems(sheet, credits);
  if (badCredits.missing.length || badCredits.bad.length)
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      "scoring.badMissingPoints",
      {
        missing: listed(badCredits.missing),
        bad: listed(badCredits.bad),
        groups: sheet.incompleteGroups.map((g) => `${g.code} (0–${g.missingPoints})`).join(", "),
      },
      { argument: "missingPoints", ...badCredits },
    );
  const problems = choiceProblems(sheet, answers.choices, cases);
  if (Object.values(problems).some((codes) => codes.length))
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      "scoring.badChoices",
      {
        missing: listed(problems.missing),
        unknown: listed(problems.unknown),
        duplicate: listed(problems.duplicate),
        badOptions: listed(problems.badOptions),
      },
      { argument: "choices", ...problems },
    );
  const choices = pointChoices(sheet, answers.choices, cases);
  return {
    ...partTotals(choices, credits),
    ...mandatoryCheck(sheet, choices),
    choices,
    cases,
    missingPoints: credits,
    sheetComplete: sheet.incompleteGroups.length === 0,
  };
}
