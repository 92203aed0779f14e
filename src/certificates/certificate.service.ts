import type { EntityManager } from "typeorm";
import type { Viewer } from "../auth/auth.types";
import { inViewerCommune } from "../auth/scope";
import { Product } from "../catalog/product.entity";
import { notFound } from "../core/errors";
import { lockRow } from "../core/transaction";
import type { RequestScope } from "../request";
import { Certificate } from "./certificate.entity";

/**
 * A certificate by the number printed on its label, as people type it: surrounding spaces and letter case
 * do not matter (MySQL's collation ignores case; SQLite is told to).
 */
export function findByNumber(m: EntityManager, number: string): Promise<Certificate | null> {
  const trimmed = number.trim();
  if (trimmed === "" || trimmed.length > 64) return Promise.resolve(null);
  const nocase = m.connection.options.type === "better-sqlite3" ? " COLLATE NOCASE" : "";
  return m
    .getRepository(Certificate)
    .createQueryBuilder("c")
    .where(`c.number = :number${nocase}`, { number: trimmed })
    .getOne();
}

/** A certificate by number, if its product is in the viewer's commune (else NOT_FOUND, as if absent). */
export async function visibleCertificate(
  m: EntityManager,
  viewer: Viewer,
  number: string,
  { lock = false } = {},
): Promise<Certificate> {
  const found = await findByNumber(m, number);
  // Locked, changes of one certificate take turns, and each sees what the one before it committed.
  const certificate = found && lock ? await lockRow(m, Certificate, found.id) : found;
  const product = certificate && (await m.findOneBy(Product, { id: certificate.productId }));
  if (!certificate || !product || !inViewerCommune(viewer, product.communeCode))
    throw notFound("certificate.notFound");
  return certificate;
}

export class CertificateService {
  /** Any certificate by its number, whatever its status (a buyer checking a label). */
  byNumber(ctx: RequestScope, number: string): Promise<Certificate | null> {
    return findByNumber(ctx.reader.manager, number);
  }
}
