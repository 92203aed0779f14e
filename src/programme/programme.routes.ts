import ExcelJS from "exceljs";
import express, { type Request, type Response, type Router } from "express";
import { Role } from "../auth/user.entity";
import type { Context } from "../context";
import { badInput, ErrorCode } from "../core/errors";
import { sendAppError, sendError } from "../http/rest-errors";
import type { ProgrammeStatistics } from "./programme.types";

type Table = {
  name: string;
  columns: { header: string; width: number }[];
  rows: (string | number | null)[][];
};

/** The statistics as tables with Vietnamese headers: one sheet each in the workbook. */
function tables(s: ProgrammeStatistics): Table[] {
  const d = s.dossiers;
  return [
    {
      name: "Tong hop",
      columns: [
        { header: "Chỉ tiêu", width: 60 },
        { header: "Số lượng", width: 12 },
      ],
      rows: [
        ["Năm", s.year],
        ["Sản phẩm OCOP còn hiệu lực (hôm nay)", s.activeByStars.reduce((n, r) => n + r.count, 0)],
        [`Giấy chứng nhận có quyết định công nhận trong năm ${s.year}`, s.recognizedInYear],
        ["Giấy chứng nhận hết hạn trong 90 ngày tới", s.expiringWithin90Days],
        ["Hồ sơ đã gửi tỉnh (các đợt trong năm)", d.forwarded],
        ["— gửi đúng hạn", d.forwardedOnTime],
        ["— gửi sau hạn ban đầu (hạn được gia hạn)", d.forwardedLate],
        ["Hồ sơ bị trả lại ít nhất một lần", d.returned],
        ["Hồ sơ được công nhận", d.recognized],
        ["Hồ sơ không đạt", d.notAchieved],
        ["Số ngày trung vị từ khi gửi tỉnh đến quyết định", d.medianDaysToDecision],
      ],
    },
    {
      name: "Theo hang sao",
      columns: [
        { header: "Hạng sao", width: 12 },
        { header: "Số sản phẩm", width: 14 },
      ],
      rows: s.activeByStars.map((r) => [`${r.stars} sao`, r.count]),
    },
    {
      name: "Theo bo san pham",
      columns: [
        { header: "Mã", width: 10 },
        { header: "Bộ sản phẩm", width: 60 },
        { header: "Số sản phẩm", width: 14 },
      ],
      rows: s.activeByProductSet.map((r) => [r.category.code, r.category.name, r.count]),
    },
    {
      name: "Theo xa",
      columns: [
        { header: "Mã xã", width: 10 },
        { header: "Xã/phường", width: 24 },
        { header: "Sản phẩm còn hiệu lực", width: 14 },
        { header: "Công nhận trong năm", width: 14 },
        { header: "Chỉ tiêu: sản phẩm mới", width: 14 },
        { header: "Chỉ tiêu: nâng hạng", width: 14 },
        { header: "Chỉ tiêu: đánh giá lại", width: 14 },
        { header: "Đạt: sản phẩm mới", width: 14 },
        { header: "Đạt: nâng hạng", width: 14 },
        { header: "Đạt: đánh giá lại", width: 14 },
        { header: "Đang thực hiện", width: 14 },
      ],
      rows: s.communes.map((c) => [
        c.commune.code,
        c.commune.name,
        c.active,
        c.recognizedInYear,
        c.target?.newProducts ?? null,
        c.target?.upgrades ?? null,
        c.target?.reEvaluations ?? null,
        c.achieved.newProducts,
        c.achieved.upgrades,
        c.achieved.reEvaluations,
        c.pipeline,
      ]),
    },
  ];
}

export async function programmeWorkbook(s: ProgrammeStatistics): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const table of tables(s)) {
    const sheet = workbook.addWorksheet(table.name);
    sheet.columns = table.columns;
    sheet.getRow(1).font = { bold: true };
    sheet.addRows(table.rows);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** GET /reports/programme.xlsx?year=2025: programmeStatistics as a workbook an officer can forward. */
export function programmeReportRouter(contextFor: (req: Request, res: Response) => Promise<Context>): Router {
  const router = express.Router();
  router.get("/reports/programme.xlsx", async (req, res) => {
    try {
      const ctx = await contextFor(req, res);
      if (!ctx.viewer) return sendError(res, ErrorCode.UNAUTHENTICATED);
      if (
        ctx.viewer.role !== Role.PROVINCE_OFFICER &&
        ctx.viewer.role !== Role.COMMUNE_OFFICER &&
        ctx.viewer.role !== Role.ADMIN
      )
        return sendError(res, ErrorCode.FORBIDDEN);
      const year = Number(req.query.year);
      if (!Number.isInteger(year) || year < 2018 || year > 2100) throw badInput("programme.year", "year");
      const statistics = await ctx.services.programmeFigures.statistics(ctx, year);
      res.setHeader("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      res.setHeader("Content-Disposition", `attachment; filename="ocop-programme-${year}.xlsx"`);
      res.setHeader("Cache-Control", "private, no-store");
      res.send(await programmeWorkbook(statistics));
    } catch (e) {
      if (!sendAppError(res, e)) throw e;
    }
  });
  return router;
}
