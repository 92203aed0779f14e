import type { Logger } from "pino";
import type { CatalogService } from "./catalog/catalog.service";
import type { Loaders } from "./catalog/loaders";
import type { CertificateService } from "./certificates/certificate.service";
import type { LocalDate } from "./core/time";
import type { GeographyService } from "./geography/geography.service";

/** The services of the app: singletons over the data source; each method takes the request context first. */
export interface Services {
  catalog: CatalogService;
  certificates: CertificateService;
  geography: GeographyService;
}

/** Everything a resolver may use for one request. */
export interface Context {
  requestId: string;
  /** The instant the request started, and the Vietnamese calendar date then. */
  now: Date;
  today: LocalDate;
  loaders: Loaders;
  services: Services;
  log: Logger;
}
