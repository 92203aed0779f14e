import type { LocalDate } from "../core/time";

/**
 * The rules of the OCOP programme in force from a date. Decisions replace each other
 * (1048/2019 → 148/2023 → 1489/2025), so these are data with an effective date, never constants in code.
 */
export interface RuleSet {
  version: string;
  effectiveFrom: LocalDate;
  /** A certificate is valid this many months from the recognition decision. */
  certificateValidityMonths: number;
  /** The producer must be told at least this many days before expiry. */
  expiryNoticeDays: number;
  minCouncilSize: number;
  /** Lowest average points for each star level, highest first. */
  starBands: { stars: number; minPoints: number }[];
}

const STAR_BANDS_148 = [
  { stars: 5, minPoints: 90 },
  { stars: 4, minPoints: 70 },
  { stars: 3, minPoints: 50 },
  { stars: 2, minPoints: 30 },
  { stars: 1, minPoints: 0 },
];

export const RULE_SETS: RuleSet[] = [
  {
    version: "QĐ 148/QĐ-TTg",
    effectiveFrom: "2023-02-24",
    certificateValidityMonths: 36,
    expiryNoticeDays: 30,
    minCouncilSize: 3,
    starBands: STAR_BANDS_148,
  },
  {
    version: "QĐ 148/QĐ-TTg, sửa đổi bởi QĐ 1489/QĐ-TTg",
    effectiveFrom: "2025-07-06",
    certificateValidityMonths: 36,
    expiryNoticeDays: 30,
    minCouncilSize: 3,
    starBands: STAR_BANDS_148,
  },
];

/** The rule set in force on a date (the earliest one for dates before any). */
export function ruleSetOn(date: LocalDate): RuleSet {
  const inForce = RULE_SETS.filter((r) => r.effectiveFrom <= date);
  return inForce.length ? inForce[inForce.length - 1] : RULE_SETS[0];
}
