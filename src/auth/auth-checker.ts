import type { AuthChecker } from "type-graphql";
import { forbidden, unauthenticated } from "../core/errors";
import type { Context } from "../context";
import { Role } from "./user.entity";

/**
 * `@Authorized()` needs a signed-in viewer, `@Authorized(Role.X, …)` one of those roles; ADMIN may do
 * everything. Throws UNAUTHENTICATED or FORBIDDEN itself (type-graphql would say UNAUTHORIZED for both).
 * Commune scoping is the services' job.
 */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  const viewer = context.viewer;
  if (!viewer) throw unauthenticated();
  if (roles.length > 0 && viewer.role !== Role.ADMIN && !roles.includes(viewer.role)) throw forbidden();
  return true;
};
