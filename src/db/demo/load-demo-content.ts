import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import sharp from "sharp";
import { In, type DataSource, type EntityManager } from "typeorm";
import { User } from "../../auth/user.entity";
import { ProducerKind } from "../../catalog/producer.entity";
import { Product } from "../../catalog/product.entity";
import { catalogWritten } from "../../catalog/catalog-written";
import { issueCertificate } from "../../certificates/certificate-issuer";
import { PointOfSale } from "../../content/point-of-sale.entity";
import { ProductImage } from "../../content/product-image.entity";
import { makeVariants } from "../../content/images";
import { readCsv } from "../../core/csv";
import { referenceFile } from "../../core/paths";
import { slugify } from "../../core/text";
import { addDays, type LocalDate } from "../../core/time";
import { EvaluationRound } from "../../dossiers/round.entity";
import { keepBytes } from "../../files/file-store";
import { StoredFile } from "../../files/stored-file.entity";
import { ruleSetOn } from "../../rules/rule-set.entity";
import { DEMO_USERS } from "./demo-users";
import { DEMO_PREFIX, saveDemoProducer } from "./load-demo";

/** English names, descriptions and a point of sale of some demo products (illustrative, labelled so). */
export const DEMO_CONTENT_FILE = "demo-portal.csv";

/**
 * A sample 5★ product, so that portals see how one looks. Fictional, and named so: no Lai Châu product is
 * known to hold 5★ in the press reports the demo catalog comes from.
 */
const FIVE_STAR_SAMPLE = {
  name: "Trà Shan tuyết cổ thụ (sản phẩm mẫu 5★, dữ liệu demo)",
  nameEn: "Ancient-tree Shan Tuyet tea (5★ sample, demo data)",
  descriptionEn:
    "A fictional product of the demo, to show how a 5★ product (recognised by the Ministry) looks.",
  producer: "Chủ thể mẫu (dữ liệu demo)",
  communeCode: "03390",
  categoryCode: "I.5.a",
};

/** Sector colours of the generated photos (food, beverages, herbs, crafts, plants, tourism). */
const SECTOR_COLOURS: Record<string, [string, string]> = {
  I: ["#5d8a3a", "#e9d8a6"],
  II: ["#b5651d", "#f3e0c0"],
  III: ["#2a7f74", "#d7efe9"],
  IV: ["#3d4f8f", "#e3e6f5"],
  V: ["#8f3d6b", "#f5e3ee"],
  VI: ["#2f6f9f", "#dcecf7"],
};

/**
 * What portals get, in the demo: English names and descriptions, a point of sale, a generated photo
 * (labelled as an illustration) for the products of demo-portal.csv, a sample 5★ product with its photo,
 * and an open evaluation round. Photos go through the same store and variants as uploads (served from
 * /images). Does nothing when demo photos are already there.
 */
export async function loadDemoContent(
  dataSource: DataSource,
  filesDir: string,
  today: LocalDate,
): Promise<number> {
  const rows = readCsv(referenceFile(DEMO_CONTENT_FILE), [
    "name",
    "name_en",
    "description_en",
    "point_of_sale",
    "address",
    "latitude",
    "longitude",
  ]).map(({ values: v }) => ({
    name: v.name,
    nameEn: v.name_en,
    descriptionEn: v.description_en,
    pointOfSale: v.point_of_sale,
    address: v.address,
    latitude: v.latitude,
    longitude: v.longitude,
  }));
  await mkdir(filesDir, { recursive: true });
  return dataSource.transaction(async (m) => {
    if (await m.exists(ProductImage)) return 0;
    const admin = await m.findOneByOrFail(User, { email: DEMO_USERS[0].email });
    const products = await m.find(Product, { where: { name: In(rows.map((r) => r.name)) } });
    const byName = new Map(products.map((p) => [p.name, p]));
    const described: [Product, string][] = [];
    // A demo product someone renamed or deleted in their demo database is left out (the file's own names
    // are checked against demo-products.csv by test/platform/reference-files.test.ts).
    for (const row of rows) {
      const product = byName.get(row.name);
      if (!product) continue;
      await m.update(Product, product.id, { nameEn: row.nameEn, descriptionEn: row.descriptionEn });
      await m.insert(PointOfSale, {
        productId: product.id,
        position: 0,
        name: row.pointOfSale,
        address: row.address || null,
        phone: null,
        url: row.address ? null : "https://ocop.example.vn/demo",
        latitude: row.latitude ? Number(row.latitude) : null,
        longitude: row.longitude ? Number(row.longitude) : null,
      });
      described.push([product, row.nameEn]);
    }
    described.push([await fiveStarSample(m, today), FIVE_STAR_SAMPLE.nameEn]);
    for (const [product, nameEn] of described) await addPhoto(m, filesDir, admin, product, nameEn);
    await openRound(m, today);
    await catalogWritten(m, { words: described.map(([p]) => p.id) });
    return described.length;
  });
}

async function fiveStarSample(m: EntityManager, today: LocalDate): Promise<Product> {
  const producer = await saveDemoProducer(
    m,
    FIVE_STAR_SAMPLE.producer,
    ProducerKind.HTX,
    FIVE_STAR_SAMPLE.communeCode,
  );

  const product = await m.save(
    m.create(Product, {
      slug: slugify(FIVE_STAR_SAMPLE.name),
      name: FIVE_STAR_SAMPLE.name,
      nameEn: FIVE_STAR_SAMPLE.nameEn,
      description: null,
      descriptionEn: FIVE_STAR_SAMPLE.descriptionEn,
      categoryCode: FIVE_STAR_SAMPLE.categoryCode,
      producerId: producer.id,
      communeCode: FIVE_STAR_SAMPLE.communeCode,
    }),
  );
  const decisionDate = addDays(today, -120);
  await issueCertificate(m, {
    productId: product.id,
    stars: 5, // issued by the Ministry (CENTRAL)
    decisionNumber: `${DEMO_PREFIX}-5SAO/QĐ-BNNMT`,
    decisionDate,
    number: `${DEMO_PREFIX}-TW-${decisionDate.slice(0, 4)}-0001`,
    actorId: null,
    at: new Date(),
  });
  return product;
}

/** A generated picture (the sector's colours, hills and a sun placed by the product's id), stored as an upload is. */
async function addPhoto(m: EntityManager, filesDir: string, admin: User, product: Product, nameEn: string) {
  const [dark, light] = SECTOR_COLOURS[product.categoryCode.split(".")[0]] ?? SECTOR_COLOURS.I;
  const x = 200 + ((product.id * 137) % 800);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900">
  <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="#ffffff"/></linearGradient></defs>
  <rect width="1200" height="900" fill="url(#sky)"/>
  <circle cx="${x}" cy="220" r="90" fill="#f2c14e" opacity="0.9"/>
  <path d="M0 620 Q 300 ${420 + (product.id % 7) * 20} 600 600 T 1200 560 V 900 H 0 Z" fill="${dark}" opacity="0.75"/>
  <path d="M0 720 Q 400 600 800 720 T 1200 700 V 900 H 0 Z" fill="${dark}"/>
</svg>`;
  const bytes = await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
  const sha256 = await keepBytes(filesDir, bytes);
  const { width, height } = await makeVariants(join(filesDir, sha256), filesDir, sha256);
  const file = await m.save(
    m.create(StoredFile, {
      sha256,
      size: bytes.length,
      contentType: "image/jpeg",
      originalName: `${product.slug}.jpg`,
      purpose: "image",
      uploadedById: admin.id,
    }),
  );
  await m.insert(ProductImage, {
    productId: product.id,
    position: 0,
    fileId: file.id,
    sha256,
    width,
    height,
    alt: `Ảnh minh hoạ (dữ liệu demo): ${product.name}`,
    altEn: `Illustration (demo data): ${nameEn}`,
  });
}

/** An evaluation round open for this year's dossiers (deadline in 60 days), unless one exists. */
async function openRound(m: EntityManager, today: LocalDate): Promise<void> {
  if (await m.exists(EvaluationRound)) return;
  const deadline = addDays(today, 60);
  await m.insert(EvaluationRound, {
    name: `Đợt đánh giá ${today.slice(0, 4)} (demo)`,
    year: Number(today.slice(0, 4)),
    submissionDeadline: deadline,
    firstDeadline: deadline,
    deadlineDayIncluded: true,
    minCouncilSize: (await ruleSetOn(m, today)).minCouncilSize,
  });
}
