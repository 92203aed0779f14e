// The DataSource for the TypeORM CLI (migration:generate / migration:run), from DATABASE_URL.
import "reflect-metadata";
import { dataSourceFor } from "./src/db/data-source";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL (mysql://…) is required for the TypeORM CLI");
export default dataSourceFor({ kind: "mysql", url });
