import type { EntityManager } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import { CatalogGeneration } from "../catalog/generation";
import { Product } from "../catalog/product.entity";
import { refreshCurrentCertificate } from "../catalog/product-index";
import { addMonths, type LocalDate } from "../core/time";
import { conflict, notFound } from "../core/errors";
import { lockRow } from "../db/transaction";
import { ruleSetOn } from "../rules/rule-set.entity";
import { Certificate } from "./certificate.entity";

export type Issue = {
  productId: number;
  stars: number;
  decisionNumber: string;
  decisionDate: LocalDate;
  /** Unique, printed on labels. */
  number: string;
  actorId: number | null;
  at: Date;
  /** "none" for a first certification: finding a current certificate then means another recognition won the race. */
  replaces?: "none" | "current";
};

/**
 * Issues a certificate in the caller's transaction: valid from the decision date for the validity months
 * of the rules in force that day; it supersedes the product's current certificate (re-evaluation,
 * upgrade), and the product shows in the catalog with the new stars at once.
 */
export async function issueCertificate(m: EntityManager, issue: Issue): Promise<Certificate> {
  const rules = await ruleSetOn(m, issue.decisionDate);
  // The product's row is held until commit: two recognitions of one product take turns, so it never has two current certificates.
  const product = await lockRow(m, Product, issue.productId);
  if (!product) throw notFound("catalog.noProduct");
  const { currentCertificateId } = product;
  if (currentCertificateId && issue.replaces === "none") throw conflict("certificate.certifiedMeanwhile");
  const certificate = await m.save(
    m.create(Certificate, {
      number: issue.number,
      productId: issue.productId,
      stars: issue.stars,
      decisionNumber: issue.decisionNumber,
      decisionDate: issue.decisionDate,
      issuedOn: issue.decisionDate,
      expiresOn: addMonths(issue.decisionDate, rules.certificateValidityMonths),
      revokedOn: null,
      revocationReason: null,
      revocationDecisionNumber: null,
      supersededById: null,
    }),
  );
  if (currentCertificateId) {
    await m.update(Certificate, currentCertificateId, { supersededById: certificate.id });
    await audit(m, {
      at: issue.at,
      actorId: issue.actorId,
      action: "CERTIFICATE_SUPERSEDED",
      subjectType: "Certificate",
      subjectId: currentCertificateId,
      toStatus: "SUPERSEDED",
      note: `by ${certificate.number}`,
    });
  }
  await audit(m, {
    at: issue.at,
    actorId: issue.actorId,
    action: "CERTIFICATE_ISSUED",
    subjectType: "Certificate",
    subjectId: certificate.id,
    toStatus: "ACTIVE",
    note: `${certificate.number}, ${certificate.stars} stars, ${issue.decisionNumber} of ${issue.decisionDate}, rules ${rules.version}`,
  });
  await refreshCurrentCertificate(m, issue.productId);
  await CatalogGeneration.bump(m);
  return certificate;
}
