import { Brackets, type DataSource, type SelectQueryBuilder } from "typeorm";
import { type CursorCodec, pageSize } from "../core/connection";
import { keysetPage } from "../core/paging";
import { Memo } from "../core/memo";
import { parseId } from "../core/ids";
import type { LocalDate } from "../core/time";
import type { RequestScope } from "../request";
import { Commune } from "../geography/commune.entity";
import { type Producer } from "./producer.entity";
import { LISTED, Product } from "./product.entity";
import { productSearchCondition } from "./product-index";
import {
  ProductConnection,
  type ProductFacets,
  ProductSortField,
  SortDirection,
  type ProductFilter,
  type ProductSort,
} from "./catalog.types";
import { checkFilter } from "./filter";

const SORT_COLUMNS: Record<ProductSortField, "nameKey" | "stars" | "certifiedOn" | "certificateExpiresOn"> = {
  [ProductSortField.NAME]: "nameKey", // folded: the same order on MySQL and SQLite
  [ProductSortField.STARS]: "stars",
  [ProductSortField.CERTIFIED_ON]: "certifiedOn",
  [ProductSortField.EXPIRES_ON]: "certificateExpiresOn",
};
const DEFAULT_SORT: ProductSort = { field: ProductSortField.NAME, direction: SortDirection.ASC };

type Dimension = "stars" | "communes" | "categories";

/** How long totals and facet counts of one filter are reused (certificate events clear them at once). */
export const COUNTS_TTL_MS = 60_000;

/** The public catalog: products holding an ACTIVE certificate, their filters, sorts, search and facets. */
export class CatalogService {
  /**
   * Totals, facets and earliest expiries per filter and day: the same for every page of a listing, and
   * they change only with a catalog event (a new generation) or at midnight (the key's date).
   */
  private readonly counts = new Memo<unknown>(COUNTS_TTL_MS);

  constructor(
    private readonly dataSource: DataSource,
    private readonly cursors: CursorCodec,
  ) {}

  forgetCounts(): void {
    this.counts.clear();
  }

  private async memo<V>(
    kind: string,
    ctx: RequestScope,
    filter: ProductFilter,
    compute: () => Promise<V>,
  ): Promise<V> {
    // Keyed by the catalog generation too: counts of an older catalog are never reused after an event.
    return this.counts.get(
      `${kind}|${ctx.today}|${await ctx.catalogGeneration()}|${JSON.stringify(filter)}`,
      compute,
    ) as Promise<V>;
  }

  async products(
    ctx: RequestScope,
    args: {
      filter?: ProductFilter | null;
      sort?: ProductSort | null;
      first?: number | null;
      after?: string | null;
    },
  ): Promise<ProductConnection> {
    const first = pageSize(args.first);
    const sort = args.sort ?? DEFAULT_SORT;
    const filter = checkFilter(args.filter);
    const sortKey = SORT_COLUMNS[sort.field];
    const page = await keysetPage(this.filtered(filter, ctx.today), {
      alias: "p",
      sortKey,
      direction: sort.direction,
      first,
      tag: [sort.field, sort.direction],
      numeric: sort.field === ProductSortField.STARS,
      after: args.after,
      cursors: this.cursors,
      countTotal: () => this.memo("total", ctx, filter, () => this.filtered(filter, ctx.today).getCount()),
    });
    return Object.assign(new ProductConnection(), page);
  }

  facets(ctx: RequestScope, rawFilter?: ProductFilter | null): Promise<ProductFacets> {
    const filter = checkFilter(rawFilter);
    return this.memo("facets", ctx, filter, () => this.countFacets(ctx, filter));
  }

  private async countFacets(ctx: RequestScope, filter: ProductFilter): Promise<ProductFacets> {
    const grouped = async (dimension: Dimension, column: string) =>
      (
        await this.filtered(filter, ctx.today, dimension)
          .select(`p.${column}`, "value")
          .addSelect("COUNT(*)", "count")
          .groupBy(`p.${column}`)
          .orderBy("NULL") // MariaDB would otherwise sort the groups
          .getRawMany<{ value: string | number; count: string | number }>()
      ).map((r) => ({ value: r.value, count: Number(r.count) }));

    const [total, stars, communes, categories] = await Promise.all([
      this.filtered(filter, ctx.today).getCount(),
      grouped("stars", "stars"),
      grouped("communes", "communeCode"),
      grouped("categories", "categoryCode"),
    ]);

    const selectedStars = filter.stars ?? [];
    const starCounts = new Map(stars.map((s) => [Number(s.value), s.count]));
    for (const s of selectedStars) if (!starCounts.has(s)) starCounts.set(s, 0);

    const communeCounts = new Map(communes.map((c) => [String(c.value), c.count]));
    for (const code of filter.communeCodes ?? []) if (!communeCounts.has(code)) communeCounts.set(code, 0);
    const communeRows = await ctx.loaders.commune.loadMany([...communeCounts.keys()]);

    const tree = await ctx.loaders.categoryTree.load("all");
    const categoryCounts = new Map<string, number>();
    for (const { value, count } of categories) {
      for (let code: string | null = String(value); code; code = tree.byCode.get(code)?.parentCode ?? null) {
        categoryCounts.set(code, (categoryCounts.get(code) ?? 0) + count);
      }
    }
    for (const code of filter.categoryCodes ?? []) if (!categoryCounts.has(code)) categoryCounts.set(code, 0);

    return {
      total,
      stars: [...starCounts].map(([s, count]) => ({ stars: s, count })).sort((a, b) => b.stars - a.stars),
      selectedCommuneCodes: filter.communeCodes ?? [],
      allCommunes: communeRows
        .filter((c): c is Commune => c instanceof Commune)
        .map((commune) => ({ commune, count: communeCounts.get(commune.code) ?? 0 }))
        .sort((a, b) => b.count - a.count || a.commune.position - b.commune.position),
      categories: tree.all
        .filter((c) => categoryCounts.has(c.code))
        .map((category) => ({ category, count: categoryCounts.get(category.code)! })),
    };
  }

  /** A product page: only while the product holds an active certificate. */
  async productBySlug(ctx: RequestScope, slug: string): Promise<Product | null> {
    if (slug.length > 140) return null;
    return this.filtered({}, ctx.today).andWhere("p.slug = :slug", { slug }).getOne();
  }

  /** A producer's public page: only producers with at least one certified product are public. */
  async publicProducer(ctx: RequestScope, rawId: string): Promise<Producer | null> {
    const id = parseId(rawId, "id");
    const products = await ctx.loaders.activeProductsByProducer.load(id);
    return products.length ? ctx.loaders.producer.load(id) : null;
  }

  /** The earliest expiry in the catalog: the day after it, something leaves (caps how long answers are cached). */
  earliestExpiry(ctx: RequestScope): Promise<LocalDate | null> {
    return this.memo("earliest", ctx, {}, () => this.findEarliestExpiry(ctx.today));
  }

  private async findEarliestExpiry(today: LocalDate): Promise<LocalDate | null> {
    const row = await this.filtered({}, today)
      .select("MIN(p.certificateExpiresOn)", "earliest")
      .getRawOne<{ earliest: string | Date | null }>();
    const earliest = row?.earliest;
    return earliest instanceof Date ? earliest.toISOString().slice(0, 10) : (earliest ?? null);
  }

  /** Products visible in the catalog on `today`, narrowed by the filter (less one facet dimension). */
  private filtered(filter: ProductFilter, today: LocalDate, except?: Dimension): SelectQueryBuilder<Product> {
    const qb = this.dataSource.getRepository(Product).createQueryBuilder("p").where(LISTED, { today });
    if (filter.communeCodes && except !== "communes")
      qb.andWhere("p.communeCode IN (:...communes)", { communes: filter.communeCodes });
    if (filter.stars && except !== "stars") qb.andWhere("p.stars IN (:...stars)", { stars: filter.stars });
    if (filter.categoryCodes && except !== "categories") {
      const codes = filter.categoryCodes;
      qb.andWhere(
        new Brackets((b) =>
          codes.forEach((code, i) =>
            b.orWhere(`(p.categoryCode = :cat${i} OR p.categoryCode LIKE :catPrefix${i})`, {
              [`cat${i}`]: code,
              [`catPrefix${i}`]: `${code}.%`,
            }),
          ),
        ),
      );
    }
    if (filter.producerId)
      qb.andWhere("p.producerId = :producerId", {
        producerId: parseId(filter.producerId, "filter.producerId"),
      });
    if (filter.certifiedInYear) {
      qb.andWhere("p.certifiedOn BETWEEN :yearStart AND :yearEnd", {
        yearStart: `${filter.certifiedInYear}-01-01`,
        yearEnd: `${filter.certifiedInYear}-12-31`,
      });
    }
    const search = filter.search ? productSearchCondition(qb, "p.id", filter.search) : null;
    if (search) qb.andWhere(search);
    return qb;
  }
}
