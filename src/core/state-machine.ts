/**
 * The one shape of the API's state machines (dossiers, potential products, revocation recommendations): a
 * table whose rows each say which action goes from which states to which, and who may take it. Services,
 * `allowedActions` and the tests read the tables; no service decides a move the table does not list.
 */
export type TransitionRow<Action extends string, Status extends string, Actor extends string> = {
  action: Action;
  from: readonly Status[];
  /** The next state: "unchanged" for actions on a record's contents, "by-result" when the action's result decides. */
  to: Status | "unchanged" | "by-result";
  /** Who may take it. */
  roles: readonly Actor[];
};

/** The rows of an action from a state (several when different actors move differently). */
export const rowsFor = <R extends TransitionRow<string, string, string>>(
  table: readonly R[],
  action: R["action"],
  from: R["from"][number],
): R[] => table.filter((t) => t.action === action && t.from.includes(from));

/** The row that moves a record from a state to another, taken by an actor. */
export const rowTo = <R extends TransitionRow<string, string, string>>(
  table: readonly R[],
  from: R["from"][number],
  to: R["from"][number],
  actor: R["roles"][number],
): R | undefined => table.find((t) => t.to === to && t.from.includes(from) && t.roles.includes(actor));
