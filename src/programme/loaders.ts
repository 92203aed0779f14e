import type { DataSource } from "typeorm";
import { manyBy } from "../core/loaders";
import { PotentialProduct } from "./programme.entity";
import { SelfAssessment } from "./self-assessment.entity";

/** Loaders of the register: one statement per relation, whatever the page size. */
export function createProgrammeLoaders(dataSource: DataSource) {
  const m = dataSource.manager;
  return {
    potentialProductsByDossier: manyBy<PotentialProduct, number>(m, PotentialProduct, "dossierId"),
    selfAssessmentsByDossier: manyBy<SelfAssessment, number>(m, SelfAssessment, "dossierId"),
    selfAssessmentsByPotentialProduct: manyBy<SelfAssessment, number>(
      m,
      SelfAssessment,
      "potentialProductId",
    ),
  };
}
