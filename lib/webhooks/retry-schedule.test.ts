import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_SCHEDULE, nextAttemptAt, parseRetrySchedule, retryAfterMs } from "@/lib/webhooks/retry-schedule";

const start = new Date("2026-12-07T00:00:00.000Z");
const at = (ms: number) => new Date(start.getTime() + ms);
const SECOND = 1000;
const HOUR = 3600 * SECOND;

describe("the default retry schedule", () => {
  it("tries again after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, then daily, and gives up after three days", () => {
    let now = start;
    const gaps: number[] = [];
    for (let attempts = 1; ; attempts++) {
      const next = nextAttemptAt(DEFAULT_RETRY_SCHEDULE, attempts, start, now, { jitter: 0.5 });
      if (!next) break;
      gaps.push(next.getTime() - now.getTime());
      now = next;
    }
    expect(gaps).toEqual([
      5 * SECOND,
      300 * SECOND,
      1800 * SECOND,
      2 * HOUR,
      5 * HOUR,
      10 * HOUR,
      24 * HOUR,
      24 * HOUR,
    ]);
    // Nine tries in all, the last about 65.6 h after the first.
    expect((now.getTime() - start.getTime()) / HOUR).toBeCloseTo(65.58, 1);
  });

  it("spreads retries by at most 10% either way", () => {
    const early = nextAttemptAt(DEFAULT_RETRY_SCHEDULE, 2, start, start, { jitter: 0 })!;
    const late = nextAttemptAt(DEFAULT_RETRY_SCHEDULE, 2, start, start, { jitter: 0.999 })!;
    expect(early.getTime() - start.getTime()).toBe(270 * SECOND);
    expect(late.getTime() - start.getTime()).toBeLessThanOrEqual(330 * SECOND);
  });

  it("waits at least as long as Retry-After asks, but never more than a day", () => {
    expect(nextAttemptAt(DEFAULT_RETRY_SCHEDULE, 1, start, start, { retryAfterMs: 120 * SECOND })).toEqual(
      at(120 * SECOND),
    );
    expect(nextAttemptAt(DEFAULT_RETRY_SCHEDULE, 1, start, start, { retryAfterMs: 1 })).toEqual(at(5 * SECOND));
    expect(nextAttemptAt(DEFAULT_RETRY_SCHEDULE, 1, start, start, { retryAfterMs: 30 * 24 * HOUR })).toEqual(
      at(24 * HOUR),
    );
  });
});

describe("parseRetrySchedule", () => {
  it("reads durations and ends after the last one", () => {
    const schedule = parseRetrySchedule("500ms, 1s,2m")!;
    expect(schedule.delaysMs).toEqual([500, 1000, 120_000]);
    expect(nextAttemptAt(schedule, 3, start, at(1500), { jitter: 0.5 })).toEqual(at(121_500));
    // However long the tries took.
    expect(nextAttemptAt(schedule, 3, start, at(60_000), { jitter: 0.5 })).toEqual(at(180_000));
    expect(nextAttemptAt(schedule, 4, start, at(121_500))).toBeNull();
  });

  it("refuses what it cannot read", () => {
    for (const text of ["", "5", "5 s", "1s,,2s", "-1s", "1w"]) expect(parseRetrySchedule(text), text).toBeNull();
  });
});

describe("retryAfterMs", () => {
  it("reads seconds and HTTP dates", () => {
    expect(retryAfterMs("120", start)).toBe(120_000);
    expect(retryAfterMs(new Date(start.getTime() + 90_000).toUTCString(), start)).toBe(90_000);
    expect(retryAfterMs("yesterday-ish", start)).toBeNull();
    expect(retryAfterMs(null, start)).toBeNull();
  });
});
