// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { Producer } from "../../src/catalog/producer.entity";
import { MailOutbox, MAX_REFUSALS } from "../../src/mail/outbox";
import { DeliveryStatus, OutboxMail } from "../../src/mail/outbox.entity";
import { createLogger } from "../../src/logger";
import { makeProduct } from "../support/factory";
import { codes, FixedClock, TEST_FILES_DIR } from "../support/http";
import { op } from "../support/operations";
import { useStaffApp } from "../support/staff";

const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
const TODAY = "2026-06-15";

/** A real SMTP server on this machine: it keeps what it receives, and refuses recipients while asked to. */
class TestMailServer {
  received: string[] = [];
  refuse = false;
  port = 0;
  private server: SMTPServer | null = null;

  async start(port = 0): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onRcptTo: (_address, _session, callback) => {
        if (!this.refuse) return callback();
        const refusal = new Error("5.1.1 Mailbox unavailable") as Error & { responseCode: number };
        refusal.responseCode = 550;
        callback(refusal);
      },
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          this.received.push(Buffer.concat(chunks).toString("utf8"));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

const smtp = new TestMailServer();
const config: { smtpUrl?: string; smtpFrom?: string } = { smtpFrom: "ocop@laichau.gov.vn" };
// Registered before the app's own beforeAll: the app is built with the server's address.
beforeAll(async () => {
  await smtp.start();
  config.smtpUrl = `smtp://127.0.0.1:${smtp.port}`;
});
afterAll(async () => {
  await t.app.services.outbox.stop();
  await smtp.stop().catch(() => undefined);
});
const t = useStaffApp(clock, { config });

type Answer = Awaited<ReturnType<typeof t.app.gql>>;
const ok = async (r: Promise<Answer>) => {
  const res = await r;
  expect(res.body.errors).toBeUndefined();
  return res.body.data;
};

/** RFC 2047 words of a header (=?UTF-8?B?…?= or =?UTF-8?Q?…?=) decoded, as a mail client shows them. */
const decodeHeader = (raw: string, name: string) => {
  const line = raw
    .match(new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, "mi"))![1]
    .replace(/\r?\n[ \t]/g, " ");
  return line
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, how: string, text: string) =>
      how.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          ).toString("utf8"),
    )
    .trim();
};

/** The mails the server received about one certificate (other tests' mails may arrive meanwhile). */
const mailsFor = (number: string) =>
  smtp.received.filter((m) => decodeHeader(m, "Subject").endsWith(`${number} sắp hết hiệu lực`));

/** A certificate of Bình Lư expiring in `days` days, its producer reachable at `email` (or not). */
async function expiringIn(days: number, name: string, email: string | null = "htx@example.vn") {
  const expiresOn = new Date(Date.parse(`${TODAY}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const { product, certificate } = await makeProduct(t.db.dataSource, {
    name,
    stars: 4,
    decisionDate: "2023-08-01",
    expiresOn,
  });
  await t.db.dataSource.getRepository(Producer).update(product.producerId, { email, name: `HTX ${name}` });
  return certificate!;
}

const send = (number: string, as = t.staff.province) =>
  t.app.gql(op("SendExpiryNotice"), { certificateNumber: number }, as.headers);
const deliveries = (number: string) =>
  t.app
    .gql(op("ExpiryNoticeDeliveries"), { number }, t.staff.province.headers)
    .then((r) => r.body.data.certificate);
const attemptsOf = async (noticeId: string) =>
  (await t.db.dataSource.getRepository(OutboxMail).findOneByOrFail({ noticeId: Number(noticeId) })).attempts;
/** Lets the mail the answer kicked off finish, then runs one more round of the sender. */
const deliver = async () => {
  await new Promise((r) => setImmediate(r));
  return t.app.services.outbox.deliverDue();
};

describe("expiry notices by e-mail", () => {
  it("records the notice, e-mails the holder in Vietnamese with the letter attached, and sends nothing twice the same day", async () => {
    const certificate = await expiringIn(40, "Chè Shan tuyết Phìn Hồ");
    const { sendExpiryNotice: notice } = await ok(send(certificate.number));
    expect(notice).toMatchObject({
      channel: "EMAIL",
      authority: "PROVINCE",
      sentOn: TODAY,
      late: false,
      certificate: { number: certificate.number },
      delivery: { status: "PENDING", recipient: "htx@example.vn", attempts: 0, sentAt: null },
    });
    await deliver();
    const mails = mailsFor(certificate.number);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(decodeHeader(mail, "Subject")).toBe(
      `Thông báo giấy chứng nhận sản phẩm OCOP ${certificate.number} sắp hết hiệu lực`,
    );
    expect(mail).toMatch(/^To: htx@example\.vn/m);
    expect(mail).toMatch(/^From: ocop@laichau\.gov\.vn/m);
    expect(mail).toMatch(/Content-Type: text\/plain; charset=utf-8/i);
    expect(mail).toMatch(/Content-Type: application\/pdf; name=thong-bao-/);
    expect(mail).toContain("JVBERi0"); // "%PDF-" in base64: the letter itself

    const seen = await deliveries(certificate.number);
    expect(seen).toMatchObject({
      noticeSentOn: TODAY,
      noticeLate: false,
      expiryNotices: [
        {
          id: notice.id,
          channel: "EMAIL",
          delivery: { status: "SENT", attempts: 1, sentAt: clock.instant.toISOString() },
        },
      ],
    });
    expect(seen.expiryNotices[0].delivery.serverResponse).toMatch(/^250 /);

    // The same day again: the same notice, no second mail.
    expect((await ok(send(certificate.number))).sendExpiryNotice.id).toBe(notice.id);
    await deliver();
    expect(mailsFor(certificate.number)).toHaveLength(1);
    expect(await t.db.dataSource.getRepository(OutboxMail).countBy({ noticeId: Number(notice.id) })).toBe(1);
  });

  it("refuses a producer without an e-mail address, and another commune's certificate", async () => {
    const silent = await expiringIn(20, "Miến dong Tam Đường", null);
    expect(codes(await send(silent.number))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await send(silent.number, t.staff.thanUyen))).toEqual(["NOT_FOUND"]);
    expect((await deliveries(silent.number)).expiryNotices).toEqual([]);
  });

  it("notifies every holder of the commune expiring in the window once: queued, already notified, without an address", async () => {
    const a = await expiringIn(25, "Gạo Séng Cù Bình Lư");
    const b = await expiringIn(26, "Mật ong Bình Lư", null);
    const c = await expiringIn(27, "Thảo quả Bình Lư");
    await ok(send(c.number, t.staff.binhLu));
    const { sendExpiryNotices: sent } = await ok(
      t.app.gql(op("SendExpiryNotices"), { communeCode: "03390", withinDays: 28 }, t.staff.binhLu.headers),
    );
    const numbers = (list: { number?: string; certificate?: { number: string } }[]) =>
      list.map((x) => x.number ?? x.certificate!.number);
    expect(numbers(sent.queued)).toContain(a.number);
    expect(sent.queued.every((q: { delivery: { status: string } }) => q.delivery.status === "PENDING")).toBe(
      true,
    );
    expect(numbers(sent.withoutEmail)).toContain(b.number);
    expect(numbers(sent.alreadyNotified)).toContain(c.number);
    // Asked again the same day: nothing is queued.
    const again = await ok(
      t.app.gql(op("SendExpiryNotices"), { communeCode: "03390", withinDays: 28 }, t.staff.binhLu.headers),
    );
    expect(again.sendExpiryNotices.queued).toEqual([]);
    expect(
      codes(
        await t.app.gql(
          op("SendExpiryNotices"),
          { communeCode: "03390", withinDays: 28 },
          t.staff.thanUyen.headers,
        ),
      ),
    ).toEqual(["NOT_FOUND"]);
    await deliver();
    const worklist = await ok(
      t.app.gql(
        op("NoticeDeliveriesOfExpiring"),
        { withinDays: 28, communeCodes: ["03390"] },
        t.staff.binhLu.headers,
      ),
    );
    const ofA = worklist.expiringCertificates.find((x: { number: string }) => x.number === a.number);
    expect(ofA.expiryNotices[0].delivery).toMatchObject({ status: "SENT", recipient: "htx@example.vn" });
  });

  it("loses nothing while the mail server is down, and sends within a minute of its return", async () => {
    const certificate = await expiringIn(33, "Chè Tả Lèng");
    await smtp.stop();
    const { sendExpiryNotice: notice } = await ok(send(certificate.number));
    await deliver();
    const down = (await deliveries(certificate.number)).expiryNotices.find(
      (n: { id: string }) => n.id === notice.id,
    );
    expect(down.delivery).toMatchObject({ status: "PENDING", attempts: 1, sentAt: null });
    expect(down.delivery.serverResponse).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
    // Not due yet: not tried again.
    await deliver();
    expect(await attemptsOf(notice.id)).toBe(1);

    await smtp.start(smtp.port);
    clock.instant = new Date(clock.instant.getTime() + 60_000);
    await deliver();
    const up = (await deliveries(certificate.number)).expiryNotices.find(
      (n: { id: string }) => n.id === notice.id,
    );
    expect(up.delivery).toMatchObject({ status: "SENT", attempts: 2 });
    expect(mailsFor(certificate.number)).toHaveLength(1);
  });

  it("marks a mail FAILED once the server kept refusing it, with its answer", async () => {
    const certificate = await expiringIn(34, "Rượu Sán Thàng");
    smtp.refuse = true;
    try {
      const { sendExpiryNotice: notice } = await ok(send(certificate.number));
      for (let i = 0; i < MAX_REFUSALS; i++) {
        await deliver();
        clock.instant = new Date(clock.instant.getTime() + 60_000);
      }
      const failed = (await deliveries(certificate.number)).expiryNotices.find(
        (n: { id: string }) => n.id === notice.id,
      );
      expect(failed.delivery).toMatchObject({ status: "FAILED", attempts: MAX_REFUSALS, sentAt: null });
      expect(failed.delivery.serverResponse).toMatch(/^550 /);
      await deliver();
      expect(await attemptsOf(notice.id)).toBe(MAX_REFUSALS); // never tried again
    } finally {
      smtp.refuse = false;
    }
  });

  it("sends each mail once however many instances run their sender at the same time", async () => {
    const certificate = await expiringIn(35, "Dong riềng Bình Lư");
    const settings = { smtpUrl: config.smtpUrl, smtpFrom: config.smtpFrom, filesDir: TEST_FILES_DIR };
    const log = createLogger("silent");
    const instances = [1, 2, 3].map(() => new MailOutbox(t.db.dataSource, settings, clock, log));
    const { sendExpiryNotice: notice } = await ok(send(certificate.number));
    await Promise.all([...instances.map((o) => o.deliverDue()), t.app.services.outbox.deliverDue()]);
    await Promise.all(instances.map((o) => o.stop()));
    expect(mailsFor(certificate.number)).toHaveLength(1);
    const mail = await t.db.dataSource
      .getRepository(OutboxMail)
      .findOneByOrFail({ noticeId: Number(notice.id) });
    expect(mail).toMatchObject({ status: DeliveryStatus.SENT, attempts: 1 });
  });

  it("judges noticeLate on the issuing authority's first written notice, not on a call", async () => {
    const certificate = await expiringIn(20, "Chè Sin Suối Hồ");
    await ok(
      t.app.gql(
        op("RecordExpiryNotice"),
        { input: { certificateNumber: certificate.number, sentOn: "2026-06-01", channel: "PHONE" } },
        t.staff.province.headers,
      ),
    );
    expect((await deliveries(certificate.number)).noticeLate).toBeNull(); // a call is not a written notice
    await ok(send(certificate.number)); // the province's e-mail, 20 days before expiry: late
    expect((await deliveries(certificate.number)).noticeLate).toBe(true);
    // The commune's e-mail is not the issuing authority's notice.
    const relayed = await expiringIn(50, "Chè Sin Suối Hồ 2");
    await ok(send(relayed.number, t.staff.binhLu));
    expect((await deliveries(relayed.number)).noticeLate).toBeNull();
  });
});
