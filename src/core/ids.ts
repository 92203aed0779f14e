import { badInput } from "./errors";
import { fromGlobalId, type NodeType } from "./node";

/**
 * An ID argument as a positive integer, else BAD_USER_INPUT naming the argument. For an argument naming an
 * object of a node type, its global id (see node.ts) is the id; the numeric id of before still reads for a
 * transition period (README), a global id of another type never.
 */
export function parseId(value: string, argument: string, type?: NodeType): number {
  if (type && !/^\d+$/.test(value)) {
    const named = fromGlobalId(value);
    if (named?.type !== type) throw badInput("field.id", argument);
    value = named.key;
  }
  const id = Number(value);
  if (!/^\d{1,10}$/.test(value) || !Number.isSafeInteger(id) || id < 1) throw badInput("field.id", argument);
  return id;
}
