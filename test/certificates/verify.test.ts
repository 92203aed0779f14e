// @both-databases: npm run test:sqlite runs this file on the embedded SQLite too.
import jsQR from "jsqr";
import { PNG } from "pngjs";
import request from "supertest";
import { clearTestData, openTestDb, type TestDb } from "../support/db";
import { makeProducer, makeProduct } from "../support/factory";
import { FixedClock, testApp } from "../support/http";

const clock = new FixedClock(new Date("2026-06-15T03:00:00Z"));
const BASE = "https://ocop.example.vn";
let db: TestDb;
let app: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  db = await openTestDb();
  await clearTestData(db.dataSource);
  app = await testApp(db, clock, { publicBaseUrl: BASE });
});
afterAll(() => db.dataSource.destroy());

const binary = (req: request.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on("data", (c: Buffer) => chunks.push(c));
    res.on("end", () => done(null, Buffer.concat(chunks)));
  });

describe("the verification page of a certificate (GET /verify/{number})", () => {
  it("shows an active certificate in Vietnamese, or English when asked, with no script and every value escaped", async () => {
    const producer = await makeProducer(db.dataSource, { name: "HTX <b>Bình Lư</b>", communeCode: "03390" });
    const { certificate } = await makeProduct(db.dataSource, {
      name: 'Mật ong <script>alert("x")</script>',
      producer,
      stars: 4,
      decisionDate: "2025-03-10",
    });
    const vi = await request(app.app).get(`/verify/${certificate!.number}`);
    expect(vi.status).toBe(200);
    expect(vi.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(vi.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(vi.headers["content-security-policy"]).not.toContain("script-src");
    expect(vi.text).toContain('<html lang="vi">');
    expect(vi.text).toContain("Còn hiệu lực");
    expect(vi.text).toContain("Mật ong &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(vi.text).toContain("HTX &lt;b&gt;Bình Lư&lt;/b&gt;");
    expect(vi.text).not.toMatch(/<script|<b>/);
    expect(vi.text).toContain("★★★★ (4)");
    expect(vi.text).toContain("2028-03-10");
    const en = await request(app.app).get(`/verify/${certificate!.number.toLowerCase()}?lang=en`);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain(">Valid<");
    const browser = await request(app.app)
      .get(`/verify/${certificate!.number}`)
      .set("Accept-Language", "en-GB,en;q=0.9");
    expect(browser.text).toContain('<html lang="en">');
  });

  it("says a revoked or expired certificate is not valid and what that means, and 404 for an unknown number", async () => {
    const revoked = await makeProduct(db.dataSource, {
      name: "Chè",
      decisionDate: "2025-01-10",
      revokedOn: "2026-05-01",
    });
    const page = await request(app.app).get(`/verify/${revoked.certificate!.number}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Đã bị thu hồi");
    expect(page.text).toContain("không được dùng biểu trưng OCOP");
    expect(page.text).toContain("2026-05-01");
    const expired = await makeProduct(db.dataSource, { name: "Gạo", decisionDate: "2023-01-10" });
    expect((await request(app.app).get(`/verify/${expired.certificate!.number}?lang=en`)).text).toContain(
      "Expired",
    );
    const unknown = await request(app.app).get("/verify/KHONG-CO-%3Cb%3E");
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain("Không tìm thấy giấy chứng nhận này");
    expect(unknown.text).toContain("KHONG-CO-&lt;b&gt;");
  });
});

describe("the QR code of a certificate", () => {
  it("is an SVG and a PNG of the verification page's address", async () => {
    const { certificate } = await makeProduct(db.dataSource, {
      name: "Miến dong",
      decisionDate: "2025-03-10",
    });
    const svg = await binary(request(app.app).get(`/certificates/${certificate!.number}/qr.svg`));
    expect(svg.status).toBe(200);
    expect(svg.headers["content-type"]).toMatch(/^image\/svg\+xml/);
    expect((svg.body as Buffer).toString("utf8")).toMatch(/^<svg /);
    const png = await binary(request(app.app).get(`/certificates/${certificate!.number}/qr.png`));
    expect(png.status).toBe(200);
    expect(png.headers["content-type"]).toBe("image/png");
    const image = PNG.sync.read(png.body as Buffer);
    const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    // The address with the certificate's signed token (test/certificates/signed.test.ts checks the token).
    expect(decoded?.data.startsWith(`${BASE}/verify/${encodeURIComponent(certificate!.number)}?t=ey`)).toBe(
      true,
    );
    expect((await request(app.app).get("/certificates/KHONG-CO/qr.png")).status).toBe(404);
  });
});
