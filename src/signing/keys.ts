import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { calculateJwkThumbprint, CompactSign, compactVerify, decodeProtectedHeader, type JWK } from "jose";

/**
 * The province's Ed25519 signing keys (what makes a label's token and the revocation list verifiable
 * offline). Kept in a file, never in the database: `SIGNING_KEY_FILE`, either one PKCS#8 PEM private key or
 * a JSON key file `{ "keys": [ { ...Ed25519 JWK, "kid", "from" } ] }` as `npm run keys:create` writes it.
 *
 * Rotation: each key signs from its `from` instant until the next key's; a retired key may lose its private
 * part (`d`) but stays in the file, so its public part stays published and the labels it signed still verify.
 */

/** A public key as published at /.well-known/jwks.json. */
export type PublicJwk = { kty: "OKP"; crv: "Ed25519"; x: string; kid: string; alg: "EdDSA"; use: "sig" };

/** One entry of the key file: an Ed25519 JWK (with `d` while it may sign), its id and the instant it signs from. */
export type StoredKey = { kty: "OKP"; crv: "Ed25519"; x: string; d?: string; kid: string; from: string };

type Key = {
  kid: string;
  from: Date;
  publicJwk: PublicJwk;
  publicKey: KeyObject;
  privateKey: KeyObject | null;
};

export class SigningKeyError extends Error {}

/** A key id: the first 8 characters of the key's RFC 7638 thumbprint (short: it is printed in every QR code). */
export async function keyId(jwk: { x: string }): Promise<string> {
  return (await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x: jwk.x })).slice(0, 8);
}

/** A new Ed25519 key that signs from `from`. */
export async function newStoredKey(from: Date): Promise<StoredKey> {
  const { privateKey } = generateKeyPairSync("ed25519");
  const jwk = privateKey.export({ format: "jwk" }) as { x: string; d: string };
  return { kty: "OKP", crv: "Ed25519", x: jwk.x, d: jwk.d, kid: await keyId(jwk), from: from.toISOString() };
}

export class SigningKeys {
  private readonly keys: Key[];

  private constructor(keys: Key[]) {
    // Newest first: the key that signs at an instant is the first whose `from` has come.
    this.keys = [...keys].sort((a, b) => b.from.getTime() - a.from.getTime());
  }

  static async fromStored(stored: StoredKey[]): Promise<SigningKeys> {
    const keys: Key[] = [];
    for (const entry of stored) {
      if (entry?.kty !== "OKP" || entry.crv !== "Ed25519" || typeof entry.x !== "string")
        throw new SigningKeyError("every key must be an Ed25519 JWK (kty OKP, crv Ed25519, x)");
      const from = new Date(entry.from ?? 0);
      if (Number.isNaN(from.getTime()))
        throw new SigningKeyError(`key ${entry.kid}: "from" must be an instant such as 2027-01-01T00:00:00Z`);
      const kid = entry.kid ?? (await keyId(entry));
      if (keys.some((k) => k.kid === kid)) throw new SigningKeyError(`key id ${kid} appears twice`);
      const jwk = { kty: "OKP", crv: "Ed25519", x: entry.x };
      const publicKey = createPublicKey({ key: jwk, format: "jwk" });
      const privateKey = entry.d ? createPrivateKey({ key: { ...jwk, d: entry.d }, format: "jwk" }) : null;
      if (privateKey) {
        const derived = createPublicKey(privateKey).export({ format: "jwk" }) as { x: string };
        if (derived.x !== entry.x) throw new SigningKeyError(`key ${kid}: its private part does not match x`);
      }
      keys.push({
        kid,
        from,
        publicJwk: { kty: "OKP", crv: "Ed25519", x: entry.x, kid, alg: "EdDSA", use: "sig" },
        publicKey,
        privateKey,
      });
    }
    if (!keys.some((k) => k.privateKey))
      throw new SigningKeyError("the key file has no private key: nothing could be signed");
    return new SigningKeys(keys);
  }

  /** Reads SIGNING_KEY_FILE: a PEM private key, or the JSON key file. */
  static async fromFile(path: string): Promise<SigningKeys> {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (e) {
      throw new SigningKeyError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? "unreadable"}`);
    }
    if (text.includes("-----BEGIN")) {
      let jwk: JWK;
      try {
        jwk = createPrivateKey(text).export({ format: "jwk" });
      } catch {
        throw new SigningKeyError(`${path} is not a PEM private key`);
      }
      if (jwk.crv !== "Ed25519") throw new SigningKeyError(`${path} is not an Ed25519 key`);
      return SigningKeys.fromStored([
        {
          kty: "OKP",
          crv: "Ed25519",
          x: jwk.x!,
          d: jwk.d,
          kid: await keyId({ x: jwk.x! }),
          from: new Date(0).toISOString(),
        },
      ]);
    }
    let parsed: { keys?: StoredKey[] };
    try {
      parsed = JSON.parse(text) as { keys?: StoredKey[] };
    } catch {
      throw new SigningKeyError(`${path} is neither a PEM key nor a JSON key file`);
    }
    if (!Array.isArray(parsed.keys)) throw new SigningKeyError(`${path}: a JSON key file has a "keys" list`);
    return SigningKeys.fromStored(parsed.keys);
  }

  /**
   * The embedded demo's keys: made once and kept in `path` (readable by the owner only), so that the labels
   * it prints keep verifying after a restart.
   */
  static async keptAt(path: string): Promise<SigningKeys> {
    if (!existsSync(path)) await addKeyToFile(path, new Date(0));
    return SigningKeys.fromFile(path);
  }

  /** A throw-away key (tests and tools that print nothing). */
  static async ephemeral(): Promise<SigningKeys> {
    return SigningKeys.fromStored([await newStoredKey(new Date(0))]);
  }

  /** Every public key, retired ones included (old labels still verify). */
  jwks(): { keys: PublicJwk[] } {
    return { keys: this.keys.map((k) => k.publicJwk) };
  }

  /** The id of the key that signs at `now`: the newest whose `from` has come and that has its private part. */
  signingKeyId(now: Date): string {
    return this.signer(now).kid;
  }

  /** A compact JWS (EdDSA) of `claims`, signed with the key of `now`; `kid` in the protected header. */
  async sign(claims: object, now: Date, header: { typ?: string } = {}): Promise<string> {
    const key = this.signer(now);
    return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
      .setProtectedHeader({ alg: "EdDSA", kid: key.kid, ...header })
      .sign(key.privateKey!);
  }

  /** The claims of a JWS signed by one of these keys, or null (malformed, unknown key, bad signature, other type). */
  async verify(jws: string, { typ }: { typ?: string } = {}): Promise<Record<string, unknown> | null> {
    try {
      const header = decodeProtectedHeader(jws);
      const key = this.keys.find((k) => k.kid === header.kid);
      if (!key || header.typ !== typ) return null;
      const { payload } = await compactVerify(jws, key.publicKey, { algorithms: ["EdDSA"] });
      const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
      return claims && typeof claims === "object" && !Array.isArray(claims)
        ? (claims as Record<string, unknown>)
        : null;
    } catch {
      return null;
    }
  }

  private signer(now: Date): Key {
    const key = this.keys.find((k) => k.privateKey && k.from <= now);
    if (!key) throw new SigningKeyError(`no signing key is valid at ${now.toISOString()}`);
    return key;
  }
}

/**
 * Adds a new key to a JSON key file (creating the file, readable by the owner only, when there is none) that
 * signs from `from`; the keys already there stay, so labels they signed keep verifying. Answers the new key's id.
 */
export async function addKeyToFile(path: string, from: Date): Promise<StoredKey> {
  let keys: StoredKey[] = [];
  let text: string | null = null;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  if (text !== null) {
    if (text.includes("-----BEGIN"))
      throw new SigningKeyError(`${path} holds one PEM key: rotate with a JSON key file (a new --file)`);
    await SigningKeys.fromFile(path); // refuses a broken file rather than adding to it
    keys = (JSON.parse(text) as { keys: StoredKey[] }).keys;
  }
  const key = await newStoredKey(from);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ keys: [...keys, key] }, null, 2)}\n`, { mode: 0o600 });
  return key;
}
