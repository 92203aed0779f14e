/**
 * Business dates are Vietnamese calendar dates (Asia/Ho_Chi_Minh, UTC+7, no daylight saving), whatever
 * the server's TZ. A LocalDate is an ISO string "YYYY-MM-DD", compared as a string.
 */
export type LocalDate = string;

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** Where "now" comes from; tests replace it to control the clock. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** The calendar date in Vietnam at the given instant. */
export function vietnamDate(instant: Date): LocalDate {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Vietnamese calendar day ends (the first millisecond of the next day, exclusive). */
export function endOfVietnamDay(date: LocalDate): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + 24 * 3600 * 1000 - VIETNAM_OFFSET_MS);
}

export function isLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Adds calendar months; the 31st of a shorter month falls back to its last day (2025-01-31 + 1 = 2025-02-28). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = date.split("-").map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}
