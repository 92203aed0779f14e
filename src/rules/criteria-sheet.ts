import { existsSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { readCsv, type CsvRow } from "../core/csv";
import { type ParsedSheet, SheetCriterion, SheetOption, SheetPart } from "./criteria-sheet.types";

/** Part maxima of Decision 148 sheets: A 40, B 25, C 35 (total 100). */
const PART_MAXIMA = [40, 25, 35];
const PART_CODES = ["A", "B", "C"];
/** Criterion letters in the order Vietnamese legal texts number them. */
const LETTERS = [
  "a",
  "b",
  "c",
  "d",
  "đ",
  "e",
  "g",
  "h",
  "i",
  "k",
  "l",
  "m",
  "n",
  "o",
  "p",
  "q",
  "r",
  "s",
  "t",
  "u",
  "v",
  "x",
  "y",
];
const COLUMNS = ["title", "description", "level", "stars", "score"];

/** A correction: replaces given fields of the element with `code` in sheet `set`, or adds an option. */
type Correction = { set: number; code: string; line: number; values: Record<string, string> };

type Node = {
  level: number;
  title: string;
  description: string;
  stars: number | null;
  /** null: the cell is empty (or not a number: see `unreadable`). */
  score: number | null;
  /** Cells that are not numbers, reported unless a correction replaces them. */
  unreadable: { stars?: string; score?: string };
  /** The file line (what an editor shows) and the record number (what the sheets' README counts). */
  line: number;
  row: number | null;
  children: Node[];
  code: string;
};

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
const short = (s: string) => (oneLine(s).length > 40 ? `${oneLine(s).slice(0, 40)}…` : oneLine(s));

/**
 * Reads a criteria sheet (format: reference/criteria-148/README.md) and checks it: three parts of 40, 25 and
 * 35 points, each part the sum of its groups, each group of its criteria, each criterion's maximum its best
 * option, every number a number. Defects are reported, never corrected here: a corrections file does that.
 */
export function parseCriteriaSheet(
  path: string,
  criteriaSet: number,
  corrections: Correction[] = [],
): ParsedSheet {
  const file = basename(path);
  const defects: string[] = [];
  const rows = readCsv(path, COLUMNS);
  const nodes = rows.map((row, i) => toNode(file, row, i + 2, defects));
  const root: Node = {
    unreadable: {},
    level: -1,
    title: "",
    description: "",
    stars: null,
    score: null,
    line: 0,
    row: 0,
    children: [],
    code: "",
  };
  const stack: Node[] = [root];
  for (const node of nodes) {
    if (node.level < 0 || node.level > 3) {
      // A level that is not a number was reported when the row was read.
      if (node.level > 3) defects.push(`${where(file, node)}: level ${node.level} is not 0 to 3`);
      continue;
    }
    while (stack.length > 1 && stack.at(-1)!.level >= node.level) stack.pop();
    const parent = stack.at(-1)!;
    if (parent.level !== node.level - 1 && !(node.level === 3 && parent.level === 1)) {
      defects.push(
        `${where(file, node)}: a level-${node.level} row cannot follow a level-${parent.level} row`,
      );
      continue;
    }
    parent.children.push(node);
    stack.push(node);
  }
  assignCodes(root);
  for (const c of corrections.filter((c) => c.set === criteriaSet)) applyCorrection(root, c, defects);
  check(file, root, defects);
  return { criteriaSet, file, parts: toParts(root), defects };
}

const where = (file: string, n: Node) =>
  `${file}:${n.line} (${n.row === null ? "correction" : `row ${n.row}`})`;
const isOwnCriterion = (group: Node) =>
  group.children.length > 0 && group.children.every((c) => c.level === 3);

/** A whole number, null for an empty cell, undefined for anything else. */
const wholeNumber = (text: string): number | null | undefined =>
  text === "" ? null : /^\d+$/.test(text) ? Number(text) : undefined;

function toNode(file: string, { line, values: v }: CsvRow, row: number, defects: string[]): Node {
  const level = wholeNumber(v.level);
  if (level === undefined || level === null)
    defects.push(`${file}:${line} (row ${row}): level '${v.level}' is not a number`);
  const node: Node = {
    level: level ?? -1,
    title: oneLine(v.title),
    description: oneLine(v.description),
    stars: null,
    score: null,
    unreadable: {},
    line,
    row,
    children: [],
    code: "",
  };
  setNumber(node, "stars", v.stars);
  setNumber(node, "score", v.score);
  return node;
}

function setNumber(node: Node, field: "stars" | "score", text: string): void {
  const value = wholeNumber(text);
  node[field] = value ?? null;
  if (value === undefined) node.unreadable[field] = text;
  else delete node.unreadable[field];
}

/** Codes from the printed structure: parts A–C, groups numbered through the sheet, criteria lettered a, b, c, d, đ… */
function assignCodes(root: Node): void {
  let group = 0;
  root.children.forEach((part, p) => {
    part.code = PART_CODES[p] ?? `P${p + 1}`;
    for (const g of part.children) {
      g.code = `${part.code}.${++group}`;
      if (isOwnCriterion(g)) {
        g.children.forEach((o, i) => (o.code = `${g.code}.${i + 1}`));
        continue;
      }
      g.children.forEach((c, i) => {
        c.code = `${g.code}.${LETTERS[i] ?? i + 1}`;
        c.children.forEach((o, j) => (o.code = `${c.code}.${j + 1}`));
      });
    }
  });
}

function find(root: Node, code: string): Node | undefined {
  const walk = (n: Node): Node | undefined =>
    n.code === code ? n : n.children.map(walk).find((x) => x !== undefined);
  return walk(root);
}

function applyCorrection(root: Node, c: Correction, defects: string[]): void {
  const v = c.values;
  const target = find(root, c.code);
  if (target) {
    if (v.title) target.title = oneLine(v.title);
    if (v.description) target.description = oneLine(v.description);
    if (v.stars !== "") setNumber(target, "stars", v.stars);
    if (v.score !== "") setNumber(target, "score", v.score);
    return;
  }
  // A new option: its code is its criterion's code and the next position.
  const parentCode = c.code.split(".").slice(0, -1).join(".");
  const parent = find(root, parentCode);
  const position = Number(c.code.split(".").at(-1));
  if (!parent || position !== parent.children.length + 1 || !v.title) {
    defects.push(
      `corrections.csv:${c.line}: ${c.code} is neither an element of the sheet nor its criterion's next option`,
    );
    return;
  }
  const option: Node = {
    level: 3,
    title: oneLine(v.title),
    description: oneLine(v.description ?? ""),
    stars: null,
    score: null,
    unreadable: {},
    line: c.line,
    row: null,
    children: [],
    code: c.code,
  };
  setNumber(option, "stars", v.stars);
  setNumber(option, "score", v.score);
  parent.children.push(option);
}

function check(file: string, root: Node, defects: string[]): void {
  const at = (n: Node) => where(file, n);
  const sum = (nodes: Node[]) => nodes.reduce((s, n) => s + (n.score ?? 0), 0);
  const walk = (n: Node) => {
    for (const [field, text] of Object.entries(n.unreadable))
      defects.push(`${at(n)}: ${field} '${text}' is not a number`);
    if (n.stars !== null && (n.stars < 3 || n.stars > 5))
      defects.push(`${at(n)}: stars ${n.stars} is not 3, 4 or 5`);
    n.children.forEach(walk);
  };
  root.children.forEach(walk);
  if (root.children.length !== 3)
    defects.push(`${file}: ${root.children.length} parts instead of A, B and C`);
  root.children.forEach((part, i) => {
    if (PART_MAXIMA[i] !== undefined && part.score !== PART_MAXIMA[i])
      defects.push(
        `${at(part)}: part ${part.code} is ${part.score ?? "empty"}, Decision 148 gives ${PART_MAXIMA[i]}`,
      );
    if (sum(part.children) !== part.score)
      defects.push(
        `${at(part)}: part ${part.code} is ${part.score} but its groups sum to ${sum(part.children)}`,
      );
    for (const group of part.children) {
      const criteria = isOwnCriterion(group) ? [group] : group.children;
      if (!isOwnCriterion(group) && sum(group.children) !== group.score)
        defects.push(
          `${at(group)}: group ${group.code} (${short(group.title)}) is ${group.score} but its criteria sum to ${sum(group.children)}`,
        );
      for (const criterion of criteria) {
        if (criterion.children.length === 0) {
          defects.push(`${at(criterion)}: criterion ${criterion.code} has no options`);
          continue;
        }
        const best = Math.max(...criterion.children.map((o) => o.score ?? 0));
        if (criterion.score !== null && criterion.score !== best)
          defects.push(
            `${at(criterion)}: criterion ${criterion.code} is ${criterion.score} but its best option gives ${best}`,
          );
        for (const option of criterion.children)
          if (option.score === null && !option.unreadable.score)
            defects.push(`${at(option)}: option ${option.code} has no points`);
      }
    }
  });
}

function toParts(root: Node): SheetPart[] {
  const option = (o: Node): SheetOption =>
    Object.assign(new SheetOption(), {
      code: o.code,
      text: o.title.replace(/^□\s*/, ""),
      points: o.score ?? 0,
      mandatoryForStars: o.stars,
    });
  const criterion = (c: Node): SheetCriterion =>
    Object.assign(new SheetCriterion(), {
      code: c.code,
      title: c.title,
      description: c.description || null,
      maxPoints: c.score ?? Math.max(0, ...c.children.map((o) => o.score ?? 0)),
      mandatoryForStars: c.stars,
      options: c.children.filter((o) => o.level === 3).map(option),
      line: c.line,
    });
  return root.children.map((part) =>
    Object.assign(new SheetPart(), {
      code: part.code,
      title: part.title,
      maxPoints: part.score ?? 0,
      criteria: part.children.flatMap((g) =>
        isOwnCriterion(g) ? [criterion(g)] : g.children.map(criterion),
      ),
    }),
  );
}

/**
 * Every sheet of a directory (set-01.csv … set-26.csv), with the directory's corrections.csv applied:
 * columns set, code and the sheet's own (blank keeps the sheet's value).
 */
export function parseCriteriaSheets(dir: string): Map<number, ParsedSheet> {
  const correctionsFile = join(dir, "corrections.csv");
  const corrections: Correction[] = existsSync(correctionsFile)
    ? readCsv(correctionsFile, ["set", "code", ...COLUMNS]).map(({ line, values }) => ({
        set: Number(values.set),
        code: values.code,
        line,
        values,
      }))
    : [];
  const sheets = new Map<number, ParsedSheet>();
  for (const name of readdirSync(dir).sort()) {
    const m = /^set-(\d+)\.csv$/.exec(name);
    if (m) sheets.set(Number(m[1]), parseCriteriaSheet(join(dir, name), Number(m[1]), corrections));
  }
  return sheets;
}
