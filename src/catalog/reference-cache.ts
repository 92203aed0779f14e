import { In, type DataSource } from "typeorm";
import { Category } from "./category.entity";
import { Memo } from "../core/memo";
import { Commune } from "../geography/commune.entity";

export type CategoryTree = {
  all: Category[];
  byCode: Map<string, Category>;
  children: Map<string | null, Category[]>;
};

/** How long reference rows are served from memory before they are read again. */
export const REFERENCE_TTL_MS = 60_000;

/**
 * The category tree and the commune-level units, kept in memory for a minute: they change only when
 * the reference data is loaded, and every catalog page needs them, so this saves two statements a page.
 * A commune missing from memory (added since) is read from the database.
 */
export class ReferenceCache {
  private readonly tree: Memo<CategoryTree>;
  private readonly communes: Memo<Map<string, Commune>>;

  constructor(
    private readonly dataSource: DataSource,
    now: () => number = Date.now,
  ) {
    this.tree = new Memo(REFERENCE_TTL_MS, 1, now);
    this.communes = new Memo(REFERENCE_TTL_MS, 1, now);
  }

  categoryTree(): Promise<CategoryTree> {
    return this.tree.get("tree", () => this.readTree());
  }

  async communesByCode(codes: readonly string[]): Promise<(Commune | null)[]> {
    const known = await this.communes.get("communes", () => this.readCommunes());
    const missing = codes.filter((c) => !known.has(c));
    if (missing.length) {
      for (const c of await this.dataSource.manager.find(Commune, { where: { code: In(missing) } }))
        known.set(c.code, c);
    }
    return codes.map((c) => known.get(c) ?? null);
  }

  /** Every commune-level unit, in the units' order. */
  async allCommunes(): Promise<Commune[]> {
    const known = await this.communes.get("communes", () => this.readCommunes());
    return [...known.values()].sort((a, b) => a.position - b.position);
  }

  private async readTree(): Promise<CategoryTree> {
    const all = await this.dataSource.manager.find(Category, { order: { position: "ASC" } });
    const children = new Map<string | null, Category[]>();
    for (const c of all) children.set(c.parentCode, [...(children.get(c.parentCode) ?? []), c]);
    return { all, byCode: new Map(all.map((c) => [c.code, c])), children };
  }

  private async readCommunes(): Promise<Map<string, Commune>> {
    return new Map((await this.dataSource.manager.find(Commune)).map((c) => [c.code, c]));
  }
}
