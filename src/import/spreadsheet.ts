import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";

/** A cell as read: text, or a date when the workbook stored one (an Excel date cell). */
export type Cell = string | Date;

/** The table of a spreadsheet: its header row and data rows, each with its line number in the file. */
export type Sheet = { headers: string[]; rows: { line: number; cells: Cell[] }[] };

/** Why a file could not be read at all. */
export class UnreadableFile extends Error {
  constructor(readonly reason: "unreadable" | "encoding") {
    super(reason);
  }
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Reads an .xlsx workbook (its first sheet) or a CSV file, whichever the bytes are. */
export async function readSheet(bytes: Buffer): Promise<Sheet> {
  const table = bytes.subarray(0, 4).equals(ZIP) ? await readXlsx(bytes) : readCsv(bytes);
  const [header, ...rows] = table.filter((r) => r.cells.some((c) => c instanceof Date || c.trim() !== ""));
  if (!header) return { headers: [], rows: [] };
  return { headers: header.cells.map((c) => (c instanceof Date ? "" : c.trim())), rows };
}

async function readXlsx(bytes: Buffer): Promise<{ line: number; cells: Cell[] }[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableFile("unreadable");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: { line: number; cells: Cell[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellValue(row.getCell(c).value));
    rows.push({ line, cells });
  });
  return rows;
}

/** A workbook cell as text or date, whatever Excel stored: rich text, a formula's result, a link's text. */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      return result instanceof Date
        ? result
        : typeof result === "object" || result === undefined
          ? ""
          : String(result);
    }
    if ("text" in value) return String(value.text);
    if ("error" in value) return "";
  }
  return String(value);
}

/**
 * CSV as Excel saves it: UTF-16 with a byte-order mark ("Unicode text"), or UTF-8 with or without one;
 * separated by commas, or by semicolons where the system's list separator is one (Vietnamese Windows).
 */
function readCsv(bytes: Buffer): { line: number; cells: Cell[] }[] {
  const text = decode(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const delimiter = [",", ";", "\t"].sort((a, b) => count(b) - count(a))[0];
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(text, {
      delimiter,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch {
    throw new UnreadableFile("unreadable");
  }
  // A record ends on `info.lines`; it began as many lines earlier as it holds line breaks (quoted cells).
  return records.map(({ record, info, raw }) => ({
    line: info.lines - (raw.replace(/\r?\n$/, "").match(/\n/g)?.length ?? 0),
    cells: record,
  }));
}

function decode(bytes: Buffer): string {
  const strict = (encoding: string, from: number) => {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(from));
    } catch {
      throw new UnreadableFile("encoding");
    }
  };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return strict("utf-16le", 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return strict("utf-16be", 2);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return strict("utf-8", 3);
  return strict("utf-8", 0);
}
