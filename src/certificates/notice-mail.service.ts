import { Field, ObjectType } from "type-graphql";
import type { DataSource, EntityManager } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import { requireViewer } from "../auth/auth.service";
import { inViewerCommune } from "../auth/scope";
import { Role } from "../auth/user.entity";
import { Producer } from "../catalog/producer.entity";
import { Product } from "../catalog/product.entity";
import { badInput, notFound } from "../core/errors";
import { inTransaction } from "../core/transaction";
import { enumRef } from "../i18n/messages";
import { keepBytes } from "../files/file-store";
import { StoredFile } from "../files/stored-file.entity";
import type { MailOutbox } from "../mail/outbox";
import type { PaperService } from "../papers/papers.service";
import { dmy } from "../papers/pdf";
import { PrintableDocumentKind } from "../papers/papers.types";
import type { RequestScope } from "../request";
import { ruleSetOn } from "../rules/rule-set.entity";
import { Certificate, CertificateStatus, certificateStatus } from "./certificate.entity";
import { visibleCertificate } from "./certificate.service";
import { ExpiryNotice, NoticeAuthority, NoticeChannel, noticeIsLate } from "./expiry-notice.entity";
import type { CertificateLifecycleService } from "./lifecycle.service";

@ObjectType({ description: "What sendExpiryNotices did for each certificate expiring in the window." })
export class SentExpiryNotices {
  @Field(() => [ExpiryNotice], { description: "Notices recorded now, their mails in the outbox." })
  queued: ExpiryNotice[];

  @Field(() => [Certificate], { description: "Already notified by e-mail today: nothing is sent again." })
  alreadyNotified: Certificate[];

  @Field(() => [Certificate], { description: "The producer has no e-mail address: nothing is recorded." })
  withoutEmail: Certificate[];
}

type Outcome =
  | { queued: ExpiryNotice }
  | { already: ExpiryNotice; certificate: Certificate }
  | { withoutEmail: Certificate; producer: string };

/**
 * Expiry notices sent by e-mail: the notice (channel EMAIL, today, the sender's authority) and its mail, with
 * the EXPIRY_NOTICE letter as PDF, written in one transaction; the outbox delivers it after the answer. One
 * e-mail notice per certificate and day.
 */
export class ExpiryMailService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deps: {
      outbox: MailOutbox;
      papers: PaperService;
      lifecycle: CertificateLifecycleService;
      filesDir: string;
    },
  ) {}

  async sendOne(ctx: RequestScope, number: string): Promise<ExpiryNotice> {
    const outcome = await this.notify(ctx, number);
    if ("withoutEmail" in outcome)
      throw badInput("notice.noEmail", "certificateNumber", { producer: outcome.producer });
    this.kick();
    return "queued" in outcome ? outcome.queued : outcome.already;
  }

  async sendAll(ctx: RequestScope, communeCode: string, withinDays: number): Promise<SentExpiryNotices> {
    if (!inViewerCommune(requireViewer(ctx), communeCode)) throw notFound("papers.noCommune");
    const expiring = await this.deps.lifecycle.expiring(ctx, {
      withinDays,
      communeCodes: [communeCode],
      includeExpired: false,
    });
    const sent = Object.assign(new SentExpiryNotices(), {
      queued: [],
      alreadyNotified: [],
      withoutEmail: [],
    });
    for (const certificate of expiring) {
      const outcome = await this.notify(ctx, certificate.number);
      if ("queued" in outcome) sent.queued.push(outcome.queued);
      else if ("already" in outcome) sent.alreadyNotified.push(outcome.certificate);
      else sent.withoutEmail.push(outcome.withoutEmail);
    }
    if (sent.queued.length) this.kick();
    return sent;
  }

  private async decide(
    m: EntityManager,
    ctx: RequestScope,
    number: string,
    { lock }: { lock: boolean },
  ): Promise<Decision> {
    const viewer = requireViewer(ctx);
    const certificate = await visibleCertificate(m, viewer, number, { lock });
    const status = certificateStatus(certificate, ctx.today);
    if (status === CertificateStatus.REVOKED || status === CertificateStatus.SUPERSEDED)
      throw badInput("certificate.noNoticeDue", "certificateNumber", {
        status: enumRef("CertificateStatus", status),
      });
    const authority =
      viewer.role === Role.COMMUNE_OFFICER ? NoticeAuthority.COMMUNE : NoticeAuthority.PROVINCE;
    // Today's e-mail notice (anyone's), or this sender's notice of today by another channel (one per day).
    const already =
      (await m.findOneBy(ExpiryNotice, {
        certificateId: certificate.id,
        sentOn: ctx.today,
        channel: NoticeChannel.EMAIL,
      })) ??
      (await m.findOneBy(ExpiryNotice, { certificateId: certificate.id, sentOn: ctx.today, authority }));
    if (already) return { already, certificate };
    const product = await m.findOneByOrFail(Product, { id: certificate.productId });
    const producer = await m.findOneByOrFail(Producer, { id: product.producerId });
    if (!producer.email) return { withoutEmail: certificate, producer: producer.name };
    return { queue: { certificate, product, producer: producer as Producer & { email: string }, authority } };
  }

  /** The mails leave once the answer is on its way. */
  private kick() {
    setImmediate(() => void this.deps.outbox.deliverDue().catch(() => undefined));
  }

  private async notify(ctx: RequestScope, number: string): Promise<Outcome> {
    const viewer = requireViewer(ctx);
    // Decided first without the letter: it is made (as the viewer may read) only for a mail that will leave.
    const first = await this.decide(this.dataSource.manager, ctx, number, { lock: false });
    if (!("queue" in first)) return first;
    const { title, pdf } = await this.deps.papers.render(ctx, {
      kind: PrintableDocumentKind.EXPIRY_NOTICE,
      certificateNumber: number,
    });
    const sha256 = await keepBytes(this.deps.filesDir, pdf);
    return inTransaction(this.dataSource, async (m): Promise<Outcome> => {
      // Again, locked: two requests for one certificate take turns, and the second finds the first's notice.
      const decided = await this.decide(m, ctx, number, { lock: true });
      if (!("queue" in decided)) return decided;
      const { certificate, product, producer, authority } = decided.queue;
      const rules = await ruleSetOn(m, ctx.today);
      const late = noticeIsLate(ctx.today, certificate.expiresOn, rules.expiryNoticeDays);
      const notice = await m.save(
        m.create(ExpiryNotice, {
          certificateId: certificate.id,
          sentOn: ctx.today,
          channel: NoticeChannel.EMAIL,
          authority,
          letterNumber: null,
          letterDate: null,
          note: `e-mail to ${producer.email}`,
          late,
          recordedById: viewer.id,
        }),
      );
      const file = await m.save(
        m.create(StoredFile, {
          sha256,
          size: pdf.length,
          contentType: "application/pdf",
          originalName: `thong-bao-${certificate.number.replace(/[^\w.-]/g, "_")}.pdf`,
          purpose: "notice",
          uploadedById: viewer.id,
          createdAt: ctx.now,
        }),
      );
      await this.deps.outbox.queue(m, {
        noticeId: notice.id,
        recipient: producer.email,
        subject: title,
        body: mailBody(producer.name, product.name, certificate, rules.expiryNoticeDays),
        attachment: { fileId: file.id, name: file.originalName },
      });
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "EXPIRY_NOTICE_RECORDED",
        subjectType: "Certificate",
        subjectId: certificate.id,
        note: `${authority}, EMAIL to ${producer.email} on ${ctx.today} (letter sha256 ${sha256})${late ? `, late (less than ${rules.expiryNoticeDays} days before ${certificate.expiresOn})` : ""}`,
      });
      return { queued: notice };
    });
  }
}

/** What to do for one certificate: nothing (already notified today, or no address), or queue a mail. */
type Decision =
  | Outcome
  | {
      queue: {
        certificate: Certificate;
        product: Product;
        producer: Producer & { email: string };
        authority: NoticeAuthority;
      };
    };

/** The mail's text (Vietnamese, UTF-8); the letter itself is the attached PDF. */
const mailBody = (producer: string, product: string, c: Certificate, noticeDays: number) =>
  [
    `Kính gửi ${producer},`,
    "",
    `Giấy chứng nhận sản phẩm OCOP số ${c.number} (${c.stars} sao) của sản phẩm "${product}" hết hiệu lực sau ngày ${dmy(c.expiresOn)}.`,
    `Để tiếp tục sử dụng biểu trưng OCOP, đề nghị chủ thể lập hồ sơ đánh giá lại và nộp cho Ủy ban nhân dân xã trước thời hạn của đợt đánh giá (chủ thể được thông báo ít nhất ${noticeDays} ngày trước khi giấy chứng nhận hết hiệu lực).`,
    "",
    "Thông báo chính thức được gửi kèm theo thư này (tệp PDF).",
    "",
    "Thư này được gửi tự động từ hệ thống quản lý Chương trình OCOP; xin không trả lời thư này.",
  ].join("\n");
