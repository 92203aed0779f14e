import { PotentialProductStatus } from "./programme.entity";

const { PROPOSED, SELECTED, IN_PREPARATION, DOSSIER_OPENED, CERTIFIED, DROPPED } = PotentialProductStatus;

/**
 * The register's transitions: `commune` ones are asked for by the commune (setPotentialProductStatus), `dossier`
 * ones follow the product's dossier (opened, recognised, withdrawn or not achieved) and are never asked for.
 */
export type PotentialTransition = {
  from: PotentialProductStatus[];
  to: PotentialProductStatus;
  by: "commune" | "dossier";
  /** Dropping says why. */
  needsReason?: true;
};

export const POTENTIAL_TRANSITIONS: PotentialTransition[] = [
  { from: [PROPOSED], to: SELECTED, by: "commune" },
  { from: [SELECTED], to: IN_PREPARATION, by: "commune" },
  { from: [SELECTED, IN_PREPARATION], to: PROPOSED, by: "commune" },
  { from: [PROPOSED, SELECTED, IN_PREPARATION], to: DROPPED, by: "commune", needsReason: true },
  { from: [DROPPED], to: PROPOSED, by: "commune" },
  { from: [SELECTED, IN_PREPARATION], to: DOSSIER_OPENED, by: "dossier" },
  { from: [DOSSIER_OPENED], to: CERTIFIED, by: "dossier" },
  { from: [DOSSIER_OPENED], to: IN_PREPARATION, by: "dossier" },
];

export const transitionTo = (
  from: PotentialProductStatus,
  to: PotentialProductStatus,
  by: PotentialTransition["by"],
) => POTENTIAL_TRANSITIONS.find((t) => t.by === by && t.to === to && t.from.includes(from));

/** Where the commune may move a potential product from its status. */
export const communeMovesFrom = (from: PotentialProductStatus): PotentialProductStatus[] =>
  POTENTIAL_TRANSITIONS.filter((t) => t.by === "commune" && t.from.includes(from)).map((t) => t.to);
