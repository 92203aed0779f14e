// npm run bench:papers: what a printable document costs the server: the time to render an expiry notice
// (one page), a commune's notices with an annex of 200 certificates, and a score summary of 5 members × 40
// criteria, one after another in this process, with the PDF's size and the process's peak RSS.
// Writes bench/papers-results.md.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type OfficialDocument, renderOfficialDocument } from "../src/papers/pdf";

const RUNS = Number(process.env.BENCH_PAPER_RUNS ?? 30);

const base: Omit<OfficialDocument, "title" | "body"> = {
  superior: "UBND tỉnh Lai Châu",
  issuer: "Ủy ban nhân dân xã Bình Lư",
  symbol: "TB-UBND",
  place: "Bình Lư",
  date: "2026-12-04",
  recipients: ["Như trên", "UBND tỉnh Lai Châu (b/c)"],
  signatory: { on: "TM. Ủy ban nhân dân", title: "Chủ tịch" },
};
const paragraph = {
  paragraph:
    "Để tiếp tục sử dụng biểu trưng OCOP, đề nghị chủ thể lập hồ sơ đánh giá lại sản phẩm gồm phiếu đăng ký, báo cáo về sản phẩm trong 3 năm qua và các giấy tờ chứng minh còn hiệu lực.",
};
const rows = (n: number, cells: (i: number) => string[]) => Array.from({ length: n }, (_, i) => cells(i));

const CASES: [string, OfficialDocument][] = [
  ["expiry notice (1 page)", { ...base, title: "Thông báo", body: [paragraph, paragraph, paragraph] }],
  [
    "commune's notices, annex of 200 certificates",
    {
      ...base,
      title: "Thông báo",
      body: [paragraph],
      annex: {
        title: "Danh sách sản phẩm OCOP có giấy chứng nhận sắp hết hiệu lực",
        blocks: [
          {
            table: {
              columns: [
                { title: "STT", width: 0.6 },
                { title: "Sản phẩm", width: 2.2 },
                { title: "Chủ thể", width: 2.2 },
                { title: "Số giấy chứng nhận", width: 1.8 },
                { title: "Hạng", width: 0.8 },
                { title: "Hết hiệu lực", width: 1.2 },
              ],
              rows: rows(200, (i) => [
                String(i + 1),
                `Chè Shan tuyết số ${i}`,
                `Hợp tác xã Bình Lư ${i}`,
                `OCOP-2023-${i}`,
                "4 sao",
                "10/07/2026",
              ]),
            },
          },
        ],
      },
    },
  ],
  [
    "score summary, 5 members × 40 criteria",
    {
      ...base,
      title: "Bảng tổng hợp kết quả chấm điểm",
      body: [
        {
          table: {
            columns: [
              { title: "Mã", width: 0.7 },
              { title: "Tiêu chí", width: 3 },
              ...rows(5, (i) => [`Thành viên ${i + 1}`]).map(([t]) => ({ title: t, width: 0.9 })),
            ],
            rows: rows(40, (i) => [
              `A.${i}`,
              "Nguồn gốc nguyên liệu, quy mô sản xuất và liên kết chuỗi",
              "3",
              "3",
              "2",
              "3",
              "3",
            ]),
          },
        },
      ],
    },
  ],
];

async function main() {
  const lines = [
    "# Printable documents: render time",
    "",
    `\`npm run bench:papers\` on ${new Date().toISOString().slice(0, 10)}: ${RUNS} renders of each, one after another, in one process (Node ${process.version}).`,
    "",
    "| document | pages | PDF bytes | mean ms | p95 ms |",
    "|---|---|---|---|---|",
  ];
  let peak = process.memoryUsage().rss;
  for (const [name, spec] of CASES) {
    await renderOfficialDocument(spec, name); // warm-up: fonts parsed, code compiled
    const times: number[] = [];
    let pdf: Buffer = Buffer.alloc(0);
    for (let i = 0; i < RUNS; i++) {
      const start = process.hrtime.bigint();
      pdf = await renderOfficialDocument(spec, name);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    times.sort((a, b) => a - b);
    const pages = (pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;
    const mean = times.reduce((s, t) => s + t, 0) / times.length;
    lines.push(
      `| ${name} | ${pages} | ${pdf.length.toLocaleString("en")} | ${mean.toFixed(1)} | ${times[Math.floor(times.length * 0.95)].toFixed(1)} |`,
    );
  }
  lines.push("", `Peak RSS of the process: ${Math.round(peak / 1024 / 1024)} MB.`, "");
  const out = join(__dirname, "..", "..", "bench", "papers-results.md");
  writeFileSync(out, lines.join("\n"));
  console.log(lines.join("\n"));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
