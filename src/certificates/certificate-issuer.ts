import { IsNull, type EntityManager } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import { catalogWritten } from "../catalog/catalog-written";
import { Product } from "../catalog/product.entity";
import { addMonths, type LocalDate } from "../core/time";
import { conflict, notFound } from "../core/errors";
import { lockRow } from "../core/transaction";
import { type RuleSet, ruleSetOn } from "../rules/rule-set.entity";
import { Certificate, CertificateSequence, IssuingLevel } from "./certificate.entity";
import { findByNumber } from "./certificate.service";

export type Issue = {
  productId: number;
  stars: number;
  decisionNumber: string;
  decisionDate: LocalDate;
  /** Unique, printed on the certificate and labels (recognition requires it). */
  number: string;
  /** Default: CENTRAL for 5 stars (the Ministry recognises them), else PROVINCE. */
  issuedBy?: IssuingLevel;
  actorId: number | null;
  at: Date;
  /** "none" for a first certification: finding a current certificate then means another recognition won the race. */
  replaces?: "none" | "current";
  /** The rules the product was evaluated under (a dossier's); default: those in force on the decision date. */
  rules?: RuleSet;
};

/** A certificate as recognition or the import records it. */
export type NewCertificate = Pick<
  Certificate,
  "number" | "productId" | "stars" | "decisionNumber" | "decisionDate" | "issuedOn" | "expiresOn" | "issuedBy"
> &
  Partial<Pick<Certificate, "numberAssignedBySystem">>;

/** The one place a certificate row is made (in force: neither revoked nor superseded); answers its id. */
export async function insertCertificate(m: EntityManager, row: NewCertificate): Promise<number> {
  const result = await m.insert(Certificate, {
    ...row,
    revokedOn: null,
    revocationReason: null,
    revocationDecisionNumber: null,
    supersededById: null,
  });
  return Number(result.identifiers[0].id);
}

/** Changes the fields of a certificate row as an import corrects them (never its status). */
export async function updateCertificateRow(
  m: EntityManager,
  id: number,
  values: Partial<NewCertificate>,
): Promise<void> {
  await m.update(Certificate, id, values);
}

/**
 * Issues a certificate in the caller's transaction: valid from the decision date for the validity months
 * of the dossier's rules (or, without a dossier, those in force that day); it supersedes the product's current certificate (re-evaluation,
 * upgrade), and the product shows in the catalog with the new stars at once.
 */
export async function issueCertificate(m: EntityManager, issue: Issue): Promise<Certificate> {
  const rules = issue.rules ?? (await ruleSetOn(m, issue.decisionDate));
  // The product's row is held until commit: two recognitions of one product take turns, so it never has two current certificates.
  const product = await lockRow(m, Product, issue.productId);
  if (!product) throw notFound("catalog.noProduct");
  const { currentCertificateId } = product;
  if (currentCertificateId && issue.replaces === "none") throw conflict("certificate.certifiedMeanwhile");
  const certificate = await m.findOneByOrFail(Certificate, {
    id: await insertCertificate(m, {
      number: issue.number,
      productId: issue.productId,
      stars: issue.stars,
      decisionNumber: issue.decisionNumber,
      decisionDate: issue.decisionDate,
      issuedOn: issue.decisionDate,
      expiresOn: addMonths(issue.decisionDate, rules.certificateValidityMonths),
      issuedBy: issue.issuedBy ?? (issue.stars === 5 ? IssuingLevel.CENTRAL : IssuingLevel.PROVINCE),
    }),
  });
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
  await catalogWritten(m, { certificates: [issue.productId] });
  return certificate;
}

/**
 * The next number from the configured pattern for a decision of this year ({seq} counts per year), in the
 * caller's transaction; a number already taken (typed in by hand, imported) is skipped.
 */
export async function nextCertificateNumber(
  m: EntityManager,
  pattern: string,
  decisionDate: LocalDate,
): Promise<string> {
  const year = Number(decisionDate.slice(0, 4));
  const sequence =
    (await lockRow(m, CertificateSequence, { year })) ?? m.create(CertificateSequence, { year, last: 0 });
  let number: string;
  do {
    sequence.last += 1;
    number = pattern
      .replace(/\{year\}/g, String(year))
      .replace(/\{seq\}/g, String(sequence.last).padStart(4, "0"));
  } while (await findByNumber(m, number));
  await m.save(sequence);
  return number;
}

/**
 * After certificates of a product were added out of date order (an import of its history), makes the
 * newest by decision date the current one and marks the older ones still standing as superseded by it,
 * as a re-evaluation would have.
 */
export async function settleSupersession(
  m: EntityManager,
  productId: number,
  by: { at: Date; actorId: number | null; note: string },
): Promise<void> {
  const standing = await m.find(Certificate, {
    where: { productId, revokedOn: IsNull(), supersededById: IsNull() },
    order: { issuedOn: "DESC", id: "DESC" },
  });
  const [newest, ...older] = standing;
  for (const old of older) {
    await m.update(Certificate, old.id, { supersededById: newest.id });
    await audit(m, {
      at: by.at,
      actorId: by.actorId,
      action: "CERTIFICATE_SUPERSEDED",
      subjectType: "Certificate",
      subjectId: old.id,
      toStatus: "SUPERSEDED",
      note: `by ${newest.number}; ${by.note}`,
    });
  }
  // The caller names the product to catalogWritten (an import, once for all its products).
}
