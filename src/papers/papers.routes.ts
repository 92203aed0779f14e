import express, { type Request, type Response, type Router } from "express";
import { ErrorCode } from "../core/errors";
import { checkShape } from "../core/validation";
import type { Context } from "../context";
import { sendAppError, sendError } from "../http/rest-errors";
import { PrintableDocumentInput, PrintableDocumentKind } from "./papers.types";

const text = (v: unknown) => (typeof v === "string" ? v : undefined);

/**
 * GET /papers/{kind}?…: the PDF that `printableDocument` names, for a signed-in viewer who may see its
 * records (401 without a token; 403 or 404 otherwise, and no bytes). Never cached: it follows the records.
 */
export function papersRouter(contextFor: (req: Request, res: Response) => Promise<Context>): Router {
  const router = express.Router();
  router.get("/papers/:kind", async (req, res) => {
    try {
      const ctx = await contextFor(req, res);
      if (!ctx.viewer) return sendError(res, ErrorCode.UNAUTHENTICATED);
      const kind = String(req.params.kind);
      if (!(Object.values(PrintableDocumentKind) as string[]).includes(kind))
        return sendError(res, ErrorCode.NOT_FOUND);
      const q = req.query;
      const input = await checkShape(
        Object.assign(new PrintableDocumentInput(), {
          kind: kind as PrintableDocumentKind,
          certificateNumber: text(q.certificateNumber),
          communeCode: text(q.communeCode),
          withinDays: text(q.withinDays) === undefined ? undefined : Number(q.withinDays),
          roundId: text(q.roundId),
          dossierId: text(q.dossierId),
          decisionNumber: text(q.decisionNumber),
        }),
      );
      const { pdf } = await ctx.services.papers.render(ctx, input);
      res.setHeader("Content-Type", "application/pdf");
      res.setHeader("Content-Disposition", `inline; filename="${kind.toLowerCase()}.pdf"`);
      res.setHeader("Cache-Control", "private, no-store");
      res.send(pdf);
    } catch (e) {
      if (!sendAppError(res, e)) throw e;
    }
  });
  return router;
}
