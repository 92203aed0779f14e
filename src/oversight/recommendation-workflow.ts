import { Role } from "../auth/user.entity";
import { type TransitionRow } from "../core/state-machine";
import { RecommendationStatus } from "./oversight.entity";

/** What happens to a commune's recommendation to revoke: the province revokes, or declines. */
export enum RecommendationAction {
  REVOKE = "REVOKE",
  REJECT = "REJECT",
}

/** The recommendation's table, in the shape of every state machine here (core/state-machine.ts); ADMIN may act as any role. */
export const RECOMMENDATION_TRANSITIONS: (TransitionRow<RecommendationAction, RecommendationStatus, Role> & {
  to: RecommendationStatus;
})[] = [
  {
    action: RecommendationAction.REVOKE,
    from: [RecommendationStatus.PENDING],
    to: RecommendationStatus.ACCEPTED,
    roles: [Role.PROVINCE_OFFICER],
  },
  {
    action: RecommendationAction.REJECT,
    from: [RecommendationStatus.PENDING],
    to: RecommendationStatus.REJECTED,
    roles: [Role.PROVINCE_OFFICER],
  },
];

/** The row of an action (each action has one). */
export const recommendationRow = (action: RecommendationAction) =>
  RECOMMENDATION_TRANSITIONS.find((t) => t.action === action)!;
