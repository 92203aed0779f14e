import { In, type DataSource } from "typeorm";
import { Category } from "../../catalog/category.entity";
import { Commune } from "../../geography/commune.entity";

export type CategoryTree = { all: Category[]; byCode: Map<string, Category>; children: Map<string | null, Category[]> };

/** How long reference rows are served from memory before they are read again. */
export const REFERENCE_TTL_MS = 60_000;

/**
 * The category tree and the commune-level units, kept in memory for a minute: they change only when
 * the reference data is loaded, and every catalog page needs them, so this saves two statements a page.
 * A commune missing from memory (added since) is read from the database.
 */
export class ReferenceCache {
  private tree?: { at: number; value: Promise<CategoryTree> };
  private communes?: { at: number; value: Promise<Map<string, Commune>> };

  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => number = Date.now,
  ) {}

  categoryTree(): Promise<CategoryTree> {
    if (!this.tree || this.now() - this.tree.at > REFERENCE_TTL_MS) {
      this.tree = { at: this.now(), value: this.readTree() };
      this.tree.value.catch(() => (this.tree = undefined));
    }
    return this.tree.value;
  }

  async communesByCode(codes: readonly string[]): Promise<(Commune | null)[]> {
    if (!this.communes || this.now() - this.communes.at > REFERENCE_TTL_MS) {
      this.communes = { at: this.now(), value: this.readCommunes() };
      this.communes.value.catch(() => (this.communes = undefined));
    }
    const known = await this.communes.value;
    const missing = codes.filter((c) => !known.has(c));
    if (missing.length) {
      for (const c of await this.dataSource.manager.find(Commune, { where: { code: In(missing) } })) known.set(c.code, c);
    }
    return codes.map((c) => known.get(c) ?? null);
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
