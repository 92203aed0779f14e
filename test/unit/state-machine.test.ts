import { rowsFor, rowTo, type TransitionRow } from "../../src/core/state-machine";

/** The one table shape of the API's state machines (dossiers, potential products, recommendations). */
type Row = TransitionRow<"GO" | "STOP", "A" | "B" | "C", "x" | "y">;
const TABLE: Row[] = [
  { action: "GO", from: ["A"], to: "B", roles: ["x"] },
  { action: "GO", from: ["A", "C"], to: "C", roles: ["y"] },
  { action: "STOP", from: ["B"], to: "unchanged", roles: ["x", "y"] },
];

describe("a state machine's table", () => {
  it("finds the rows of an action from a state, in the table's order", () => {
    expect(rowsFor(TABLE, "GO", "A")).toEqual([TABLE[0], TABLE[1]]);
    expect(rowsFor(TABLE, "GO", "C")).toEqual([TABLE[1]]);
    expect(rowsFor(TABLE, "GO", "B")).toEqual([]);
    expect(rowsFor(TABLE, "STOP", "B")).toEqual([TABLE[2]]);
    expect(rowsFor(TABLE, "STOP", "A")).toEqual([]);
  });

  it("finds the row that moves a record from one state to another for an actor", () => {
    expect(rowTo(TABLE, "A", "B", "x")).toBe(TABLE[0]);
    expect(rowTo(TABLE, "A", "B", "y")).toBeUndefined();
    expect(rowTo(TABLE, "A", "C", "y")).toBe(TABLE[1]);
    expect(rowTo(TABLE, "C", "C", "y")).toBe(TABLE[1]);
    expect(rowTo(TABLE, "B", "C", "y")).toBeUndefined();
    expect(rowTo(TABLE, "A", "C", "x")).toBeUndefined();
  });
});
