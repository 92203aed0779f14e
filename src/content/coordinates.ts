import { Field, Float } from "type-graphql";
import { Column, type ValueTransformer } from "typeorm";

/**
 * Where a place is (a producer, a point of sale): latitude and longitude in WGS 84 degrees, given both or
 * neither, kept to 6 decimals (about 10 cm). Input rules are in place-input.ts (entities import this file,
 * which imports nothing of the app).
 */
export type Place = { latitude: number | null; longitude: number | null };

/** DECIMAL columns come back as strings from MySQL: coordinates are numbers in the code. */
const decimalNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)),
};

/** A latitude or longitude column, and its public field. */
export const DegreesColumn =
  (description = "WGS 84 degrees."): PropertyDecorator =>
  (target, key) => {
    Column({ type: "decimal", precision: 9, scale: 6, nullable: true, transformer: decimalNumber })(
      target,
      key,
    );
    Field(() => Float, { nullable: true, description })(target, key);
  };
