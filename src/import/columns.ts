import { IssuingLevel } from "../certificates/certificate.entity";
import { ProducerKind } from "../catalog/producer.entity";
import { fold } from "../core/text";
import { isLocalDate, type LocalDate } from "../core/time";
import type { MessageKey, Params } from "../i18n/messages";
import type { Cell } from "./spreadsheet";

/** The columns of an import file, by their Vietnamese header and English alias. */
export const COLUMNS = {
  productName: { header: "Tên sản phẩm", alias: "product_name", required: true, max: 255 },
  productSet: { header: "Bộ sản phẩm", alias: "product_set", required: true, max: 255 },
  producerName: { header: "Chủ thể", alias: "producer_name", required: true, max: 255 },
  producerKind: { header: "Loại hình", alias: "producer_kind", required: true, max: 50 },
  registrationNumber: { header: "Mã số đăng ký", alias: "registration_number", required: false, max: 50 },
  address: { header: "Địa chỉ", alias: "address", required: false, max: 500 },
  phone: { header: "Điện thoại", alias: "phone", required: false, max: 30 },
  email: { header: "Email", alias: "email", required: false, max: 255 },
  commune: { header: "Xã/phường", alias: "commune", required: true, max: 100 },
  stars: { header: "Hạng sao", alias: "stars", required: true, max: 20 },
  decisionNumber: { header: "Số quyết định", alias: "decision_number", required: true, max: 100 },
  decisionDate: { header: "Ngày quyết định", alias: "decision_date", required: true, max: 30 },
  certificateNumber: { header: "Số giấy chứng nhận", alias: "certificate_number", required: false, max: 64 },
  issuedBy: { header: "Cấp công nhận", alias: "issued_by", required: false, max: 50 },
  expiresOn: { header: "Ngày hết hạn", alias: "expires_on", required: false, max: 30 },
} as const;
export type Column = keyof typeof COLUMNS;

/** A header as compared: case, accents, spaces, punctuation and the required mark ignored. */
const headerKey = (header: string) => fold(header).replace(/ /g, "");
const BY_HEADER = new Map<string, Column>(
  (Object.keys(COLUMNS) as Column[]).flatMap((c) => [
    [headerKey(COLUMNS[c].header), c],
    [headerKey(COLUMNS[c].alias), c],
  ]),
);

/** A problem found in the file, in the catalogue's words; line and column are null when they do not apply. */
export type Problem = {
  line: number | null;
  column: string | null;
  severity: "ERROR" | "WARNING";
  key: MessageKey;
  params: Params;
};

/** Which column of the file holds each known column (unknown ones, like "STT", are ignored). */
export function mapHeaders(headers: string[]): { positions: Map<Column, number>; problems: Problem[] } {
  const positions = new Map<Column, number>();
  const problems: Problem[] = [];
  headers.forEach((header, i) => {
    const column = BY_HEADER.get(headerKey(header));
    if (!column) return;
    if (positions.has(column))
      problems.push(error(1, COLUMNS[column].header, "import.duplicateColumn", { column: header }));
    else positions.set(column, i);
  });
  for (const column of Object.keys(COLUMNS) as Column[]) {
    if (COLUMNS[column].required && !positions.has(column))
      problems.push(
        error(1, COLUMNS[column].header, "import.missingColumn", { column: COLUMNS[column].header }),
      );
  }
  return { positions, problems };
}

export const error = (
  line: number | null,
  column: string | null,
  key: MessageKey,
  params: Params = {},
): Problem => ({
  line,
  column,
  severity: "ERROR",
  key,
  params,
});
export const warning = (
  line: number | null,
  column: string | null,
  key: MessageKey,
  params: Params = {},
): Problem => ({
  ...error(line, column, key, params),
  severity: "WARNING",
});

const KINDS: [RegExp, ProducerKind][] = [
  [/^(htx|hop tac xa)\b/, ProducerKind.HTX],
  [/^(doanh nghiep|cong ty|dn)\b/, ProducerKind.DOANH_NGHIEP],
  [/^(ho kinh doanh|hkd|ho san xuat)\b/, ProducerKind.HO_KINH_DOANH],
  [/^(to hop tac|tht)\b/, ProducerKind.TO_HOP_TAC],
];

/** "Hợp tác xã", "HTX", "DOANH_NGHIEP", "Doanh nghiệp (Công ty)"… */
export function parseKind(text: string): ProducerKind | null {
  const folded = fold(text);
  return KINDS.find(([pattern]) => pattern.test(folded))?.[1] ?? null;
}

/** Cities run by the centre: "UBND thành phố Hà Nội" is a province's committee, not a district's. */
const CENTRAL_CITIES = /^(ha noi|ho chi minh|hai phong|da nang|can tho|hue)\b/;
const COMMITTEE = /^(ubnd|uy ban nhan dan) /;

/**
 * The issuing level as a file writes it: "UBND tỉnh Lai Châu", "UBND huyện Tam Đường", "UBND thành phố Lai
 * Châu" (a district-level city), "Bộ Nông nghiệp và Môi trường", or the template's choices. Blank: null
 * (inferred from the stars and date); not a level: undefined.
 */
export function parseIssuingLevel(text: string): IssuingLevel | null | undefined {
  const folded = fold(text);
  if (folded === "") return null;
  if (/^(central|bo|trung uong|cap trung uong|hoi dong cap trung uong)\b/.test(folded))
    return IssuingLevel.CENTRAL;
  const unit = folded.replace(COMMITTEE, "");
  if (/^(province|tinh|cap tinh)\b/.test(unit)) return IssuingLevel.PROVINCE;
  if (/^thanh pho /.test(unit) && CENTRAL_CITIES.test(unit.slice("thanh pho ".length)))
    return IssuingLevel.PROVINCE;
  if (/^(district|huyen|cap huyen|thanh pho|thi xa|quan)\b/.test(unit)) return IssuingLevel.DISTRICT;
  return undefined;
}

/** "4", "4 sao", "4★", "4*". */
export function parseStars(text: string): number | null {
  const match = /^([345])\s*(sao|★|\*)?$/i.exec(text.trim());
  return match ? Number(match[1]) : null;
}

/** An Excel date cell, dd/mm/yyyy (also with - or .), yyyy-mm-dd, or an Excel day number. */
export function parseDate(cell: Cell): LocalDate | null {
  if (cell instanceof Date) {
    // Excel dates carry no zone: exceljs reads them as UTC midnight.
    return isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  }
  const text = cell.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text))) [y, m, d] = match.slice(1).map(Number);
  else if (/^\d{5}$/.test(text)) {
    const date = new Date(Date.UTC(1899, 11, 30) + Number(text) * 86_400_000);
    return date.toISOString().slice(0, 10);
  } else return null;
  const iso = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return isLocalDate(iso) ? iso : null;
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The template's example row has a product name starting so; the import refuses such a row. */
export const EXAMPLE_MARK = "(Ví dụ)";
export const isExampleName = (name: string) =>
  /^\s*\(\s*(ví dụ|vi du|example)\s*\)/i.test(name.normalize("NFC"));
