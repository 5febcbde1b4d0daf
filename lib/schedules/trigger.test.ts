import { describe, expect, it } from "vitest";
import {
  describeTiming,
  scheduleTimingSchema,
  timingIssues,
  timingProblem,
  type ScheduleTimingInput,
} from "@/lib/schedules/trigger";

// Loosely typed on purpose: most cases here are timings the schema must refuse.
const cron = (expression: string, extra: Record<string, unknown> = {}) =>
  ({ trigger: { type: "cron", expression }, ...extra }) as ScheduleTimingInput;
const recurrence = (frequency: string, interval: unknown, schedule?: unknown, extra: Record<string, unknown> = {}) =>
  ({
    trigger: { type: "recurrence", frequency, interval, ...(schedule === undefined ? {} : { schedule }) },
    ...extra,
  }) as ScheduleTimingInput;

describe("timingProblem", () => {
  it("accepts usable timings", () => {
    expect(timingProblem(cron("0 * * * *"))).toBeNull();
    expect(timingProblem(cron("*/15 9-17 * * MON-FRI", { timeZone: "Europe/Berlin" }))).toBeNull();
    expect(timingProblem(recurrence("day", 2, { hours: [4], minutes: [0, 30] }))).toBeNull();
    expect(
      timingProblem(cron("0 0 * * *", { startAt: new Date("2025-01-01T00:00:00Z"), endAt: "2025-02-01T00:00:00Z" })),
    ).toBeNull();
  });

  it("says when a cron never fires", () => {
    expect(timingProblem(cron("0 0 30 2 *"))).toBe(
      'The cron expression "0 0 30 2 *" never fires: no date has that day of month in those months.',
    );
  });

  it("accepts only 5-field cron", () => {
    expect(timingProblem(cron("* * * * * *"))).toBe(
      'A cron expression has 5 fields (minute hour day-of-month month day-of-week); "* * * * * *" has 6. Seconds and years are not supported.',
    );
    expect(timingProblem(cron("0 0 1 1 * 2030"))).toMatch(/has 6/);
    expect(timingProblem(cron("@daily"))).toMatch(/has 1\./);
  });

  it("names the cron field at fault", () => {
    expect(timingProblem(cron("61 * * * *"))).toBe(
      `The cron minute field "61" is not valid: it takes 0-59, with *, ',', '-' and '/'.`,
    );
    expect(timingProblem(cron("0 24 * * *"))).toMatch(/^The cron hour field "24"/);
    expect(timingProblem(cron("0 0 32 * *"))).toMatch(/^The cron day of month field "32"/);
    expect(timingProblem(cron("0 0 * 13 *"))).toMatch(/^The cron month field "13"/);
    expect(timingProblem(cron("0 0 * * 8"))).toMatch(/^The cron day of week field "8"/);
    expect(timingProblem(cron("0 0 L * *"))).toMatch(/day of month field "L" uses syntax that standard cron/);
    expect(timingProblem(cron("0 0 ? * MON#2"))).toMatch(/day of month field "\?"/);
  });

  it("names an unknown time zone", () => {
    expect(timingProblem(cron("0 * * * *", { timeZone: "Mars/Olympus" }))).toBe(
      'Unknown time zone "Mars/Olympus"; use an IANA name such as Europe/Berlin.',
    );
    // Windows names belong in Azure YAML, which maps them; a timing holds IANA names.
    expect(timingProblem(cron("0 * * * *", { timeZone: "Pacific Standard Time" }))).toMatch(/Unknown time zone/);
  });

  it("refuses an end before (or at) the start", () => {
    expect(timingProblem(cron("0 * * * *", { startAt: "2025-02-01T00:00:00Z", endAt: "2025-01-01T00:00:00Z" }))).toBe(
      "The end (2025-01-01T00:00:00.000Z) must be after the start (2025-02-01T00:00:00.000Z).",
    );
    expect(
      timingProblem(cron("0 * * * *", { startAt: "2025-01-01T00:00:00Z", endAt: "2025-01-01T00:00:00Z" })),
    ).toMatch(/must be after the start/);
  });

  it("says when nothing fires between start and end", () => {
    expect(timingProblem(cron("0 * * * *", { startAt: "2025-01-01T00:10:00Z", endAt: "2025-01-01T00:50:00Z" }))).toBe(
      "The schedule never fires between its start and its end.",
    );
  });

  it("refuses a start without an offset (ambiguous) and a bad date", () => {
    expect(timingProblem(cron("0 * * * *", { startAt: "2025-01-01T10:00:00" }))).toMatch(
      /^The start must be an ISO 8601 date-time with an offset or Z/,
    );
    expect(timingProblem(cron("0 * * * *", { endAt: new Date("nope") }))).toMatch(/^The end must be/);
  });

  it("checks recurrence values", () => {
    expect(timingProblem(recurrence("daily", 1))).toBe(
      'The frequency must be one of minute, hour, day, week, month (got "daily").',
    );
    expect(timingProblem(recurrence("day", 0))).toBe("The interval is a whole number from 1 to 1000 (got 0).");
    expect(timingProblem(recurrence("day", 1.5))).toMatch(/whole number/);
    expect(timingProblem(recurrence("day", 1001))).toMatch(/from 1 to 1000 \(got 1001\)/);
    expect(timingProblem(recurrence("day", 1, { hours: [24] }))).toBe("Hours are whole numbers from 0 to 23 (got 24).");
    expect(timingProblem(recurrence("day", 1, { minutes: [-1] }))).toMatch(/^Minutes are whole numbers from 0 to 59/);
    expect(timingProblem(recurrence("month", 1, { monthDays: [0] }))).toMatch(/^Month days are whole numbers from 1/);
    expect(timingProblem(recurrence("week", 1, { weekDays: ["funday"] }))).toMatch(/^Week days are monday, .*"funday"/);
  });

  it("refuses empty lists", () => {
    expect(timingProblem(recurrence("day", 1, { hours: [] }))).toBe(
      "The list of hours may not be empty; leave it out for the default.",
    );
    expect(timingProblem(recurrence("week", 1, { weekDays: [] }))).toMatch(/list of week days may not be empty/);
  });

  it("refuses set times with minute and hour frequencies, and days with the wrong frequency", () => {
    expect(timingProblem(recurrence("minute", 5, { hours: [1] }))).toBe(
      "Set hours cannot be used with frequency minute, which fires every 5 minutes from the start; use frequency day, week or month to fire at set times.",
    );
    expect(timingProblem(recurrence("hour", 1, { minutes: [15] }))).toMatch(
      /^Set minutes cannot be used with frequency hour/,
    );
    expect(timingProblem(recurrence("day", 1, { weekDays: ["monday"] }))).toBe(
      "Week days are only for frequency week (this one is day).",
    );
    expect(timingProblem(recurrence("week", 1, { monthDays: [1] }))).toBe(
      "Month days are only for frequency month (this one is week).",
    );
  });

  it("says when a monthly recurrence never reaches its day, given its start or anchor", () => {
    const april31 = recurrence("month", 12, { monthDays: [31] });
    expect(timingProblem({ ...april31, startAt: "2025-04-01T00:00:00Z" })).toMatch(
      /^The schedule never fires: none of the months/,
    );
    expect(timingProblem(april31, new Date("2025-04-10T00:00:00Z"))).toMatch(/never fires/);
    expect(timingProblem(april31, new Date("2025-05-10T00:00:00Z"))).toBeNull();
  });

  it("gives every issue with its path", () => {
    expect(timingIssues(recurrence("hour", 0, { hours: [99] }, { timeZone: "Nowhere/Land" }))).toEqual([
      { path: "trigger.interval", message: "The interval is a whole number from 1 to 1000 (got 0)." },
      { path: "trigger.schedule.hours.0", message: "Hours are whole numbers from 0 to 23 (got 99)." },
      { path: "timeZone", message: 'Unknown time zone "Nowhere/Land"; use an IANA name such as Europe/Berlin.' },
    ]);
    expect(timingIssues({})).toEqual([{ path: "trigger", message: "A trigger is required." }]);
  });
});

describe("scheduleTimingSchema", () => {
  it("fills the zone and turns instants into Dates", () => {
    const parsed = scheduleTimingSchema.parse(cron("0 * * * *", { startAt: "2025-01-01T10:00:00+02:00" }));
    expect(parsed).toEqual({
      trigger: { type: "cron", expression: "0 * * * *" },
      timeZone: "UTC",
      startAt: new Date("2025-01-01T08:00:00Z"),
    });
  });

  it("refuses what timingProblem refuses, at its path", () => {
    const result = scheduleTimingSchema.safeParse(cron("0 0 30 2 *"));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(["trigger", "expression"]);
  });

  it("refuses unknown keys", () => {
    expect(scheduleTimingSchema.safeParse({ ...cron("0 * * * *"), every: 5 }).success).toBe(false);
  });
});

describe("describeTiming", () => {
  it("restates simple cron shapes and falls back to the expression", () => {
    expect(describeTiming(cron("0 * * * *"))).toBe("At minute 0 of every hour (UTC)");
    expect(describeTiming(cron("*/10 * * * *"))).toBe("Every 10 minutes (UTC)");
    expect(describeTiming(cron("30 9 * * *", { timeZone: "Europe/Berlin" }))).toBe(
      "Every day at 09:30 (Europe/Berlin)",
    );
    expect(describeTiming(cron("0 9 * * 1,5"))).toBe("Every week on Monday and Friday at 09:00 (UTC)");
    expect(describeTiming(cron("0 6 1,15 * *"))).toBe("Every month on days 1 and 15 at 06:00 (UTC)");
    expect(describeTiming(cron("0 9-17 * * 1-5"))).toBe("Cron 0 9-17 * * 1-5 (UTC)");
  });

  it("describes recurrences", () => {
    expect(describeTiming(recurrence("minute", 15))).toBe("Every 15 minutes");
    expect(describeTiming(recurrence("hour", 1))).toBe("Every hour");
    expect(describeTiming(recurrence("day", 2, { hours: [4], minutes: [30, 0] }, { timeZone: "Europe/Berlin" }))).toBe(
      "Every 2 days at 04:00 and 04:30 (Europe/Berlin)",
    );
    expect(
      describeTiming(
        recurrence("week", 1, { weekDays: ["friday", "monday"], hours: [9] }, { timeZone: "America/New_York" }),
      ),
    ).toBe("Every week on Monday and Friday at 09:00 (America/New_York)");
    expect(describeTiming(recurrence("day", 1, { hours: [4, 5, 10, 11, 12], minutes: [0, 30] }))).toBe(
      "Every day at minutes 0 and 30 of hours 4, 5, 10, 11 and 12 (UTC)",
    );
    expect(describeTiming(recurrence("month", 1, { monthDays: [31] }))).toBe("Every month on day 31 at 00:00 (UTC)");
  });

  it("names the anchor's day for week and month defaults when the start is known", () => {
    expect(describeTiming(recurrence("week", 2))).toBe("Every 2 weeks on the weekday it starts on at 00:00 (UTC)");
    expect(describeTiming(recurrence("week", 1, undefined, { startAt: "2025-01-08T12:00:00Z" }))).toBe(
      "Every week on Wednesday at 00:00 (UTC)",
    );
    expect(describeTiming(recurrence("month", 1), new Date("2025-01-15T08:00:00Z"))).toBe(
      "Every month on day 15 at 00:00 (UTC)",
    );
  });
});
