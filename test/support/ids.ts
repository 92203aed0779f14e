import { fromGlobalId } from "../../src/core/node";

/** The row id inside a global id (tests compare the order of rows that tie on their sort key). */
export const rowId = (id: string): number => Number(fromGlobalId(id)?.key ?? NaN);
