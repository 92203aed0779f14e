import { IsOptional, Max, Min } from "class-validator";
import { Field, Float } from "type-graphql";
import { badInput } from "../core/errors";
import type { Place } from "./coordinates";

/** An input's optional latitude (±90) or longitude (±180), checked before any resolver runs. */
export const DegreesInput =
  (limit: 90 | 180): PropertyDecorator =>
  (target, key) => {
    const message = `${String(key)} must be -${limit} to ${limit}`;
    Field(() => Float, { nullable: true, description: "WGS 84 degrees; give both or neither." })(target, key);
    IsOptional()(target, key);
    Min(-limit, { message })(target, key);
    Max(limit, { message })(target, key);
  };

/** Degrees as the columns keep them, so that a value given twice is the same. */
const rounded = (v: number | null) => (v === null ? null : Math.round(v * 1e6) / 1e6);

/**
 * The place as it will be: what is given (rounded as kept), else `current`'s; both or neither, else
 * BAD_USER_INPUT naming `argument`.
 */
export function placeOf(
  given: { latitude?: number | null; longitude?: number | null },
  current: Place,
  argument: string,
): Place {
  const latitude = given.latitude === undefined ? current.latitude : rounded(given.latitude);
  const longitude = given.longitude === undefined ? current.longitude : rounded(given.longitude);
  if ((latitude === null) !== (longitude === null)) throw badInput("content.coordinatePair", argument);
  return { latitude, longitude };
}

/** No place yet. */
export const NOWHERE: Place = { latitude: null, longitude: null };
