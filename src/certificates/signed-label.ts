import { IsNull, Not } from "typeorm";
import { Memo } from "../core/memo";
import type { LocalDate } from "../core/time";
import type { RequestScope } from "../request";
import type { SigningKeys } from "../signing/keys";
import { Certificate, IssuingLevel } from "./certificate.entity";

/**
 * What a label's QR code carries besides the verification address: a compact JWS of the certificate signed
 * with the province's key, so that an app verifies a label with the published keys alone, without a
 * connection. Claim names are one letter: the QR code must stay scannable at 2 × 2 cm.
 */
export type LabelClaims = {
  /** The certificate number. */
  n: string;
  /** The product's name. */
  p: string;
  /** The producer's name (m: maker). */
  m: string;
  /** The commune's five-digit code. */
  c: string;
  /** Stars. */
  s: number;
  /** The recognition decision's date. */
  d: LocalDate;
  /** Valid until: the last day of validity. */
  u: LocalDate;
  /** Issuing level: P province, D district, C central (the Ministry). */
  l: string;
  /** The issuer: the province's two-digit code (General Statistics Office), e.g. "12" for Lai Châu. */
  iss: string;
};

export const LEVEL_CODES: Record<IssuingLevel, string> = {
  [IssuingLevel.PROVINCE]: "P",
  [IssuingLevel.DISTRICT]: "D",
  [IssuingLevel.CENTRAL]: "C",
};

/** The revocation list's JWS type (a certificate token has none, so one is never taken for the other). */
export const REVOCATION_LIST_TYPE = "ocop-revocations+jwt";

/** What the verification page says of the token on its address. */
export type TokenCheck =
  | { kind: "MATCHES" }
  /** Signed by the province, but the record now says otherwise on these claims (e.g. a renamed product). */
  | { kind: "DIFFERS"; claims: (keyof LabelClaims)[] }
  /** Not signed by any of the province's keys, or for another certificate: a forged or copied label. */
  | { kind: "INVALID" };

/** The revocation list is re-signed at least this often, so that its `iat` tells an app how fresh it is. */
const REVOCATION_LIST_TTL_MS = 60 * 60 * 1000;

export class SignedLabels {
  private readonly revocationLists = new Memo<string>(REVOCATION_LIST_TTL_MS, 4);

  constructor(private readonly keys: SigningKeys) {}

  jwks() {
    return this.keys.jwks();
  }

  /** The claims of a certificate as the records say now. */
  async claims(ctx: RequestScope, certificate: Certificate): Promise<LabelClaims> {
    const product = (await ctx.loaders.product.load(certificate.productId))!;
    const [producer, commune] = await Promise.all([
      ctx.loaders.producer.load(product.producerId),
      ctx.loaders.commune.load(product.communeCode),
    ]);
    return {
      n: certificate.number,
      p: product.name,
      m: producer?.name ?? "",
      c: product.communeCode,
      s: certificate.stars,
      d: certificate.decisionDate,
      u: certificate.expiresOn,
      l: LEVEL_CODES[certificate.issuedBy],
      iss: commune?.provinceCode ?? "",
    };
  }

  /** The certificate's signed token (Ed25519 is deterministic: the same record and key give the same token). */
  async token(ctx: RequestScope, certificate: Certificate): Promise<string> {
    return this.keys.sign(await this.claims(ctx, certificate), ctx.now);
  }

  /** Whether a token (from a label's QR code) is the province's and says what the record says. */
  async check(ctx: RequestScope, certificate: Certificate, token: string): Promise<TokenCheck> {
    const signed = await this.keys.verify(token);
    if (!signed || signed.n !== certificate.number) return { kind: "INVALID" };
    const now = await this.claims(ctx, certificate);
    const differing = (Object.keys(now) as (keyof LabelClaims)[]).filter((k) => signed[k] !== now[k]);
    return differing.length ? { kind: "DIFFERS", claims: differing } : { kind: "MATCHES" };
  }

  /**
   * The signed revocation list: `{ iat, r, s }`, the numbers of the certificates revoked (r) and
   * superseded (s), each sorted. Made again when the catalog changes (a revocation or a supersession raises
   * its generation) and at least hourly.
   */
  async revocationList(ctx: RequestScope): Promise<string> {
    const key = `${await ctx.catalogGeneration()}:${this.keys.signingKeyId(ctx.now)}`;
    return this.revocationLists.get(key, async () => {
      const rows = await ctx.reader.getRepository(Certificate).find({
        select: { number: true, revokedOn: true },
        where: [{ revokedOn: Not(IsNull()) }, { supersededById: Not(IsNull()) }],
      });
      const numbers = (revoked: boolean) =>
        rows
          .filter((c) => (c.revokedOn !== null) === revoked)
          .map((c) => c.number)
          .sort();
      return this.keys.sign(
        { iat: Math.floor(ctx.now.getTime() / 1000), r: numbers(true), s: numbers(false) },
        ctx.now,
        { typ: REVOCATION_LIST_TYPE },
      );
    });
  }
}
