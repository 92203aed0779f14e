// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { clearTestData, openTestDb, type TestDb } from "../support/db";
import { makeProduct } from "../support/factory";
import { FixedClock, TEST_FILES_DIR, testApp } from "../support/http";
import { cameraPhoto } from "../support/staff";
import { makeVariants } from "../../src/content/images";
import { ProductImage } from "../../src/content/product-image.entity";
import { StoredFile } from "../../src/files/stored-file.entity";
import { Role } from "../../src/auth/user.entity";
import { makeUser } from "../support/factory";

/**
 * The verification page in a real browser (Debian's Chromium; `.ci/run` installs it where it is missing):
 * what a shopper sees for an active, a revoked and an unknown number, a screenshot of each kept in
 * reports/verify/, and an accessibility check (axe-core: contrast, labels, the lang attribute…).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`CI needs Chromium at ${CHROMIUM} (.ci/run installs it)`);
const SHOTS = join(__dirname, "..", "..", "reports", "verify");

const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
let db: TestDb;
let server: Server;
let base: string;
let browser: Browser;

(available ? describe : describe.skip)("the verification page in Chromium", () => {
  beforeAll(async () => {
    db = await openTestDb();
    await clearTestData(db.dataSource);
    // Listening first: the app's PUBLIC_BASE_URL (photos, QR codes) is this server's address.
    server = createServer();
    server.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const app = await testApp(db, clock, { publicBaseUrl: base });
    server.on("request", app.app);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
    await db.dataSource.destroy();
  });

  /** Opens the page as a phone would, and returns what it shows and what axe finds wrong with it. */
  async function visit(path: string, shot: string) {
    // Axe is injected by the test, so the page's own policy (no script at all) is set aside for it only.
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      bypassCSP: true,
      locale: "vi-VN",
    });
    const page = await context.newPage();
    const response = await page.goto(`${base}${path}`);
    const text = (await page.textContent("main"))!.replace(/\s+/g, " ");
    const lang = await page.getAttribute("html", "lang");
    await page.screenshot({ path: join(SHOTS, `${shot}.png`), fullPage: true });
    await page.addScriptTag({ content: readFileSync(require.resolve("axe-core/axe.min.js"), "utf8") });
    const violations = await page.evaluate(async () => {
      const result = await (
        globalThis as unknown as { axe: { run: () => Promise<{ violations: { id: string }[] }> } }
      ).axe.run();
      return result.violations.map((v) => v.id);
    });
    await context.close();
    return { status: response!.status(), text, lang, violations };
  }

  it("shows an active, a revoked and an unknown certificate as a shopper should read them", async () => {
    const active = await makeProduct(db.dataSource, {
      name: "Mật ong bạc hà",
      stars: 4,
      decisionDate: "2025-03-10",
    });
    const revoked = await makeProduct(db.dataSource, {
      name: "Chè cổ thụ",
      decisionDate: "2025-01-10",
      revokedOn: "2026-05-01",
    });

    const ok = await visit(`/verify/${active.certificate!.number}`, "active");
    expect(ok).toMatchObject({ status: 200, lang: "vi", violations: [] });
    expect(ok.text).toContain("Còn hiệu lực");
    expect(ok.text).toContain("Mật ong bạc hà");
    expect(ok.text).toContain("★★★★ (4)");

    const gone = await visit(`/verify/${revoked.certificate!.number}?lang=en`, "revoked");
    expect(gone).toMatchObject({ status: 200, lang: "en", violations: [] });
    expect(gone.text).toContain("Revoked");
    expect(gone.text).toContain("may not carry the OCOP logo");

    const unknown = await visit("/verify/OCOP-0000-0000", "unknown");
    expect(unknown).toMatchObject({ status: 404, lang: "vi", violations: [] });
    expect(unknown.text).toContain("Không tìm thấy giấy chứng nhận này");
  });

  it("shows the product's first photo under the page's own content policy", async () => {
    const { product, certificate } = await makeProduct(db.dataSource, {
      name: "Cá hồi Sìn Hồ",
      stars: 4,
      decisionDate: "2025-03-10",
    });
    // A photo as an upload leaves it: the original under its hash, its variants, a row for the product.
    const bytes = await cameraPhoto(1200, 900, "#e07060");
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    writeFileSync(join(TEST_FILES_DIR, sha256), bytes);
    const { width, height } = await makeVariants(join(TEST_FILES_DIR, sha256), TEST_FILES_DIR, sha256);
    const m = db.dataSource.manager;
    const uploader = await makeUser(db.dataSource, Role.COMMUNE_OFFICER, "03390");
    const file = await m.save(
      m.create(StoredFile, {
        sha256,
        size: bytes.length,
        contentType: "image/jpeg",
        originalName: "ca-hoi.jpg",
        purpose: "image",
        uploadedById: uploader.id,
      }),
    );
    await m.insert(ProductImage, {
      productId: product.id,
      position: 0,
      fileId: file.id,
      sha256,
      width,
      height,
      alt: "Cá hồi tươi",
    });

    const context = await browser.newContext({ viewport: { width: 390, height: 844 } }); // the policy holds
    const page = await context.newPage();
    const refused: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    await page.goto(`${base}/verify/${certificate!.number}`);
    const photo = await page.evaluate(async () => {
      type Img = { decode(): Promise<void>; alt: string; naturalWidth: number; currentSrc: string };
      const page = globalThis as unknown as { document: { querySelector(selector: string): Img } };
      const img = page.document.querySelector("img");
      await img.decode();
      return { alt: img.alt, width: img.naturalWidth, source: img.currentSrc };
    });
    await page.screenshot({ path: join(SHOTS, "active-with-photo.png"), fullPage: true });
    await context.close();
    expect(refused).toEqual([]);
    expect(photo).toEqual({
      alt: "Cá hồi tươi",
      width: 960,
      source: `${base}/images/v1/${sha256}/medium.webp`, // Chromium takes the WebP
    });
  });

  it("shows a label's valid token, and the example verifier says VALID or FORGED in the browser, offline", async () => {
    const { certificate } = await makeProduct(db.dataSource, {
      name: "Chè Shan tuyết San Thàng",
      stars: 4,
      decisionDate: "2025-03-10",
    });
    const gql = (query: string, variables: object) =>
      fetch(`${base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      }).then((r) => r.json() as Promise<{ data: { certificate: { signedToken: string } } }>);
    const token = (
      await gql("query($n: String!) { certificate(number: $n) { signedToken } }", { n: certificate!.number })
    ).data.certificate.signedToken;
    const scanned = await visit(`/verify/${certificate!.number}?t=${token}`, "active-with-token");
    expect(scanned).toMatchObject({ status: 200, violations: [] });
    expect(scanned.text).toContain("Mã ký số trên nhãn hợp lệ");

    // What an app has synced: the keys and the revocation list; then no network at all.
    const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as object;
    const list = await (await fetch(`${base}/certificates/revocations.jws`)).text();
    const source = readFileSync(
      join(__dirname, "..", "..", "examples", "offline-verify", "verify.mjs"),
      "utf8",
    );
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}/healthz`);
    await context.setOffline(true);
    const forged = token.slice(0, -8) + (token.endsWith("AAAAAAAA") ? "BBBBBBBB" : "AAAAAAAA");
    // A string, not a function: the test's compiler would rewrite a function's import() into require().
    const args = {
      source,
      tokens: [`${base}/verify/x?t=${token}`, forged],
      jwks,
      list,
      now: clock.instant.toISOString(),
    };
    const verdicts = await page.evaluate<string[]>(`(async (a) => {
      const verifier = await import(URL.createObjectURL(new Blob([a.source], { type: "text/javascript" })));
      const verdicts = [];
      for (const token of a.tokens)
        verdicts.push((await verifier.verifyLabel({ token, jwks: a.jwks, revocationList: a.list, now: new Date(a.now) })).verdict);
      return verdicts;
    })(${JSON.stringify(args)})`);
    await context.close();
    expect(verdicts).toEqual(["VALID", "FORGED"]);
  });
});
