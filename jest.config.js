/** Integration tests share one MySQL/MariaDB database, so they run in band (see package.json). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.(t|j)sx?$": ["@swc/jest"] },
  // jose is ESM-only: let SWC turn it into CommonJS for Jest.
  transformIgnorePatterns: ["/node_modules/(?!jose/)"],
  setupFiles: ["<rootDir>/test/support/setup-env.ts"],
  testTimeout: 60000,
};
