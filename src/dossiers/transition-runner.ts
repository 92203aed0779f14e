import type { DataSource, EntityManager } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import { requireViewer } from "../auth/auth.service";
import type { Viewer } from "../auth/auth.types";
import { inViewerCommune } from "../auth/scope";
import { Role } from "../auth/user.entity";
import { forbidden, invalidTransition, notFound } from "../core/errors";
import { parseId } from "../core/ids";
import { inTransaction, lockRow } from "../core/transaction";
import { enumRef } from "../i18n/messages";
import { followDossier } from "../programme/follow-dossier";
import type { RequestScope } from "../request";
import { Dossier } from "./dossier.entity";
import { GUARDS, guardFacts, type GuardFacts } from "./guards";
import { actionsFrom, type DossierAction, DossierStatus, mayAct, transitionFor } from "./workflow";

/** States in which council members see a dossier. */
export const COUNCIL_STATES = [
  DossierStatus.UNDER_REVIEW,
  DossierStatus.SCORED,
  DossierStatus.PROPOSED_TO_CENTRAL,
  DossierStatus.RECOGNIZED,
  DossierStatus.NOT_ACHIEVED,
  DossierStatus.NOT_RECOGNIZED,
];
/** States of a finished dossier: another one for the same product and round may be opened. */
export const CLOSED = [
  DossierStatus.RECOGNIZED,
  DossierStatus.NOT_ACHIEVED,
  DossierStatus.NOT_RECOGNIZED,
  DossierStatus.WITHDRAWN,
];

/** `unchanged`: the request asks for what is already so (a repeat): nothing is written, the answer is the same. */
export type Outcome<T> = {
  to?: DossierStatus;
  changes?: Partial<Dossier>;
  note?: string | null;
  result?: T;
  unchanged?: true;
};

/** Thrown inside the transaction to roll back whatever a request that changes nothing did. */
class Unchanged<T> extends Error {
  constructor(readonly answer: { dossier: Dossier; result?: T }) {
    super("unchanged");
  }
}

/** A dossier the viewer may see: of their commune (province: any); council members only from UNDER_REVIEW on. */
export function visibleTo(viewer: Viewer, d: Dossier): boolean {
  if (!inViewerCommune(viewer, d.communeCode)) return false;
  return viewer.role !== Role.COUNCIL_MEMBER || COUNCIL_STATES.includes(d.status);
}

/** What an action's work is given: the locked dossier, the transaction, and the facts its guard read. */
export type Work<T> = (
  dossier: Dossier,
  m: EntityManager,
  facts: () => Promise<GuardFacts>,
) => Promise<Outcome<T>>;

/**
 * The one way a dossier changes: visibility (NOT_FOUND), the transition table (INVALID_TRANSITION,
 * FORBIDDEN) and the action's guard (guards.ts), checked in one transaction on the dossier's locked row,
 * then the action's own work, the new state (and version) and the audit event. A repeat that changes
 * nothing (`unchanged`) writes nothing and answers as the first did.
 */
export async function runTransition<T = never>(
  dataSource: DataSource,
  ctx: RequestScope,
  rawId: string,
  action: DossierAction,
  work: Work<T>,
): Promise<{ dossier: Dossier; result?: T }> {
  const viewer = requireViewer(ctx);
  const id = parseId(rawId, "id");
  const run = inTransaction(dataSource, async (m) => {
    // The dossier's row is held until commit: concurrent actions take turns, and each is checked against
    // the state the one before it left (a second conclusion finds it SCORED; members' sheets all land).
    const dossier = await lockRow(m, Dossier, id);
    if (!dossier || !visibleTo(viewer, dossier)) throw notFound("dossier.notFound");
    const transition = transitionFor(action, dossier.status, viewer.role);
    if (!transition) {
      throw invalidTransition(
        "dossier.notPossible",
        { action: enumRef("DossierAction", action), status: enumRef("DossierStatus", dossier.status) },
        { status: dossier.status, allowedActions: actionsFrom(dossier.status, viewer.role) },
      );
    }
    if (!mayAct(transition, viewer.role))
      throw forbidden("dossier.notYourRole", {
        role: enumRef("Role", viewer.role),
        action: enumRef("DossierAction", action),
        status: enumRef("DossierStatus", dossier.status),
      });

    // Read once, when the guard or the work first asks.
    let read: Promise<GuardFacts> | undefined;
    const facts = () => (read ??= guardFacts(m, dossier, ctx));
    const guard = GUARDS[action];
    const refusal = guard && guard(dossier, await facts());
    if (refusal) throw refusal;

    const outcome = await work(dossier, m, facts);
    if (outcome.unchanged) throw new Unchanged({ dossier, result: outcome.result });
    const to =
      outcome.to ??
      (transition.to === "unchanged" || transition.to === "by-result" ? dossier.status : transition.to);
    await m.update(Dossier, id, {
      ...outcome.changes,
      version: dossier.version + 1,
      status: to,
      openKey: CLOSED.includes(to) ? null : 1,
    });
    await audit(m, {
      at: ctx.now,
      actorId: viewer.id,
      action,
      subjectType: "Dossier",
      subjectId: id,
      fromStatus: dossier.status,
      toStatus: to,
      note: outcome.note,
    });
    if (to !== dossier.status) await followDossier(m, ctx, dossier, to);
    return { dossier: await m.findOneByOrFail(Dossier, { id }), result: outcome.result };
  });
  return run.catch((e: unknown) => {
    if (e instanceof Unchanged) return e.answer;
    throw e;
  });
}

/** `runTransition` for actions whose answer is the dossier. */
export async function transitionDossier(
  dataSource: DataSource,
  ctx: RequestScope,
  rawId: string,
  action: DossierAction,
  work: Work<never>,
): Promise<Dossier> {
  return (await runTransition(dataSource, ctx, rawId, action, work)).dossier;
}
