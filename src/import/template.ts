import ExcelJS from "exceljs";
import express, { type Request, type Response, type Router } from "express";
import { ErrorCode } from "../core/errors";
import type { Context } from "../context";
import { sendAppError, sendError } from "../http/rest-errors";
import { COLUMNS, type Column } from "./columns";

/** Drop-down choices, as the import reads them. */
const CHOICES: Partial<Record<Column, string[]>> = {
  producerKind: ["Hợp tác xã", "Doanh nghiệp", "Hộ kinh doanh", "Tổ hợp tác"],
  stars: ["3 sao", "4 sao", "5 sao"],
  issuedBy: ["UBND tỉnh", "UBND huyện", "Bộ"],
};

const EXAMPLE: Record<Column, string | Date> = {
  productName: "Mật ong Pa Ủ",
  productSet: "I.2.b",
  producerName: "Hộ kinh doanh Vàng Văn Thiện",
  producerKind: "Hộ kinh doanh",
  registrationNumber: "",
  address: "",
  phone: "",
  email: "",
  commune: "Xã Bum Tở",
  stars: "3 sao",
  decisionNumber: "1008/QĐ-UBND",
  decisionDate: new Date(Date.UTC(2024, 9, 23)),
  certificateNumber: "",
  issuedBy: "UBND huyện",
  expiresOn: "",
};

/** Rows of the template that carry the drop-downs and date format. */
const TEMPLATE_ROWS = 2000;

/** The import template: the header row (* = required), an example row, and drop-down lists. */
export async function importTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("San pham OCOP");
  const columns = Object.keys(COLUMNS) as Column[];
  sheet.columns = columns.map((c) => ({
    header: `${COLUMNS[c].header}${COLUMNS[c].required ? " *" : ""}`,
    key: c,
    width: Math.max(14, COLUMNS[c].header.length + 4),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  sheet.addRow(EXAMPLE);
  columns.forEach((c, i) => {
    const letter = sheet.getColumn(i + 1).letter;
    const choices = CHOICES[c];
    if (c === "decisionDate" || c === "expiresOn") sheet.getColumn(i + 1).numFmt = "dd/mm/yyyy";
    if (!choices) return;
    for (let row = 2; row <= TEMPLATE_ROWS; row++) {
      sheet.getCell(`${letter}${row}`).dataValidation = {
        type: "list",
        allowBlank: !COLUMNS[c].required,
        formulae: [`"${choices.join(",")}"`],
      };
    }
  });
  const help = workbook.addWorksheet("Huong dan");
  help.columns = [
    { header: "Cột", width: 22 },
    { header: "Tên tiếng Anh", width: 22 },
    { header: "Bắt buộc", width: 10 },
  ];
  for (const c of columns)
    help.addRow([COLUMNS[c].header, COLUMNS[c].alias, COLUMNS[c].required ? "Có" : ""]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** GET /import/template.xlsx for staff. */
export function importTemplateRouter(contextFor: (req: Request, res: Response) => Promise<Context>): Router {
  const router = express.Router();
  router.get("/import/template.xlsx", async (req, res) => {
    try {
      const ctx = await contextFor(req, res);
      if (!ctx.viewer) return sendError(res, ErrorCode.UNAUTHENTICATED);
      res.setHeader("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      res.setHeader("Content-Disposition", 'attachment; filename="ocop-import-template.xlsx"');
      res.setHeader("Cache-Control", "private, no-store");
      res.send(await importTemplate());
    } catch (e) {
      if (!sendAppError(res, e)) throw e;
    }
  });
  return router;
}
