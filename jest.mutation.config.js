/** Stryker's test run: the unit tests only, so that each mutant is judged in seconds without a database. */
const base = require("./jest.config.js");
module.exports = { ...base, roots: ["<rootDir>/test/unit"] };
