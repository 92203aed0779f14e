import { readFileSync } from "node:fs";
import { buildSchema, parse, validate } from "graphql";
import { appSchema, printAppSchema, SCHEMA_FILE } from "../../src/schema";
import { contractOperations } from "../support/operations";

describe("schema/schema.graphql", () => {
  it("is what the code builds (run `npm run schema:print` after changing the schema)", async () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(printAppSchema(await appSchema()));
  });

  it("accepts every contract operation as written", () => {
    const schema = buildSchema(readFileSync(SCHEMA_FILE, "utf8"));
    expect(contractOperations.size).toBe(88);
    for (const name of contractOperations.keys()) {
      const errors = validate(schema, parse(contractOperations.get(name)!));
      expect({ name, errors: errors.map((e) => e.message) }).toEqual({ name, errors: [] });
    }
  });
});
