import { DailySweep } from "../../src/catalog/daily-sweep";
import { createLogger } from "../../src/logger";
import { FixedClock } from "../support/http";

it("sweeps at start and a second after each midnight, Vietnam time, and stops", async () => {
  jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
  try {
    const clock = new FixedClock(new Date("2026-06-15T16:59:00Z")); // 23:59 on the 15th in Vietnam
    const days: string[] = [];
    const sweep = new DailySweep(
      { sweptToday: async (today) => void days.push(today) },
      clock,
      createLogger("silent"),
    );
    sweep.start();
    await Promise.resolve();
    expect(days).toEqual(["2026-06-15"]);

    clock.instant = new Date("2026-06-15T17:00:01Z"); // a second after midnight
    await jest.advanceTimersByTimeAsync(61_000);
    expect(days).toEqual(["2026-06-15", "2026-06-16"]);

    sweep.stop();
    clock.instant = new Date("2026-06-16T17:00:01Z");
    await jest.advanceTimersByTimeAsync(25 * 3600 * 1000);
    expect(days).toEqual(["2026-06-15", "2026-06-16"]);
  } finally {
    jest.useRealTimers();
  }
});

it("keeps its schedule when a sweep fails", async () => {
  jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
  try {
    const clock = new FixedClock(new Date("2026-06-15T16:59:00Z"));
    let calls = 0;
    const sweep = new DailySweep(
      {
        sweptToday: async () => {
          calls++;
          throw new Error("database away");
        },
      },
      clock,
      createLogger("silent"),
    );
    sweep.start();
    await Promise.resolve();
    clock.instant = new Date("2026-06-15T17:00:01Z");
    await jest.advanceTimersByTimeAsync(61_000);
    expect(calls).toBe(2);
    sweep.stop();
  } finally {
    jest.useRealTimers();
  }
});
