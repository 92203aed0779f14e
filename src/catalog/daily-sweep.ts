import type { Logger } from "pino";
import { type Clock, endOfVietnamDay, vietnamDate } from "../core/time";
import type { CatalogService } from "./catalog.service";

/**
 * Runs the day's sweep of expired products (CatalogService.sweptToday) off the request path: at start,
 * then a second after each midnight, Vietnam time, so that the day's first count finds it done (a count
 * that comes while it runs waits for it; see CatalogService.cellState). A sweep that failed is tried again
 * by the next count or the next day.
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
    try {
      await this.catalog.sweptToday(today);
    } catch (e) {
      this.log.warn(
        { err: (e as Error).message, day: today },
        "the day's sweep failed: the next request tries again",
      );
    }
    if (this.stopped) return;
    const untilMidnight = endOfVietnamDay(today).getTime() - this.clock.now().getTime();
    this.timer = setTimeout(() => void this.run(), Math.max(untilMidnight, 0) + 1000);
    this.timer.unref(); // never keeps the process alive
  }
}
