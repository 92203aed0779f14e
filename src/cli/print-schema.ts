// Writes schema/schema.graphql from the code (npm run schema:print). A test fails when the file is stale.
import "reflect-metadata";
import { writeSchemaFile } from "../schema";

writeSchemaFile().then(
  (path) => console.log(`wrote ${path}`),
  (e) => {
    console.error(`schema: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  },
);
