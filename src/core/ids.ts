import { badInput } from "./errors";

/** An ID argument as a positive integer, else BAD_USER_INPUT naming the argument. */
export function parseId(value: string, argument: string): number {
  const id = Number(value);
  if (!/^\d{1,10}$/.test(value) || !Number.isSafeInteger(id) || id < 1) throw badInput("field.id", argument);
  return id;
}
