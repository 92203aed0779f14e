import type { DataSource } from "typeorm";
import { manyBy, oneBy } from "../core/loaders";
import { OutboxMail } from "../mail/outbox.entity";
import { type Certificate, IssuingLevel } from "./certificate.entity";
import { ExpiryNotice, NoticeAuthority, NoticeChannel } from "./expiry-notice.entity";

export const createCertificateLoaders = (dataSource: DataSource) => ({
  /** The expiry notices of each certificate (province's letter, commune's relay…), in the order stored. */
  expiryNotices: manyBy<ExpiryNotice, number>(dataSource.manager, ExpiryNotice, "certificateId"),
  /** The e-mail of each notice sent through the outbox. */
  mailOfNotice: oneBy<OutboxMail, number>(dataSource.manager, OutboxMail, "noticeId"),
});

/**
 * Who should have told the holder, by who issued the certificate: the province for its own and the Ministry's
 * certificates (it relays the Ministry's), the commune for a former district's (the districts' work passed to
 * the communes on 1 July 2025). The province's working reading of the 2025 letter.
 */
const NOTIFIER: Record<IssuingLevel, NoticeAuthority> = {
  [IssuingLevel.PROVINCE]: NoticeAuthority.PROVINCE,
  [IssuingLevel.CENTRAL]: NoticeAuthority.PROVINCE,
  [IssuingLevel.DISTRICT]: NoticeAuthority.COMMUNE,
};

/** The first written notice (a letter or an e-mail, not a call) of the authority that issued the certificate. */
export const firstWrittenNotice = (
  c: Pick<Certificate, "issuedBy">,
  notices: ExpiryNotice[],
): ExpiryNotice | null =>
  firstNotice(
    notices.filter(
      (n) =>
        (n.channel === NoticeChannel.LETTER || n.channel === NoticeChannel.EMAIL) &&
        n.authority === NOTIFIER[c.issuedBy],
    ),
  );

/** The first notice sent, of any kind. */
export const firstNotice = (notices: ExpiryNotice[]): ExpiryNotice | null =>
  [...notices].sort((a, b) => a.sentOn.localeCompare(b.sentOn) || a.id - b.id)[0] ?? null;
