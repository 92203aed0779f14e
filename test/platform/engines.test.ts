import { readFileSync } from "node:fs";
import { join } from "node:path";
import semver from "semver";

// The Node version package.json promises (and the README repeats) must run every installed dependency.
const root = join(__dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));

it("every dependency accepts the oldest Node version of engines.node, which the README names", () => {
  const oldest = semver.minVersion(pkg.engines.node)!.version;
  const refusing = Object.entries(lock.packages as Record<string, { engines?: { node?: string } }>)
    .filter(
      ([name, p]) => name && typeof p.engines?.node === "string" && !semver.satisfies(oldest, p.engines.node),
    )
    .map(([name, p]) => `${name} needs ${p.engines!.node}`);
  expect(refusing).toEqual([]);
  expect(readFileSync(join(root, "README.md"), "utf8")).toContain(
    `Node ≥ ${semver.major(oldest)}.${semver.minor(oldest)}`,
  );
});
