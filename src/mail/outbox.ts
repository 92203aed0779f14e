import { readFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { type DataSource, type EntityManager, LessThanOrEqual } from "typeorm";
import type { Clock } from "../core/time";
import { StoredFile } from "../files/stored-file.entity";
import type { Logger } from "pino";
import { DeliveryStatus, OutboxMail } from "./outbox.entity";

/** Refusals by the server (an SMTP reply) before a mail is FAILED; connection failures never count. */
export const MAX_REFUSALS = 5;
/** How long a sender holds a mail while it sends it. */
const HOLD_MS = 2 * 60_000;
/** Waits between tries: doubling from 15 s, never over a minute (the mail leaves within a minute of recovery). */
const retryAfterMs = (attempts: number) => Math.min(15_000 * 2 ** Math.max(0, attempts - 1), 60_000);
/** Mails one round of the sender takes. */
const BATCH = 20;

/** The mail server's address with short timeouts: an unreachable server is an outage, not a wait of minutes. */
const withTimeouts = (smtpUrl: string) => {
  const url = new URL(smtpUrl);
  for (const [key, ms] of [
    ["connectionTimeout", 10_000],
    ["greetingTimeout", 10_000],
    ["socketTimeout", 30_000],
  ] as const)
    if (!url.searchParams.has(key)) url.searchParams.set(key, String(ms));
  return url.toString();
};

export type MailSettings = { smtpUrl?: string; smtpFrom?: string };

/** What a mail to queue says. */
export type MailToQueue = Pick<OutboxMail, "noticeId" | "recipient" | "subject" | "body"> & {
  attachment?: { fileId: number; name: string };
};

/**
 * The e-mail outbox: mails are queued in the caller's transaction, and a sender delivers them through SMTP
 * (nodemailer) with retries and backoff. Each mail is claimed by a conditional UPDATE before it is sent, so
 * that two instances never send the same one; a sender that dies while holding one gives it back after
 * HOLD_MS (the mail may then leave twice: the only case where it can).
 */
export class MailOutbox {
  private readonly transport: Transporter | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private next: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: MailSettings & { filesDir: string },
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    this.transport = settings.smtpUrl ? nodemailer.createTransport(withTimeouts(settings.smtpUrl)) : null;
  }

  /** Whether mails can leave (SMTP_URL and SMTP_FROM are set); without them they wait in the outbox. */
  get configured(): boolean {
    return this.transport !== null && !!this.settings.smtpFrom;
  }

  /** Queues a mail in the caller's transaction: it leaves after the commit. */
  async queue(m: EntityManager, mail: MailToQueue): Promise<OutboxMail> {
    return m.save(
      m.create(OutboxMail, {
        noticeId: mail.noticeId,
        recipient: mail.recipient,
        subject: mail.subject,
        body: mail.body,
        attachmentFileId: mail.attachment?.fileId ?? null,
        attachmentName: mail.attachment?.name ?? null,
        status: DeliveryStatus.PENDING,
        attempts: 0,
        refusals: 0,
        nextAttemptAt: this.clock.now(),
        lockedUntil: null,
        lastAttemptAt: null,
        sentAt: null,
        serverResponse: null,
      }),
    );
  }

  /**
   * Sends every mail that is due in a round that starts after this call (rounds never overlap: while one
   * runs, the calls share the one that follows it); answers how many it tried.
   */
  deliverDue(): Promise<number> {
    if (!this.running) {
      this.running = this.round().finally(() => (this.running = null));
      return this.running;
    }
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = null;
        return this.deliverDue();
      });
    return this.next;
  }

  /** Runs a round every `intervalMs` until stop(). */
  start(intervalMs = 15_000): void {
    if (!this.configured || this.timer) return;
    this.timer = setInterval(() => {
      this.deliverDue().catch((e: unknown) =>
        this.log.error({ err: (e as Error).message }, "mail round failed"),
      );
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await (this.next ?? this.running);
    this.transport?.close();
  }

  private async round(): Promise<number> {
    if (!this.configured) return 0;
    const due = await this.dataSource.getRepository(OutboxMail).find({
      where: { status: DeliveryStatus.PENDING, nextAttemptAt: LessThanOrEqual(this.clock.now()) },
      order: { nextAttemptAt: "ASC", id: "ASC" },
      take: BATCH,
    });
    let tried = 0;
    for (const mail of due) {
      if (!(await this.claim(mail))) continue; // another instance has it
      await this.send(mail);
      tried++;
    }
    return tried;
  }

  /** Holds the mail for this sender, unless another holds it or it left meanwhile. */
  private async claim(mail: OutboxMail): Promise<boolean> {
    const now = this.clock.now();
    const claimed = await this.dataSource
      .createQueryBuilder()
      .update(OutboxMail)
      .set({ lockedUntil: new Date(now.getTime() + HOLD_MS) })
      .where("id = :id AND status = :pending AND (lockedUntil IS NULL OR lockedUntil < :now)", {
        id: mail.id,
        pending: DeliveryStatus.PENDING,
        now,
      })
      .execute();
    return claimed.affected === 1;
  }

  private async send(mail: OutboxMail): Promise<void> {
    const attempts = mail.attempts + 1;
    const now = this.clock.now();
    try {
      const attachments = await this.attachments(mail);
      const info = (await this.transport!.sendMail({
        from: this.settings.smtpFrom,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.body,
        attachments,
      })) as { response?: string };
      await this.settle(mail.id, {
        status: DeliveryStatus.SENT,
        attempts,
        lastAttemptAt: now,
        sentAt: now,
        serverResponse: info.response ?? "accepted",
      });
      this.log.info({ mail: mail.id, notice: mail.noticeId }, "mail sent");
    } catch (e) {
      const err = e as Error & { responseCode?: number; response?: string; code?: string };
      // A reply from the server is a refusal (counted); anything else (refused connection, timeout) is an outage.
      const refused = typeof err.responseCode === "number";
      const refusals = mail.refusals + (refused ? 1 : 0);
      const failed = refusals >= MAX_REFUSALS;
      await this.settle(mail.id, {
        status: failed ? DeliveryStatus.FAILED : DeliveryStatus.PENDING,
        attempts,
        refusals,
        lastAttemptAt: now,
        nextAttemptAt: new Date(now.getTime() + retryAfterMs(attempts)),
        serverResponse: (refused
          ? (err.response ?? err.message)
          : `${err.code ?? "ERROR"}: ${err.message}`
        ).slice(0, 2000),
      });
      this.log.warn(
        { mail: mail.id, code: err.code, responseCode: err.responseCode, failed },
        "mail not sent",
      );
    }
  }

  private settle(id: number, values: Partial<OutboxMail>) {
    return this.dataSource.getRepository(OutboxMail).update(id, { ...values, lockedUntil: null });
  }

  private async attachments(mail: OutboxMail) {
    if (!mail.attachmentFileId) return [];
    const file = await this.dataSource
      .getRepository(StoredFile)
      .findOneByOrFail({ id: mail.attachmentFileId });
    return [
      {
        filename: mail.attachmentName ?? file.originalName,
        content: await readFile(join(this.settings.filesDir, file.sha256)),
        contentType: file.contentType,
      },
    ];
  }
}
