import type { DataSource } from "typeorm";
import { requireViewer } from "../auth/auth.service";
import { badInput, notFound } from "../core/errors";
import { parseId } from "../core/ids";
import { blankToNull } from "../core/text";
import { isLocalDate, type LocalDate, vietnamDate } from "../core/time";
import { requireNotFuture } from "../core/validation";
import { enumRefs } from "../i18n/messages";
import type { RequestScope } from "../request";
import type {
  ConfirmDossierDocumentInput,
  SupplementItemInput,
  SupplementRequestInput,
} from "./commune-work.types";
import {
  COMMUNE_DOCUMENTS,
  DocumentConfirmationStatus,
  type Dossier,
  DossierDocument,
  PROVINCE_DOCUMENTS,
  type StoredSupplementRequest,
  validOn,
} from "./dossier.entity";
import { runTransition, transitionDossier } from "./transition-runner";
import { DossierAction } from "./workflow";

/** The items of a request for supplements: the producer's kinds, each once, notes trimmed. */
export function supplementItems(
  items: SupplementItemInput[],
  argument: string,
): StoredSupplementRequest["items"] {
  const own = items.filter((i) => COMMUNE_DOCUMENTS.includes(i.kind) || PROVINCE_DOCUMENTS.includes(i.kind));
  if (own.length)
    throw badInput("dossier.notProducerDocument", argument, {
      documents: enumRefs(
        "DocumentKind",
        own.map((i) => i.kind),
      ),
    });
  const kinds = items.map((i) => i.kind);
  if (new Set(kinds).size !== kinds.length) throw badInput("dossier.repeatedSupplementItem", argument);
  return items.map((i) => ({ kind: i.kind, note: blankToNull(i.note) }));
}

/** A request for supplements made now by `requestedById`, open until the dossier is submitted again. */
export const openRequest = (
  ctx: RequestScope,
  requestedById: number,
  request: Pick<StoredSupplementRequest, "items" | "dueOn" | "byProvince">,
): StoredSupplementRequest => ({
  ...request,
  requestedAt: ctx.now.toISOString(),
  requestedById,
  settledAt: null,
});

const listed = (items: StoredSupplementRequest["items"]) =>
  items.map((i) => (i.note ? `${i.kind} (${i.note})` : i.kind)).join(", ");

/**
 * The commune's daily work on a dossier under Decision 1489: the day it received the producer's file, its
 * check of each document (CONFIRMED, or NOT_VALID and why), and its requests for what is missing. Each is a
 * dossier action (workflow.ts), audited in the dossier's history.
 */
export class CommuneWorkService {
  constructor(private readonly dataSource: DataSource) {}

  /** The day the commune received the producer's file: not in the future, not before the round was opened. */
  recordReceipt(ctx: RequestScope, dossierId: string, receivedOn: LocalDate): Promise<Dossier> {
    const viewer = requireViewer(ctx);
    requireNotFuture(receivedOn, ctx.today, "receivedOn");
    return transitionDossier(
      this.dataSource,
      ctx,
      dossierId,
      DossierAction.RECORD_RECEIPT,
      async (d, _m, facts) => {
        const opened = vietnamDate((await facts()).round.createdAt);
        if (receivedOn < opened) throw badInput("dossier.receivedBeforeRound", "receivedOn", { opened });
        if (d.receivedOn === receivedOn && d.receivedById === viewer.id) return { unchanged: true };
        return {
          changes: { receivedOn, receivedById: viewer.id },
          note: `received from the producer on ${receivedOn}`,
        };
      },
    );
  }

  /**
   * The commune's check of one document: CONFIRMED (not once its validUntil has come), or NOT_VALID with the
   * reason. Confirming again replaces the earlier check.
   */
  async confirmDocument(ctx: RequestScope, input: ConfirmDossierDocumentInput): Promise<DossierDocument> {
    const viewer = requireViewer(ctx);
    const id = parseId(input.documentId, "input.documentId");
    const reason = blankToNull(input.reason);
    const found = await this.dataSource.getRepository(DossierDocument).findOneBy({ id });
    if (!found) throw notFound("dossier.noDocument");
    const { result } = await runTransition(
      this.dataSource,
      ctx,
      String(found.dossierId),
      DossierAction.CONFIRM_DOCUMENT,
      async (d, m) => {
        const document = await m.findOneBy(DossierDocument, { id, dossierId: d.id });
        if (!document) throw notFound("dossier.noDocument"); // removed meanwhile
        if (input.status === DocumentConfirmationStatus.NOT_VALID && !reason)
          throw badInput("dossier.notValidReason", "input.reason");
        if (input.status === DocumentConfirmationStatus.CONFIRMED && !validOn(document, ctx.today))
          throw badInput("dossier.documentLapsed", "input.status", {
            title: document.title,
            validUntil: document.validUntil!,
          });
        if (document.confirmationStatus === input.status && document.confirmationReason === reason)
          return { result: document, unchanged: true };
        const confirmation = {
          confirmationStatus: input.status,
          confirmationReason: reason,
          confirmedById: viewer.id,
          confirmedAt: ctx.now,
        };
        await m.update(DossierDocument, id, confirmation);
        return {
          result: Object.assign(document, confirmation),
          note: `${document.kind} “${document.title}”: ${input.status}${reason ? `, ${reason}` : ""}`,
        };
      },
    );
    return result!;
  }

  /** Asks the producer for what is missing or not valid: AWAITING_SUPPLEMENT until it is brought and confirmed. */
  requestSupplement(ctx: RequestScope, input: SupplementRequestInput): Promise<Dossier> {
    const viewer = requireViewer(ctx);
    if (!input.items.length) throw badInput("dossier.noSupplementItems", "input.items");
    const items = supplementItems(input.items, "input.items");
    if (!isLocalDate(input.dueOn) || input.dueOn < ctx.today)
      throw badInput("dossier.dueInPast", "input.dueOn");
    return transitionDossier(
      this.dataSource,
      ctx,
      input.dossierId,
      DossierAction.REQUEST_SUPPLEMENT,
      async () => {
        const request = openRequest(ctx, viewer.id, { items, dueOn: input.dueOn, byProvince: false });
        return {
          changes: { supplementRequest: request },
          note: `asked for ${listed(items)} by ${input.dueOn}`,
        };
      },
    );
  }
}
