import ExcelJS from "exceljs";
import express, { type Request, type Response, type Router } from "express";
import { Category, CategoryLevel } from "../catalog/category.entity";
import { ErrorCode } from "../core/errors";
import type { Context } from "../context";
import { sendAppError, sendError } from "../http/rest-errors";
import { COLUMNS, type Column, EXAMPLE_MARK } from "./columns";

/** Drop-down choices, as the import reads them. */
const CHOICES: Partial<Record<Column, string[]>> = {
  producerKind: ["Hợp tác xã", "Doanh nghiệp", "Hộ kinh doanh", "Tổ hợp tác"],
  stars: ["3 sao", "4 sao", "5 sao"],
  issuedBy: ["UBND tỉnh", "UBND huyện", "Bộ"],
};

const EXAMPLE: Record<Column, string | Date> = {
  productName: `${EXAMPLE_MARK} Mật ong Pa Ủ`,
  productSet: "I.2.b",
  producerName: "Hộ kinh doanh Vàng Văn Thiện",
  producerKind: "Hộ kinh doanh",
  registrationNumber: "",
  address: "",
  phone: "",
  email: "",
  commune: "Xã Bum Tở",
  stars: "3 sao",
  decisionNumber: "0000/QĐ-VIDU",
  decisionDate: new Date(Date.UTC(2024, 9, 23)),
  certificateNumber: "",
  issuedBy: "UBND huyện",
  expiresOn: "",
};

/** Rows of the template that carry the drop-downs and date format. */
const TEMPLATE_ROWS = 2000;

/** A product set as the template lists it. */
export type ProductSetEntry = Pick<Category, "code" | "name" | "nameEn">;

/**
 * The import template: the header row (* = required), an example row (marked, refused if left in),
 * drop-down lists, a sheet of every product set's code and name (the "Bộ sản phẩm" list), and help.
 */
export async function importTemplate(productSets: ProductSetEntry[]): Promise<Buffer> {
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
  const example = sheet.addRow(EXAMPLE);
  example.font = { italic: true, color: { argb: "FF808080" } };
  example.getCell(1).note = "Dòng ví dụ: xoá trước khi nhập (the import refuses it).";
  const sets = workbook.addWorksheet("Bo san pham");
  sets.columns = [
    { header: "Mã", key: "code", width: 10 },
    { header: "Bộ sản phẩm", key: "name", width: 60 },
    { header: "Product set", key: "nameEn", width: 50 },
  ];
  sets.getRow(1).font = { bold: true };
  for (const set of productSets) sets.addRow({ code: set.code, name: set.name, nameEn: set.nameEn });
  columns.forEach((c, i) => {
    const letter = sheet.getColumn(i + 1).letter;
    const choices = CHOICES[c];
    if (c === "decisionDate" || c === "expiresOn") sheet.getColumn(i + 1).numFmt = "dd/mm/yyyy";
    // The product set is picked from the codes of the "Bo san pham" sheet.
    const formula =
      c === "productSet"
        ? `'Bo san pham'!$A$2:$A$${productSets.length + 1}`
        : choices && `"${choices.join(",")}"`;
    if (!formula) return;
    for (let row = 2; row <= TEMPLATE_ROWS; row++) {
      sheet.getCell(`${letter}${row}`).dataValidation = {
        type: "list",
        allowBlank: !COLUMNS[c].required,
        formulae: [formula],
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
      const sets = await ctx.reader.getRepository(Category).find({
        where: { level: CategoryLevel.SET },
        order: { position: "ASC" },
      });
      res.send(await importTemplate(sets));
    } catch (e) {
      if (!sendAppError(res, e)) throw e;
    }
  });
  return router;
}
