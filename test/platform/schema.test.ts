import { readFileSync } from "node:fs";
import { buildSchema, parse, validate } from "graphql";
import { appSchema, printAppSchema, SCHEMA_FILE } from "../../src/schema";
import { contractOperations } from "../support/operations";

describe("schema/schema.graphql", () => {
  it("is what the code builds (run `npm run schema:print` after changing the schema)", async () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(printAppSchema(await appSchema()));
  });

  it("accepts every implemented contract operation as written", () => {
    const schema = buildSchema(readFileSync(SCHEMA_FILE, "utf8"));
    const implemented = ["CatalogPage", "CatalogFacets", "ProductDetail", "Communes", "CategoryTree", "VerifyCertificate", "ProducerPage", "Login", "Me", "CreateUser"];
    for (const name of implemented) {
      const errors = validate(schema, parse(contractOperations.get(name)!));
      expect({ name, errors: errors.map((e) => e.message) }).toEqual({ name, errors: [] });
    }
  });
});
