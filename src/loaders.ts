import type { DataSource } from "typeorm";
import { createCatalogLoaders } from "./catalog/loaders";
import type { LocalDate } from "./core/time";
import type { ReferenceCache } from "./db/reference/reference-cache";
import { createStaffLoaders } from "./dossiers/loaders";

/** Every DataLoader of one request, built fresh for it (nothing is shared between viewers). */
export function createLoaders(dataSource: DataSource, reference: ReferenceCache, today: LocalDate) {
  return { ...createCatalogLoaders(dataSource, reference, today), ...createStaffLoaders(dataSource) };
}

export type Loaders = ReturnType<typeof createLoaders>;
