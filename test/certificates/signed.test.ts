// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { compactVerify, createLocalJWKSet, decodeProtectedHeader } from "jose";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import QRCode from "qrcode";
import request from "supertest";
import { Product } from "../../src/catalog/product.entity";
import { addKeyToFile, SigningKeys } from "../../src/signing/keys";
import { issueCertificate, makeProduct } from "../support/factory";
import { FixedClock, testApp } from "../support/http";
import { op } from "../support/operations";
import { revokeThroughApi, useStaffApp } from "../support/staff";

/**
 * Certificates verifiable offline: each has a token signed with the province's Ed25519 key (what its label's
 * QR code carries), the public keys are published, and a signed list names the numbers that no longer count.
 * The example verifier (examples/offline-verify) checks a label with those alone.
 */
const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
const BASE = "https://ocop.example.vn";
const t = useStaffApp(clock, { config: { publicBaseUrl: BASE } });
const VERIFIER = join(__dirname, "..", "..", "examples", "offline-verify", "cli.mjs");
const work = mkdtempSync(join(tmpdir(), "ocop-signed-"));

const binary = (req: request.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on("data", (c: Buffer) => chunks.push(c));
    res.on("end", () => done(null, Buffer.concat(chunks)));
  });

/** The string with its i-th character changed. */
const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);

type Jwks = { keys: Record<string, string>[] };
const jwksOf = async (app = t.app.app): Promise<Jwks> =>
  (await request(app).get("/.well-known/jwks.json")).body as Jwks;
const revocationsOf = async (app = t.app.app) =>
  (await request(app).get("/certificates/revocations.jws").buffer(true)).text;
const tokenOf = async (number: string, gql = t.app.gql): Promise<string> =>
  (await gql(op("SignedCertificate"), { number })).body.data.certificate.signedToken as string;

/** The example verifier, as an app would run it: the token, the JWKS and the list as files; no network. */
async function offlineVerdict(token: string, jwks: Jwks, list: string, now = clock.instant) {
  writeFileSync(join(work, "jwks.json"), JSON.stringify(jwks));
  writeFileSync(join(work, "revocations.jws"), list);
  const run = await promisify(execFile)(
    process.execPath,
    [VERIFIER, token, join(work, "jwks.json"), join(work, "revocations.jws"), now.toISOString()],
    { env: { PATH: process.env.PATH ?? "" } },
  ).catch((e: { stdout: string; code: number }) => e);
  return JSON.parse(run.stdout) as { verdict: string; reason?: string; claims?: Record<string, unknown> };
}

describe("a certificate's signed token", () => {
  it("carries the record's claims and verifies with the published keys alone; one changed character fails", async () => {
    const { product, certificate } = await makeProduct(t.db.dataSource, {
      name: "Chè Shan tuyết San Thàng",
      stars: 4,
      decisionDate: "2025-03-10",
    });
    const r = await t.app.gql(op("SignedCertificate"), { number: certificate!.number });
    expect(r.body.errors).toBeUndefined();
    const token = r.body.data.certificate.signedToken as string;
    const jwksResponse = await request(t.app.app).get("/.well-known/jwks.json");
    expect(jwksResponse.headers["cache-control"]).toMatch(/public, max-age=\d+/);
    expect(jwksResponse.headers["access-control-allow-origin"]).toBe("*");
    const jwks = jwksResponse.body as Jwks;
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toEqual({
      kty: "OKP",
      crv: "Ed25519",
      x: expect.any(String),
      kid: expect.any(String),
      alg: "EdDSA",
      use: "sig",
    });
    expect(JSON.stringify(jwks)).not.toContain('"d"');

    // Only the JWKS: jose's local key set, as any JOSE library would.
    const verified = await compactVerify(token, createLocalJWKSet(jwks as never), { algorithms: ["EdDSA"] });
    expect(verified.protectedHeader).toEqual({ alg: "EdDSA", kid: jwks.keys[0].kid });
    expect(JSON.parse(new TextDecoder().decode(verified.payload))).toEqual({
      n: certificate!.number,
      p: "Chè Shan tuyết San Thàng",
      m: r.body.data.certificate.product.producer.name,
      c: product.communeCode,
      s: 4,
      d: "2025-03-10",
      u: "2028-03-10",
      l: "P",
      iss: "12",
    });
    expect(r.body.data.certificate.product.commune.code).toBe(product.communeCode);

    // One character changed, anywhere: in the claims or in the signature.
    const [header, payload, signature] = token.split(".");
    for (const forged of [
      `${header}.${flip(payload, 20)}.${signature}`,
      `${header}.${payload}.${flip(signature, 10)}`,
    ]) {
      await expect(compactVerify(forged, createLocalJWKSet(jwks as never))).rejects.toThrow();
      expect((await offlineVerdict(forged, jwks, await revocationsOf())).verdict).toBe("FORGED");
    }
    expect((await offlineVerdict(token, jwks, await revocationsOf())).verdict).toBe("VALID");
  });

  it("is on the QR code of the label: the PNG decodes to the verification URL, also printed at 2 × 2 cm", async () => {
    const { certificate } = await makeProduct(t.db.dataSource, {
      name: "Du lịch cộng đồng bản Sì Thâu Chải",
      decisionDate: "2025-03-10",
    });
    const token = await tokenOf(certificate!.number);
    const url = `${BASE}/verify/${encodeURIComponent(certificate!.number)}?t=${token}`;
    const png = await binary(request(t.app.app).get(`/certificates/${certificate!.number}/qr.png`));
    const image = PNG.sync.read(png.body as Buffer);
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(url);
    const svg = await binary(request(t.app.app).get(`/certificates/${certificate!.number}/qr.svg`));
    expect((svg.body as Buffer).toString()).toMatch(/^<svg /);

    // A 2 cm label printed at 300 dpi is 236 dots wide: the code still decodes at that resolution.
    const printed = PNG.sync.read(
      await QRCode.toBuffer(url, { errorCorrectionLevel: "L", margin: 2, width: 236 }),
    );
    expect(jsQR(new Uint8ClampedArray(printed.data), printed.width, printed.height)?.data).toBe(url);
    const decodedToken = new URL(url).searchParams.get("t")!;
    expect((await offlineVerdict(decodedToken, await jwksOf(), await revocationsOf())).verdict).toBe("VALID");
  });
});

describe("the verification page with the label's token", () => {
  it("says whether the token is the province's and matches the record", async () => {
    const { product, certificate } = await makeProduct(t.db.dataSource, {
      name: "Miến dong",
      decisionDate: "2025-03-10",
    });
    const other = await makeProduct(t.db.dataSource, { name: "Gạo", decisionDate: "2025-03-10" });
    const token = await tokenOf(certificate!.number);
    const page = async (t_: string, lang = "vi") =>
      (
        await request(t.app.app).get(
          `/verify/${certificate!.number}?lang=${lang}&t=${encodeURIComponent(t_)}`,
        )
      ).text;
    expect(await page(token)).toContain("Mã ký số trên nhãn hợp lệ: do tỉnh ký và khớp với hồ sơ.");
    expect(await page(token, "en")).toContain("signed by the province and matching the record");
    // The other language keeps the token, and so the verdict.
    expect(await page(token)).toContain(`href="?lang=en&amp;t=${token}"`);
    const [h, p, s] = token.split(".");
    expect(await page(`${h}.${p}.${flip(s, 10)}`)).toContain("KHÔNG hợp lệ");
    expect(await page(await tokenOf(other.certificate!.number))).toContain("KHÔNG hợp lệ");
    expect(await page("<script>")).toContain("KHÔNG hợp lệ");
    // Without a token the page says nothing of one.
    expect((await request(t.app.app).get(`/verify/${certificate!.number}`)).text).not.toContain("Mã ký số");

    // A label printed before the product was renamed: still the province's, but the record now differs.
    await t.db.dataSource.getRepository(Product).update(product.id, { name: "Miến dong Tam Đường" });
    expect(await page(token)).toContain("hồ sơ nay đã khác ở: tên sản phẩm.");
    expect(await page(token, "en")).toContain("the record has since changed: product name.");
  });
});

describe("the signed revocation list", () => {
  it("names a certificate once it is revoked, in the change feed too, and the offline verifier says REVOKED", async () => {
    const { certificate } = await makeProduct(t.db.dataSource, {
      name: "Mật ong bạc hà",
      decisionDate: "2025-03-10",
    });
    const number = certificate!.number;
    const token = await tokenOf(number);
    const jwks = await jwksOf();
    const before = await revocationsOf();
    expect((await offlineVerdict(token, jwks, before)).verdict).toBe("VALID");

    await revokeThroughApi(t, number, "15/QĐ-UBND", "2026-06-14");
    const response = await request(t.app.app).get("/certificates/revocations.jws").buffer(true);
    expect(response.headers["content-type"]).toMatch(/^application\/jose/);
    expect(response.headers["cache-control"]).toMatch(/^public, max-age=\d+$/);
    const list = response.text;
    expect(decodeProtectedHeader(list)).toMatchObject({ alg: "EdDSA", typ: "ocop-revocations+jwt" });
    const claims = JSON.parse(
      new TextDecoder().decode((await compactVerify(list, createLocalJWKSet(jwks as never))).payload),
    ) as { iat: number; r: string[]; s: string[] };
    expect(claims.r).toContain(number);
    expect(claims.iat).toBe(Math.floor(clock.instant.getTime() / 1000));

    const feed = await t.app.gql(op("SignedRevocations"), { first: 10 });
    expect(feed.body.errors).toBeUndefined();
    expect(feed.body.data.catalogChanges.revocationList).toBe(list);
    expect(await offlineVerdict(token, jwks, list)).toMatchObject({ verdict: "REVOKED", reason: "REVOKED" });
    // The list before the revocation still says VALID: an app that has not synced cannot know.
    expect((await offlineVerdict(token, jwks, before)).verdict).toBe("VALID");
  });

  it("names superseded certificates; an expired label is EXPIRED; a list not signed by the province is refused", async () => {
    const expired = await makeProduct(t.db.dataSource, { name: "Cá hồi", decisionDate: "2023-01-10" });
    const jwks = await jwksOf();
    const expiredToken = await tokenOf(expired.certificate!.number);
    expect((await offlineVerdict(expiredToken, jwks, await revocationsOf())).verdict).toBe("EXPIRED");

    const old = await makeProduct(t.db.dataSource, { name: "Cá tầm", decisionDate: "2025-01-10" });
    const oldToken = await tokenOf(old.certificate!.number);
    await issueCertificate(t.db.dataSource, old.product, { stars: 4, decisionDate: "2026-05-10" });
    // Written behind the app's back, as by another instance: seen within a second (catalog/generation.ts).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await offlineVerdict(oldToken, jwks, await revocationsOf())).toMatchObject({
      verdict: "REVOKED",
      reason: "SUPERSEDED",
    });

    // A list signed by another key (or a certificate's token passed off as a list) is not believed.
    const stranger = await SigningKeys.ephemeral();
    const foreignList = await stranger.sign({ iat: 1, r: [], s: [] }, clock.instant, {
      typ: "ocop-revocations+jwt",
    });
    for (const list of [foreignList, oldToken]) {
      writeFileSync(join(work, "jwks.json"), JSON.stringify(jwks));
      writeFileSync(join(work, "revocations.jws"), list);
      const run = await promisify(execFile)(process.execPath, [
        VERIFIER,
        oldToken,
        join(work, "jwks.json"),
        join(work, "revocations.jws"),
      ]).catch((e: { code: number; stderr: string }) => e);
      expect(run).toMatchObject({ code: 2, stderr: expect.stringContaining("not signed by the province") });
    }
    // A token signed by a key the province never published is FORGED.
    const forged = await stranger.sign({ n: old.certificate!.number, u: "2099-01-01" }, clock.instant);
    expect((await offlineVerdict(forged, jwks, await revocationsOf())).verdict).toBe("FORGED");
  });
});

describe("key rotation", () => {
  it("signs with the new key from its start; labels signed by the old one still verify", async () => {
    const file = join(work, "rotating-keys.json");
    const first = await addKeyToFile(file, new Date("2026-01-01T00:00:00Z"));
    const second = await addKeyToFile(file, new Date("2026-07-01T00:00:00+07:00"));
    expect(readFileSync(file, "utf8")).toContain(first.d!);
    const rotatingClock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
    const app = await testApp(
      t.db,
      rotatingClock,
      { publicBaseUrl: BASE },
      {
        signingKeys: await SigningKeys.fromFile(file),
      },
    );
    const { certificate } = await makeProduct(t.db.dataSource, {
      name: "Gạo Séng Cù",
      decisionDate: "2026-03-10",
    });
    const oldToken = await tokenOf(certificate!.number, app.gql);
    expect(decodeProtectedHeader(oldToken).kid).toBe(first.kid);

    rotatingClock.instant = new Date("2026-07-02T03:00:00Z");
    const newToken = await tokenOf(certificate!.number, app.gql);
    expect(decodeProtectedHeader(newToken).kid).toBe(second.kid);
    const jwks = await jwksOf(app.app);
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual([first.kid, second.kid].sort());
    const list = await revocationsOf(app.app);
    expect(decodeProtectedHeader(list).kid).toBe(second.kid);
    for (const token of [oldToken, newToken])
      expect((await offlineVerdict(token, jwks, list, rotatingClock.instant)).verdict).toBe("VALID");

    // The old key retired (its private part removed): its labels still verify, it signs nothing more.
    const stored = JSON.parse(readFileSync(file, "utf8")) as { keys: { d?: string }[] };
    delete stored.keys[0].d;
    writeFileSync(file, JSON.stringify(stored));
    const retired = await SigningKeys.fromFile(file);
    expect(retired.jwks().keys).toHaveLength(2);
    expect(await retired.verify(oldToken)).toMatchObject({ n: certificate!.number });
    expect(() => retired.signingKeyId(new Date("2026-06-15T03:00:00Z"))).toThrow(/no signing key/);
  });
});
