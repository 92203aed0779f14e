import { LRUCache } from "lru-cache";

/**
 * An in-process memo with a time limit and a size bound, on lru-cache: the same key within `ttlMs`
 * answers the same promise (so concurrent requests share one computation); a failed computation is
 * forgotten at once; `clear()` forgets everything. The one home of the server's time-limited caches.
 */
export class Memo<V> {
  private readonly entries: LRUCache<string, { value: Promise<V> }>;

  constructor(ttlMs: number, maxEntries = 1000, now: () => number = Date.now) {
    // ttlResolution 0: the clock is read on every look-up (tests move it by hand).
    this.entries = new LRUCache({ max: maxEntries, ttl: ttlMs, ttlResolution: 0, perf: { now } });
  }

  get(key: string, compute: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit) return hit.value;
    const value = compute();
    this.entries.set(key, { value });
    value.catch(() => this.entries.delete(key));
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
