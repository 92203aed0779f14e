import type { Logger } from "pino";
import type { AuthService } from "./auth/auth.service";
import type { Viewer } from "./auth/auth.types";
import type { CatalogService } from "./catalog/catalog.service";
import type { Loaders } from "./loaders";
import type { CertificateService } from "./certificates/certificate.service";
import type { CertificateLifecycleService } from "./certificates/lifecycle.service";
import type { LocalDate } from "./core/time";
import type { DossierService } from "./dossiers/dossier.service";
import type { GeographyService } from "./geography/geography.service";
import type { StaffCatalogService } from "./catalog/staff-catalog.service";
import type { ImportService } from "./import/import.service";
import type { OversightService } from "./oversight/oversight.service";

/** The services of the app: singletons over the data source; each method takes the request context first. */
export interface Services {
  auth: AuthService;
  catalog: CatalogService;
  certificates: CertificateService;
  geography: GeographyService;
  staffCatalog: StaffCatalogService;
  dossiers: DossierService;
  lifecycle: CertificateLifecycleService;
  imports: ImportService;
  oversight: OversightService;
}

/** Everything a resolver may use for one request. */
export interface Context {
  requestId: string;
  /** The signed-in staff user, or null for the public. */
  viewer: Viewer | null;
  /** The client's address (behind a proxy on loopback, from X-Forwarded-For). */
  ip: string;
  /** The instant the request started, and the Vietnamese calendar date then. */
  now: Date;
  today: LocalDate;
  /** The public catalog's generation for this request, read once when first asked (see catalog/generation.ts). */
  catalogGeneration: () => Promise<number>;
  loaders: Loaders;
  services: Services;
  log: Logger;
}
