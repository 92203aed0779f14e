import type { DataSource } from "typeorm";
import { manyBy } from "../core/loaders";
import { Violation } from "./oversight.entity";

export const createOversightLoaders = (dataSource: DataSource) => ({
  violationsByInspection: manyBy<Violation, number>(dataSource.manager, Violation, "inspectionId"),
});
