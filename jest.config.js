const { readdirSync, readFileSync } = require("node:fs");
const { join } = require("node:path");

/**
 * Integration tests share one MySQL/MariaDB database, so they run in band (see package.json), in a random
 * order (--randomize: each test stands alone; the seed is printed to replay an order with --seed).
 * With TEST_DB=sqlite, the files whose first line says `// @both-databases` run on the embedded SQLite.
 */
const BOTH = /^\/\/ @both-databases\b/;

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

const onSqlite = process.env.TEST_DB === "sqlite";

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: onSqlite
    ? testFiles(join(__dirname, "test")).filter((file) => BOTH.test(readFileSync(file, "utf8")))
    : ["**/*.test.ts"],
  transform: { "^.+\\.(t|j)sx?$": ["@swc/jest"] },
  // jose is ESM-only: let SWC turn it into CommonJS for Jest.
  transformIgnorePatterns: ["/node_modules/(?!jose/)"],
  setupFiles: ["<rootDir>/test/support/setup-env.ts"],
  testTimeout: 60000,
};
