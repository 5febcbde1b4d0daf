import { describe, expect, it } from "vitest";
import { nextFireTimes, type ScheduleTimingInput } from "@/lib/schedules/trigger";

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const at = (text: string) => new Date(text);
const cron = (expression: string, timeZone = "UTC", extra: Partial<ScheduleTimingInput> = {}): ScheduleTimingInput => ({
  trigger: { type: "cron", expression },
  timeZone,
  ...extra,
});

describe("cron fire times across DST (croner's rules)", () => {
  it("runs a fixed time that falls in the spring-forward gap once the clock has jumped", () => {
    // New York, 2025-03-09: 02:00 EST becomes 03:00 EDT, so 02:30 does not exist that night. croner runs
    // a fixed-time job at 03:00 EDT (07:00Z) instead; the next days are 02:30 EDT (06:30Z).
    const runs = nextFireTimes(cron("30 2 * * *", "America/New_York"), at("2025-03-08T12:00:00Z"), 3);
    expect(iso(runs)).toEqual(["2025-03-09T07:00:00.000Z", "2025-03-10T06:30:00.000Z", "2025-03-11T06:30:00.000Z"]);
  });

  it("skips the missing hour for an interval pattern", () => {
    // 01:30 EST (06:30Z), then 03:00 EDT (07:00Z): 02:00 and 02:30 never happen.
    const runs = nextFireTimes(cron("*/30 * * * *", "America/New_York"), at("2025-03-09T06:15:00Z"), 3);
    expect(iso(runs)).toEqual(["2025-03-09T06:30:00.000Z", "2025-03-09T07:00:00.000Z", "2025-03-09T07:30:00.000Z"]);
  });

  it("runs a fixed time once when the clock goes back", () => {
    // New York, 2025-11-02: 02:00 EDT becomes 01:00 EST, so 01:30 happens twice (05:30Z and 06:30Z).
    // A fixed-time job runs on the first pass only; the next day 01:30 EST is 06:30Z.
    const runs = nextFireTimes(cron("30 1 * * *", "America/New_York"), at("2025-11-01T12:00:00Z"), 2);
    expect(iso(runs)).toEqual(["2025-11-02T05:30:00.000Z", "2025-11-03T06:30:00.000Z"]);
  });

  it("runs an interval pattern on both passes of the repeated hour", () => {
    // 01:00 and 01:30 EDT (05:00Z, 05:30Z), then 01:00 and 01:30 EST (06:00Z, 06:30Z), then 02:00 EST.
    const runs = nextFireTimes(cron("*/30 * * * *", "America/New_York"), at("2025-11-02T04:45:00Z"), 5);
    expect(iso(runs)).toEqual([
      "2025-11-02T05:00:00.000Z",
      "2025-11-02T05:30:00.000Z",
      "2025-11-02T06:00:00.000Z",
      "2025-11-02T06:30:00.000Z",
      "2025-11-02T07:00:00.000Z",
    ]);
  });

  it("moves a daily 02:30 in Berlin to 03:00 CEST on 2025-03-30", () => {
    // 02:30 CET is 01:30Z the day before; on the 30th the clock jumps 02:00 -> 03:00 (01:00Z); after, 00:30Z.
    const runs = nextFireTimes(cron("30 2 * * *", "Europe/Berlin"), at("2025-03-29T00:00:00Z"), 3);
    expect(iso(runs)).toEqual(["2025-03-29T01:30:00.000Z", "2025-03-30T01:00:00.000Z", "2025-03-31T00:30:00.000Z"]);
  });
});

describe("cron bounds", () => {
  it("excludes `after` itself", () => {
    expect(iso(nextFireTimes(cron("0 * * * *"), at("2025-01-01T10:00:00Z"), 1))).toEqual(["2025-01-01T11:00:00.000Z"]);
    expect(iso(nextFireTimes(cron("0 * * * *"), at("2025-01-01T09:59:59.999Z"), 1))).toEqual([
      "2025-01-01T10:00:00.000Z",
    ]);
  });

  it("starts at startAt (inclusive) and stops before endAt (exclusive)", () => {
    const timing = cron("0 * * * *", "UTC", { startAt: "2025-01-01T10:00:00Z", endAt: "2025-01-01T13:00:00Z" });
    expect(iso(nextFireTimes(timing, at("2024-12-01T00:00:00Z"), 10))).toEqual([
      "2025-01-01T10:00:00.000Z",
      "2025-01-01T11:00:00.000Z",
      "2025-01-01T12:00:00.000Z",
    ]);
    expect(nextFireTimes(timing, at("2025-01-01T12:00:00Z"), 10)).toEqual([]);
  });

  it("returns nothing for a count of 0 and throws for a timing the schema refuses", () => {
    expect(nextFireTimes(cron("0 * * * *"), at("2025-01-01T00:00:00Z"), 0)).toEqual([]);
    expect(() => nextFireTimes(cron("0 * * * *", "Mars/Olympus"), at("2025-01-01T00:00:00Z"), 1)).toThrow(
      /Mars\/Olympus/,
    );
  });
});

const recurrence = (
  frequency: "minute" | "hour" | "day" | "week" | "month",
  interval: number,
  schedule: Record<string, unknown> | undefined,
  extra: Partial<ScheduleTimingInput> = {},
) => ({ trigger: { type: "recurrence", frequency, interval, schedule }, ...extra }) as ScheduleTimingInput;

describe("recurrence fire times", () => {
  it("fires every 15 minutes from the start, in absolute time", () => {
    const timing = recurrence("minute", 15, undefined, { startAt: "2025-01-01T10:07:00Z" });
    expect(iso(nextFireTimes(timing, at("2025-01-01T00:00:00Z"), 3))).toEqual([
      "2025-01-01T10:07:00.000Z",
      "2025-01-01T10:22:00.000Z",
      "2025-01-01T10:37:00.000Z",
    ]);
    // Strictly after: a fire time equal to `after` is not returned again.
    expect(iso(nextFireTimes(timing, at("2025-01-01T10:22:00Z"), 1))).toEqual(["2025-01-01T10:37:00.000Z"]);
  });

  it("counts from the anchor (creation time, rounded up to a minute) when there is no start", () => {
    const timing = recurrence("hour", 6, undefined);
    const anchor = at("2025-01-01T10:00:30Z");
    expect(iso(nextFireTimes(timing, at("2025-01-02T00:00:00Z"), 2, anchor))).toEqual([
      "2025-01-02T04:01:00.000Z",
      "2025-01-02T10:01:00.000Z",
    ]);
    // Without an anchor, from the Unix epoch: every 6 hours on the UTC clock.
    expect(iso(nextFireTimes(timing, at("2025-01-02T01:00:00Z"), 1))).toEqual(["2025-01-02T06:00:00.000Z"]);
  });

  it("keeps local times every 2 days across Berlin's DST change", () => {
    // Days 27, 29 and 31 March: 04:00/04:30 CET (03:00Z) before the 30th, CEST (02:00Z) after.
    const timing = recurrence(
      "day",
      2,
      { hours: [4], minutes: [30, 0] },
      { timeZone: "Europe/Berlin", startAt: "2025-03-27T00:00:00+01:00" },
    );
    expect(iso(nextFireTimes(timing, at("2025-03-01T00:00:00Z"), 6))).toEqual([
      "2025-03-27T03:00:00.000Z",
      "2025-03-27T03:30:00.000Z",
      "2025-03-29T03:00:00.000Z",
      "2025-03-29T03:30:00.000Z",
      "2025-03-31T02:00:00.000Z",
      "2025-03-31T02:30:00.000Z",
    ]);
  });

  it("fires on Monday and Friday of every week, and of every other week", () => {
    // 2025-01-06 is a Monday; 09:00 EST is 14:00Z.
    const weekly = recurrence(
      "week",
      1,
      { weekDays: ["friday", "monday"], hours: [9] },
      { timeZone: "America/New_York", startAt: "2025-01-06T00:00:00-05:00" },
    );
    expect(iso(nextFireTimes(weekly, at("2025-01-01T00:00:00Z"), 4))).toEqual([
      "2025-01-06T14:00:00.000Z",
      "2025-01-10T14:00:00.000Z",
      "2025-01-13T14:00:00.000Z",
      "2025-01-17T14:00:00.000Z",
    ]);
    const fortnightly = recurrence(
      "week",
      2,
      { weekDays: ["monday", "friday"], hours: [9] },
      {
        timeZone: "America/New_York",
        startAt: "2025-01-06T00:00:00-05:00",
      },
    );
    expect(iso(nextFireTimes(fortnightly, at("2025-01-01T00:00:00Z"), 4))).toEqual([
      "2025-01-06T14:00:00.000Z",
      "2025-01-10T14:00:00.000Z",
      "2025-01-20T14:00:00.000Z",
      "2025-01-24T14:00:00.000Z",
    ]);
  });

  it("defaults a weekly schedule to the start's weekday at 00:00", () => {
    // 2025-01-08 is a Wednesday.
    const timing = recurrence("week", 1, undefined, { startAt: "2025-01-08T12:00:00Z" });
    expect(iso(nextFireTimes(timing, at("2025-01-01T00:00:00Z"), 2))).toEqual([
      "2025-01-15T00:00:00.000Z",
      "2025-01-22T00:00:00.000Z",
    ]);
  });

  it("skips months without day 31, and defaults to the start's day of month", () => {
    const on31 = recurrence("month", 1, { monthDays: [31] }, { startAt: "2025-01-01T00:00:00Z" });
    expect(iso(nextFireTimes(on31, at("2025-01-01T00:00:00Z"), 4))).toEqual([
      "2025-01-31T00:00:00.000Z",
      "2025-03-31T00:00:00.000Z",
      "2025-05-31T00:00:00.000Z",
      "2025-07-31T00:00:00.000Z",
    ]);
    const quarterly = recurrence("month", 3, { hours: [6] }, { startAt: "2025-01-15T00:00:00Z" });
    expect(iso(nextFireTimes(quarterly, at("2025-01-01T00:00:00Z"), 3))).toEqual([
      "2025-01-15T06:00:00.000Z",
      "2025-04-15T06:00:00.000Z",
      "2025-07-15T06:00:00.000Z",
    ]);
  });

  it("never fires before startAt, nor at or after endAt", () => {
    // 10:00 on the start day is before the start (12:00), so the first fire is the next day.
    const timing = recurrence(
      "day",
      1,
      { hours: [10] },
      { startAt: "2025-01-01T12:00:00Z", endAt: "2025-01-04T10:00:00Z" },
    );
    expect(iso(nextFireTimes(timing, at("2024-01-01T00:00:00Z"), 10))).toEqual([
      "2025-01-02T10:00:00.000Z",
      "2025-01-03T10:00:00.000Z",
    ]);
    const minutes = recurrence("minute", 30, undefined, {
      startAt: "2025-01-01T00:00:00Z",
      endAt: "2025-01-01T01:00:00Z",
    });
    expect(iso(nextFireTimes(minutes, at("2024-12-31T00:00:00Z"), 10))).toEqual([
      "2025-01-01T00:00:00.000Z",
      "2025-01-01T00:30:00.000Z",
    ]);
  });

  it("gives up on a month day that none of its months has", () => {
    // Every 12 months from April: always April, which has no 31st.
    const timing = recurrence("month", 12, { monthDays: [31] }, { startAt: "2025-04-01T00:00:00Z" });
    expect(nextFireTimes(timing, at("2025-01-01T00:00:00Z"), 1)).toEqual([]);
  });
});

describe("recurrence wall-clock times across DST follow croner", () => {
  const newYork = (schedule: Record<string, unknown>) =>
    recurrence("day", 1, schedule, { timeZone: "America/New_York", startAt: "2025-03-08T00:00:00-05:00" });

  it("moves a single time that falls in the gap to when the clock has jumped", () => {
    // "30 2 * * *" is a fixed time for croner: 03:00 EDT (07:00Z) on the 9th.
    const runs = nextFireTimes(newYork({ hours: [2], minutes: [30] }), at("2025-03-08T12:00:00Z"), 3);
    expect(iso(runs)).toEqual(["2025-03-09T07:00:00.000Z", "2025-03-10T06:30:00.000Z", "2025-03-11T06:30:00.000Z"]);
  });

  it("skips several times that fall in the gap", () => {
    // "0,30 2 * * *" is an interval pattern for croner: nothing on the 9th, as for cron.
    const runs = nextFireTimes(newYork({ hours: [2], minutes: [0, 30] }), at("2025-03-08T12:00:00Z"), 2);
    expect(iso(runs)).toEqual(["2025-03-10T06:00:00.000Z", "2025-03-10T06:30:00.000Z"]);
  });
});
