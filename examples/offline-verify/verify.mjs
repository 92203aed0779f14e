// Verifies an OCOP label offline: its token (from the QR code), the province's published keys
// (/.well-known/jwks.json) and the signed revocation list (/certificates/revocations.jws), all downloaded
// beforehand. No dependency and no network: Web Crypto's Ed25519, in Node 20+ and current browsers.

const REVOCATION_LIST_TYPE = "ocop-revocations+jwt";

const fromBase64Url = (text) => {
  if (!/^[\w-]*$/.test(text)) throw new Error("not base64url");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
};
const json = (bytes) => JSON.parse(new TextDecoder().decode(bytes));

/** The header and claims of a compact JWS signed (EdDSA) by one of the keys, or null. */
async function verifiedJws(jws, jwks, type) {
  try {
    const [header64, payload64, signature64, ...rest] = String(jws).split(".");
    if (rest.length || signature64 === undefined) return null;
    const header = json(fromBase64Url(header64));
    if (header.alg !== "EdDSA" || header.typ !== type) return null;
    const jwk = (jwks?.keys ?? []).find(
      (k) => k.kid === header.kid && k.kty === "OKP" && k.crv === "Ed25519",
    );
    if (!jwk) return null;
    const key = await crypto.subtle.importKey(
      "jwk",
      { kty: "OKP", crv: "Ed25519", x: jwk.x },
      { name: "Ed25519" },
      false,
      ["verify"],
    );
    const signed = new TextEncoder().encode(`${header64}.${payload64}`);
    if (!(await crypto.subtle.verify({ name: "Ed25519" }, key, fromBase64Url(signature64), signed)))
      return null;
    const claims = json(fromBase64Url(payload64));
    return claims && typeof claims === "object" && !Array.isArray(claims) ? claims : null;
  } catch {
    return null;
  }
}

/** The Vietnamese calendar date (UTC+7, no daylight saving) of an instant, as YYYY-MM-DD. */
const vietnamDate = (instant) => new Date(instant.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

/** The token of a label's QR code: the `t` of its verification URL (query or fragment), or the token itself. */
export function tokenOf(scanned) {
  const match = /[?#&]t=([\w.-]+)/.exec(scanned);
  return match ? match[1] : String(scanned).trim();
}

/**
 * The verdict on a label:
 * - FORGED: the token is not signed by any of the province's keys (or is malformed);
 * - REVOKED: its number is on the revocation list (revoked, or superseded by a newer certificate);
 * - EXPIRED: its last day of validity (Vietnam time) has passed;
 * - VALID: none of these.
 * Throws when the revocation list itself is not signed by these keys: an app must not say VALID on a list it
 * cannot trust. `listIssuedAt` tells the app how old its list is (sync again when it is too old).
 */
export async function verifyLabel({ token, jwks, revocationList, now = new Date() }) {
  const list = await verifiedJws(revocationList, jwks, REVOCATION_LIST_TYPE);
  if (!list || !Array.isArray(list.r) || !Array.isArray(list.s) || typeof list.iat !== "number")
    throw new Error("the revocation list is not signed by the province's keys");
  const listIssuedAt = new Date(list.iat * 1000);
  const claims = await verifiedJws(tokenOf(token), jwks, undefined);
  if (!claims || typeof claims.n !== "string" || typeof claims.u !== "string")
    return { verdict: "FORGED", listIssuedAt };
  if (list.r.includes(claims.n)) return { verdict: "REVOKED", reason: "REVOKED", claims, listIssuedAt };
  if (list.s.includes(claims.n)) return { verdict: "REVOKED", reason: "SUPERSEDED", claims, listIssuedAt };
  if (vietnamDate(now) > claims.u) return { verdict: "EXPIRED", claims, listIssuedAt };
  return { verdict: "VALID", claims, listIssuedAt };
}
