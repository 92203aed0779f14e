import { existsSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { readCsv, type CsvRow } from "../core/csv";
import {
  type ParsedSheet,
  SheetCaseGroup,
  SheetCriterion,
  SheetIncompleteGroup,
  SheetOption,
  SheetPart,
} from "./criteria-sheet.types";

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
const CORRECTION_COLUMNS = ["set", "code", "action", ...COLUMNS, "reason"];
const ACTIONS = ["set", "add", "remove"];
/** "Lựa chọn một trong hai trường hợp sau": the group's criteria are alternative cases (set 26). */
const CASE_GROUP = /lựa chọn một trong/i;

/**
 * A correction of a sheet as transcribed, naming an element by the code the transcription gives it. `set`
 * replaces the fields given (the level included), `add` puts a new row after the element and what is under it
 * (after rows added earlier at the same code), `remove` drops the row alone. Each says why (`reason`).
 */
export type Correction = {
  set: number;
  code: string;
  action: string;
  line: number;
  values: Record<string, string>;
};

type Node = {
  level: number;
  title: string;
  description: string;
  stars: number | null;
  /** null: the cell is empty (or not a number: see `unreadable`). */
  score: number | null;
  /** Cells that are not numbers, reported unless a correction replaces them. */
  unreadable: { stars?: string; score?: string };
  /** Where the row is: "set-03.csv:123 (row 120)" (file line, record number), or "corrections.csv:4". */
  at: string;
  children: Node[];
  code: string;
};

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
const short = (s: string) => (oneLine(s).length > 40 ? `${oneLine(s).slice(0, 40)}…` : oneLine(s));
const sum = (nodes: Node[]) => nodes.reduce((s, n) => s + (n.score ?? 0), 0);

/**
 * Reads a criteria sheet (format: reference/criteria-148/README.md), applies its corrections and checks it:
 * three parts of 40, 25 and 35 points, each part the sum of its groups, each group of its criteria (of its
 * larger case, in a case group), each criterion's maximum its best option, every number a number. What does
 * not add up is a defect, and a sheet with defects cannot be used; points that a part, group or criterion
 * lacks make the sheet incomplete instead (members credit them in one bounded field each).
 */
export function parseCriteriaSheet(
  path: string,
  criteriaSet: number,
  corrections: Correction[] = [],
): ParsedSheet {
  const file = basename(path);
  const defects: string[] = [];
  let nodes = readCsv(path, COLUMNS).map((row, i) =>
    toNode(`${file}:${row.line} (row ${i + 2})`, row, defects),
  );
  const mine = corrections.filter((c) => c.set === criteriaSet);
  if (mine.length) {
    // Corrections name elements by their codes as transcribed; the corrected sheet is coded afresh.
    assignCodes(buildTree(nodes, []));
    nodes = applyCorrections(nodes, mine, defects);
  }
  const root = buildTree(nodes, defects);
  assignCodes(root);
  const { caseGroups, incompleteGroups } = check(file, root, defects);
  return {
    criteriaSet,
    file,
    parts: toParts(root),
    caseGroups,
    incompleteGroups,
    corrections: mine.map((c) => ({ line: c.line, action: c.action, code: c.code, reason: c.values.reason })),
    defects,
  };
}

/** A whole number, null for an empty cell, undefined for anything else. */
const wholeNumber = (text: string): number | null | undefined =>
  text === "" ? null : /^\d+$/.test(text) ? Number(text) : undefined;

function toNode(at: string, { values: v }: CsvRow, defects: string[]): Node {
  const level = wholeNumber(v.level);
  if (level === undefined || level === null) defects.push(`${at}: level '${v.level}' is not a number`);
  const node: Node = {
    level: level ?? -1,
    title: oneLine(v.title),
    description: oneLine(v.description),
    stars: null,
    score: null,
    unreadable: {},
    at,
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

/** The tree of parts, groups, criteria and options; rows out of place are reported and left out. */
function buildTree(nodes: Node[], defects: string[]): Node {
  const root: Node = {
    level: -1,
    title: "",
    description: "",
    stars: null,
    score: null,
    unreadable: {},
    at: "",
    children: [],
    code: "",
  };
  const stack: Node[] = [root];
  for (const node of nodes) {
    node.children = [];
    node.code = "";
    if (node.level < 0 || node.level > 3) {
      // A level that is not a number was reported when the row was read.
      if (node.level > 3) defects.push(`${node.at}: level ${node.level} is not 0 to 3`);
      continue;
    }
    while (stack.length > 1 && stack.at(-1)!.level >= node.level) stack.pop();
    const parent = stack.at(-1)!;
    if (parent.level !== node.level - 1 && !(node.level === 3 && parent.level === 1)) {
      defects.push(`${node.at}: a level-${node.level} row cannot follow a level-${parent.level} row`);
      continue;
    }
    parent.children.push(node);
    stack.push(node);
  }
  return root;
}

const isOwnCriterion = (group: Node) =>
  group.children.length > 0 && group.children.every((c) => c.level === 3);
const isCaseGroup = (group: Node) => CASE_GROUP.test(group.description) && !isOwnCriterion(group);

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

/** The rows with the corrections applied, in order; a correction that cannot apply is a defect. */
function applyCorrections(nodes: Node[], corrections: Correction[], defects: string[]): Node[] {
  const rows = [...nodes];
  const lastAdded = new Map<Node, Node>();
  for (const c of corrections) {
    const v = c.values;
    const target = rows.find((n) => n.code !== "" && n.code === c.code);
    const problem = !ACTIONS.includes(c.action)
      ? `action '${c.action}' is not set, add or remove`
      : !v.reason?.trim()
        ? "no reason is given"
        : !target
          ? `${c.code} is not an element of the sheet`
          : c.action === "add" && (!v.title || wholeNumber(v.level) == null)
            ? "a row added needs its title and level"
            : null;
    if (problem || !target) {
      defects.push(`corrections.csv:${c.line}: ${problem}`);
      continue;
    }
    if (c.action === "remove") {
      rows.splice(rows.indexOf(target), 1);
      continue;
    }
    const node =
      c.action === "add" ? toNode(`corrections.csv:${c.line}`, { line: c.line, values: v }, defects) : target;
    if (c.action === "set") {
      if (v.title) node.title = oneLine(v.title);
      if (v.description) node.description = oneLine(v.description);
      if (v.level) node.level = wholeNumber(v.level) ?? node.level;
      if (v.stars) setNumber(node, "stars", v.stars);
      if (v.score) setNumber(node, "score", v.score);
      continue;
    }
    // After the element and everything under it, or after the row added last at the same code.
    let i = rows.indexOf(lastAdded.get(target) ?? target) + 1;
    if (!lastAdded.has(target)) while (i < rows.length && rows[i].level > target.level) i++;
    rows.splice(i, 0, node);
    lastAdded.set(target, node);
  }
  return rows;
}

/** Reports what does not add up; returns the case groups and the points the sheet lacks. */
function check(
  file: string,
  root: Node,
  defects: string[],
): { caseGroups: SheetCaseGroup[]; incompleteGroups: SheetIncompleteGroup[] } {
  const caseGroups: SheetCaseGroup[] = [];
  const incompleteGroups: SheetIncompleteGroup[] = [];
  /** A declared maximum against what its elements give: more is a defect, less makes the sheet incomplete. */
  const compare = (n: Node, what: string, given: number, of: string) => {
    if (n.score === null || given === n.score) return;
    if (given > n.score) defects.push(`${n.at}: ${what} is ${n.score} but ${of} ${given}`);
    else
      incompleteGroups.push(
        Object.assign(new SheetIncompleteGroup(), {
          code: n.code,
          title: n.title,
          missingPoints: n.score - given,
        }),
      );
  };
  const walk = (n: Node) => {
    for (const [field, text] of Object.entries(n.unreadable))
      defects.push(`${n.at}: ${field} '${text}' is not a number`);
    if (n.stars !== null && (n.stars < 3 || n.stars > 5))
      defects.push(`${n.at}: stars ${n.stars} is not 3, 4 or 5`);
    n.children.forEach(walk);
  };
  root.children.forEach(walk);
  if (root.children.length !== 3)
    defects.push(`${file}: ${root.children.length} parts instead of A, B and C`);
  root.children.forEach((part, i) => {
    if (PART_MAXIMA[i] !== undefined && part.score !== PART_MAXIMA[i])
      defects.push(
        `${part.at}: part ${part.code} is ${part.score ?? "empty"}, Decision 148 gives ${PART_MAXIMA[i]}`,
      );
    compare(part, `part ${part.code}`, sum(part.children), "its groups sum to");
    for (const group of part.children) {
      const criteria = isOwnCriterion(group) ? [group] : group.children;
      const what = `group ${group.code} (${short(group.title)})`;
      if (isCaseGroup(group)) {
        caseGroups.push(caseGroupOf(group));
        const larger = Math.max(0, ...criteria.map((c) => c.score ?? 0));
        if (larger !== group.score)
          defects.push(`${group.at}: ${what} is ${group.score} but its larger case gives ${larger}`);
      } else if (!isOwnCriterion(group)) compare(group, what, sum(criteria), "its criteria sum to");
      for (const criterion of criteria) checkCriterion(criterion, defects, compare);
    }
  });
  return { caseGroups, incompleteGroups };
}

function checkCriterion(
  criterion: Node,
  defects: string[],
  compare: (n: Node, what: string, given: number, of: string) => void,
): void {
  if (criterion.children.length === 0) {
    defects.push(`${criterion.at}: criterion ${criterion.code} has no options`);
    return;
  }
  if (criterion.score === null && !criterion.unreadable.score)
    defects.push(`${criterion.at}: criterion ${criterion.code} has no points`);
  const best = Math.max(...criterion.children.map((o) => o.score ?? 0));
  compare(criterion, `criterion ${criterion.code}`, best, "its best option gives");
  for (const option of criterion.children)
    if (option.score === null && !option.unreadable.score)
      defects.push(`${option.at}: option ${option.code} has no points`);
}

/** A group of alternative cases: each criterion is a case, numbered as its title says ("Trường hợp 2"). */
function caseGroupOf(group: Node): SheetCaseGroup {
  return Object.assign(new SheetCaseGroup(), {
    code: group.code,
    title: group.title,
    maxPoints: group.score ?? 0,
    cases: group.children.map((c, i) => ({
      case: Number(/trường hợp\s*(\d+)/i.exec(c.title)?.[1] ?? i + 1),
      title: c.title,
      maxPoints: c.score ?? 0,
      criterionCodes: [c.code],
    })),
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
 * Every sheet of a directory (set-01.csv … set-26.csv), with the directory's corrections.csv applied
 * (columns set, code, action, the sheet's own, reason: see the folder's README).
 */
export function parseCriteriaSheets(dir: string): Map<number, ParsedSheet> {
  const correctionsFile = join(dir, "corrections.csv");
  const corrections: Correction[] = existsSync(correctionsFile)
    ? readCsv(correctionsFile, CORRECTION_COLUMNS).map(({ line, values }) => ({
        set: Number(values.set),
        code: values.code,
        action: values.action || "set",
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
