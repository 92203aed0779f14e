import type { DataSource } from "typeorm";
import { createAuthLoaders } from "./auth/loaders";
import { createCatalogLoaders } from "./catalog/loaders";
import { createCertificateLoaders } from "./certificates/loaders";
import { createContentLoaders } from "./content/loaders";
import type { LocalDate } from "./core/time";
import type { ReferenceCache } from "./catalog/reference-cache";
import { createDossierLoaders } from "./dossiers/loaders";
import { createFileLoaders } from "./files/loaders";
import { createOversightLoaders } from "./oversight/loaders";
import { createProgrammeLoaders } from "./programme/loaders";

/** Every DataLoader of one request, built fresh for it (nothing is shared between viewers); each domain keeps its own. */
export function createLoaders(dataSource: DataSource, reference: ReferenceCache, today: LocalDate) {
  return {
    ...createCatalogLoaders(dataSource, reference, today),
    ...createAuthLoaders(dataSource),
    ...createCertificateLoaders(dataSource),
    ...createContentLoaders(dataSource),
    ...createDossierLoaders(dataSource),
    ...createFileLoaders(dataSource),
    ...createOversightLoaders(dataSource),
    ...createProgrammeLoaders(dataSource),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
