import { globalId } from "../core/node";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Brackets, type DataSource, type EntityManager } from "typeorm";
import { CertificateStatus, certificateStatus } from "../certificates/certificate.entity";
import { INHERIT_CACHE } from "../core/cache";
import { type CursorCodec } from "../core/connection";
import { badInput } from "../core/errors";
import type { LocalDate } from "../core/time";
import type { RequestScope } from "../request";
import type { CatalogService } from "./catalog.service";
import { CatalogGeneration } from "./generation";
import { isListed, LISTED, Product } from "./product.entity";

/**
 * The public catalog's change feed (catalogChanges): every product whose listing changed, in the order the
 * changes committed. Each event that changes what the catalog shows raises the catalog generation (whose
 * row it holds until it commits, so generations commit in order) and stamps the products it changed with
 * it (`catalogSeq`). A page is the products stamped after the cursor, in (catalogSeq, id) order: each
 * appears once, at its latest change, as it is now: listed (an upsert) or not (a removal, with why).
 */

export enum CatalogRemovalReason {
  EXPIRED = "EXPIRED",
  REVOKED = "REVOKED",
  SUPERSEDED = "SUPERSEDED",
}
registerEnumType(CatalogRemovalReason, {
  name: "CatalogRemovalReason",
  description:
    "Why a product left the catalog: EXPIRED (its certificate ran out), REVOKED (its certificate was revoked), SUPERSEDED (its certificate was replaced by none that is in force).",
});

@ObjectType({ description: "A product that left the public catalog: remove it from a local copy." })
@Directive(INHERIT_CACHE)
export class CatalogRemoval {
  @Field(() => ID)
  id: string;

  @Field()
  slug: string;

  @Field(() => CatalogRemovalReason)
  reason: CatalogRemovalReason;
}

@ObjectType({
  description:
    "A page of the catalog's changes since a cursor: apply the upserts (insert or replace by id) and the removals, keep `cursor`, and ask again with it while `hasMore`.",
})
@Directive(INHERIT_CACHE)
export class CatalogChanges {
  @Field({ description: "Pass as `since` next time: the changes after this page." })
  cursor: string;

  @Field({ description: "More changes follow: ask again with `cursor` now." })
  hasMore: boolean;

  @Field(() => [Product], {
    description:
      "Products that entered the catalog or changed, as they are now, in the order of their changes.",
  })
  upserts: Product[];

  @Field(() => [CatalogRemoval], {
    description:
      "Products that left the catalog. A removal of a product you do not hold can be ignored (without `since`, none are sent).",
  })
  removed: CatalogRemoval[];
}

/** What an event changed: products by id, the products of producers, or those expiring in a span of days. */
export type CatalogChange = {
  productIds?: number[];
  producerIds?: number[];
  /** Products whose certificate ran out from this day (inclusive) to `expiredBefore` (exclusive). */
  expiredFrom?: LocalDate;
  expiredBefore?: LocalDate;
};

/**
 * What every event that changes the public catalog calls in its transaction: raises the catalog generation
 * (cached answers and counts are keyed by it) and puts the products it changed at that place in the feed.
 * Products never listed stay out of the feed.
 */
export async function catalogChanged(m: EntityManager, change: CatalogChange = {}): Promise<void> {
  const seq = await CatalogGeneration.bump(m);
  const targets: { where: string; params: Record<string, unknown> }[] = [];
  // An import names thousands: 500 at a time, within every database's limit on parameters.
  const inChunks = (column: string, values: number[] = []) => {
    const unique = [...new Set(values)];
    for (let i = 0; i < unique.length; i += 500)
      targets.push({ where: `${column} IN (:...values)`, params: { values: unique.slice(i, i + 500) } });
  };
  inChunks("id", change.productIds);
  inChunks("producerId", change.producerIds);
  if (change.expiredFrom && change.expiredBefore)
    targets.push({
      where: "certificateExpiresOn >= :from AND certificateExpiresOn < :before",
      params: { from: change.expiredFrom, before: change.expiredBefore },
    });
  for (const { where, params } of targets)
    await m
      .createQueryBuilder()
      .update(Product)
      .set({ catalogSeq: seq })
      .where(where, params)
      .andWhere("(currentCertificateId IS NOT NULL OR catalogSeq IS NOT NULL)")
      .execute();
}

export const DEFAULT_FEED_PAGE = 100;
export const MAX_FEED_PAGE = 500;
const CURSOR_TAG = "changes";

/** Reads the feed. */
export class ChangeFeed {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cursors: CursorCodec,
    /** Its daily sweep stamps the products that expired at midnight: without it they would never show. */
    private readonly catalog: Pick<CatalogService, "sweptToday">,
  ) {}

  async page(
    ctx: RequestScope,
    args: { since?: string | null; first?: number | null },
  ): Promise<CatalogChanges> {
    const first = args.first ?? DEFAULT_FEED_PAGE;
    if (!Number.isInteger(first) || first < 1 || first > MAX_FEED_PAGE)
      throw badInput("field.pageSize", "first", { max: MAX_FEED_PAGE });
    const from = args.since ? this.decode(args.since) : { seq: 0, id: 0 };
    await this.catalog.sweptToday(ctx.today);
    const qb = ctx.reader
      .getRepository(Product)
      .createQueryBuilder("p")
      .where(
        new Brackets((b) =>
          b
            .where("p.catalogSeq > :seq", { seq: from.seq })
            .orWhere("p.catalogSeq = :seq AND p.id > :id", { id: from.id }),
        ),
      )
      .orderBy("p.catalogSeq", "ASC")
      .addOrderBy("p.id", "ASC")
      .limit(first + 1);
    // From the beginning: what is listed now, nothing to remove.
    if (!args.since) qb.andWhere(LISTED, { today: ctx.today });
    const rows = await qb.getMany();
    const page = rows.slice(0, first);
    const last = page.at(-1);
    const listed = (p: Product) => isListed(p, ctx.today);
    const gone = page.filter((p) => !listed(p));
    const reasons = await this.reasons(ctx, gone);
    return Object.assign(new CatalogChanges(), {
      cursor: this.cursors.encode([CURSOR_TAG, last?.catalogSeq ?? from.seq, last?.id ?? from.id]),
      hasMore: rows.length > first,
      upserts: page.filter(listed),
      removed: gone.map((p, i) => ({ id: globalId("Product", p.id), slug: p.slug, reason: reasons[i] })),
    });
  }

  /** Why each product is not listed: its current certificate ran out, or its newest was revoked or replaced. */
  private async reasons(ctx: RequestScope, products: Product[]): Promise<CatalogRemovalReason[]> {
    const newest = await ctx.loaders.newestCertificateByProduct.loadMany(
      products.filter((p) => !p.currentCertificateId).map((p) => p.id),
    );
    const byProduct = new Map(
      newest.flatMap((c) => (c && !(c instanceof Error) ? [[c.productId, c] as const] : [])),
    );
    return products.map((p) => {
      const certificate = byProduct.get(p.id);
      const status = certificate && !p.currentCertificateId && certificateStatus(certificate, ctx.today);
      if (status === CertificateStatus.REVOKED) return CatalogRemovalReason.REVOKED;
      if (status === CertificateStatus.SUPERSEDED) return CatalogRemovalReason.SUPERSEDED;
      return CatalogRemovalReason.EXPIRED;
    });
  }

  private decode(cursor: string): { seq: number; id: number } {
    let parts: unknown[];
    try {
      parts = this.cursors.decode(cursor);
    } catch {
      throw badInput("field.cursor", "since");
    }
    const [tag, seq, id] = parts;
    if (parts.length !== 3 || tag !== CURSOR_TAG || !Number.isInteger(seq) || !Number.isInteger(id))
      throw badInput("field.cursor", "since");
    return { seq: seq as number, id: id as number };
  }
}
