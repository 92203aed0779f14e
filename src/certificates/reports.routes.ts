import express, { type Request, type Response, type Router } from "express";
import { Role } from "../auth/user.entity";
import { stringify } from "csv-stringify/sync";
import { ErrorCode } from "../core/errors";
import { sendAppError, sendError } from "../http/rest-errors";
import { firstNotice } from "./loaders";
import type { Context } from "../context";
import { checkShape } from "../core/validation";
import { certificateStatus } from "./certificate.entity";
import { RecognizedInArgs } from "./lifecycle.types";

const STATUS_VI: Record<string, string> = {
  ACTIVE: "Còn hiệu lực",
  EXPIRED: "Hết hạn",
  REVOKED: "Đã thu hồi",
  SUPERSEDED: "Đã thay thế",
};
const HEADER = [
  "Mã xã",
  "Xã/phường",
  "Sản phẩm",
  "Chủ thể",
  "Số giấy chứng nhận",
  "Hạng sao",
  "Số quyết định",
  "Ngày quyết định",
  "Ngày hết hạn",
  "Trạng thái",
  "Ngày thông báo hết hạn",
  "Thông báo trễ",
];

/**
 * A cell a spreadsheet shows as text: a leading = + - @ tab or carriage return would start a formula, so
 * it gets a leading apostrophe (OWASP's CSV injection advice); every cell is quoted as well, so that a
 * semicolon inside one (the separator of Vietnamese Excel) never splits it into a new, formula-bearing cell.
 */
export const safeCell = (value: string | number | null | undefined): string => {
  const text = value === null || value === undefined ? "" : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
};

/** CSV as Excel reads it: UTF-8 with a BOM, CRLF, every cell quoted and formula-safe. */
export const toCsv = (rows: (string | number | null | undefined)[][]): string =>
  stringify(
    rows.map((r) => r.map(safeCell)),
    { bom: true, quoted: true, quoted_empty: true, record_delimiter: "windows" },
  );

/**
 * GET /reports/certificates.csv?recognizedYear=2022[&communeCodes=03390,03595]: the certificates recognised
 * in a year, per commune, for staff; UTF-8 with a BOM so that Excel shows Vietnamese correctly.
 */
export function reportsRouter(contextFor: (req: Request, res: Response) => Promise<Context>): Router {
  const router = express.Router();
  router.get("/reports/certificates.csv", async (req, res) => {
    try {
      const ctx = await contextFor(req, res);
      if (!ctx.viewer) return sendError(res, ErrorCode.UNAUTHENTICATED);
      if (ctx.viewer.role === Role.COUNCIL_MEMBER) return sendError(res, ErrorCode.FORBIDDEN);
      const year = Number(req.query.recognizedYear);
      const communeCodes =
        typeof req.query.communeCodes === "string" ? req.query.communeCodes.split(",").filter(Boolean) : null;
      const args = await checkShape(
        Object.assign(new RecognizedInArgs(), { recognizedYear: year, communeCodes }),
      );
      const groups = await ctx.services.lifecycle.recognizedIn(ctx, args);
      // Loaded together, one statement per relation whatever the number of certificates.
      const certificates = groups.flatMap(({ commune, certificates }) =>
        certificates.map((c) => ({ commune, c })),
      );
      const products = await Promise.all(certificates.map(({ c }) => ctx.loaders.product.load(c.productId)));
      const [producers, notices] = await Promise.all([
        Promise.all(products.map((p) => ctx.loaders.producer.load(p!.producerId))),
        Promise.all(
          certificates.map(async ({ c }) => firstNotice(await ctx.loaders.expiryNotices.load(c.id))),
        ),
      ]);
      const rows = certificates.map(({ commune, c }, i) => {
        const notice = notices[i];
        return [
          commune.code,
          commune.name,
          products[i]!.name,
          producers[i]?.name,
          c.number,
          c.stars,
          c.decisionNumber,
          c.decisionDate,
          c.expiresOn,
          STATUS_VI[certificateStatus(c, ctx.today)],
          notice?.sentOn,
          notice ? (notice.late ? "Có" : "Không") : "",
        ];
      });
      const csv = toCsv([HEADER, ...rows]);
      res.setHeader("Content-Type", "text/csv; charset=utf-8");
      res.setHeader("Content-Disposition", `attachment; filename="ocop-certificates-${year}.csv"`);
      res.setHeader("Cache-Control", "private, no-store");
      res.send(csv);
    } catch (e) {
      if (!sendAppError(res, e)) throw e;
    }
  });
  return router;
}
