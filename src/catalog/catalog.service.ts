import { Brackets, type DataSource, type SelectQueryBuilder } from "typeorm";
import { type CursorCodec, pageSize } from "../core/connection";
import { keysetPage } from "../core/paging";
import { Memo } from "../core/memo";
import { parseId } from "../core/ids";
import type { LocalDate } from "../core/time";
import type { RequestScope } from "../request";
import { Commune } from "../geography/commune.entity";
import { type Producer } from "./producer.entity";
import { categoryLevel, LISTED, LISTED_SORT_INDEXES, Product, YEAR_EXPIRY_INDEX } from "./product.entity";
import { joinSearchRelevance, productSearchCondition } from "./product-index";
import { leanHydrator, leanMany } from "../core/lean";
import { badInput } from "../core/errors";
import type { Page } from "../core/paging";
import { Language } from "../http/labels.resolver";
import {
  ProductConnection,
  type ProductFacets,
  ProductSortField,
  SortDirection,
  type ProductFilter,
  type ProductSort,
} from "./catalog.types";
import { checkFilter } from "./filter";
import { DEFAULT_COUNT_CAP } from "../config";
import {
  type Cell,
  cellMatches,
  countState,
  type CountedCell,
  type Dimension,
  driftSince,
  filteredCells,
  sweepExpired,
} from "./counts";

const SORT_COLUMNS: Record<
  Exclude<ProductSortField, ProductSortField.RELEVANCE>,
  "nameKey" | "stars" | "certifiedOn" | "certificateExpiresOn"
> = {
  [ProductSortField.NAME]: "nameKey", // folded: the same order on MySQL and SQLite
  [ProductSortField.STARS]: "stars",
  [ProductSortField.CERTIFIED_ON]: "certifiedOn",
  [ProductSortField.EXPIRES_ON]: "certificateExpiresOn",
};
const DEFAULT_SORT: ProductSort = { field: ProductSortField.NAME, direction: SortDirection.ASC };
const RELEVANCE_SORT: ProductSort = { field: ProductSortField.RELEVANCE };

type Grouped = { value: string | number; count: number };
type FacetGroups = { stars: Grouped[]; communes: Grouped[]; categories: Grouped[] };

/** Filters the catalog counts answer; a search or a producer needs the products themselves. */
const coveredByCells = (f: ProductFilter) => !f.search && !f.producerId;

const sumMatching = (cells: CountedCell[], f: ProductFilter) =>
  cells.filter((c) => cellMatches(c, f)).reduce((n, c) => n + c.count, 0);

/** From this many matches a page by stars or certification day is read in the sort's index (see sortedBy). */
const SORT_INDEX_FROM = 2_000;

/** A count taken again this many times at most when catalog changes keep committing under it (then kept). */
const MAX_COUNT_ATTEMPTS = 3;

/** How long totals and facet counts of one filter are reused (certificate events clear them at once). */
export const COUNTS_TTL_MS = 60_000;

/** The public catalog: products holding an ACTIVE certificate, their filters, sorts, search and facets. */
export class CatalogService {
  /**
   * Totals, facets and earliest expiries per filter and day: the same for every page of a listing, and
   * they change only with a catalog event (a new generation) or at midnight (the key's date).
   */
  private readonly counts = new Memo<unknown>(COUNTS_TTL_MS);

  /** This instance's sweep of the day (expired products out of the catalog counts). */
  private sweeping: { day: LocalDate; done: Promise<void> } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cursors: CursorCodec,
    /** COUNT_CAP: counting rows (searches, a producer's products) stops here; beyond, a lower bound. */
    private readonly countCap = DEFAULT_COUNT_CAP,
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
      language: Language;
    },
  ): Promise<ProductConnection> {
    const first = pageSize(args.first);
    const filter = checkFilter(args.filter);
    const sort = args.sort ?? (filter.search ? RELEVANCE_SORT : DEFAULT_SORT);
    const countTotal = async () => (await this.total(ctx, filter)).count;
    let page: Omit<Page<Product>, "countTotal">;
    if (sort.field === ProductSortField.RELEVANCE) {
      if (sort.direction === SortDirection.ASC)
        throw badInput("catalog.relevanceAscending", "sort.direction");
      page = await this.relevancePage(ctx, filter, args.language, first, args.after);
    } else {
      const direction = sort.direction ?? SortDirection.ASC;
      page = await keysetPage(await this.sortedBy(ctx, filter, sort.field), {
        alias: "p",
        sortKey: SORT_COLUMNS[sort.field],
        direction,
        first,
        tag: [sort.field, direction],
        numeric: sort.field === ProductSortField.STARS,
        after: args.after,
        cursors: this.cursors,
        countTotal,
      });
    }
    return Object.assign(
      new ProductConnection(),
      { ...page, countTotal },
      {
        countIsLowerBound: async () => (await this.total(ctx, filter)).lowerBound,
      },
    );
  }

  /**
   * A page in relevance order (see joinSearchRelevance) folded with the stars into one rank, then name and id:
   * one statement. The rank is computed in a derived table so that the keyset (rank, name, id) can follow it;
   * only (id, name, rank) of the matches are sorted, and the page's rows are joined to them after the limit
   * (sorting thousands of matches with every column, descriptions included, cost ten times more).
   */
  private async relevancePage(
    ctx: RequestScope,
    filter: ProductFilter,
    language: Language,
    first: number,
    after: string | null | undefined,
  ): Promise<Omit<Page<Product>, "countTotal">> {
    const tag = [ProductSortField.RELEVANCE, language];
    // The search's words are joined with their scores (they filter as the search condition would).
    const ranked = this.filtered(ctx, { ...filter, search: null }).select("p.id", "id");
    const relevance = joinSearchRelevance(ranked, "p.id", filter.search ?? "", language === Language.EN);
    ranked
      .addSelect("p.nameKey", "nameKey")
      .addSelect(`(${relevance}) * 10 + COALESCE(p.stars, 0)`, "ranking");
    const [rankedSql, parameters] = ranked.getQueryAndParameters();
    let keyset = "";
    if (after) {
      const [ranking, nameKey, id] = this.cursors.decodeTuple(after, tag, ["number", "string", "number"]);
      keyset = "WHERE r.ranking < ? OR (r.ranking = ? AND (r.nameKey > ? OR (r.nameKey = ? AND r.id > ?)))";
      parameters.push(ranking, ranking, nameKey, nameKey, id);
    }
    const order = "ORDER BY r.ranking DESC, r.nameKey ASC, r.id ASC";
    const products = ctx.reader.getRepository(Product).createQueryBuilder("p");
    const [everyColumn] = products.getQueryAndParameters(); // SELECT <every column> FROM product p
    const rows = await ctx.reader.query<Record<string, unknown>[]>(
      `${everyColumn.replace(/^SELECT /, "SELECT r.ranking AS ranking, ")} INNER JOIN (SELECT * FROM (${rankedSql}) r ${keyset} ${order} LIMIT ${first + 1}) r ON r.id = p.id ${order}`,
      parameters,
    );
    const hydrate = leanHydrator(products);
    const edges = rows.slice(0, first).map((row) => {
      const node = hydrate(row);
      return { node, cursor: this.cursors.encode([...tag, Number(row.ranking), node.nameKey, node.id]) };
    });
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  facets(ctx: RequestScope, rawFilter?: ProductFilter | null): Promise<ProductFacets> {
    const filter = checkFilter(rawFilter);
    return this.memo("facets", ctx, filter, () => this.countFacets(ctx, filter));
  }

  /**
   * How many products match: from the catalog counts (sums over commune × set × stars × year cells) for the
   * filters they cover; with a search or a producer, rows counted up to COUNT_CAP (then a lower bound).
   */
  private total(ctx: RequestScope, filter: ProductFilter): Promise<{ count: number; lowerBound: boolean }> {
    return this.memo("total", ctx, filter, async () => {
      if (!coveredByCells(filter)) return this.boundedCount(ctx, filter);
      return this.withDrift(ctx, async (drift) => {
        const row = await filteredCells(ctx.reader.manager, filter)
          .select("SUM(k.count)", "count")
          .getRawOne<{ count: string | number | null }>();
        return { count: Number(row?.count ?? 0) + sumMatching(drift, filter), lowerBound: false };
      });
    });
  }

  private async countFacets(ctx: RequestScope, filter: ProductFilter): Promise<ProductFacets> {
    const [{ count: total, lowerBound }, { stars, communes, categories }] = await Promise.all([
      this.total(ctx, filter),
      coveredByCells(filter) ? this.cellGroups(ctx, filter) : this.rowGroups(ctx, filter),
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
      totalIsLowerBound: lowerBound,
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

  /** Grouped counts of each facet dimension from the cells, less the products expired since the table's day. */
  private cellGroups(ctx: RequestScope, filter: ProductFilter): Promise<FacetGroups> {
    return this.withDrift(ctx, (drift) => this.groupCells(ctx, filter, drift));
  }

  private async groupCells(
    ctx: RequestScope,
    filter: ProductFilter,
    drift: CountedCell[],
  ): Promise<FacetGroups> {
    const grouped = async (dimension: Dimension, column: keyof Cell) => {
      const rows = await filteredCells(ctx.reader.manager, filter, dimension, column)
        .select(`k.${column}`, "value")
        .addSelect("SUM(k.count)", "count")
        .groupBy(`k.${column}`)
        .orderBy("NULL") // MariaDB would otherwise sort the groups
        .getRawMany<{ value: string | number; count: string | number }>();
      const counts = new Map(rows.map((r) => [String(r.value), Number(r.count)]));
      for (const cell of drift.filter((c) => cellMatches(c, filter, dimension))) {
        const key = String(cell[column]);
        counts.set(key, (counts.get(key) ?? 0) + cell.count);
      }
      return [...counts].filter(([, count]) => count > 0).map(([value, count]) => ({ value, count }));
    };
    const [stars, communes, categories] = await Promise.all([
      grouped("stars", "stars"),
      grouped("communes", "communeCode"),
      grouped("categories", "categoryCode"),
    ]);
    return { stars, communes, categories };
  }

  /** Grouped counts from the products themselves, over at most this.countCap + 1 matching rows (search, producer). */
  private async rowGroups(ctx: RequestScope, filter: ProductFilter): Promise<FacetGroups> {
    const grouped = async (dimension: Dimension, column: string) => {
      const rows = this.filtered(ctx, filter, dimension)
        .select(`p.${column}`, "value")
        .limit(this.countCap + 1);
      const [sql, params] = rows.getQueryAndParameters();
      const raw = await ctx.reader.query<{ value: string | number; count: string | number }[]>(
        `SELECT bounded.value AS value, COUNT(*) AS count FROM (${sql}) bounded GROUP BY bounded.value`,
        params,
      );
      return raw.map((r) => ({ value: r.value, count: Number(r.count) }));
    };
    const [stars, communes, categories] = await Promise.all([
      grouped("stars", "stars"),
      grouped("communes", "communeCode"),
      grouped("categories", "categoryCode"),
    ]);
    return { stars, communes, categories };
  }

  /** Matching rows counted up to COUNT_CAP: exact below it, a lower bound above. */
  private async boundedCount(
    ctx: RequestScope,
    filter: ProductFilter,
  ): Promise<{ count: number; lowerBound: boolean }> {
    const [sql, params] = this.filtered(ctx, filter)
      .select("p.id")
      .limit(this.countCap + 1)
      .getQueryAndParameters();
    const [row] = await ctx.reader.query<{ n: string | number }[]>(
      `SELECT COUNT(*) AS n FROM (${sql}) bounded`,
      params,
    );
    const n = Number(row.n);
    return n > this.countCap ? { count: this.countCap, lowerBound: true } : { count: n, lowerBound: false };
  }

  /**
   * Counts the cells with the products expired since the table's day subtracted (see driftSince), without
   * waiting for the day's sweep (DailySweep runs it just after midnight). Once the table counts from today
   * (the usual case, known per generation) no sweep can move it under the count. Before that, the table's
   * day and generation are read before and after the count, and if a sweep or a catalog change committed
   * in between, the count is taken again: it never mixes the table of before the sweep with the day of
   * after it. On SQLite a transaction's writes are visible to the one connection before it commits: there
   * a count that comes while this instance sweeps waits for it.
   */
  private async withDrift<T>(ctx: RequestScope, count: (drift: CountedCell[]) => Promise<T>): Promise<T> {
    const m = ctx.reader.manager;
    if (m.connection.options.type === "better-sqlite3") await this.sweeping?.done.catch(() => undefined);
    const driftOf = ({ from, generation }: { from: LocalDate; generation: number }) =>
      this.counts.get(`drift|${from}|${ctx.today}|${generation}`, () =>
        driftSince(m, from, ctx.today),
      ) as Promise<CountedCell[]>;
    const known = (await this.counts.get(`state|${await ctx.catalogGeneration()}`, () =>
      countState(m),
    )) as Awaited<ReturnType<typeof countState>>;
    if (known.from >= ctx.today) return count(await driftOf(known));
    let state = await countState(m);
    for (let attempt = 1; ; attempt++) {
      const counted = await count(await driftOf(state));
      const after = await countState(m);
      if (after.generation === state.generation || attempt === MAX_COUNT_ATTEMPTS) return counted;
      state = after;
    }
  }

  /**
   * Today's sweep (see sweepExpired), run once per day by this instance (DailySweep; the change feed waits
   * for it); one that failed may be tried again.
   */
  sweptToday(today: LocalDate): Promise<void> {
    if (this.sweeping?.day !== today) {
      const sweep = { day: today, done: sweepExpired(this.dataSource, today) };
      sweep.done.catch(() => {
        if (this.sweeping === sweep) this.sweeping = null;
      });
      this.sweeping = sweep;
    }
    return this.sweeping.done;
  }

  /** A product page: only while the product holds an active certificate. */
  async productBySlug(ctx: RequestScope, slug: string): Promise<Product | null> {
    if (slug.length > 140) return null;
    const [product] = await leanMany(this.filtered(ctx, {}).andWhere("p.slug = :slug", { slug }));
    return product ?? null;
  }

  /** A producer's public page: only producers with at least one certified product are public. */
  async publicProducer(ctx: RequestScope, rawId: string): Promise<Producer | null> {
    const id = parseId(rawId, "id", "Producer");
    const products = await ctx.loaders.activeProductsByProducer.load(id);
    return products.length ? ctx.loaders.producer.load(id) : null;
  }

  /** The earliest expiry in the catalog: the day after it, something leaves (caps how long answers are cached). */
  earliestExpiry(ctx: RequestScope): Promise<LocalDate | null> {
    return this.memo("earliest", ctx, {}, () => this.findEarliestExpiry(ctx));
  }

  private async findEarliestExpiry(ctx: RequestScope): Promise<LocalDate | null> {
    const row = await this.filtered(ctx, {})
      .select("MIN(p.certificateExpiresOn)", "earliest")
      .getRawOne<{ earliest: string | Date | null }>();
    const earliest = row?.earliest;
    return earliest instanceof Date ? earliest.toISOString().slice(0, 10) : (earliest ?? null);
  }

  /** The filtered products as a page sorted by `field` reads them best. */
  private async sortedBy(
    ctx: RequestScope,
    filter: ProductFilter,
    field: Exclude<ProductSortField, ProductSortField.RELEVANCE>,
  ): Promise<SelectQueryBuilder<Product>> {
    const qb = this.filtered(ctx, filter);
    const codes = filter.categoryCodes ?? [];
    // MySQL guesses that a category's products are spread evenly over the names, so it reads the whole
    // catalog by name to find twenty "Trà …" (names follow the category); the category's own index of
    // names reads just them. A commune or a producer narrows more: then its own indexes decide.
    const narrower = filter.communeCodes || filter.producerId;
    if (field === ProductSortField.NAME && codes.length === 1 && !narrower)
      qb.useIndex(categoryLevel(codes[0]).nameIndex);
    // A listed product always has stars and a certification day: saying so starts the index's range after
    // the products without (never certified, or revoked).
    if (field === ProductSortField.STARS || field === ProductSortField.CERTIFIED_ON)
      qb.andWhere(`p.${SORT_COLUMNS[field]} IS NOT NULL`);
    if (field === ProductSortField.NAME || narrower || !coveredByCells(filter)) return qb;
    // Reading in the sort's order finds a page soon when the filter matches many (a few are found faster by
    // the filter's index, then sorted). In the sort indexes by stars and by certification day the expiry
    // passes over the products no longer listed without reading them, but MySQL does so only when told
    // which index to read; and a year's certifications expire together, so by expiry they are read from
    // the year's own index. The other way round, the expiry is also what "listed" reads, so MySQL likes to
    // walk its index for a page by expiry even for a filter that matches few, past everything else: those
    // are read by the filter's own indexes and sorted.
    const many = (await this.total(ctx, filter)).count >= SORT_INDEX_FROM;
    if (field !== ProductSortField.EXPIRES_ON) {
      if (many) qb.useIndex(LISTED_SORT_INDEXES[SORT_COLUMNS[field] as "stars" | "certifiedOn"]);
    } else if (many) {
      if (filter.certifiedInYear) qb.useIndex(YEAR_EXPIRY_INDEX);
    } else {
      const own = this.filterIndexes(ctx, filter);
      if (own.length) qb.useIndex(own);
    }
    return qb;
  }

  /** The indexes that find a filter's products by its categories, stars or year (with the expiry beside). */
  private filterIndexes(ctx: RequestScope, filter: ProductFilter): string[] {
    const indexOn = (...columns: string[]) =>
      ctx.reader
        .getMetadata(Product)
        .indices.find((i) => i.columns.map((c) => c.propertyName).join() === columns.join())!.name;
    return [
      ...new Set(
        (filter.categoryCodes ?? []).map((code) =>
          categoryLevel(code).column === "categoryCode"
            ? indexOn("categoryCode", "certificateExpiresOn")
            : categoryLevel(code).nameIndex,
        ),
      ),
      ...(filter.stars ? [indexOn("stars", "certificateExpiresOn")] : []),
      ...(filter.certifiedInYear ? [YEAR_EXPIRY_INDEX] : []),
    ];
  }

  /** Products visible in the catalog on `today`, narrowed by the filter (less one facet dimension). */
  private filtered(
    ctx: RequestScope,
    filter: ProductFilter,
    except?: Dimension,
  ): SelectQueryBuilder<Product> {
    const qb = ctx.reader.getRepository(Product).createQueryBuilder("p").where(LISTED, { today: ctx.today });
    if (filter.communeCodes && except !== "communes")
      qb.andWhere("p.communeCode IN (:...communes)", { communes: filter.communeCodes });
    if (filter.stars && except !== "stars") qb.andWhere("p.stars IN (:...stars)", { stars: filter.stars });
    if (filter.categoryCodes && except !== "categories") {
      const codes = filter.categoryCodes;
      // A code and every code under it: one value of the column holding as many segments as the code has.
      qb.andWhere(
        new Brackets((b) =>
          codes.forEach((code, i) =>
            b.orWhere(`p.${categoryLevel(code).column} = :cat${i}`, {
              [`cat${i}`]: code,
            }),
          ),
        ),
      );
    }
    if (filter.producerId)
      qb.andWhere("p.producerId = :producerId", {
        producerId: parseId(filter.producerId, "filter.producerId", "Producer"),
      });
    if (filter.certifiedInYear) {
      // Both: the day range for an index on certifiedOn, the year for one on certifiedYear.
      qb.andWhere("p.certifiedOn BETWEEN :yearStart AND :yearEnd AND p.certifiedYear = :year", {
        yearStart: `${filter.certifiedInYear}-01-01`,
        yearEnd: `${filter.certifiedInYear}-12-31`,
        year: String(filter.certifiedInYear),
      });
    }
    const search = filter.search ? productSearchCondition(qb, "p.id", filter.search) : null;
    if (search) qb.andWhere(search);
    return qb;
  }
}
