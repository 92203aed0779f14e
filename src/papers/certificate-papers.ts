import QRCode from "qrcode";
import type { EntityManager } from "typeorm";
import { requireViewer } from "../auth/auth.service";
import { inViewerCommune } from "../auth/scope";
import { Role } from "../auth/user.entity";
import type { Producer } from "../catalog/producer.entity";
import type { Product } from "../catalog/product.entity";
import { Certificate, IssuingLevel } from "../certificates/certificate.entity";
import { visibleCertificate } from "../certificates/certificate.service";
import type { CertificateLifecycleService } from "../certificates/lifecycle.service";
import { notFound } from "../core/errors";
import { addDays } from "../core/time";
import type { Commune, Province } from "../geography/commune.entity";
import type { RequestScope } from "../request";
import { ruleSetOn } from "../rules/rule-set.entity";
import { communeIssuer, issuerFor, provinceIssuer, unitName } from "./issuers";
import { type Block, dmy, numberedTable, type OfficialDocument } from "./pdf";

/** A paper's title and its contents, ready to render. */
export type Paper = { title: string; spec: OfficialDocument };

/** What a certificate paper shows of the records around a certificate. */
type Holder = {
  certificate: Certificate;
  product: Product;
  producer: Producer | null;
  commune: Commune;
  province: Province;
};

/** The product, producer, commune and province of certificates, through the request's loaders (batched). */
export async function holdersOf(ctx: RequestScope, certificates: Certificate[]): Promise<Holder[]> {
  const products = await Promise.all(certificates.map((c) => ctx.loaders.product.load(c.productId)));
  const [producers, communes] = await Promise.all([
    Promise.all(products.map((p) => ctx.loaders.producer.load(p!.producerId))),
    Promise.all(products.map((p) => ctx.loaders.commune.load(p!.communeCode))),
  ]);
  const provinces = await Promise.all(communes.map((c) => ctx.loaders.province.load(c!.provinceCode)));
  return certificates.map((certificate, i) => ({
    certificate,
    product: products[i]!,
    producer: producers[i],
    commune: communes[i]!,
    province: provinces[i]!,
  }));
}

const stars = (n: number) => `${n} sao`;
const ISSUED_BY: Record<IssuingLevel, string> = {
  [IssuingLevel.PROVINCE]: "UBND tỉnh",
  [IssuingLevel.DISTRICT]: "UBND huyện",
  [IssuingLevel.CENTRAL]: "Bộ Nông nghiệp và Môi trường",
};

const certificateLines = ({ certificate: c, product, producer, commune }: Holder): Block => ({
  lines: [
    ["Sản phẩm", product.name],
    ["Chủ thể", producer?.name ?? ""],
    ["Địa chỉ", producer?.address ?? unitName(commune)],
    ["Số giấy chứng nhận", c.number],
    ["Hạng", stars(c.stars)],
    [
      "Quyết định công nhận",
      `số ${c.decisionNumber} ngày ${dmy(c.decisionDate)} của ${ISSUED_BY[c.issuedBy]}`,
    ],
    ["Hiệu lực đến hết ngày", dmy(c.expiresOn)],
  ],
});

/** What a holder does to keep the OCOP mark: the re-evaluation dossier before expiry. */
const whatToDo = (h: Holder, noticeDays: number): Block[] => [
  {
    paragraph: `Để tiếp tục sử dụng biểu trưng OCOP sau ngày ${dmy(h.certificate.expiresOn)}, đề nghị chủ thể lập hồ sơ đánh giá lại (công nhận lại) sản phẩm gồm: phiếu đăng ký sản phẩm, báo cáo của chủ thể về sản phẩm trong 3 năm qua và các giấy tờ chứng minh còn hiệu lực (giấy chứng nhận an toàn thực phẩm, phiếu kết quả kiểm nghiệm, bản tự công bố chất lượng…), nộp cho Ủy ban nhân dân ${unitName(h.commune)} trước thời hạn của đợt đánh giá.`,
  },
  {
    paragraph: `Theo quy định, chủ thể được thông báo ít nhất ${noticeDays} ngày trước khi giấy chứng nhận hết hiệu lực. Sau ngày hết hiệu lực, sản phẩm không còn được sử dụng biểu trưng OCOP cho đến khi được công nhận lại.`,
  },
  {
    paragraph: `Mọi thắc mắc xin liên hệ bộ phận phụ trách Chương trình OCOP của Ủy ban nhân dân ${unitName(h.commune)}.`,
  },
];

/** EXPIRY_NOTICE: the notice to the holder of one certificate. */
export async function expiryNotice(ctx: RequestScope, m: EntityManager, number: string): Promise<Paper> {
  const viewer = requireViewer(ctx);
  const [h] = await holdersOf(ctx, [await visibleCertificate(m, viewer, number)]);
  const rules = await ruleSetOn(m, ctx.today);
  const from = issuerFor(viewer, h.commune, h.province);
  const title = `Thông báo giấy chứng nhận sản phẩm OCOP ${h.certificate.number} sắp hết hiệu lực`;
  return {
    title,
    spec: {
      ...from,
      symbol: `TB-${from.body}`,
      date: ctx.today,
      title: "Thông báo",
      subtitle: "Về việc giấy chứng nhận sản phẩm OCOP sắp hết hiệu lực",
      addressees: [h.producer?.name ?? h.product.name],
      body: [
        {
          paragraph: `${from.short} thông báo: giấy chứng nhận sản phẩm OCOP của sản phẩm "${h.product.name}" sẽ hết hiệu lực sau ngày ${dmy(h.certificate.expiresOn)}.`,
        },
        certificateLines(h),
        ...whatToDo(h, rules.expiryNoticeDays),
      ],
      recipients: ["Như trên", `UBND tỉnh ${h.province.name} (b/c)`],
    },
  };
}

/** COMMUNE_EXPIRY_NOTICES: one notice for the commune's certificates expiring within the days, listed in an annex. */
export async function communeExpiryNotices(
  ctx: RequestScope,
  m: EntityManager,
  lifecycle: CertificateLifecycleService,
  communeCode: string,
  withinDays: number,
): Promise<Paper> {
  const viewer = requireViewer(ctx);
  const commune = await ctx.loaders.commune.load(communeCode);
  if (!commune || !inViewerCommune(viewer, commune.code)) throw notFound("papers.noCommune");
  const province = (await ctx.loaders.province.load(commune.provinceCode))!;
  const holders = await holdersOf(
    ctx,
    await lifecycle.expiring(ctx, { withinDays, communeCodes: [communeCode], includeExpired: false }),
  );
  const rules = await ruleSetOn(m, ctx.today);
  const from = issuerFor(viewer, commune, province);
  const title = `Thông báo các giấy chứng nhận sản phẩm OCOP của ${unitName(commune)} hết hiệu lực trong ${withinDays} ngày`;
  return {
    title,
    spec: {
      ...from,
      symbol: `TB-${from.body}`,
      date: ctx.today,
      title: "Thông báo",
      subtitle: "Về việc các giấy chứng nhận sản phẩm OCOP sắp hết hiệu lực",
      addressees: ["Các chủ thể có sản phẩm OCOP (có danh sách kèm theo)"],
      body: [
        {
          paragraph: `${from.short} thông báo: ${holders.length} giấy chứng nhận sản phẩm OCOP của các chủ thể trên địa bàn ${unitName(commune)} hết hiệu lực trong ${withinDays} ngày tới (đến ngày ${dmy(addDays(ctx.today, withinDays))}), có danh sách sản phẩm kèm theo.`,
        },
        {
          paragraph: `Đề nghị các chủ thể lập hồ sơ đánh giá lại (công nhận lại) sản phẩm và nộp cho Ủy ban nhân dân ${unitName(commune)} trước thời hạn của đợt đánh giá; theo quy định, chủ thể được thông báo ít nhất ${rules.expiryNoticeDays} ngày trước khi giấy chứng nhận hết hiệu lực.`,
        },
      ],
      recipients: ["Các chủ thể có tên trong danh sách", `UBND tỉnh ${province.name} (b/c)`],
      annex: {
        title: "Danh sách sản phẩm OCOP có giấy chứng nhận sắp hết hiệu lực",
        subtitle: `(Kèm theo Thông báo của ${from.short})`,
        blocks: [
          numberedTable(
            [
              { title: "Sản phẩm", width: 2.2 },
              { title: "Chủ thể", width: 2.2 },
              { title: "Số giấy chứng nhận", width: 1.8 },
              { title: "Hạng", width: 0.8, align: "center" },
              { title: "Hết hiệu lực", width: 1.2, align: "center" },
            ],
            holders.map((h) => [
              h.product.name,
              h.producer?.name ?? "",
              h.certificate.number,
              stars(h.certificate.stars),
              dmy(h.certificate.expiresOn),
            ]),
          ),
        ],
      },
    },
  };
}

/** CERTIFICATE: the certificate with its verification QR code (the label's signed link). */
export async function certificatePaper(
  ctx: RequestScope,
  m: EntityManager,
  number: string,
  links: { qr: (c: Certificate) => Promise<string>; page: (c: Certificate) => string },
): Promise<Paper> {
  const viewer = requireViewer(ctx);
  const [h] = await holdersOf(ctx, [await visibleCertificate(m, viewer, number)]);
  const qr = await QRCode.toBuffer(await links.qr(h.certificate), {
    type: "png",
    errorCorrectionLevel: "M",
    margin: 1,
    width: 400,
  });
  const title = `Giấy chứng nhận sản phẩm OCOP ${h.certificate.number}`;
  return {
    title,
    spec: {
      issuer: `Ủy ban nhân dân tỉnh ${h.province.name}`,
      place: h.province.name,
      symbol: "GCN-OCOP",
      number: h.certificate.number,
      date: h.certificate.issuedOn,
      title: "Giấy chứng nhận",
      subtitle: `Sản phẩm đạt hạng ${stars(h.certificate.stars)} - Chương trình mỗi xã một sản phẩm`,
      body: [
        { paragraph: `Ủy ban nhân dân tỉnh ${h.province.name} chứng nhận:`, indent: false },
        certificateLines(h),
        {
          paragraph:
            "Sản phẩm được sử dụng biểu trưng OCOP và dấu chứng nhận hạng sao theo quy định trong thời hạn hiệu lực của giấy chứng nhận.",
        },
        { image: qr, width: 110, caption: `Quét mã để kiểm tra, hoặc xem tại ${links.page(h.certificate)}` },
      ],
      recipients: [h.producer?.name ?? h.product.name, `UBND ${unitName(h.commune)}`],
      signatory: { on: "TM. Ủy ban nhân dân", title: "Chủ tịch" },
    },
  };
}

/** RECOGNITION_LIST: the annex of one recognition decision (commune officers: their commune's products). */
export async function recognitionList(
  ctx: RequestScope,
  m: EntityManager,
  decisionNumber: string,
): Promise<Paper> {
  const viewer = requireViewer(ctx);
  const all = await m.find(Certificate, { where: { decisionNumber }, order: { id: "ASC" } });
  const holders = (await holdersOf(ctx, all)).filter((h) => inViewerCommune(viewer, h.commune.code));
  if (!holders.length) throw notFound("papers.noDecision");
  const { province, certificate: first } = holders[0];
  const from =
    viewer.role === Role.COMMUNE_OFFICER
      ? communeIssuer(holders[0].commune, province)
      : provinceIssuer(province);
  const title = `Danh sách sản phẩm được công nhận theo Quyết định ${decisionNumber}`;
  return {
    title,
    spec: {
      issuer: `Ủy ban nhân dân tỉnh ${province.name}`,
      place: from.place,
      symbol: "QĐ-UBND",
      number: decisionNumber,
      date: first.decisionDate,
      title: "Phụ lục",
      subtitle: `Danh sách sản phẩm được công nhận đạt sản phẩm OCOP (kèm theo Quyết định số ${decisionNumber} ngày ${dmy(first.decisionDate)})`,
      body: [
        numberedTable(
          [
            { title: "Sản phẩm", width: 2 },
            { title: "Chủ thể", width: 2 },
            { title: "Xã/phường", width: 1.3 },
            { title: "Hạng", width: 0.7, align: "center" },
            { title: "Số giấy chứng nhận", width: 1.6 },
            { title: "Hiệu lực đến", width: 1.1, align: "center" },
          ],
          holders.map((h) => [
            h.product.name,
            h.producer?.name ?? "",
            h.commune.name,
            stars(h.certificate.stars),
            h.certificate.number,
            dmy(h.certificate.expiresOn),
          ]),
        ),
        { paragraph: `Tổng cộng: ${holders.length} sản phẩm.`, indent: false },
      ],
      recipients: ["Các chủ thể có tên trong danh sách", "UBND các xã, phường có sản phẩm"],
      signatory: { on: "TM. Ủy ban nhân dân", title: "Chủ tịch" },
    },
  };
}
