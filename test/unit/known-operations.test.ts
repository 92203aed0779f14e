import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { KNOWN_OPERATIONS } from "../../src/http/known-operations";

it("names exactly the operations of the contract files", () => {
  const dir = join(__dirname, "..", "contract");
  const names = readdirSync(dir)
    .filter((f) => f.endsWith(".graphql"))
    .flatMap((f) => [
      ...readFileSync(join(dir, f), "utf8").matchAll(/^(?:query|mutation|subscription) (\w+)/gm),
    ])
    .map((m) => m[1]);
  expect([...KNOWN_OPERATIONS].sort()).toEqual([...new Set(names)].sort());
});
