import { In, type DataSource, type EntityManager } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import { requireViewer } from "../auth/auth.service";
import type { Viewer } from "../auth/auth.types";
import { inViewerCommune, viewerCommunes } from "../auth/scope";
import { Role } from "../auth/user.entity";
import { CatalogGeneration } from "../catalog/generation";
import { Product } from "../catalog/product.entity";
import { refreshCurrentCertificate } from "../catalog/product-index";
import { badInput, conflict, invalidTransition, notFound } from "../core/errors";
import { enumRef } from "../i18n/messages";
import { inTransaction, lockRow } from "../db/transaction";
import { parseId } from "../core/ids";
import { addDays, isLocalDate, type LocalDate } from "../core/time";
import type { Context } from "../context";
import { Commune } from "../geography/commune.entity";
import {
  Inspection,
  RecommendationStatus,
  RevocationRecommendation,
  Violation,
} from "../oversight/oversight.entity";
import { ruleSetOn } from "../rules/rule-set.entity";
import { Certificate, CertificateStatus, certificateStatus } from "./certificate.entity";
import { findByNumber } from "./certificate.service";
import { ExpiryNotice } from "./expiry-notice.entity";
import type {
  CommuneCertificates,
  ExpiringArgs,
  ExpiryNoticeInput,
  InspectionInput,
  RecognizedInArgs,
  RevocationRecommendationInput,
  RevokeCertificateInput,
} from "./lifecycle.types";

const MAX_LIST = 5000;

/** Trimmed, or null when blank (lengths and blanks of required text are the input classes' rules). */
const text = (value: string | null | undefined): string | null => value?.trim() || null;

const pastDate = (date: LocalDate, today: LocalDate, argument: string) => {
  if (!isLocalDate(date) || date > today) throw badInput("field.notFuture", argument);
};

/**
 * After recognition: expiry notices, the report of a year's certificates, inspections and violations,
 * and revocation (the commune recommends, the province decides). Every step is audited in its transaction.
 */
export class CertificateLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly generation: CatalogGeneration,
  ) {}

  /** Current certificates expiring within the window (and, if asked, expired and not replaced), oldest expiry first. */
  async expiring(
    ctx: Context,
    { withinDays, communeCodes, includeExpired }: ExpiringArgs,
  ): Promise<Certificate[]> {
    const viewer = requireViewer(ctx);
    const qb = this.currentCertificates(viewer, communeCodes).andWhere("c.expiresOn <= :until", {
      until: addDays(ctx.today, withinDays),
    });
    if (!includeExpired) qb.andWhere("c.expiresOn >= :today", { today: ctx.today });
    return qb.orderBy("c.expiresOn", "ASC").addOrderBy("c.id", "ASC").limit(MAX_LIST).getMany();
  }

  async recordNotice(ctx: Context, input: ExpiryNoticeInput): Promise<Certificate> {
    const viewer = requireViewer(ctx);
    pastDate(input.sentOn, ctx.today, "input.sentOn");
    const note = text(input.note);
    return inTransaction(this.dataSource, async (m) => {
      const certificate = await this.visibleCertificate(m, viewer, input.certificateNumber, { lock: true });
      const status = certificateStatus(certificate, ctx.today);
      if (status === CertificateStatus.REVOKED || status === CertificateStatus.SUPERSEDED) {
        throw badInput("certificate.noNoticeDue", "input.certificateNumber", {
          status: enumRef("CertificateStatus", status),
        });
      }
      const existing = await m.findOneBy(ExpiryNotice, { certificateId: certificate.id });
      if (existing) throw conflict("certificate.noticeRecorded", { sentOn: existing.sentOn });
      const rules = await ruleSetOn(m, input.sentOn);
      const late = input.sentOn > addDays(certificate.expiresOn, -rules.expiryNoticeDays);
      await m.insert(ExpiryNotice, {
        certificateId: certificate.id,
        sentOn: input.sentOn,
        channel: input.channel,
        note,
        late,
        recordedById: viewer.id,
      });
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "EXPIRY_NOTICE_RECORDED",
        subjectType: "Certificate",
        subjectId: certificate.id,
        note: `${input.channel} on ${input.sentOn}${late ? `, late (less than ${rules.expiryNoticeDays} days before ${certificate.expiresOn})` : ""}`,
      });
      return certificate;
    });
  }

  /** Certificates whose recognition decision falls in the year, per commune (the list attached to the province's letter). */
  async recognizedIn(
    ctx: Context,
    { recognizedYear: year, communeCodes }: RecognizedInArgs,
  ): Promise<CommuneCertificates[]> {
    const viewer = requireViewer(ctx);
    const qb = this.dataSource
      .getRepository(Certificate)
      .createQueryBuilder("c")
      .innerJoin(Product, "p", "p.id = c.productId")
      .addSelect("p.communeCode", "communeCode")
      .where("c.decisionDate BETWEEN :start AND :end", { start: `${year}-01-01`, end: `${year}-12-31` });
    const scope = viewerCommunes(viewer);
    if (scope) qb.andWhere("p.communeCode IN (:...scope)", { scope });
    if (communeCodes?.length) qb.andWhere("p.communeCode IN (:...communeCodes)", { communeCodes });
    const { entities, raw } = await qb
      .orderBy("p.communeCode", "ASC")
      .addOrderBy("c.expiresOn", "ASC")
      .addOrderBy("c.id", "ASC")
      .limit(MAX_LIST)
      .getRawAndEntities();
    const byCommune = new Map<string, Certificate[]>();
    entities.forEach((c, i) => {
      const code = (raw[i] as { communeCode: string }).communeCode;
      byCommune.set(code, [...(byCommune.get(code) ?? []), c]);
    });
    const communes = (await ctx.loaders.commune.loadMany([...byCommune.keys()])).filter(
      (c): c is Commune => c instanceof Commune,
    );
    return communes
      .sort((a, b) => a.position - b.position)
      .map((commune) => ({ commune, certificates: byCommune.get(commune.code)! }));
  }

  async recordInspection(
    ctx: Context,
    input: InspectionInput,
  ): Promise<{ inspection: Inspection; violations: Violation[] }> {
    const viewer = requireViewer(ctx);
    pastDate(input.inspectedOn, ctx.today, "input.inspectedOn");
    const findings = text(input.findings);
    const violations = (input.violations ?? []).map((v) => ({
      kind: v.kind,
      description: v.description.trim(),
    }));
    const productId = parseId(input.productId, "input.productId");
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

  async inspections(ctx: Context, rawProductId: string): Promise<Inspection[]> {
    const viewer = requireViewer(ctx);
    const product = await this.dataSource
      .getRepository(Product)
      .findOneBy({ id: parseId(rawProductId, "productId") });
    if (!product || !inViewerCommune(viewer, product.communeCode)) return [];
    return this.dataSource
      .getRepository(Inspection)
      .find({ where: { productId: product.id }, order: { inspectedOn: "DESC", id: "DESC" } });
  }

  async recommend(ctx: Context, input: RevocationRecommendationInput): Promise<RevocationRecommendation> {
    const viewer = requireViewer(ctx);
    const reason = input.reason.trim();
    const violationIds = [
      ...new Set((input.violationIds ?? []).map((id) => parseId(id, "input.violationIds"))),
    ];
    return inTransaction(this.dataSource, async (m) => {
      const certificate = await this.visibleCertificate(m, viewer, input.certificateNumber, { lock: true });
      if (certificateStatus(certificate, ctx.today) !== CertificateStatus.ACTIVE) {
        throw badInput("certificate.onlyActive", "input.certificateNumber", {
          status: enumRef("CertificateStatus", certificateStatus(certificate, ctx.today)),
        });
      }
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
        note: reason,
      });
      return recommendation;
    });
  }

  /** The province's queue (commune officers: their commune's recommendations). */
  recommendations(
    ctx: Context,
    status: RecommendationStatus | null | undefined,
  ): Promise<RevocationRecommendation[]> {
    const viewer = requireViewer(ctx);
    const scope = viewerCommunes(viewer);
    return this.dataSource.getRepository(RevocationRecommendation).find({
      where: { ...(status ? { status } : {}), ...(scope ? { communeCode: In(scope) } : {}) },
      order: { id: "ASC" },
      take: MAX_LIST,
    });
  }

  async revoke(ctx: Context, input: RevokeCertificateInput): Promise<Certificate> {
    const viewer = requireViewer(ctx);
    const decisionNumber = input.decisionNumber.trim();
    const reason = input.reason.trim();
    pastDate(input.decisionDate, ctx.today, "input.decisionDate");
    const certificate = await inTransaction(this.dataSource, async (m) => {
      const certificate = await this.visibleCertificate(m, viewer, input.certificateNumber, { lock: true });
      const status = certificateStatus(certificate, ctx.today);
      if (status === CertificateStatus.REVOKED || status === CertificateStatus.SUPERSEDED) {
        throw invalidTransition("certificate.already", { status: enumRef("CertificateStatus", status) });
      }
      // Conditional, so that two revocations of one certificate cannot both pass.
      const updated = await m
        .createQueryBuilder()
        .update(Certificate)
        .set({
          revokedOn: input.decisionDate,
          revocationReason: reason,
          revocationDecisionNumber: decisionNumber,
        })
        .where("id = :id AND revokedOn IS NULL", { id: certificate.id })
        .execute();
      if (updated.affected !== 1) throw conflict("certificate.revokedMeanwhile");
      await m.update(
        RevocationRecommendation,
        { certificateId: certificate.id, status: RecommendationStatus.PENDING },
        { status: RecommendationStatus.ACCEPTED, decidedById: viewer.id, decisionNote: decisionNumber },
      );
      await refreshCurrentCertificate(m, certificate.productId); // out of the catalog at once
      await CatalogGeneration.bump(m);
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "CERTIFICATE_REVOKED",
        subjectType: "Certificate",
        subjectId: certificate.id,
        fromStatus: status,
        toStatus: CertificateStatus.REVOKED,
        note: `${decisionNumber} of ${input.decisionDate}: ${reason}`,
      });
      return m.findOneByOrFail(Certificate, { id: certificate.id });
    });
    this.generation.changed();
    return certificate;
  }

  async reject(ctx: Context, rawId: string, rawReason: string): Promise<RevocationRecommendation> {
    const viewer = requireViewer(ctx);
    const reason = rawReason.trim();
    return inTransaction(this.dataSource, async (m) => {
      const recommendation = await m.findOneBy(RevocationRecommendation, { id: parseId(rawId, "id") });
      if (!recommendation) throw notFound("recommendation.notFound");
      if (recommendation.status !== RecommendationStatus.PENDING)
        throw invalidTransition("recommendation.already", {
          status: enumRef("RecommendationStatus", recommendation.status),
        });
      const updated = await m.update(
        RevocationRecommendation,
        { id: recommendation.id, status: RecommendationStatus.PENDING },
        { status: RecommendationStatus.REJECTED, decidedById: viewer.id, decisionNote: reason },
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

  /** Certificates that are each product's current one (neither revoked nor superseded), in the viewer's scope. */
  private currentCertificates(viewer: Viewer, communeCodes?: string[] | null) {
    const qb = this.dataSource
      .getRepository(Certificate)
      .createQueryBuilder("c")
      .innerJoin(Product, "p", "p.id = c.productId")
      .where("c.revokedOn IS NULL AND c.supersededById IS NULL");
    const scope = viewerCommunes(viewer);
    if (scope) qb.andWhere("p.communeCode IN (:...scope)", { scope });
    if (communeCodes?.length) qb.andWhere("p.communeCode IN (:...communeCodes)", { communeCodes });
    return qb;
  }

  /** A certificate by number, if its product is in the viewer's commune (else NOT_FOUND, as if absent). */
  private async visibleCertificate(
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
}

export const LIFECYCLE_ROLES = [Role.PROVINCE_OFFICER, Role.COMMUNE_OFFICER];
