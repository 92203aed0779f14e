import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config";
import { addKeyToFile, SigningKeys } from "../../src/signing/keys";

const dir = mkdtempSync(join(tmpdir(), "ocop-keys-"));
const file = (name: string, text: string | Buffer) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe("the province's signing keys (SIGNING_KEY_FILE)", () => {
  it("reads a PEM private key, and signs and verifies with it", async () => {
    const pem = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" });
    const keys = await SigningKeys.fromFile(file("key.pem", pem));
    const [published] = keys.jwks().keys;
    expect(published).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
    expect(published.kid).toMatch(/^[\w-]{8}$/);
    const jws = await keys.sign({ n: "1" }, new Date());
    expect(await keys.verify(jws)).toEqual({ n: "1" });
    // A JWS of another type is not taken for this one, nor the other way round.
    const list = await keys.sign({ r: [] }, new Date(), { typ: "ocop-revocations+jwt" });
    expect(await keys.verify(list)).toBeNull();
    expect(await keys.verify(list, { typ: "ocop-revocations+jwt" })).toEqual({ r: [] });
    expect(await keys.verify("not.a.jws")).toBeNull();
  });

  it("refuses a file it cannot use, saying why", async () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
      type: "pkcs8",
      format: "pem",
    });
    const other = generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" });
    const good = (await addKeyToFile(join(dir, "good.json"), new Date(0))) as Record<string, unknown>;
    const cases: [string, RegExp][] = [
      [file("rsa.pem", rsa), /is not an Ed25519 key/],
      [
        file("junk.pem", "-----BEGIN PRIVATE KEY-----\nxx\n-----END PRIVATE KEY-----\n"),
        /is not a PEM private key/,
      ],
      [file("junk.json", "{"), /neither a PEM key nor a JSON key file/],
      [file("nokeys.json", "{}"), /a JSON key file has a "keys" list/],
      [file("public.json", JSON.stringify({ keys: [{ ...good, d: undefined }] })), /no private key/],
      [
        file("mismatch.json", JSON.stringify({ keys: [{ ...good, x: other.x }] })),
        /private part does not match x/,
      ],
      [file("twice.json", JSON.stringify({ keys: [good, good] })), /appears twice/],
      [file("when.json", JSON.stringify({ keys: [{ ...good, from: "soon" }] })), /"from" must be an instant/],
      [join(dir, "absent.json"), /cannot read .*: ENOENT/],
    ];
    for (const [path, message] of cases) await expect(SigningKeys.fromFile(path)).rejects.toThrow(message);
    await expect(addKeyToFile(join(dir, "rsa.pem"), new Date())).rejects.toThrow(
      /rotate with a JSON key file/,
    );
  });

  it("keys:create writes a file only its owner reads, and adds keys without losing the old ones", async () => {
    const path = join(dir, "rotation", "keys.json");
    const first = await addKeyToFile(path, new Date("2026-01-01T00:00:00Z"));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const second = await addKeyToFile(path, new Date("2027-01-01T00:00:00Z"));
    const stored = JSON.parse(readFileSync(path, "utf8")) as { keys: { kid: string }[] };
    expect(stored.keys.map((k) => k.kid)).toEqual([first.kid, second.kid]);
    const keys = await SigningKeys.fromFile(path);
    expect(keys.signingKeyId(new Date("2026-12-31T23:59:59Z"))).toBe(first.kid);
    expect(keys.signingKeyId(new Date("2027-01-01T00:00:00Z"))).toBe(second.kid);
    expect(() => keys.signingKeyId(new Date("2025-01-01T00:00:00Z"))).toThrow(/no signing key is valid/);
  });

  it("the embedded demo keeps its own key beside its database", async () => {
    const path = join(dir, "demo", "signing-keys.json");
    const made = await SigningKeys.keptAt(path);
    const again = await SigningKeys.keptAt(path);
    expect(again.jwks()).toEqual(made.jwks());
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("is required with DATABASE_URL, where JWT_SECRET is", () => {
    const env = { DATABASE_URL: "mysql://root@127.0.0.1:3306/ocop", JWT_SECRET: "x".repeat(32) };
    expect(() => loadConfig(env)).toThrow(/SIGNING_KEY_FILE is required with DATABASE_URL/);
    expect(loadConfig({ ...env, SIGNING_KEY_FILE: "/etc/ocop/keys.json" }).signingKeyFile).toBe(
      "/etc/ocop/keys.json",
    );
    expect(loadConfig({ DATABASE_URL: env.DATABASE_URL }, { needsSecret: false }).signingKeyFile).toBeNull();
    expect(loadConfig({}).signingKeyFile).toBeNull();
  });
});
