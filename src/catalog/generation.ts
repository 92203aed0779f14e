import { Column, Entity, PrimaryColumn, type DataSource, type EntityManager } from "typeorm";
import type { LocalDate } from "../core/time";

/**
 * One row whose number every event that changes the public catalog raises, in the event's own transaction
 * (recognition, supersession, revocation, edits of listed products and producers). Cached answers and
 * counts are keyed by it, so an answer computed under an older generation is never served again, and
 * every instance on the same database sees a change within a second.
 */
@Entity({ name: "catalog_generation" })
export class CatalogGenerationRow {
  @PrimaryColumn({ type: "int" })
  id: number;

  @Column({ type: "bigint", transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  generation: number;

  /** The day the catalog counts (catalog_count) count from; see counts.ts. */
  @Column({ type: "date", nullable: true })
  countedFrom?: LocalDate | null;
}

const ROW = 1;
/** How stale an instance's view of the generation may be: another instance's event is seen within this. */
export const GENERATION_POLL_MS = 1000;

export class CatalogGeneration {
  private known = 0;
  private readAt = -Infinity;
  private reading: Promise<number> | null = null;
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Raises the generation in the event's transaction and answers the new one. The row stays locked until
   * the transaction ends, so events commit in the order of their generations (the change feed relies on it).
   */
  static async bump(m: EntityManager): Promise<number> {
    const updated = await m
      .createQueryBuilder()
      .update(CatalogGenerationRow)
      .set({ generation: () => "generation + 1" })
      .where("id = :id", { id: ROW })
      .execute();
    if (!updated.affected) await m.insert(CatalogGenerationRow, { id: ROW, generation: 2 });
    return (await m.findOneByOrFail(CatalogGenerationRow, { id: ROW })).generation;
  }

  /** The generation as of at most GENERATION_POLL_MS ago (one statement a second per instance at most). */
  current(): Promise<number> {
    if (this.now() - this.readAt < GENERATION_POLL_MS) return Promise.resolve(this.known);
    this.reading ??= this.read().finally(() => (this.reading = null));
    return this.reading;
  }

  /** Reads the database now; a raised generation tells the listeners (memos) to forget. */
  async read(): Promise<number> {
    const row = await this.dataSource.getRepository(CatalogGenerationRow).findOneBy({ id: ROW });
    const generation = row?.generation ?? 1;
    this.readAt = this.now();
    if (generation !== this.known) {
      this.known = generation;
      for (const listener of this.listeners) listener();
    }
    return generation;
  }

  /** After this instance committed an event: the next request reads the new generation. */
  changed(): void {
    this.readAt = -Infinity;
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }
}
