import { readFileSync } from "node:fs";
import { basename } from "node:path";

export type CsvRow = { line: number; values: Record<string, string> };

/** Problems in a data file, each reported as "file:line: reason". */
export class DataFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

/**
 * Reads an RFC 4180 CSV file with a header row (quoted fields may hold commas, quotes and newlines).
 * Each row carries the line it starts on, counting the header as line 1.
 */
export function readCsv(path: string, requiredColumns: string[]): CsvRow[] {
  const file = basename(path);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new DataFileError([`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? "error"})`]);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records = parseCsv(text);
  if (records.length === 0) throw new DataFileError([`${file}:1: the file is empty`]);
  const header = records[0].fields.map((h) => h.trim());
  const missing = requiredColumns.filter((c) => !header.includes(c));
  if (missing.length) throw new DataFileError([`${file}:1: missing column(s) ${missing.join(", ")}`]);
  const problems: string[] = [];
  const rows: CsvRow[] = [];
  for (const record of records.slice(1)) {
    if (record.fields.length === 1 && record.fields[0].trim() === "") continue; // blank line
    if (record.fields.length !== header.length) {
      problems.push(
        `${file}:${record.line}: expected ${header.length} fields, found ${record.fields.length}`,
      );
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((h, i) => (values[h] = record.fields[i].trim()));
    rows.push({ line: record.line, values });
  }
  if (problems.length) throw new DataFileError(problems);
  return rows;
}

function parseCsv(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field === "") {
      quoted = true;
    } else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = "";
      line++;
      recordLine = line;
    } else {
      field += ch;
    }
  }
  if (field !== "" || fields.length) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records;
}
