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

it("tries a failed sweep again a minute later, then keeps its schedule", async () => {
  jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
  try {
    const clock = new FixedClock(new Date("2026-06-15T03:00:00Z")); // 10:00 in Vietnam
    const days: string[] = [];
    let failures = 1;
    const sweep = new DailySweep(
      {
        sweptToday: async (today) => {
          days.push(today);
          if (failures-- > 0) throw new Error("database away");
        },
      },
      clock,
      createLogger("silent"),
    );
    sweep.start();
    await Promise.resolve();
    expect(days).toEqual(["2026-06-15"]);
    await jest.advanceTimersByTimeAsync(59_000);
    expect(days).toEqual(["2026-06-15"]);
    clock.instant = new Date("2026-06-15T03:01:00Z");
    await jest.advanceTimersByTimeAsync(1_000);
    expect(days).toEqual(["2026-06-15", "2026-06-15"]); // the retry succeeds
    clock.instant = new Date("2026-06-15T17:00:01Z");
    await jest.advanceTimersByTimeAsync(14 * 3600 * 1000);
    expect(days).toEqual(["2026-06-15", "2026-06-15", "2026-06-16"]);
    sweep.stop();
  } finally {
    jest.useRealTimers();
  }
});
