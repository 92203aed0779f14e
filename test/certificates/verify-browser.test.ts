import { existsSync, mkdirSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { clearTestData, openTestDb, type TestDb } from "../support/db";
import { makeProduct } from "../support/factory";
import { FixedClock, testApp } from "../support/http";

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
    const app = await testApp(db, clock);
    server = app.app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
});
