import { rowTo, type TransitionRow } from "../core/state-machine";
import { PotentialProductStatus } from "./programme.entity";

const { PROPOSED, SELECTED, IN_PREPARATION, DOSSIER_OPENED, CERTIFIED, DROPPED } = PotentialProductStatus;

/** What moves a potential product (internal: the commune asks for a status, the dossier's events move it). */
export enum PotentialAction {
  SELECT = "SELECT",
  PREPARE = "PREPARE",
  RECONSIDER = "RECONSIDER",
  DROP = "DROP",
  RESTORE = "RESTORE",
  OPEN_DOSSIER = "OPEN_DOSSIER",
  CERTIFY = "CERTIFY",
  DOSSIER_CLOSED = "DOSSIER_CLOSED",
}

/**
 * The register's transitions, in the shape of every state machine here (core/state-machine.ts): `commune`
 * rows are asked for by the commune (setPotentialProductStatus), `dossier` rows follow the product's dossier
 * (opened, recognised, withdrawn or not achieved) and are never asked for.
 */
export type PotentialTransition = TransitionRow<
  PotentialAction,
  PotentialProductStatus,
  "commune" | "dossier"
> & {
  to: PotentialProductStatus;
  /** Dropping says why. */
  needsReason?: true;
};

const { SELECT, PREPARE, RECONSIDER, DROP, RESTORE, OPEN_DOSSIER, CERTIFY, DOSSIER_CLOSED } = PotentialAction;

export const POTENTIAL_TRANSITIONS: PotentialTransition[] = [
  { action: SELECT, from: [PROPOSED], to: SELECTED, roles: ["commune"] },
  { action: PREPARE, from: [SELECTED], to: IN_PREPARATION, roles: ["commune"] },
  { action: RECONSIDER, from: [SELECTED, IN_PREPARATION], to: PROPOSED, roles: ["commune"] },
  {
    action: DROP,
    from: [PROPOSED, SELECTED, IN_PREPARATION],
    to: DROPPED,
    roles: ["commune"],
    needsReason: true,
  },
  { action: RESTORE, from: [DROPPED], to: PROPOSED, roles: ["commune"] },
  { action: OPEN_DOSSIER, from: [SELECTED, IN_PREPARATION], to: DOSSIER_OPENED, roles: ["dossier"] },
  { action: CERTIFY, from: [DOSSIER_OPENED], to: CERTIFIED, roles: ["dossier"] },
  { action: DOSSIER_CLOSED, from: [DOSSIER_OPENED], to: IN_PREPARATION, roles: ["dossier"] },
];

export const transitionTo = (
  from: PotentialProductStatus,
  to: PotentialProductStatus,
  by: "commune" | "dossier",
) => rowTo(POTENTIAL_TRANSITIONS, from, to, by);

/** Where the commune may move a potential product from its status. */
export const communeMovesFrom = (from: PotentialProductStatus): PotentialProductStatus[] =>
  POTENTIAL_TRANSITIONS.filter((t) => t.roles.includes("commune") && t.from.includes(from)).map((t) => t.to);
