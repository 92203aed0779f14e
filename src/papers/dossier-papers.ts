import { In, type EntityManager } from "typeorm";
import { requireViewer } from "../auth/auth.service";
import { inViewerCommune } from "../auth/scope";
import { badInput, notFound } from "../core/errors";
import { parseId } from "../core/ids";
import { Dossier, ScoreSheet } from "../dossiers/dossier.entity";
import type { CommuneReport, CriterionVerdict } from "../dossiers/evaluation.types";
import { EvaluationRound } from "../dossiers/round.entity";
import { isConcluded, type ScoringService } from "../dossiers/scoring.service";
import { COUNCIL_STATES, visibleTo } from "../dossiers/transition-runner";
import { DossierStatus } from "../dossiers/workflow";
import { label } from "../i18n/labels";
import type { RequestScope } from "../request";
import type { Paper } from "./certificate-papers";
import { communeIssuer, provinceIssuer, unitName } from "./issuers";
import { type Block, dmy, numberedTable } from "./pdf";

/** The dossiers a commune's report and letter cover: reviewed by the commune, and not withdrawn or returned. */
const REPORTED = [DossierStatus.COMMUNE_REVIEWED, DossierStatus.FORWARDED, ...COUNCIL_STATES];

const LOCAL: [keyof CommuneReport, string][] = [
  ["localOrigin", "Nguồn gốc sản phẩm, nguyên liệu tại địa phương"],
  ["localLabour", "Sử dụng lao động địa phương"],
  ["ideaOrigin", "Nguồn gốc ý tưởng sản phẩm"],
  ["localIdentity", "Trí tuệ, bản sắc địa phương"],
];

const verdict = (v: CriterionVerdict | undefined) =>
  v
    ? `${v.met ? "Đạt" : "Không đạt"}${v.points !== undefined && v.points !== null ? ` (${v.points} điểm)` : ""}`
    : "";

type Reviewed = { dossier: Dossier; product: string; producer: string };

/** The round, commune and reviewed dossiers of a commune's report or letter, as the viewer may see them. */
async function reviewed(ctx: RequestScope, m: EntityManager, rawRoundId: string, communeCode: string) {
  const viewer = requireViewer(ctx);
  const round = await m.findOneBy(EvaluationRound, { id: parseId(rawRoundId, "input.roundId") });
  const commune = await ctx.loaders.commune.load(communeCode);
  if (!round) throw notFound("round.notFound");
  if (!commune || !inViewerCommune(viewer, commune.code)) throw notFound("papers.noCommune");
  const province = (await ctx.loaders.province.load(commune.provinceCode))!;
  const dossiers = await m.find(Dossier, {
    where: { roundId: round.id, communeCode, status: In(REPORTED) },
    order: { id: "ASC" },
  });
  const products = await Promise.all(dossiers.map((d) => ctx.loaders.product.load(d.productId)));
  const producers = await Promise.all(products.map((p) => ctx.loaders.producer.load(p!.producerId)));
  const list: Reviewed[] = dossiers.map((dossier, i) => ({
    dossier,
    product: products[i]!.name,
    producer: producers[i]?.name ?? "",
  }));
  return { round, commune, province, list };
}

const dossierTable = (list: Reviewed[], withGrades: boolean): Block =>
  numberedTable(
    [
      { title: "Sản phẩm", width: 2 },
      { title: "Chủ thể", width: 1.8 },
      { title: "Hồ sơ", width: 1.4 },
      ...(withGrades
        ? LOCAL.map(([, title]) => ({ title, width: 1.1, align: "center" as const }))
        : [{ title: "Ngày tiếp nhận", width: 1.1, align: "center" as const }]),
    ],
    list.map(({ dossier: d, product, producer }) => [
      product,
      producer,
      `${d.code} (${label("vi", "DossierKind", d.kind)})`,
      ...(withGrades ? LOCAL.map(([key]) => verdict(d.communeReport?.[key])) : [dmy(d.receivedOn)]),
    ]),
  );

/** COMMUNE_REPORT: the commune's report on its evaluation and confirmation of the round's dossiers. */
export async function communeReport(
  ctx: RequestScope,
  m: EntityManager,
  roundId: string,
  communeCode: string,
): Promise<Paper> {
  const { round, commune, province, list } = await reviewed(ctx, m, roundId, communeCode);
  const from = communeIssuer(commune, province);
  const title = `Báo cáo kết quả đánh giá, xác nhận hồ sơ sản phẩm OCOP của ${unitName(commune)} (${round.name})`;
  const notes: Block[] = list.flatMap(({ dossier: d, product }) => {
    const noted = LOCAL.filter(([key]) => d.communeReport?.[key]?.note);
    return noted.length
      ? [
          { heading: `${product} (${d.code})` },
          { lines: noted.map(([key, t]) => [t, d.communeReport![key].note!] as [string, string]) },
        ]
      : [];
  });
  return {
    title,
    spec: {
      ...from,
      symbol: `BC-${from.body}`,
      date: ctx.today,
      title: "Báo cáo",
      subtitle: `Kết quả đánh giá, xác nhận hồ sơ đề nghị đánh giá, phân hạng sản phẩm OCOP năm ${round.year}`,
      body: [
        {
          paragraph: `Thực hiện kế hoạch đánh giá, phân hạng sản phẩm OCOP ${round.name} (hạn gửi hồ sơ đến ngày ${dmy(round.submissionDeadline)}), ${from.short} đã tiếp nhận, kiểm tra, xác nhận hồ sơ minh chứng của các chủ thể và đánh giá 04 tiêu chí thuộc thẩm quyền cấp xã đối với ${list.length} sản phẩm, kết quả như sau:`,
        },
        { heading: "1. Kết quả đánh giá các tiêu chí cấp xã" },
        dossierTable(list, true),
        ...(notes.length ? [{ heading: "2. Nhận xét của xã" } as Block, ...notes] : []),
        {
          paragraph: `Các hồ sơ trên đã được xã kiểm tra đầy đủ thành phần, xác nhận tính hợp lệ của từng giấy tờ minh chứng theo quy định.`,
        },
      ],
      recipients: [`Sở Nông nghiệp và Môi trường tỉnh ${province.name}`, "Các chủ thể có sản phẩm"],
    },
  };
}

/** COMMUNE_REQUEST_LETTER: the commune's letter asking the province to evaluate the round's dossiers. */
export async function communeRequestLetter(
  ctx: RequestScope,
  m: EntityManager,
  roundId: string,
  communeCode: string,
): Promise<Paper> {
  const { round, commune, province, list } = await reviewed(ctx, m, roundId, communeCode);
  const from = communeIssuer(commune, province);
  const title = `Tờ trình đề nghị đánh giá, phân hạng sản phẩm OCOP của ${unitName(commune)} (${round.name})`;
  return {
    title,
    spec: {
      ...from,
      symbol: `TTr-${from.body}`,
      date: ctx.today,
      title: "Tờ trình",
      subtitle: `Về việc đề nghị đánh giá, phân hạng sản phẩm OCOP năm ${round.year}`,
      addressees: [`Sở Nông nghiệp và Môi trường tỉnh ${province.name}`],
      body: [
        {
          paragraph: `Căn cứ Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm Chương trình mỗi xã một sản phẩm và kế hoạch ${round.name}, ${from.short} đã tiếp nhận, xác nhận hồ sơ và đánh giá các tiêu chí cấp xã của ${list.length} sản phẩm (có danh sách kèm theo).`,
        },
        {
          paragraph: `${from.short} kính đề nghị Sở Nông nghiệp và Môi trường tỉnh ${province.name} tổng hợp, trình Hội đồng đánh giá, phân hạng sản phẩm OCOP cấp tỉnh xem xét, đánh giá và công nhận các sản phẩm trên.`,
        },
        dossierTable(list, false),
      ],
      recipients: ["Như trên", "Các chủ thể có sản phẩm"],
    },
  };
}

/** The concluded dossier, its sheets, members and figures, as the viewer may see them. */
async function concluded(ctx: RequestScope, m: EntityManager, scoring: ScoringService, rawId: string) {
  const viewer = requireViewer(ctx);
  const dossier = await m.findOneBy(Dossier, { id: parseId(rawId, "input.dossierId") });
  if (!dossier || !visibleTo(viewer, dossier)) throw notFound("dossier.notFound");
  if (!isConcluded(dossier) || !dossier.evaluation) throw badInput("papers.notConcluded", "input.dossierId");
  const [sheets, product, commune, criteriaSheet] = await Promise.all([
    m.find(ScoreSheet, { where: { dossierId: dossier.id }, order: { id: "ASC" } }),
    ctx.loaders.product.load(dossier.productId),
    ctx.loaders.commune.load(dossier.communeCode),
    scoring.criteriaSheet(ctx, dossier),
  ]);
  const [members, producer, province] = await Promise.all([
    Promise.all(sheets.map((s) => ctx.loaders.user.load(s.memberId))),
    ctx.loaders.producer.load(product!.producerId),
    ctx.loaders.province.load(commune!.provinceCode),
  ]);
  const names = members.map((u, i) => u?.fullName ?? `Thành viên ${i + 1}`);
  return {
    dossier,
    evaluation: dossier.evaluation,
    sheets,
    names,
    product: product!,
    producer,
    commune: commune!,
    province: province!,
    criteriaSheet,
  };
}

type Concluded = Awaited<ReturnType<typeof concluded>>;

const identity = (c: Concluded): Block => ({
  lines: [
    ["Hồ sơ", `${c.dossier.code} (${label("vi", "DossierKind", c.dossier.kind)})`],
    ["Sản phẩm", c.product.name],
    ["Chủ thể", c.producer?.name ?? ""],
    ["Địa bàn", unitName(c.commune)],
    [
      "Bộ tiêu chí áp dụng",
      `${c.evaluation.ruleSetVersion}${c.criteriaSheet ? `, bộ số ${c.criteriaSheet.criteriaSet}` : ""}`,
    ],
  ],
});

const totalsTable = (c: Concluded): Block => ({
  table: {
    columns: [
      { title: "Thành viên hội đồng", width: 2.4 },
      { title: "Phần A", width: 0.8, align: "center" },
      { title: "Phần B", width: 0.8, align: "center" },
      { title: "Phần C", width: 0.8, align: "center" },
      { title: "Tổng điểm", width: 0.9, align: "center" },
      { title: "Đạt tiêu chí bắt buộc đến", width: 1.3, align: "center" },
    ],
    rows: c.sheets.map((s, i) => [
      c.names[i],
      String(s.partA),
      String(s.partB),
      String(s.partC),
      String(s.total),
      `${s.mandatoryStarsMet} sao`,
    ]),
  },
});

const marks = (list: { criterionCode: string; stars: number }[]) =>
  list.map((u) => `${u.criterionCode} (${u.stars} sao)`).join(", ") || "không có";

const result = (c: Concluded): Block[] => [
  {
    lines: [
      ["Điểm trung bình", String(c.dossier.averageScore)],
      ["Hạng theo điểm", `${c.evaluation.bandStars} sao`],
      ["Tiêu chí bắt buộc của hội đồng đạt đến", `${c.evaluation.mandatoryStarsMet} sao`],
      ["Tiêu chí có ý kiến khác nhau", marks(c.evaluation.disputedMarks ?? [])],
      [
        "Kết quả",
        c.dossier.resultStars !== null && c.dossier.resultStars >= 3
          ? `Đạt ${c.dossier.resultStars} sao`
          : "Không đạt (dưới 3 sao)",
      ],
    ],
  },
  ...(c.evaluation.findings?.length
    ? [
        { heading: "Kết luận của hội đồng về các tiêu chí có ý kiến khác nhau" } as Block,
        {
          table: {
            columns: [
              { title: "Tiêu chí", width: 1 },
              { title: "Mức", width: 0.6, align: "center" as const },
              { title: "Kết luận", width: 0.8, align: "center" as const },
              { title: "Lý do", width: 3.5 },
            ],
            rows: c.evaluation.findings.map((f) => [
              f.criterionCode,
              `${f.stars} sao`,
              f.met ? "Đạt" : "Không đạt",
              f.reason,
            ]),
          },
        } as Block,
      ]
    : []),
];

/** SCORE_SUMMARY: each member's choices and totals, the average, the disputed marks and findings, the stars. */
export async function scoreSummary(
  ctx: RequestScope,
  m: EntityManager,
  scoring: ScoringService,
  dossierId: string,
): Promise<Paper> {
  const c = await concluded(ctx, m, scoring, dossierId);
  const criteria = c.criteriaSheet?.parts.flatMap((p) => p.criteria) ?? [];
  const points = (code: string) =>
    c.sheets.map((s) => String(s.choices?.find((x) => x.criterionCode === code)?.points ?? "—"));
  const title = `Bảng tổng hợp kết quả chấm điểm hồ sơ ${c.dossier.code}`;
  return {
    title,
    spec: {
      ...provinceIssuer(c.province),
      issuer: "Hội đồng đánh giá, phân hạng sản phẩm OCOP",
      symbol: "BTH-HĐ",
      date: ctx.today,
      title: "Bảng tổng hợp kết quả chấm điểm",
      subtitle: `Sản phẩm: ${c.product.name}`,
      body: [
        identity(c),
        { heading: "1. Điểm của từng thành viên" },
        totalsTable(c),
        { heading: "2. Điểm theo từng tiêu chí" },
        {
          table: {
            columns: [
              { title: "Mã", width: 0.7 },
              { title: "Tiêu chí", width: 3 },
              ...c.names.map((n) => ({ title: n, width: 0.9, align: "center" as const })),
            ],
            rows: criteria.map((k) => [k.code, k.title, ...points(k.code)]),
          },
        },
        { heading: "3. Kết quả" },
        ...result(c),
      ],
      recipients: ["Sở Nông nghiệp và Môi trường (tổng hợp)", "Thành viên hội đồng"],
      signatory: { on: "Hội đồng đánh giá", title: "Chủ tịch hội đồng" },
    },
  };
}

/** MINUTES_DRAFT: the council's minutes (biên bản) with the figures filled in; time, place and names left to complete. */
export async function minutesDraft(
  ctx: RequestScope,
  m: EntityManager,
  scoring: ScoringService,
  dossierId: string,
): Promise<Paper> {
  const c = await concluded(ctx, m, scoring, dossierId);
  const title = `Biên bản họp Hội đồng đánh giá, phân hạng sản phẩm OCOP (dự thảo) - hồ sơ ${c.dossier.code}`;
  return {
    title,
    spec: {
      ...provinceIssuer(c.province),
      issuer: "Hội đồng đánh giá, phân hạng sản phẩm OCOP",
      symbol: "BB-HĐ",
      date: ctx.today,
      title: "Biên bản (dự thảo)",
      subtitle: "Họp Hội đồng đánh giá, phân hạng sản phẩm OCOP cấp tỉnh",
      body: [
        {
          paragraph: "Thời gian: ....... giờ ....... ngày ....... tháng ....... năm ..........",
          indent: false,
        },
        {
          paragraph:
            "Địa điểm: ..............................................................................",
          indent: false,
        },
        { heading: "I. Thành phần" },
        ...c.names.map((n, i) => ({
          paragraph: `${i + 1}. ${n} - thành viên hội đồng (có phiếu chấm).`,
          indent: false,
        })),
        { heading: "II. Nội dung" },
        identity(c),
        {
          paragraph: `Hội đồng đã xem xét hồ sơ, sản phẩm mẫu và chấm điểm theo bộ tiêu chí; có ${c.sheets.length} phiếu chấm hợp lệ.`,
        },
        totalsTable(c),
        { heading: "III. Kết luận" },
        ...result(c),
        {
          paragraph:
            "Biên bản được lập xong hồi ....... giờ cùng ngày, đã đọc lại cho các thành viên cùng nghe và thống nhất ký tên.",
        },
      ],
      recipients: ["Sở Nông nghiệp và Môi trường", "Thành viên hội đồng"],
      signatory: { on: "Hội đồng đánh giá", title: "Chủ tịch hội đồng" },
    },
  };
}
