import { Worker } from "node:worker_threads";
import { checkZipDirectory } from "./zip-directory";

/** A cell as read: text, or a date when the workbook stored one (an Excel date cell). */
export type Cell = string | Date;

/** The table of a spreadsheet: its header row and data rows, each with its line number in the file. */
export type Sheet = {
  headers: string[];
  rows: { line: number; cells: Cell[] }[];
  /** More data rows than asked for were there: reading stopped. */
  more: boolean;
};

/** Why a file could not be read at all. */
export class UnreadableFile extends Error {
  constructor(readonly reason: "unreadable" | "encoding" | "tooLarge") {
    super(reason);
  }
}

/** Columns read of each row: the template has 15, and a file may add a few of its own ("STT"); the rest is ignored. */
export const MAX_COLUMNS = 40;
/** The reader's own memory and time, beyond which the file is refused (the server never feels it). */
export const READER_LIMITS = { heapMb: 48, youngMb: 8, seconds: 60 };

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Reads an .xlsx workbook (its first sheet) or a CSV file, whichever the bytes are, up to `maxRows` data
 * rows. A workbook's directory is checked before anything is inflated; the reading itself runs in a worker
 * thread with its own small heap and a time limit, streaming the sheet and stopping at the row limit, so a
 * hostile file (a zip bomb, a cell in column XFD on every row) ends in UnreadableFile("tooLarge") and never
 * takes the server's memory.
 */
export async function readSheet(bytes: Buffer, maxRows: number): Promise<Sheet> {
  const xlsx = bytes.subarray(0, 4).equals(ZIP);
  if (xlsx) {
    const verdict = checkZipDirectory(bytes);
    if (!verdict.ok) throw new UnreadableFile(verdict.reason === "notZip" ? "unreadable" : "tooLarge");
  }
  const worker = new Worker(`(${readInWorker.toString()})(require)`, {
    eval: true,
    workerData: {
      bytes,
      xlsx,
      maxRows,
      maxColumns: MAX_COLUMNS,
      paths: { exceljs: require.resolve("exceljs"), csv: require.resolve("csv-parse/sync") },
    },
    resourceLimits: {
      maxOldGenerationSizeMb: READER_LIMITS.heapMb,
      maxYoungGenerationSizeMb: READER_LIMITS.youngMb,
    },
  });
  // Dates cross as { date: ISO } and are made again here (a Date from the worker's realm is no Date here).
  type Sent = string | { date: string };
  type Answer =
    { table: { line: number; cells: Sent[] }[]; more: boolean } | { failed: UnreadableFile["reason"] };
  const answer = await new Promise<Answer>((resolve) => {
    // The first of: the answer, a failure, an exit without an answer, the time limit. The worker goes.
    const done = (a: Answer) => {
      clearTimeout(timer);
      resolve(a);
      void worker.terminate();
    };
    const timer = setTimeout(() => done({ failed: "tooLarge" }), READER_LIMITS.seconds * 1000);
    worker.once("message", done);
    // Out of memory (ERR_WORKER_OUT_OF_MEMORY) or anything else the reader could not survive.
    worker.once("error", (e: Error & { code?: string }) =>
      done({ failed: e.code === "ERR_WORKER_OUT_OF_MEMORY" ? "tooLarge" : "unreadable" }),
    );
    worker.once("exit", () => done({ failed: "tooLarge" }));
  });
  if ("failed" in answer) throw new UnreadableFile(answer.failed);
  const [header, ...rows] = answer.table.map(({ line, cells }) => ({
    line,
    cells: cells.map((c): Cell => (typeof c === "string" ? c : new Date(c.date))),
  }));
  if (!header) return { headers: [], rows: [], more: false };
  return {
    headers: header.cells.map((c) => (c instanceof Date ? "" : c.trim())),
    rows,
    more: answer.more,
  };
}

/**
 * The worker's whole program, sent as its source: it may use nothing but `require` and its workerData.
 * Posts the first non-blank rows (the header and up to maxRows data rows, each cut to maxColumns cells), and
 * whether more followed; or { failed }.
 */
function readInWorker(load: NodeRequire): void {
  const threads = load("node:worker_threads") as typeof import("node:worker_threads");
  const parentPort = threads.parentPort;
  const { Readable } = load("node:stream") as typeof import("node:stream");
  const data = threads.workerData as {
    bytes: Uint8Array;
    xlsx: boolean;
    maxRows: number;
    maxColumns: number;
    paths: { exceljs: string; csv: string };
  };
  const bytes = Buffer.from(data.bytes.buffer, data.bytes.byteOffset, data.bytes.byteLength);
  const table: { line: number; cells: (string | Date)[] }[] = [];
  let more = false;
  // The header and maxRows data rows are kept; one more row only says there are more, and reading stops.
  const keep = (line: number, cells: (string | Date)[]): boolean => {
    if (!cells.some((c) => c instanceof Date || c.trim() !== "")) return true;
    if (table.length > data.maxRows) {
      more = true;
      return false;
    }
    table.push({ line, cells });
    return true;
  };
  const finish = () =>
    parentPort!.postMessage({
      table: table.map(({ line, cells }) => ({
        line,
        cells: cells.map((c) => (c instanceof Date ? { date: c.toISOString() } : c)),
      })),
      more,
    });

  const plain = (v: unknown) =>
    typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : "";
  /** A workbook cell as text or date, whatever Excel stored: rich text, a formula's result, a link's text. */
  const cellValue = (value: unknown): string | Date => {
    if (value === null || value === undefined) return "";
    if (value instanceof Date) return value;
    if (typeof value === "object") {
      const v = value as Record<string, unknown>;
      if (Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((r) => r.text).join("");
      if ("formula" in v || "sharedFormula" in v) {
        const result = v.result;
        return result instanceof Date ? result : plain(result);
      }
      return plain(v.text);
    }
    return plain(value);
  };

  const readXlsx = async () => {
    const ExcelJS = load(data.paths.exceljs) as typeof import("exceljs");
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
      sharedStrings: "cache",
      styles: "cache", // date cells are known by their number format
      hyperlinks: "ignore",
      worksheets: "emit",
      entries: "ignore",
    });
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<{
        number: number;
        findCell(col: number): { value: unknown } | undefined;
      }>) {
        const cells: (string | Date)[] = [];
        for (let c = 1; c <= data.maxColumns; c++) cells.push(cellValue(row.findCell(c)?.value));
        while (cells.length && cells[cells.length - 1] === "") cells.pop();
        if (!keep(row.number, cells)) return;
      }
      return; // the first sheet only
    }
  };

  /** UTF-16 with a byte-order mark (Excel's "Unicode text"), or UTF-8 with or without one. */
  const decode = (): string | null => {
    const strict = (encoding: string, from: number) => {
      try {
        return new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(from));
      } catch {
        return null;
      }
    };
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return strict("utf-16le", 2);
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return strict("utf-16be", 2);
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return strict("utf-8", 3);
    return strict("utf-8", 0);
  };

  /** Separated by commas, or by semicolons (Vietnamese Windows' list separator), or tabs. */
  const readCsv = (): "encoding" | "unreadable" | null => {
    const text = decode();
    if (text === null) return "encoding";
    const firstLine = text.slice(0, text.search(/\r?\n|$/));
    const count = (ch: string) => firstLine.split(ch).length - 1;
    const delimiter = [",", ";", "\t"].sort((a, b) => count(b) - count(a))[0];
    const { parse } = load(data.paths.csv) as typeof import("csv-parse/sync");
    let records: { record: string[]; info: { lines: number }; raw: string }[];
    try {
      records = parse(text, {
        delimiter,
        info: true,
        raw: true,
        relax_column_count: true,
        skip_empty_lines: true,
        max_record_size: 64 * 1024,
      }) as unknown as typeof records;
    } catch {
      return "unreadable";
    }
    // A record ends on `info.lines`; it began as many lines earlier as it holds line breaks (quoted cells).
    for (const { record, info, raw } of records) {
      const line = info.lines - (raw.replace(/\r?\n$/, "").match(/\n/g)?.length ?? 0);
      if (!keep(line, record.slice(0, data.maxColumns))) break;
    }
    return null;
  };

  if (data.xlsx) readXlsx().then(finish, () => parentPort!.postMessage({ failed: "unreadable" }));
  else {
    const failed = readCsv();
    if (failed) parentPort!.postMessage({ failed });
    else finish();
  }
}
