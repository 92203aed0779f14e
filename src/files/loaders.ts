import type { DataSource } from "typeorm";
import { oneBy } from "../core/loaders";
import { StoredFile } from "./stored-file.entity";

export const createFileLoaders = (dataSource: DataSource) => ({
  file: oneBy<StoredFile, number>(dataSource.manager, StoredFile, "id"),
});
