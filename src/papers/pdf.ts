import { readFileSync } from "node:fs";
import PDFDocument from "pdfkit";

// Vietnamese administrative documents (Decree 30/2020/NĐ-CP) as PDF: A4, the national title and motto, the
// issuing body, number and symbol left blank for the office, place and date, title, body, recipients and the
// signatory block. Noto Serif (a font shipped by an npm package) is embedded: every Vietnamese letter is
// covered, and the text stays selectable and searchable.

const FONT_DIR = "@expo-google-fonts/noto-serif";
const FONTS = {
  regular: require.resolve(`${FONT_DIR}/400Regular/NotoSerif_400Regular.ttf`),
  bold: require.resolve(`${FONT_DIR}/700Bold/NotoSerif_700Bold.ttf`),
  italic: require.resolve(`${FONT_DIR}/400Regular_Italic/NotoSerif_400Regular_Italic.ttf`),
  boldItalic: require.resolve(`${FONT_DIR}/700Bold_Italic/NotoSerif_700Bold_Italic.ttf`),
};
type FontName = keyof typeof FONTS;
/** The font files, read once per process (each document still embeds only the glyphs it uses). */
let fontBytes: Record<FontName, Buffer> | undefined;
const fonts = () =>
  (fontBytes ??= Object.fromEntries(
    Object.entries(FONTS).map(([name, path]) => [name, readFileSync(path)]),
  ) as Record<FontName, Buffer>);

/** A4 in points, with the margins of Decree 30 (top and bottom 20 mm, left 30 mm, right 15 mm). */
const PAGE = { size: "A4" as const, margins: { top: 57, bottom: 57, left: 85, right: 43 } };
const BODY_SIZE = 12;

export type Table = {
  columns: { title: string; width: number; align?: "left" | "center" | "right" }[];
  rows: string[][];
};

/** A table whose first column numbers its rows (STT), as every list of an administrative document does. */
export const numberedTable = (columns: Table["columns"], rows: string[][]): Block => ({
  table: {
    columns: [{ title: "STT", width: 0.7, align: "center" }, ...columns],
    rows: rows.map((cells, i) => [String(i + 1), ...cells]),
  },
});

export type Block =
  | { paragraph: string; indent?: boolean }
  | { heading: string }
  | { lines: [string, string][] }
  | { table: Table }
  | { image: Buffer; width: number; caption?: string };

export type OfficialDocument = {
  /** The issuing body's superior (e.g. "UBND TỈNH LAI CHÂU"), if any, and the issuing body. */
  superior?: string;
  issuer: string;
  /** The document's symbol after the blank number, e.g. "TB-UBND" (the office fills in the number). */
  symbol: string;
  /** The number and symbol when the record already has them (a certificate, a decision's annex). */
  number?: string;
  place: string;
  /** The date printed under the motto (the day the document is generated, Vietnam time). */
  date: string;
  title: string;
  subtitle?: string;
  /** To whom (Kính gửi), if the document is addressed. */
  addressees?: string[];
  body: Block[];
  recipients: string[];
  signatory: { on?: string; title: string; name?: string };
  annex?: { title: string; subtitle?: string; blocks: Block[] };
};

/** "ngày 04 tháng 12 năm 2026" of a date like 2026-12-04. */
export const vietnameseDate = (date: string): string => {
  const [y, m, d] = date.split("-");
  return `ngày ${d} tháng ${m} năm ${y}`;
};

/** 2026-12-04 as 04/12/2026. */
export const dmy = (date: string | null | undefined): string =>
  date ? date.split("-").reverse().join("/") : "";

/** Renders the document, `title` in its metadata: one PDF in memory (a few pages; documents are small). */
export function renderOfficialDocument(spec: OfficialDocument, title: string): Promise<Buffer> {
  const doc = new PDFDocument({
    ...PAGE,
    bufferPages: true,
    info: {
      Title: title,
      Subject: "Chương trình mỗi xã một sản phẩm (OCOP)",
      Creator: "OCOP API",
      Producer: "OCOP API",
      // The document's day, not the instant: the same records give the same bytes (a repeat is seen).
      CreationDate: new Date(`${spec.date}T00:00:00+07:00`),
    },
    lang: "vi-VN",
  });
  for (const [name, bytes] of Object.entries(fonts())) doc.registerFont(name, bytes);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  header(doc, spec);
  doc.moveDown(1.2);
  centered(doc, spec.title.toUpperCase(), "bold", 14);
  if (spec.subtitle) centered(doc, spec.subtitle, "bold", BODY_SIZE);
  doc.moveDown(0.8);
  if (spec.addressees?.length) {
    const left = PAGE.margins.left + 60;
    spec.addressees.forEach((a, i) =>
      write(doc, `${i === 0 ? "Kính gửi: " : "                "}${a}`, "regular", BODY_SIZE, { x: left }),
    );
    doc.moveDown(0.5);
  }
  blocks(doc, spec.body);
  doc.moveDown(1);
  closing(doc, spec);
  if (spec.annex) {
    doc.addPage();
    centered(doc, "PHỤ LỤC", "bold", 13);
    centered(doc, spec.annex.title, "bold", 12);
    if (spec.annex.subtitle) centered(doc, spec.annex.subtitle, "italic", 11);
    doc.moveDown(0.8);
    blocks(doc, spec.annex.blocks);
  }
  pageNumbers(doc);
  doc.end();
  return done;
}

const width = (doc: PDFKit.PDFDocument) => doc.page.width - PAGE.margins.left - PAGE.margins.right;

function write(
  doc: PDFKit.PDFDocument,
  text: string,
  font: FontName,
  size: number,
  options: PDFKit.Mixins.TextOptions & { x?: number; y?: number } = {},
) {
  const { x, y, ...rest } = options;
  doc.font(font).fontSize(size);
  if (x !== undefined || y !== undefined) doc.text(text, x ?? doc.x, y ?? doc.y, rest);
  else doc.text(text, rest);
}

function centered(doc: PDFKit.PDFDocument, text: string, font: FontName, size: number) {
  write(doc, text, font, size, { x: PAGE.margins.left, width: width(doc), align: "center" });
}

/** The two columns on top: the issuing body and the blank number; the national title, motto, place and date. */
function header(doc: PDFKit.PDFDocument, spec: OfficialDocument) {
  const top = PAGE.margins.top;
  const left = { x: PAGE.margins.left - 30, width: 200 };
  const right = { x: PAGE.margins.left + 185, width: width(doc) - 185 + 20 };
  let y = top;
  if (spec.superior) {
    write(doc, spec.superior.toUpperCase(), "regular", 11, { ...left, y, align: "center" });
    y = doc.y;
  }
  write(doc, spec.issuer.toUpperCase(), "bold", 11, { ...left, y, align: "center" });
  rule(doc, left.x + left.width / 2, doc.y + 2, 60);
  write(doc, spec.number ? `Số: ${spec.number}` : `Số:        /${spec.symbol}`, "regular", 11, {
    ...left,
    y: doc.y + 10,
    align: "center",
  });
  const leftBottom = doc.y;

  write(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "bold", 11, { ...right, y: top, align: "center" });
  write(doc, "Độc lập - Tự do - Hạnh phúc", "bold", 12, { ...right, align: "center" });
  rule(doc, right.x + right.width / 2, doc.y + 2, 150);
  write(doc, `${spec.place}, ${vietnameseDate(spec.date)}`, "italic", 11, {
    ...right,
    y: doc.y + 10,
    align: "center",
  });
  doc.x = PAGE.margins.left;
  doc.y = Math.max(leftBottom, doc.y);
}

function rule(doc: PDFKit.PDFDocument, centre: number, y: number, length: number) {
  doc
    .moveTo(centre - length / 2, y)
    .lineTo(centre + length / 2, y)
    .lineWidth(0.6)
    .stroke();
}

function blocks(doc: PDFKit.PDFDocument, list: Block[]) {
  for (const block of list) {
    doc.x = PAGE.margins.left;
    if ("paragraph" in block)
      write(doc, block.paragraph, "regular", BODY_SIZE, {
        width: width(doc),
        align: "justify",
        indent: block.indent === false ? 0 : 28,
        paragraphGap: 4,
      });
    else if ("heading" in block) {
      doc.moveDown(0.3);
      write(doc, block.heading, "bold", BODY_SIZE, { width: width(doc), paragraphGap: 3 });
    } else if ("lines" in block)
      for (const [label, value] of block.lines) {
        doc
          .font("bold")
          .fontSize(BODY_SIZE)
          .text(`${label}: `, { continued: true, width: width(doc) });
        doc.font("regular").text(value || "—", { width: width(doc), paragraphGap: 2 });
      }
    else if ("table" in block) table(doc, block.table);
    else {
      const x = PAGE.margins.left + (width(doc) - block.width) / 2;
      doc.image(block.image, x, doc.y, { width: block.width });
      doc.y += block.width + 4;
      if (block.caption) centered(doc, block.caption, "italic", 10);
    }
  }
}

/** A grid: header row in bold, cells wrapped, a row never split across pages (the header is repeated). */
function table(doc: PDFKit.PDFDocument, t: Table) {
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  const widths = t.columns.map((c) => (c.width / total) * width(doc));
  const pad = 3;
  const size = 10;
  const heightOf = (cells: string[], font: FontName) =>
    Math.max(
      ...cells.map((text, i) =>
        doc
          .font(font)
          .fontSize(size)
          .heightOfString(text || " ", { width: widths[i] - 2 * pad }),
      ),
    ) +
    2 * pad;
  const row = (cells: string[], font: FontName) => {
    const h = heightOf(cells, font);
    if (doc.y + h > doc.page.height - PAGE.margins.bottom) {
      doc.addPage();
      if (font !== "bold")
        row(
          t.columns.map((c) => c.title),
          "bold",
        );
    }
    const y = doc.y;
    let x = PAGE.margins.left;
    cells.forEach((text, i) => {
      doc.lineWidth(0.5).rect(x, y, widths[i], h).stroke();
      doc
        .font(font)
        .fontSize(size)
        .text(text || "", x + pad, y + pad, {
          width: widths[i] - 2 * pad,
          align: font === "bold" ? "center" : (t.columns[i].align ?? "left"),
        });
      x += widths[i];
    });
    doc.x = PAGE.margins.left;
    doc.y = y + h;
  };
  row(
    t.columns.map((c) => c.title),
    "bold",
  );
  for (const cells of t.rows) row(cells, "regular");
  doc.moveDown(0.5);
}

/** "Nơi nhận" on the left, the signatory block on the right, side by side. */
function closing(doc: PDFKit.PDFDocument, spec: OfficialDocument) {
  const needed = 120; // the recipients and the signature block, which stay together
  if (doc.y + needed > doc.page.height - PAGE.margins.bottom) doc.addPage();
  const y = doc.y;
  const left = { x: PAGE.margins.left, width: 200 };
  write(doc, "Nơi nhận:", "boldItalic", 11, { ...left, y });
  for (const r of spec.recipients) write(doc, `- ${r};`, "regular", 10, left);
  write(doc, "- Lưu: VT.", "regular", 10, left);
  const right = { x: PAGE.margins.left + 215, width: width(doc) - 215 };
  if (spec.signatory.on)
    write(doc, spec.signatory.on.toUpperCase(), "bold", 11, { ...right, y, align: "center" });
  write(doc, spec.signatory.title.toUpperCase(), "bold", 11, {
    ...right,
    ...(spec.signatory.on ? {} : { y }),
    align: "center",
  });
  write(doc, "(Ký, ghi rõ họ tên, đóng dấu)", "italic", 10, { ...right, align: "center" });
  doc.y += 60;
  if (spec.signatory.name) write(doc, spec.signatory.name, "bold", 11, { ...right, align: "center" });
  doc.x = PAGE.margins.left;
}

function pageNumbers(doc: PDFKit.PDFDocument) {
  const range = doc.bufferedPageRange();
  if (range.count < 2) return;
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not open a new page
    write(doc, `${i + 1}/${range.count}`, "regular", 9, {
      x: PAGE.margins.left,
      y: doc.page.height - 35,
      width: width(doc),
      align: "center",
    });
    doc.page.margins.bottom = bottom;
  }
}
