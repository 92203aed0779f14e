import { basename } from "node:path";
import type { DataSource, EntityManager } from "typeorm";
import { Category, CategoryLevel } from "../../catalog/category.entity";
import { Producer, ProducerKind } from "../../catalog/producer.entity";
import { Product } from "../../catalog/product.entity";
import { catalogWritten } from "../../catalog/catalog-written";
import { Certificate } from "../../certificates/certificate.entity";
import { issueCertificate } from "../../certificates/certificate-issuer";
import { referenceFile } from "../../core/paths";
import { slugify } from "../../core/text";
import { addDays, addMonths, vietnamDate, type LocalDate } from "../../core/time";
import { Commune } from "../../geography/commune.entity";
import { ruleSetOn } from "../../rules/rule-set.entity";
import { DataFileError, readCsv } from "../../core/csv";

export const DEMO_FILE = "demo-products.csv";
/** Every demo decision and certificate number starts with this, so nobody takes them for real ones. */
export const DEMO_PREFIX = "DEMO";

type DemoRow = {
  line: number;
  name: string;
  producer: string;
  producerKind: ProducerKind;
  stars: number;
  recognizedYear: number;
  communeCode: string;
  categoryCode: string;
};

/** Where the current certificate of a demo product stands on the day the demo is loaded. */
export type DemoBucket = "active" | "expiring" | "expired";
export const demoBucket = (index: number): DemoBucket =>
  index % 6 === 2 ? "expiring" : index % 6 === 4 ? "expired" : "active";

/**
 * Loads the demo catalog: producers, products and certificates. The recognition year in the file is the
 * product's first recognition; current certificates are dated relative to `today` so that most are
 * active, some expire within 90 days and some expired recently, and products first recognised years
 * ago carry their original certificate, superseded by a re-evaluation. Does nothing when demo products
 * are already there.
 */
export async function loadDemoCatalog(
  dataSource: DataSource,
  today: LocalDate = vietnamDate(new Date()),
): Promise<number> {
  const rows = await parseDemo(dataSource);
  return dataSource.transaction(async (manager) => {
    if ((await manager.count(Certificate)) > 0) return 0;
    const producers = new Map<string, Producer>();
    const validity = (await ruleSetOn(manager, today)).certificateValidityMonths;
    let seq = 0;
    const productIds: number[] = [];
    for (const [i, row] of rows.entries()) {
      let producer = producers.get(row.producer);
      if (!producer) {
        producer = await saveDemoProducer(manager, row.producer, row.producerKind, row.communeCode);
        producers.set(row.producer, producer);
      }
      const product = await manager.save(
        manager.create(Product, {
          slug: slugify(row.name),
          name: row.name,
          description: null,
          categoryCode: row.categoryCode,
          producerId: producer.id,
          communeCode: row.communeCode,
        }),
      );
      productIds.push(product.id);

      const bucket = demoBucket(i);
      const current: LocalDate =
        bucket === "expiring"
          ? addDays(addMonths(today, -validity), 5 + ((i * 13) % 80))
          : bucket === "expired"
            ? addDays(addMonths(today, -validity), -(3 + ((i * 11) % 60)))
            : addDays(today, -(30 + ((i * 37) % 900)));
      const first: LocalDate = `${row.recognizedYear}-${pad(1 + ((i * 5) % 12))}-${pad(1 + ((i * 7) % 28))}`;
      // Through the real issuer: validity from the rules, the older certificate superseded, the catalog refreshed.
      const issue = async (decisionDate: LocalDate) => {
        seq++;
        await issueCertificate(manager, {
          productId: product.id,
          stars: row.stars,
          decisionNumber: `${DEMO_PREFIX}-${seq}/QĐ-UBND`,
          decisionDate,
          number: `${DEMO_PREFIX}-LC-${decisionDate.slice(0, 4)}-${String(seq).padStart(4, "0")}`,
          actorId: null,
          at: new Date(),
        });
      };
      if (Number(first.slice(0, 4)) < Number(current.slice(0, 4))) await issue(first);
      await issue(current);
    }
    await catalogWritten(manager, { words: productIds });
    return productIds.length;
  });
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A demo producer: its name, kind and commune, no contact (the sources do not give one). */
export function saveDemoProducer(
  m: EntityManager,
  name: string,
  kind: ProducerKind,
  communeCode: string,
): Promise<Producer> {
  return m.save(
    m.create(Producer, {
      name,
      kind,
      communeCode,
      address: null,
      registrationNumber: null,
      representative: null,
      phone: null,
      email: null,
      website: null,
    }),
  );
}

async function parseDemo(dataSource: DataSource): Promise<DemoRow[]> {
  const path = referenceFile(DEMO_FILE);
  const file = basename(path);
  const csv = readCsv(path, [
    "name",
    "producer",
    "producer_kind",
    "stars",
    "recognized_year",
    "commune_code",
    "category_code",
  ]);
  const communes = new Set((await dataSource.getRepository(Commune).find()).map((c) => c.code));
  const sets = new Set(
    (await dataSource.getRepository(Category).find({ where: { level: CategoryLevel.SET } })).map(
      (c) => c.code,
    ),
  );
  const problems: string[] = [];
  const rows = csv.map(({ line, values: v }) => {
    const bad = (reason: string) => problems.push(`${file}:${line}: ${reason}`);
    const stars = Number(v.stars);
    const year = Number(v.recognized_year);
    if (!v.name) bad("name is empty");
    if (!v.producer) bad("producer is empty");
    if (!(v.producer_kind in ProducerKind))
      bad(`producer_kind "${v.producer_kind}" is not one of ${Object.keys(ProducerKind).join(", ")}`);
    if (![3, 4, 5].includes(stars)) bad(`stars "${v.stars}" is not 3, 4 or 5`);
    if (!Number.isInteger(year) || year < 2018 || year > 2100)
      bad(`recognized_year "${v.recognized_year}" is not a year`);
    if (!communes.has(v.commune_code)) bad(`commune_code "${v.commune_code}" is not a known unit`);
    if (!sets.has(v.category_code)) bad(`category_code "${v.category_code}" is not a product set`);
    return {
      line,
      name: v.name,
      producer: v.producer,
      producerKind: v.producer_kind as ProducerKind,
      stars,
      recognizedYear: year,
      communeCode: v.commune_code,
      categoryCode: v.category_code,
    };
  });
  if (problems.length) throw new DataFileError(problems);
  return rows;
}
