import type { Logger } from "pino";
import { type Clock, endOfVietnamDay, vietnamDate } from "../core/time";
import type { CatalogService } from "./catalog.service";

/** A failed sweep is tried again after this long (counts stay right meanwhile; it keeps them fast). */
const RETRY_MS = 60_000;

/**
 * Runs the day's sweep of expired products (CatalogService.sweptToday) off the request path: at start,
 * then a second after each midnight, Vietnam time. Counts never wait for it (until it has run they subtract
 * the day's expiries themselves; see CatalogService.withDrift): it only keeps that subtraction small. A
 * sweep that failed is tried again a minute later.
 */
export class DailySweep {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly catalog: Pick<CatalogService, "sweptToday">,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async run(): Promise<void> {
    const now = this.clock.now();
    const today = vietnamDate(now);
    let failed = false;
    try {
      await this.catalog.sweptToday(today);
    } catch (e) {
      this.log.warn(
        { err: (e as Error).message, day: today },
        "the day's sweep failed: tried again in a minute",
      );
      failed = true;
    }
    if (this.stopped) return;
    const untilMidnight = endOfVietnamDay(today).getTime() - this.clock.now().getTime();
    const wait = failed ? RETRY_MS : Math.max(untilMidnight, 0) + 1000;
    this.timer = setTimeout(() => void this.run(), wait);
    this.timer.unref(); // never keeps the process alive
  }
}
