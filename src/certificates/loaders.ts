import type { DataSource } from "typeorm";
import { manyBy } from "../core/loaders";
import { ExpiryNotice } from "./expiry-notice.entity";

export const createCertificateLoaders = (dataSource: DataSource) => ({
  /** The expiry notices of each certificate (province's letter, commune's relay…), in the order stored. */
  expiryNotices: manyBy<ExpiryNotice, number>(dataSource.manager, ExpiryNotice, "certificateId"),
});

/** The first notice sent: whether the producer was told in time is judged on it. */
export const firstNotice = (notices: ExpiryNotice[]): ExpiryNotice | null =>
  [...notices].sort((a, b) => a.sentOn.localeCompare(b.sentOn) || a.id - b.id)[0] ?? null;
