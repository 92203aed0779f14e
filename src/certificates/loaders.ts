import type { DataSource } from "typeorm";
import { oneBy } from "../core/loaders";
import { ExpiryNotice } from "./expiry-notice.entity";

export const createCertificateLoaders = (dataSource: DataSource) => ({
  /** The expiry notice of each certificate (one at most). */
  expiryNotice: oneBy<ExpiryNotice, number>(dataSource.manager, ExpiryNotice, "certificateId"),
});
