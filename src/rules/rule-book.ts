import type { EntityManager } from "typeorm";
import { referenceFile } from "../core/paths";
import { vietnamDate, type LocalDate } from "../core/time";
import { parseCriteriaSheets } from "./criteria-sheet";
import { type ParsedSheet } from "./criteria-sheet.types";
import { RuleSet, ruleSetIn } from "./rule-set.entity";

/** Parsed criteria sheets per folder: files shipped with the code, read once per process. */
const sheetFolders = new Map<string, Map<number, ParsedSheet>>();

/** Every sheet of a folder under reference/ (set number → sheet with its defects). */
export function criteriaSheetsIn(folder: string): Map<number, ParsedSheet> {
  let sheets = sheetFolders.get(folder);
  if (!sheets) {
    sheets = parseCriteriaSheets(referenceFile(folder));
    sheetFolders.set(folder, sheets);
  }
  return sheets;
}

/** The criteria sheet of a product set under a rule set, or undefined when the rule set has none for it. */
export function criteriaSheetFor(rules: RuleSet, criteriaSet: number | null): ParsedSheet | undefined {
  if (!rules.criteriaSheets || criteriaSet === null) return undefined;
  return criteriaSheetsIn(rules.criteriaSheets).get(criteriaSet);
}

/** Every rule set, oldest first. */
export const allRuleSets = (m: EntityManager) => m.find(RuleSet, { order: { effectiveFrom: "ASC" } });

/**
 * The rule set of a dossier: the one recorded on it (the version in force on the day it was forwarded);
 * before forwarding, the one in force today (what would apply if it were forwarded now).
 */
export function rulesOfDossier(
  all: RuleSet[],
  dossier: { ruleSetVersion: string | null; forwardedAt: Date | null },
  today: LocalDate,
): RuleSet {
  const recorded = dossier.ruleSetVersion && all.find((r) => r.version === dossier.ruleSetVersion);
  if (recorded) return recorded;
  return ruleSetIn(all, dossier.forwardedAt ? vietnamDate(dossier.forwardedAt) : today);
}
