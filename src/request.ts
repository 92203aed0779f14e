import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import type { Viewer } from "./auth/auth.types";
import type { LocalDate } from "./core/time";
import type { Loaders } from "./loaders";

/**
 * What a service sees of a request: who asks, when, the request's loaders and logger. Services take this,
 * never the resolvers' Context, so that services and the context do not import each other.
 */
export interface RequestScope {
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
  /**
   * Where the request reads the public catalog: for the public, a replica when DATABASE_REPLICA_URLS names
   * some (else the primary); for staff, always the primary, so that they read their own writes. Writes and
   * transactions always go to the services' primary data source.
   */
  reader: DataSource;
  loaders: Loaders;
  log: Logger;
}
