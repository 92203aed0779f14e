import type { ValueTransformer } from "typeorm";

/** DECIMAL columns come back as strings from MySQL: coordinates are numbers in the code. */
export const decimalNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)),
};

/** Degrees as the columns keep them (6 decimals, about 10 cm), so that a value given twice is the same. */
export const roundDegrees = (v: number | null | undefined): number | null | undefined =>
  v === null || v === undefined ? v : Math.round(v * 1e6) / 1e6;
