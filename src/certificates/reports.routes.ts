import express, { type Request, type Response, type Router } from "express";
import { Role } from "../auth/user.entity";
import { AppError, ErrorCode } from "../core/errors";
import type { Context } from "../context";
import { certificateStatus } from "./certificate.entity";

const STATUS_VI: Record<string, string> = { ACTIVE: "Còn hiệu lực", EXPIRED: "Hết hạn", REVOKED: "Đã thu hồi", SUPERSEDED: "Đã thay thế" };
const HEADER = ["Mã xã", "Xã/phường", "Sản phẩm", "Chủ thể", "Số giấy chứng nhận", "Hạng sao", "Số quyết định", "Ngày quyết định", "Ngày hết hạn", "Trạng thái", "Ngày thông báo hết hạn", "Thông báo trễ"];

const cell = (v: unknown) => {
  const s = v === null || v === undefined ? "" : String(v);
  // Quoted when needed; a leading = + - @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * GET /reports/certificates.csv?recognizedYear=2022[&communeCodes=03390,03595]: the certificates recognised
 * in a year, per commune, for staff; UTF-8 with a BOM so that Excel shows Vietnamese correctly.
 */
export function reportsRouter(contextFor: (req: Request, res: Response) => Promise<Context>): Router {
  const router = express.Router();
  router.get("/reports/certificates.csv", async (req, res) => {
    const fail = (status: number, code: string, message: string) => res.status(status).json({ errors: [{ message, extensions: { code } }] });
    try {
      const ctx = await contextFor(req, res);
      if (!ctx.viewer) return fail(401, ErrorCode.UNAUTHENTICATED, "Sign in first: send Authorization: Bearer <token> from login.");
      if (ctx.viewer.role === Role.COUNCIL_MEMBER) return fail(403, ErrorCode.FORBIDDEN, "You may not do this.");
      const year = Number(req.query.recognizedYear);
      const communeCodes = typeof req.query.communeCodes === "string" ? req.query.communeCodes.split(",").filter(Boolean) : null;
      const groups = await ctx.services.lifecycle.recognizedIn(ctx, year, communeCodes);
      const rows: unknown[][] = [];
      for (const { commune, certificates } of groups) {
        for (const c of certificates) {
          const product = (await ctx.loaders.product.load(c.productId))!;
          const producer = await ctx.loaders.producer.load(product.producerId);
          const notice = await ctx.loaders.expiryNotice.load(c.id);
          rows.push([commune.code, commune.name, product.name, producer?.name, c.number, c.stars, c.decisionNumber, c.decisionDate, c.expiresOn, STATUS_VI[certificateStatus(c, ctx.today)], notice?.sentOn, notice ? (notice.late ? "Có" : "Không") : ""]);
        }
      }
      const csv = `\uFEFF${[HEADER, ...rows].map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
      res.setHeader("Content-Type", "text/csv; charset=utf-8");
      res.setHeader("Content-Disposition", `attachment; filename="ocop-certificates-${year}.csv"`);
      res.setHeader("Cache-Control", "private, no-store");
      res.send(csv);
    } catch (e) {
      if (e instanceof AppError) {
        const code = String(e.extensions.code);
        return fail(code === ErrorCode.UNAUTHENTICATED ? 401 : code === ErrorCode.BAD_USER_INPUT ? 400 : 403, code, e.message);
      }
      throw e;
    }
  });
  return router;
}
