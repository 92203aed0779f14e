import { fold } from "../src/core/text";
import type { DataSource } from "typeorm";
import { searchTokens } from "../src/catalog/product-index";
import { addDays, addMonths, type LocalDate } from "../src/core/time";

/** A small deterministic PRNG (mulberry32), so every run generates the same data. */
export function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCT_WORDS: [string, string][] = [
  ["Mật ong", "I.2.b"],
  ["Trà xanh", "I.5.a"],
  ["Trà shan tuyết", "I.5.a"],
  ["Gạo", "I.2.a"],
  ["Miến dong", "I.3.b"],
  ["Thịt trâu gác bếp", "I.3.d"],
  ["Cà phê", "I.6"],
  ["Rượu ngô", "II.1.a"],
  ["Nước mắm", "I.4.a"],
  ["Chuối", "I.1.a"],
  ["Cá tầm", "I.1.b"],
  ["Măng khô", "I.3.c"],
  ["Tinh dầu sả", "III.3"],
  ["Cao dược liệu", "III.1"],
  ["Thổ cẩm", "IV.2"],
  ["Mây tre đan", "IV.1"],
  ["Lan rừng", "V.1"],
  ["Du lịch cộng đồng", "VI.1"],
  ["Bánh chưng", "I.3.a"],
  ["Hạt dổi", "I.4.b"],
];
const NAME_WORDS = [
  "Hà",
  "Đông",
  "Phương",
  "Sơn",
  "Bình",
  "Tân",
  "An",
  "Mường",
  "Nậm",
  "Pa",
  "Sìn",
  "Hồ",
  "Lò",
  "Vàng",
  "Thanh",
  "Xuân",
  "Minh",
  "Phúc",
  "Long",
  "Cà",
];
const PRODUCER_KINDS = ["HTX", "DOANH_NGHIEP", "HO_KINH_DOANH", "TO_HOP_TAC"];

export type DatasetSize = { provinces: number; communes: number; producers: number; products: number };
export const NATIONAL: DatasetSize = { provinces: 34, communes: 3300, producers: 8000, products: 20000 };

async function insertMany(
  ds: DataSource,
  table: string,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const placeholders = chunk.map(() => `(${columns.map(() => "?").join(",")})`).join(",");
    await ds.query(
      `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(",")}) VALUES ${placeholders}`,
      chunk.flat(),
    );
  }
}

/**
 * Generates a national-scale catalog with a fixed seed: provinces, communes, producers, products (about
 * 73% 3★, 26% 4★, 1% 5★; a few expired or revoked), one current certificate each, and search words.
 * Communes get products with a skewed spread, as real ones do.
 */
export async function generateDataset(
  ds: DataSource,
  today: LocalDate,
  size: DatasetSize = NATIONAL,
  seed = 20251031,
) {
  const rnd = random(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const provinces = Array.from({ length: size.provinces }, (_, i) => [
    String(40 + i),
    `Tỉnh ${pick(NAME_WORDS)} ${i + 1}`,
  ]);
  await insertMany(ds, "province", ["code", "name"], provinces);
  const communes = Array.from({ length: size.communes }, (_, i) => {
    const province = provinces[i % provinces.length][0];
    return [
      String(50000 + i),
      `${pick(["Xã", "Phường"])} ${pick(NAME_WORDS)} ${pick(NAME_WORDS)} ${i}`,
      rnd() < 0.85 ? "XA" : "PHUONG",
      province,
      null,
      "[]",
      i + 1,
    ];
  });
  await insertMany(
    ds,
    "commune",
    ["code", "name", "kind", "provinceCode", "formerDistrict", "mergedFrom", "position"],
    communes,
  );
  // Skew: a commune's weight falls with its rank.
  const communeOf = () => communes[Math.min(communes.length - 1, Math.floor(communes.length * rnd() ** 1.6))];

  const producers = Array.from({ length: size.producers }, (_, i) => {
    const c = communeOf();
    return [
      i + 1,
      `${pick(["HTX", "Công ty", "Hộ kinh doanh", "Tổ hợp tác"])} ${pick(NAME_WORDS)} ${pick(NAME_WORDS)} ${i}`,
      pick(PRODUCER_KINDS),
      c[0],
      `Thôn ${i % 20}, ${c[1]}`,
      `09${String(10000000 + i).slice(-8)}`,
    ];
  });
  await insertMany(ds, "producer", ["id", "name", "kind", "communeCode", "address", "phone"], producers);

  const communeName = new Map(communes.map((c) => [c[0], c[1]]));
  const products: unknown[][] = [];
  const certificates: unknown[][] = [];
  const tokens: unknown[][] = [];
  for (let i = 1; i <= size.products; i++) {
    const producer = producers[Math.floor(rnd() * producers.length)];
    const [kind, category] = pick(PRODUCT_WORDS);
    const name = `${kind} ${pick(NAME_WORDS)} ${pick(NAME_WORDS)} ${i}`;
    const r = rnd();
    const stars = r < 0.73 ? 3 : r < 0.99 ? 4 : 5;
    const decision = addDays(today, -Math.floor(rnd() * 1200)); // some are older than 36 months: expired
    const expires = addMonths(decision, 36);
    const revoked = rnd() < 0.01 ? addDays(today, -10) : null;
    products.push([
      i,
      `san-pham-${i}`,
      name,
      fold(name),
      `Mô tả sản phẩm ${i}`,
      category,
      producer[0],
      producer[3],
      revoked ? null : i,
      revoked ? null : stars,
      revoked ? null : decision,
      revoked ? null : expires,
    ]);
    certificates.push([
      i,
      `BENCH-${i}`,
      i,
      stars,
      `${i}/QĐ-UBND`,
      decision,
      decision,
      expires,
      revoked,
      revoked ? "Vi phạm" : null,
    ]);
    const words = searchTokens({
      name,
      producer: String(producer[1]),
      commune: String(communeName.get(String(producer[3])) ?? ""),
    });
    for (const [token, sources] of words) tokens.push([i, token, sources]);
  }
  await insertMany(
    ds,
    "product",
    [
      "id",
      "slug",
      "name",
      "nameKey",
      "description",
      "categoryCode",
      "producerId",
      "communeCode",
      "currentCertificateId",
      "stars",
      "certifiedOn",
      "certificateExpiresOn",
    ],
    products,
  );
  await insertMany(
    ds,
    "certificate",
    [
      "id",
      "number",
      "productId",
      "stars",
      "decisionNumber",
      "decisionDate",
      "issuedOn",
      "expiresOn",
      "revokedOn",
      "revocationReason",
    ],
    certificates,
  );
  await insertMany(ds, "product_search_token", ["productId", "token", "sources"], tokens);
  await ds.query("ANALYZE TABLE product, product_search_token, certificate, producer, commune");
  return {
    provinces: provinces.length,
    communes: communes.length,
    producers: producers.length,
    products: products.length,
    searchWords: tokens.length,
  };
}
