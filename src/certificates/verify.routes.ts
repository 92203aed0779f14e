import express, { type Request, type Response, type Router } from "express";
import QRCode from "qrcode";
import type { Context } from "../context";
import type { Lang } from "../i18n/labels";
import { type Certificate, CertificateStatus, certificateStatus } from "./certificate.entity";
import { ImageFormat } from "../content/images";
import { inPosition } from "../content/loaders";
import type { TokenCheck } from "./signed-label";

/** The page's words, in Vietnamese (default) and English. */
const WORDS: Record<Lang, Record<string, string>> = {
  vi: {
    title: "Tra cứu giấy chứng nhận OCOP",
    number: "Số giấy chứng nhận",
    product: "Sản phẩm",
    producer: "Chủ thể",
    commune: "Xã/phường",
    stars: "Hạng",
    decision: "Quyết định công nhận",
    issued: "Ngày cấp",
    expires: "Có hiệu lực đến",
    revoked: "Ngày thu hồi",
    notFound: "Không tìm thấy giấy chứng nhận này",
    notFoundAdvice:
      "Hãy kiểm tra lại số in trên nhãn. Nếu đúng số mà vẫn không tìm thấy, sản phẩm có thể không phải sản phẩm OCOP: hãy báo cho UBND xã hoặc Sở Nông nghiệp và Môi trường.",
    ACTIVE: "Còn hiệu lực",
    EXPIRED: "Đã hết hạn",
    REVOKED: "Đã bị thu hồi",
    SUPERSEDED: "Đã được thay thế",
    adviceEXPIRED:
      "Giấy chứng nhận đã hết hạn: sản phẩm không còn được dùng biểu trưng OCOP cho đến khi được đánh giá lại.",
    adviceREVOKED: "Giấy chứng nhận đã bị thu hồi: sản phẩm không được dùng biểu trưng OCOP.",
    adviceSUPERSEDED: "Sản phẩm đã có giấy chứng nhận mới hơn; hãy xem số in trên nhãn mới.",
    other: "English",
    tokenMATCHES: "Mã ký số trên nhãn hợp lệ: do tỉnh ký và khớp với hồ sơ.",
    tokenDIFFERS:
      "Mã ký số trên nhãn do tỉnh ký, nhưng hồ sơ nay đã khác ở: {claims}. Nhãn có thể được in trước khi hồ sơ thay đổi; hãy đối chiếu thông tin trên nhãn.",
    tokenINVALID:
      "Mã ký số trên nhãn KHÔNG hợp lệ: không do tỉnh ký hoặc không phải của giấy chứng nhận này. Nhãn có thể là giả.",
    claim_n: "số giấy chứng nhận",
    claim_p: "tên sản phẩm",
    claim_m: "tên chủ thể",
    claim_c: "xã/phường",
    claim_s: "hạng sao",
    claim_d: "ngày quyết định",
    claim_u: "ngày hết hiệu lực",
    claim_l: "cấp công nhận",
    claim_iss: "tỉnh cấp",
    numberBySystem:
      "Số này do hệ thống tạo khi nhập dữ liệu thiếu số in trên giấy chứng nhận: số in trên nhãn có thể khác. Hãy đối chiếu tên sản phẩm, chủ thể và quyết định công nhận.",
  },
  en: {
    title: "OCOP certificate check",
    number: "Certificate number",
    product: "Product",
    producer: "Producer",
    commune: "Commune",
    stars: "Rating",
    decision: "Recognition decision",
    issued: "Issued on",
    expires: "Valid until",
    revoked: "Revoked on",
    notFound: "No such certificate",
    notFoundAdvice:
      "Check the number printed on the label. If it is right and still not found, the product may not be an OCOP product: tell the commune or the provincial Department of Agriculture and Environment.",
    ACTIVE: "Valid",
    EXPIRED: "Expired",
    REVOKED: "Revoked",
    SUPERSEDED: "Replaced by a newer certificate",
    adviceEXPIRED:
      "The certificate has expired: the product may not carry the OCOP logo until it is re-evaluated.",
    adviceREVOKED: "The certificate was revoked: the product may not carry the OCOP logo.",
    adviceSUPERSEDED: "The product has a newer certificate; see the number on its new label.",
    other: "Tiếng Việt",
    tokenMATCHES: "The signed code on the label is valid: signed by the province and matching the record.",
    tokenDIFFERS:
      "The signed code on the label was signed by the province, but the record has since changed: {claims}. The label may predate the change; compare what it says.",
    tokenINVALID:
      "The signed code on the label is NOT valid: not signed by the province, or not this certificate's. The label may be forged.",
    claim_n: "certificate number",
    claim_p: "product name",
    claim_m: "producer name",
    claim_c: "commune",
    claim_s: "stars",
    claim_d: "decision date",
    claim_u: "valid until",
    claim_l: "issuing level",
    claim_iss: "issuing province",
    numberBySystem:
      "The system made this number when the record was imported without the number printed on the certificate: the label may show another. Check the product, producer and recognition decision.",
  },
};

/** Colours with at least 4.5:1 contrast against white text. */
const COLOURS: Record<CertificateStatus, string> = {
  ACTIVE: "#1b5e20",
  EXPIRED: "#8a4b00",
  REVOKED: "#b71c1c",
  SUPERSEDED: "#37474f",
};

/** Text for HTML: every character that could open markup is escaped. */
export const escapeHtml = (value: string | number | null | undefined): string =>
  String(value ?? "").replace(
    /[&<>"'`]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" })[c]!,
  );

/** Vietnamese unless the page is asked in English (`?lang=en`, else the browser's first language). */
function languageOf(req: Request): Lang {
  const asked = typeof req.query.lang === "string" ? req.query.lang : null;
  if (asked === "en" || asked === "vi") return asked;
  return req.acceptsLanguages("vi", "en") === "en" ? "en" : "vi";
}

/** The verification URL of a certificate number; with its signed token, what the QR code of its label holds. */
export const verifyUrl = (baseUrl: string, number: string, token?: string) =>
  `${baseUrl.replace(/\/+$/, "")}/verify/${encodeURIComponent(number)}${token ? `?t=${token}` : ""}`;

/** A compact JWS is three base64url parts; anything else on `?t=` is not looked at. */
const TOKEN_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/** The page; the link to the other language keeps the label's token, and so its verdict. */
function page(lang: Lang, number: string, body: string, token: string | null = null): string {
  const w = WORDS[lang];
  const other = lang === "vi" ? "en" : "vi";
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(w.title)} ${escapeHtml(number)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1a1a1a;background:#fafafa;line-height:1.5}
main{max-width:36rem;margin:0 auto;padding:1rem}
h1{font-size:1.25rem;margin:.5rem 0 1rem}
.status{color:#fff;border-radius:.5rem;padding:.75rem 1rem;font-size:1.25rem;font-weight:700;margin:0 0 1rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:0 0 1rem}
dt{font-weight:600;color:#333}
dd{margin:0}
.advice{border-left:.25rem solid #8a4b00;padding:.5rem .75rem;background:#fff8e1}
.token{border:.2rem solid;border-radius:.5rem;padding:.5rem .75rem;background:#fff;font-weight:600}
a{color:#0b4f9c}
img{display:block;max-width:100%;height:auto;border-radius:.5rem;margin:0 0 1rem}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(w.title)}</h1>
${body}
<p><a href="?lang=${other}${token ? `&amp;t=${escapeHtml(token)}` : ""}" lang="${other}">${escapeHtml(w.other)}</a></p>
</main>
</body>
</html>
`;
}

/** The verdict on the label's token, when the address carries one. */
function tokenVerdict(lang: Lang, check: TokenCheck | null): string {
  if (!check) return "";
  const w = WORDS[lang];
  const claims = check.kind === "DIFFERS" ? check.claims.map((c) => w[`claim_${c}`]).join(", ") : "";
  const colour =
    check.kind === "MATCHES" ? COLOURS.ACTIVE : check.kind === "DIFFERS" ? COLOURS.EXPIRED : COLOURS.REVOKED;
  return `<p class="token" style="border-color:${colour}" role="status">${escapeHtml(w[`token${check.kind}`].replace("{claims}", claims))}</p>`;
}

async function certificatePage(
  ctx: Context,
  lang: Lang,
  certificate: Certificate,
  label: { token: string | null; check: TokenCheck | null },
): Promise<string> {
  const w = WORDS[lang];
  const status = certificateStatus(certificate, ctx.today);
  const product = await ctx.loaders.product.load(certificate.productId);
  const [producer, commune] = await Promise.all([
    product ? ctx.loaders.producer.load(product.producerId) : null,
    product ? ctx.loaders.commune.load(product.communeCode) : null,
  ]);
  const row = (label: string, value: string | number | null | undefined) =>
    value === null || value === undefined || value === ""
      ? ""
      : `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`;
  const advice =
    (status === CertificateStatus.ACTIVE ? "" : `<p class="advice">${escapeHtml(w[`advice${status}`])}</p>`) +
    (certificate.numberAssignedBySystem ? `<p class="advice">${escapeHtml(w.numberBySystem)}</p>` : "");
  const [image] = product ? inPosition(await ctx.loaders.imagesByProduct.load(product.id)) : [];
  const photo = image
    ? `<picture><source type="image/webp" srcset="${escapeHtml(ctx.services.content.imageUrl(image, "medium", ImageFormat.WEBP))}"><img src="${escapeHtml(ctx.services.content.imageUrl(image, "medium", ImageFormat.JPEG))}" alt="${escapeHtml(lang === "en" ? (image.altEn ?? image.alt) : image.alt)}" width="${image.width}" height="${image.height}"></picture>`
    : "";
  return page(
    lang,
    certificate.number,
    `<p class="status" style="background:${COLOURS[status]}" role="status">${escapeHtml(w[status])}</p>
${photo}
<dl>
${row(w.number, certificate.number)}
${row(w.product, product?.name)}
${row(w.producer, producer?.name)}
${row(w.commune, commune?.name)}
${row(w.stars, `${"★".repeat(certificate.stars)} (${certificate.stars})`)}
${row(w.decision, `${certificate.decisionNumber}, ${certificate.decisionDate}`)}
${row(w.issued, certificate.issuedOn)}
${row(w.expires, certificate.expiresOn)}
${row(w.revoked, certificate.revokedOn)}
</dl>
${tokenVerdict(lang, label.check)}
${advice}`,
    label.token,
  );
}

/**
 * GET /verify/{number}: the page a shopper lands on from the QR code of a label: the certificate's status in
 * colour and words, the product, producer, commune, stars and dates, and what to do when it is not valid.
 * Server-rendered, no script, every value escaped; 404 for an unknown number. With `?t=` (the signed token a
 * label's QR code carries), it also says whether the token is the province's and matches the record.
 * GET /certificates/{number}/qr.svg and qr.png: the QR code printed on labels, that page's address
 * (PUBLIC_BASE_URL) with the certificate's signed token.
 */
export function verifyRouter(
  contextFor: (req: Request, res: Response) => Promise<Context>,
  publicBaseUrl: string,
): Router {
  const router = express.Router();
  // The page shows photos from the API's own address, and nothing else.
  const policy = `default-src 'none'; style-src 'unsafe-inline'; img-src ${new URL(publicBaseUrl).origin}; frame-ancestors 'none'`;
  router.get("/verify/:number", async (req, res) => {
    const ctx = await contextFor(req, res);
    const lang = languageOf(req);
    const number = String(req.params.number).slice(0, 64);
    const certificate = await ctx.services.certificates.byNumber(ctx, number);
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.setHeader("Content-Language", lang);
    res.setHeader("Vary", "Accept-Language");
    // A revocation shows within a minute; the page needs no script, and styles only its own.
    res.setHeader("Cache-Control", "public, max-age=60");
    res.setHeader("Content-Security-Policy", policy);
    if (!certificate) {
      const w = WORDS[lang];
      res.status(404).send(
        page(
          lang,
          number,
          `<p class="status" style="background:${COLOURS.REVOKED}" role="status">${escapeHtml(w.notFound)}</p>
<dl>${`<dt>${escapeHtml(w.number)}</dt><dd>${escapeHtml(number)}</dd>`}</dl>
<p class="advice">${escapeHtml(w.notFoundAdvice)}</p>`,
        ),
      );
      return;
    }
    const asked = typeof req.query.t === "string" ? req.query.t : null;
    const token = asked && TOKEN_SHAPE.test(asked) ? asked : null;
    let check: TokenCheck | null = null;
    if (token) check = await ctx.services.signedLabels.check(ctx, certificate, token);
    else if (asked !== null) check = { kind: "INVALID" };
    res.send(await certificatePage(ctx, lang, certificate, { token, check }));
  });
  router.get(/^\/certificates\/([^/]+)\/qr\.(svg|png)$/, async (req, res) => {
    const ctx = await contextFor(req, res);
    // The router has decoded the path once already: "%25" is "%", never decoded again.
    const [number, format] = [String(req.params[0]).slice(0, 64), req.params[1]];
    const certificate = await ctx.services.certificates.byNumber(ctx, number);
    if (!certificate) {
      res.status(404).type("text/plain").send("no such certificate");
      return;
    }
    const url = verifyUrl(
      publicBaseUrl,
      certificate.number,
      await ctx.services.signedLabels.token(ctx, certificate),
    );
    res.setHeader("Cache-Control", "public, max-age=86400");
    res.setHeader(
      "Content-Disposition",
      `inline; filename="ocop-${certificate.number.replace(/[^\w.-]/g, "_")}.${format}"`,
    );
    if (format === "svg")
      res
        .type("image/svg+xml")
        .send(await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "L", margin: 2 }));
    else
      res
        .type("image/png")
        .send(await QRCode.toBuffer(url, { type: "png", errorCorrectionLevel: "L", margin: 2, width: 512 }));
  });
  return router;
}
