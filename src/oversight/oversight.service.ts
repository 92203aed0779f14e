import { In, type DataSource } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import { requireViewer } from "../auth/auth.service";
import { inViewerCommune, viewerCommunes } from "../auth/scope";
import { type CatalogGeneration } from "../catalog/generation";
import { catalogWritten } from "../catalog/catalog-written";
import { Product } from "../catalog/product.entity";
import {
  Certificate,
  CertificateStatus,
  certificateStatus,
  type CitedGround,
  RevocationAuthority,
} from "../certificates/certificate.entity";
import type { LocalDate } from "../core/time";
import { type RuleSet, ruleSetOn } from "../rules/rule-set.entity";
import { visibleCertificate } from "../certificates/certificate.service";
import { badInput, conflict, invalidTransition, notFound } from "../core/errors";
import { parseId } from "../core/ids";
import type { RequestScope } from "../request";
import { UNPAGED_LIST_MAX } from "../core/connection";
import { blankToNull } from "../core/text";
import { requireNotFuture } from "../core/validation";
import { inTransaction } from "../core/transaction";
import { enumRef } from "../i18n/messages";
import { Inspection, RecommendationStatus, RevocationRecommendation, Violation } from "./oversight.entity";
import { RecommendationAction, recommendationRow } from "./recommendation-workflow";
import type {
  InspectionInput,
  MinistryRefusalInput,
  MinistryRevocationProposalInput,
  RevocationRecommendationInput,
  RevokeCertificateInput,
} from "./oversight.types";

/**
 * Oversight of certified products: inspections of the use of the OCOP logo and mark, the violations they
 * find, and revocation (the commune recommends, the province decides). Every step is audited in its
 * transaction; a revocation takes the product out of the catalog at once.
 */
export class OversightService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly generation: CatalogGeneration,
  ) {}

  async recordInspection(
    ctx: RequestScope,
    input: InspectionInput,
  ): Promise<{ inspection: Inspection; violations: Violation[] }> {
    const viewer = requireViewer(ctx);
    requireNotFuture(input.inspectedOn, ctx.today, "input.inspectedOn");
    const findings = blankToNull(input.findings);
    const violations = (input.violations ?? []).map((v) => ({
      kind: v.kind,
      description: v.description.trim(),
    }));
    const productId = parseId(input.productId, "input.productId", "Product");
    return inTransaction(this.dataSource, async (m) => {
      const product = await m.findOneBy(Product, { id: productId });
      if (!product || !inViewerCommune(viewer, product.communeCode)) throw notFound("catalog.noProduct");
      const inspection = await m.save(
        m.create(Inspection, {
          productId,
          communeCode: product.communeCode,
          inspectedOn: input.inspectedOn,
          inspectorId: viewer.id,
          logoUseCompliant: input.logoUseCompliant,
          findings,
        }),
      );
      const saved = await m.save(
        violations.map((v) => m.create(Violation, { ...v, inspectionId: inspection.id })),
      );
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "INSPECTION_RECORDED",
        subjectType: "Product",
        subjectId: productId,
        note: `on ${input.inspectedOn}: logo ${input.logoUseCompliant ? "used correctly" : "misused"}, ${saved.length} violation(s)${saved.length ? `: ${saved.map((v) => v.kind).join(", ")}` : ""}`,
      });
      return { inspection, violations: saved };
    });
  }

  async inspections(ctx: RequestScope, rawProductId: string): Promise<Inspection[]> {
    const viewer = requireViewer(ctx);
    const product = await this.dataSource
      .getRepository(Product)
      .findOneBy({ id: parseId(rawProductId, "productId", "Product") });
    if (!product || !inViewerCommune(viewer, product.communeCode)) return [];
    return this.dataSource
      .getRepository(Inspection)
      .find({ where: { productId: product.id }, order: { inspectedOn: "DESC", id: "DESC" } });
  }

  async recommend(
    ctx: RequestScope,
    input: RevocationRecommendationInput,
  ): Promise<RevocationRecommendation> {
    const viewer = requireViewer(ctx);
    const reason = input.reason.trim();
    const violationIds = [
      ...new Set((input.violationIds ?? []).map((id) => parseId(id, "input.violationIds"))),
    ];
    return inTransaction(this.dataSource, async (m) => {
      const certificate = await visibleCertificate(m, viewer, input.certificateNumber, { lock: true });
      requireRevocable(certificate, ctx.today);
      const grounds = citedGrounds(await ruleSetOn(m, ctx.today), input.grounds);
      if (violationIds.length) {
        const found = await m
          .getRepository(Violation)
          .createQueryBuilder("v")
          .innerJoin(Inspection, "i", "i.id = v.inspectionId")
          .where("v.id IN (:...ids) AND i.productId = :productId", {
            ids: violationIds,
            productId: certificate.productId,
          })
          .getCount();
        if (found !== violationIds.length) throw badInput("certificate.notThisProduct", "input.violationIds");
      }
      if (
        await m.existsBy(RevocationRecommendation, {
          certificateId: certificate.id,
          status: RecommendationStatus.PENDING,
        })
      ) {
        throw conflict("certificate.recommendationWaiting");
      }
      const product = await m.findOneByOrFail(Product, { id: certificate.productId });
      const recommendation = await m.save(
        m.create(RevocationRecommendation, {
          certificateId: certificate.id,
          communeCode: product.communeCode,
          reason,
          violationIds,
          grounds,
          status: RecommendationStatus.PENDING,
          recommendedById: viewer.id,
          decidedById: null,
          decisionNote: null,
        }),
      );
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "REVOCATION_RECOMMENDED",
        subjectType: "Certificate",
        subjectId: certificate.id,
        note: withGrounds(reason, grounds),
      });
      return recommendation;
    });
  }

  /** The province's queue (commune officers: their commune's recommendations). */
  recommendations(
    ctx: RequestScope,
    status: RecommendationStatus | null | undefined,
  ): Promise<RevocationRecommendation[]> {
    const viewer = requireViewer(ctx);
    const scope = viewerCommunes(viewer);
    return this.dataSource.getRepository(RevocationRecommendation).find({
      where: { ...(status ? { status } : {}), ...(scope ? { communeCode: In(scope) } : {}) },
      order: { id: "ASC" },
      take: UNPAGED_LIST_MAX,
    });
  }

  /**
   * Revokes a certificate on the decision of whoever the rule set says revokes it: the province for its
   * own (and former districts') certificates; for the Ministry's, the Ministry, once the province's
   * proposal is recorded (proposeRevocationToMinistry).
   */
  async revoke(ctx: RequestScope, input: RevokeCertificateInput): Promise<Certificate> {
    const viewer = requireViewer(ctx);
    const decisionNumber = input.decisionNumber.trim();
    const reason = input.reason.trim();
    requireNotFuture(input.decisionDate, ctx.today, "input.decisionDate");
    const certificate = await inTransaction(this.dataSource, async (m) => {
      const certificate = await visibleCertificate(m, viewer, input.certificateNumber, { lock: true });
      const status = certificateStatus(certificate, ctx.today);
      if (status === CertificateStatus.REVOKED || status === CertificateStatus.SUPERSEDED) {
        throw invalidTransition("certificate.already", { status: enumRef("CertificateStatus", status) });
      }
      const rules = await ruleSetOn(m, input.decisionDate);
      const revokedBy = revocationAuthority(rules, certificate);
      if (input.onMinistryInitiative && revokedBy !== RevocationAuthority.MINISTRY)
        throw badInput("certificate.provinceRevokes", "input.onMinistryInitiative");
      const pending =
        certificate.ministryRevocationProposal && !certificate.ministryRevocationProposal.refusal;
      if (revokedBy === RevocationAuthority.MINISTRY && !pending && !input.onMinistryInitiative)
        throw invalidTransition("certificate.ministryRevokes");
      const grounds = citedGrounds(rules, input.grounds);
      // Conditional, so that two revocations of one certificate cannot both pass.
      const updated = await m
        .createQueryBuilder()
        .update(Certificate)
        .set({
          revokedOn: input.decisionDate,
          revocationReason: reason,
          revocationDecisionNumber: decisionNumber,
          revocationGrounds: grounds,
          revokedBy,
        })
        .where("id = :id AND revokedOn IS NULL", { id: certificate.id })
        .execute();
      if (updated.affected !== 1) throw conflict("certificate.revokedMeanwhile");
      const accept = recommendationRow(RecommendationAction.REVOKE);
      await m.update(
        RevocationRecommendation,
        { certificateId: certificate.id, status: In(accept.from) },
        { status: accept.to, decidedById: viewer.id, decisionNote: decisionNumber },
      );
      await catalogWritten(m, { certificates: [certificate.productId] }); // out of the catalog at once
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "CERTIFICATE_REVOKED",
        subjectType: "Certificate",
        subjectId: certificate.id,
        fromStatus: status,
        toStatus: CertificateStatus.REVOKED,
        note:
          `${revokedBy === RevocationAuthority.MINISTRY ? "the Ministry's " : ""}${decisionNumber} of ${input.decisionDate}` +
          `${input.onMinistryInitiative ? " (on the Ministry's own initiative)" : ""}: ${withGrounds(reason, grounds)}`,
      });
      return m.findOneByOrFail(Certificate, { id: certificate.id });
    });
    this.generation.changed();
    return certificate;
  }

  /**
   * The Ministry's letter declining the province's pending proposal: the certificate stays in force and a
   * later proposal is possible.
   */
  async recordMinistryRefusal(ctx: RequestScope, input: MinistryRefusalInput): Promise<Certificate> {
    const viewer = requireViewer(ctx);
    requireNotFuture(input.letterDate, ctx.today, "input.letterDate");
    const letterNumber = input.letterNumber.trim();
    const reason = input.reason.trim();
    return inTransaction(this.dataSource, async (m) => {
      const certificate = await visibleCertificate(m, viewer, input.certificateNumber, { lock: true });
      const proposal = certificate.ministryRevocationProposal;
      if (!proposal || proposal.refusal || certificate.revokedOn)
        throw invalidTransition("certificate.noPendingProposal");
      if (input.letterDate < proposal.letterDate)
        throw badInput("certificate.refusalBeforeProposal", "input.letterDate", {
          letterDate: proposal.letterDate,
        });
      const refusal = { letterNumber, letterDate: input.letterDate, reason, recordedById: viewer.id };
      await m.update(Certificate, certificate.id, { ministryRevocationProposal: { ...proposal, refusal } });
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "MINISTRY_REFUSED_REVOCATION",
        subjectType: "Certificate",
        subjectId: certificate.id,
        note: `the Ministry's ${letterNumber} of ${input.letterDate} declines ${proposal.letterNumber}: ${reason}`,
      });
      return m.findOneByOrFail(Certificate, { id: certificate.id });
    });
  }

  /** The province's letter asking the Ministry to revoke a certificate the Ministry issued. */
  async proposeToMinistry(ctx: RequestScope, input: MinistryRevocationProposalInput): Promise<Certificate> {
    const viewer = requireViewer(ctx);
    requireNotFuture(input.letterDate, ctx.today, "input.letterDate");
    const letterNumber = input.letterNumber.trim();
    const reason = input.reason.trim();
    return inTransaction(this.dataSource, async (m) => {
      const certificate = await visibleCertificate(m, viewer, input.certificateNumber, { lock: true });
      requireRevocable(certificate, ctx.today);
      const rules = await ruleSetOn(m, input.letterDate);
      if (revocationAuthority(rules, certificate) !== RevocationAuthority.MINISTRY)
        throw invalidTransition("certificate.provinceRevokes");
      const existing = certificate.ministryRevocationProposal;
      // A refused proposal leaves the certificate as it was: the province may propose again.
      if (existing && !existing.refusal)
        throw conflict("certificate.proposedAlready", {
          letterNumber: existing.letterNumber,
          letterDate: existing.letterDate,
        });
      const proposal = {
        letterNumber,
        letterDate: input.letterDate,
        grounds: citedGrounds(rules, input.grounds),
        reason,
        proposedById: viewer.id,
      };
      await m.update(Certificate, certificate.id, { ministryRevocationProposal: proposal });
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "REVOCATION_PROPOSED_TO_MINISTRY",
        subjectType: "Certificate",
        subjectId: certificate.id,
        note: `${letterNumber} of ${input.letterDate}: ${withGrounds(reason, proposal.grounds)}`,
      });
      return m.findOneByOrFail(Certificate, { id: certificate.id });
    });
  }

  async reject(ctx: RequestScope, rawId: string, rawReason: string): Promise<RevocationRecommendation> {
    const viewer = requireViewer(ctx);
    const reason = rawReason.trim();
    return inTransaction(this.dataSource, async (m) => {
      const recommendation = await m.findOneBy(RevocationRecommendation, { id: parseId(rawId, "id") });
      if (!recommendation) throw notFound("recommendation.notFound");
      const reject = recommendationRow(RecommendationAction.REJECT);
      if (!reject.from.includes(recommendation.status))
        throw invalidTransition("recommendation.already", {
          status: enumRef("RecommendationStatus", recommendation.status),
        });
      const updated = await m.update(
        RevocationRecommendation,
        { id: recommendation.id, status: In(reject.from) },
        { status: reject.to, decidedById: viewer.id, decisionNote: reason },
      );
      if (updated.affected !== 1) throw conflict("recommendation.decidedMeanwhile");
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "REVOCATION_REJECTED",
        subjectType: "Certificate",
        subjectId: recommendation.certificateId,
        note: reason,
      });
      return m.findOneByOrFail(RevocationRecommendation, { id: recommendation.id });
    });
  }
}

/** Only a certificate still in force, or expired without being replaced, may be recommended or proposed for revocation. */
function requireRevocable(certificate: Certificate, today: LocalDate): void {
  const status = certificateStatus(certificate, today);
  if (status !== CertificateStatus.ACTIVE && status !== CertificateStatus.EXPIRED)
    throw badInput("certificate.onlyActive", "input.certificateNumber", {
      status: enumRef("CertificateStatus", status),
    });
}

/** Who revokes the certificate under the rules: by who issued it. */
function revocationAuthority(rules: RuleSet, certificate: Certificate): RevocationAuthority {
  return rules.revocationAuthority?.[certificate.issuedBy] === "MINISTRY"
    ? RevocationAuthority.MINISTRY
    : RevocationAuthority.PROVINCE;
}

/**
 * The rule set's grounds for the codes given (each once), as worded now, with their sources. At least one is
 * required; unknown codes are BAD_USER_INPUT.
 */
function citedGrounds(rules: RuleSet, codes: string[] | null | undefined): CitedGround[] {
  const wanted = [...new Set(codes ?? [])];
  const known = rules.revocationGrounds ?? [];
  if (wanted.length === 0)
    throw badInput("certificate.groundsRequired", "input.grounds", {
      version: rules.version,
      known: known.map((g) => g.code).join(", "),
    });
  const unknown = wanted.filter((code) => !known.some((g) => g.code === code));
  if (unknown.length)
    throw badInput("certificate.unknownGrounds", "input.grounds", {
      codes: unknown.join(", "),
      version: rules.version,
      known: known.map((g) => g.code).join(", "),
    });
  return wanted.map((code) => ({ ...known.find((g) => g.code === code)! }));
}

const withGrounds = (reason: string, grounds: CitedGround[]) =>
  `${reason} (grounds: ${grounds.map((g) => g.code).join(", ")})`;
