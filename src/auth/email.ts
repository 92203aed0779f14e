import { domainToASCII } from "node:url";

/** An address as stored and compared: the shape every account's e-mail has. */
const STORED = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9-]+(\.[a-z0-9-]+)+$/;

/**
 * The one spelling of an e-mail address, or null when it has none: NFKC, lower case, an internationalised
 * domain as punycode ("x.vñ" → "x.xn--v-…"), and nothing but ASCII. Accounts are stored so and looked up so
 * (under a byte-for-byte collation), and the login throttle counts per account after that lookup: an
 * address spelled with a look-alike letter or an invisible character is refused, never a new key for
 * one account.
 */
export function normaliseEmail(raw: string): string | null {
  const text = raw.normalize("NFKC").trim().toLowerCase();
  const at = text.lastIndexOf("@");
  if (at < 1 || text.length > 254) return null;
  const domain = domainToASCII(text.slice(at + 1));
  const email = `${text.slice(0, at)}@${domain}`;
  return domain && email.length <= 254 && STORED.test(email) ? email : null;
}
