import type {
  EntityManager,
  EntitySubscriberInterface,
  InsertEvent,
  TransactionCommitEvent,
  UpdateEvent,
} from "typeorm";
import { Certificate } from "../certificates/certificate.entity";
import type { LocalDate } from "../core/time";
import { catalogChanged } from "./change-feed";
import { recountCommunes } from "./counts";
import { Producer } from "./producer.entity";
import { refreshCurrentCertificate, refreshSearchTokens } from "./product-index";
import { Product } from "./product.entity";

/** What a write changed, as the catalog's derived data needs to know it. */
export type CatalogWrite = {
  /** Products whose certificates changed (issued, revoked, superseded, imported): their current one is worked out again. */
  certificates?: number[];
  /** Products whose search words changed (their name, producer's name or commune). */
  words?: number[];
  /** Products otherwise shown differently (texts, photos, category, place): a new entry in the change feed. */
  products?: number[];
  /** Producers whose names or contacts changed: their products get a new entry in the change feed. */
  producers?: number[];
  /** Communes to recount besides those of `certificates` (a product that moved to another cell). */
  communes?: string[];
  /** The day's sweep: the products whose certificate ran out from `from` (inclusive) to `before` (exclusive). */
  expired?: { from: LocalDate; before: LocalDate };
};

const unique = <T>(values: T[] = []) => [...new Set(values)];
/** Set on the transaction by a write of a listed field, cleared by catalogWritten (see CatalogWriteCheck). */
const DIRTY = "catalogDirty";

/**
 * The one door of the catalog's derived data: every writer of products, producers or certificates calls it in
 * its transaction, after its writes, and it runs the steps in their order:
 * 1. each product's current certificate (copied onto the product row: stars, dates);
 * 2. the search words;
 * 3. the commune counts of every commune whose cells changed;
 * 4. the change feed's stamp and the catalog generation (caches), unless only search words changed.
 * In tests, CatalogWriteCheck refuses to commit a transaction that changed a listed field without it.
 */
export async function catalogWritten(m: EntityManager, write: CatalogWrite): Promise<void> {
  const certified = unique(write.certificates);
  const communes = new Set(write.communes);
  for (const productId of certified) communes.add(await refreshCurrentCertificate(m, productId));
  const words = unique(write.words);
  // An import names thousands: 500 at a time, within every database's limit on parameters.
  for (let i = 0; i < words.length; i += 500) await refreshSearchTokens(m, words.slice(i, i + 500));
  if (communes.size) await recountCommunes(m, [...communes]);
  const shown = unique([...certified, ...unique(write.products)]);
  if (shown.length || write.producers?.length || write.expired)
    await catalogChanged(m, {
      productIds: unique([...shown, ...words]),
      producerIds: unique(write.producers),
      expiredFrom: write.expired?.from,
      expiredBefore: write.expired?.before,
    });
  // What was written so far is accounted for (a write after this one needs its own call).
  if (m.queryRunner) delete (m.queryRunner.data as Record<string, unknown>)[DIRTY];
}

/** What the public catalog shows of each entity: a write of any of these fields must go through catalogWritten. */
const LISTED_FIELDS = new Map<unknown, string[]>([
  [
    Product,
    [
      ...[
        "name",
        "slug",
        "description",
        "nameEn",
        "descriptionEn",
        "producerId",
        "communeCode",
        "categoryCode",
      ],
      ...["currentCertificateId", "stars", "certifiedOn", "certificateExpiresOn"],
    ],
  ],
  [
    Producer,
    ["name", "kind", "communeCode", "address", "phone", "email", "website", "publicContact", "openingHours"],
  ],
  [Certificate, ["productId", "stars", "expiresOn", "revokedOn", "supersededById", "decisionDate"]],
]);
/**
 * A check for tests (test/support/db.ts registers it): a transaction that inserts or updates a listed field
 * of a product, producer or certificate and commits without calling catalogWritten fails, naming the entity.
 */
export class CatalogWriteCheck implements EntitySubscriberInterface {
  afterInsert(event: InsertEvent<object>): void {
    // A new producer has no products yet: nothing listed changes until one of its products is written.
    if (event.metadata.target === Producer) return;
    this.note(event, event.metadata.target, Object.keys(event.entity ?? {}));
  }

  afterUpdate(event: UpdateEvent<object>): void {
    const changed = event.updatedColumns.length
      ? event.updatedColumns.map((c) => c.propertyName)
      : Object.keys(event.entity ?? {});
    this.note(event, event.metadata.target, changed);
  }

  beforeTransactionCommit(event: TransactionCommitEvent): void {
    // A savepoint's release is not the commit: the outer transaction may still call catalogWritten.
    if (((event.queryRunner as { transactionDepth?: number }).transactionDepth ?? 1) > 1) return;
    const data = event.queryRunner.data as Record<string, unknown>;
    const dirty = data[DIRTY] as string | undefined;
    delete data[DIRTY];
    if (dirty)
      throw new Error(
        `${String(dirty)} changed what the catalog lists without catalogWritten in its transaction`,
      );
  }

  private note(event: InsertEvent<object> | UpdateEvent<object>, target: unknown, fields: string[]) {
    const listed = LISTED_FIELDS.get(target);
    if (!listed || !event.queryRunner.isTransactionActive || !fields.some((f) => listed.includes(f))) return;
    // In place: a save restores the object it found on the query runner when it ends.
    (event.queryRunner.data as Record<string, unknown>)[DIRTY] = (target as { name: string }).name;
  }
}
