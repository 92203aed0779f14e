import { type DataSource } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import { requireViewer } from "../auth/auth.service";
import type { Viewer } from "../auth/auth.types";
import { viewerCommunes } from "../auth/scope";
import { Role } from "../auth/user.entity";
import { type CatalogGeneration } from "../catalog/generation";
import { Product } from "../catalog/product.entity";
import { badInput, conflict } from "../core/errors";
import { enumRef } from "../i18n/messages";
import { inTransaction } from "../core/transaction";
import { addDays } from "../core/time";
import type { RequestScope } from "../request";
import { UNPAGED_LIST_MAX } from "../core/connection";
import { blankToNull } from "../core/text";
import { requireNotFuture } from "../core/validation";
import { Commune } from "../geography/commune.entity";
import { ruleSetOn } from "../rules/rule-set.entity";
import { Certificate, CertificateStatus, certificateStatus } from "./certificate.entity";
import { visibleCertificate } from "./certificate.service";
import { ExpiryNotice, NoticeAuthority, noticeIsLate } from "./expiry-notice.entity";
import type {
  CommuneCertificates,
  ExpiringArgs,
  ExpiryNoticeInput,
  RecognizedInArgs,
} from "./lifecycle.types";

/**
 * After recognition: expiry notices and the report of a year's certificates (inspections and revocation are
 * in oversight/). Every step is audited in its transaction.
 */
export class CertificateLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly generation: CatalogGeneration,
  ) {}

  /** Current certificates expiring within the window (and, if asked, expired and not replaced), oldest expiry first. */
  async expiring(
    ctx: RequestScope,
    { withinDays, communeCodes, includeExpired }: ExpiringArgs,
  ): Promise<Certificate[]> {
    const viewer = requireViewer(ctx);
    const qb = this.currentCertificates(viewer, communeCodes).andWhere("c.expiresOn <= :until", {
      until: addDays(ctx.today, withinDays),
    });
    if (!includeExpired) qb.andWhere("c.expiresOn >= :today", { today: ctx.today });
    return qb.orderBy("c.expiresOn", "ASC").addOrderBy("c.id", "ASC").limit(UNPAGED_LIST_MAX).getMany();
  }

  async recordNotice(ctx: RequestScope, input: ExpiryNoticeInput): Promise<Certificate> {
    const viewer = requireViewer(ctx);
    requireNotFuture(input.sentOn, ctx.today, "input.sentOn");
    const note = blankToNull(input.note);
    return inTransaction(this.dataSource, async (m) => {
      const certificate = await visibleCertificate(m, viewer, input.certificateNumber, { lock: true });
      const status = certificateStatus(certificate, ctx.today);
      if (status === CertificateStatus.REVOKED || status === CertificateStatus.SUPERSEDED) {
        throw badInput("certificate.noNoticeDue", "input.certificateNumber", {
          status: enumRef("CertificateStatus", status),
        });
      }
      const authority =
        input.authority ??
        (viewer.role === Role.COMMUNE_OFFICER ? NoticeAuthority.COMMUNE : NoticeAuthority.PROVINCE);
      const existing = await m.findOneBy(ExpiryNotice, {
        certificateId: certificate.id,
        sentOn: input.sentOn,
        authority,
      });
      if (existing)
        throw conflict("certificate.noticeRecorded", {
          sentOn: existing.sentOn,
          authority: enumRef("NoticeAuthority", authority),
        });
      if (input.letterDate) requireNotFuture(input.letterDate, ctx.today, "input.letterDate");
      const rules = await ruleSetOn(m, input.sentOn);
      const late = noticeIsLate(input.sentOn, certificate.expiresOn, rules.expiryNoticeDays);
      await m.insert(ExpiryNotice, {
        certificateId: certificate.id,
        sentOn: input.sentOn,
        channel: input.channel,
        authority,
        letterNumber: blankToNull(input.letterNumber),
        letterDate: input.letterDate ?? null,
        note,
        late,
        recordedById: viewer.id,
      });
      const letter = input.letterNumber?.trim()
        ? ` (${input.letterNumber.trim()}${input.letterDate ? ` of ${input.letterDate}` : ""})`
        : "";
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "EXPIRY_NOTICE_RECORDED",
        subjectType: "Certificate",
        subjectId: certificate.id,
        note: `${authority}${letter}, ${input.channel} on ${input.sentOn}${late ? `, late (less than ${rules.expiryNoticeDays} days before ${certificate.expiresOn})` : ""}`,
      });
      return certificate;
    });
  }

  /** Certificates whose recognition decision falls in the year, per commune (the list attached to the province's letter). */
  async recognizedIn(
    ctx: RequestScope,
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
      .limit(UNPAGED_LIST_MAX)
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
}

export const LIFECYCLE_ROLES = [Role.PROVINCE_OFFICER, Role.COMMUNE_OFFICER];
