import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

/**
 * The dependency rule (docs/architecture.md) is a lint rule, so it cannot come back unnoticed: a deliberate
 * upward import into each floor is refused by `npm run lint`, and downward imports pass. ESLint runs in a
 * child process (its configuration is an ES module, which jest's module system does not load).
 */
const ROOT = join(__dirname, "..", "..");

const LINT = `
import { ESLint } from "eslint";
const cases = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const { file, text } of cases) {
  const [result] = await eslint.lintText(text, { filePath: file });
  out.push(result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message));
}
console.log(JSON.stringify(out));
`;

/** The restricted-import messages for each real file of src/ with a line added at its top. */
async function refusals(cases: [file: string, line: string][]): Promise<string[][]> {
  const input = cases.map(([file, line]) => ({
    file: join(ROOT, file),
    text: `${line}\n${readFileSync(join(ROOT, file), "utf8")}`,
  }));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--input-type=module", "-e", LINT, JSON.stringify(input)],
    { cwd: ROOT, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout) as string[][];
}

it("refuses an upward import into the ground floor or from a domain into start-up, and lets downward ones pass", async () => {
  const upward: [string, string, RegExp][] = [
    [
      "src/core/errors.ts",
      'import { Product } from "../catalog/product.entity";',
      /core\/ is the ground floor/,
    ],
    ["src/core/paging.ts", 'import { openDatabase } from "../db/open";', /core\/ is the ground floor/],
    ["src/i18n/messages.ts", 'import { ErrorCode } from "../core/errors";', /i18n\/ is the ground floor/],
    [
      "src/catalog/catalog.service.ts",
      'import { loadDemo } from "../db/demo/load-demo";',
      /does not import start-up/,
    ],
    ["src/dossiers/workflow.ts", 'import { createApp } from "../app";', /does not import start-up/],
  ];
  const downward: [string, string][] = [
    ["src/core/validation.ts", 'import { LABELS } from "../i18n/labels";'],
    ["src/catalog/catalog.service.ts", 'import { inTransaction } from "../core/transaction";'],
    ["src/main.ts", 'import { openDatabase } from "./db/open";'],
  ];
  const found = await refusals([...upward.map(([f, l]) => [f, l] as [string, string]), ...downward]);
  upward.forEach(([, , message], i) => expect(found[i]).toEqual([expect.stringMatching(message)]));
  expect(found.slice(upward.length)).toEqual(downward.map(() => []));
}, 120_000);
