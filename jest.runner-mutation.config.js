/** Stryker's run for the transition runner: the dossier tests on the database, which exercise every branch of it. */
const base = require("./jest.config.js");
module.exports = { ...base, roots: ["<rootDir>/test/dossiers"] };
