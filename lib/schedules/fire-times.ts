import type { Cron } from "croner";
import { makeCron } from "@/lib/schedules/cron";
import { wallTimeIn, zonedWallTimeToInstant, type WallTime } from "@/lib/schedules/time-zone";
import type { RecurrenceTrigger, ScheduleTiming, WeekDay } from "@/lib/schedules/trigger";

// Fire times of a checked timing.
//
// Cron: croner's run times in the zone, between startAt and endAt. croner's DST rules apply: a fixed
// time (one minute and one hour value) that falls in a spring-forward gap runs when the clock has jumped,
// and runs once when the clock goes back; other patterns skip times in the gap and run on both passes.
//
// Recurrence, counted from its anchor: startAt, else the schedule's creation time, else the Unix epoch,
// rounded up to a whole minute. Nothing fires before the anchor.
// - minute, hour: anchor + k·interval minutes or hours, in absolute time, so DST changes nothing.
// - day, week, month: wall-clock times in the zone, hours × minutes (default hours [0], minutes [0]), on
//   every interval-th local day / ISO week (Monday to Sunday) / month counted from the anchor's local
//   date. Weeks fire on schedule.weekDays (default: the anchor's weekday), months on schedule.monthDays
//   (default: the anchor's day of month; a month without that day is skipped, not moved to its end).
//   croner finds the candidate times (pattern "M H DOM * DOW"), so DST is handled as for cron; candidates
//   outside the interval-th periods are dropped, jumping straight to the next period that can fire.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Periods in a row that may pass without a fire before the search gives up (month 31 every 12 months). */
const MAX_EMPTY_PERIODS = 400;
const CRON_DAY: Record<WeekDay, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};

export function cronFireTimes(
  timing: ScheduleTiming,
  trigger: { expression: string },
  after: Date,
  count: number,
): Date[] {
  const job = makeCron(trigger.expression, timing.timeZone);
  const lower = Math.max(after.getTime() + 1, timing.startAt?.getTime() ?? -Infinity);
  return collect(job, lower, timing.endAt, count, () => true);
}

/** The anchor of a recurrence: its first possible fire time. */
export function recurrenceAnchor(timing: ScheduleTiming, anchor: Date | undefined): Date {
  const ms = (timing.startAt ?? anchor ?? new Date(0)).getTime();
  return new Date(Math.ceil(ms / MINUTE_MS) * MINUTE_MS);
}

export function recurrenceFireTimes(
  timing: ScheduleTiming,
  trigger: RecurrenceTrigger,
  after: Date,
  count: number,
  anchorArg: Date | undefined,
): Date[] {
  const anchor = recurrenceAnchor(timing, anchorArg).getTime();
  const lower = Math.max(after.getTime() + 1, anchor);
  const end = timing.endAt?.getTime() ?? Infinity;
  const out: Date[] = [];
  if (trigger.frequency === "minute" || trigger.frequency === "hour") {
    const step = trigger.interval * (trigger.frequency === "minute" ? MINUTE_MS : 60 * MINUTE_MS);
    let t = anchor + Math.max(0, Math.ceil((lower - anchor) / step)) * step;
    for (; out.length < count && t < end; t += step) out.push(new Date(t));
    return out;
  }
  const zone = timing.timeZone;
  const start = wallTimeIn(new Date(anchor), zone);
  const schedule = trigger.schedule ?? {};
  const list = (values: number[]) => [...new Set(values)].sort((a, b) => a - b).join(",");
  const dom = trigger.frequency === "month" ? list(schedule.monthDays ?? [start.day]) : "*";
  const dow =
    trigger.frequency === "week" ? list(schedule.weekDays?.map((d) => CRON_DAY[d]) ?? [start.weekday % 7]) : "*";
  const job = makeCron(`${list(schedule.minutes ?? [0])} ${list(schedule.hours ?? [0])} ${dom} * ${dow}`, zone);

  const period = periodIndex(trigger.frequency, start);
  const periodStart = periodStartOf(trigger.frequency, start);
  // A candidate outside the interval-th periods: the instant just before the next period that can fire.
  const skip = (w: WallTime): number => {
    const index = period(w);
    const next = (Math.floor(index / trigger.interval) + 1) * trigger.interval;
    const instant = zonedWallTimeToInstant(periodStart(next), zone);
    return instant ? instant.getTime() - 1 : NaN;
  };
  return collect(job, lower, timing.endAt, count, (run) => {
    const w = wallTimeIn(run, zone);
    return period(w) % trigger.interval === 0 ? true : skip(w);
  });
}

/**
 * Runs of a croner job from `lower` (inclusive) up to `end` (exclusive). `accept` says whether a run
 * counts, or returns the instant to search on from when it does not.
 */
function collect(
  job: Cron,
  lower: number,
  end: Date | undefined,
  count: number,
  accept: (run: Date) => true | number,
): Date[] {
  const out: Date[] = [];
  // croner looks strictly after the given time, ignoring milliseconds.
  let cursor = new Date(lower - 1);
  let empty = 0;
  while (out.length < count && empty < MAX_EMPTY_PERIODS) {
    const run = job.nextRun(cursor);
    if (!run || (end && run.getTime() >= end.getTime())) break;
    const verdict = accept(run);
    if (verdict === true) {
      if (run.getTime() >= lower) out.push(run);
      cursor = run;
      empty = 0;
    } else {
      empty++;
      // Always move forward, even should a zone's midnight be odd.
      cursor = new Date(Number.isFinite(verdict) ? Math.max(verdict, run.getTime()) : run.getTime());
    }
  }
  return out;
}

/** Whole days since 1970-01-01 of a local date. */
function dayNumber(w: { year: number; month: number; day: number }): number {
  return Date.UTC(w.year, w.month - 1, w.day) / DAY_MS;
}

/** Which period (day, ISO week or month) after the anchor's a local time falls in; 0 is the anchor's. */
function periodIndex(frequency: "day" | "week" | "month", start: WallTime): (w: WallTime) => number {
  if (frequency === "day") return (w) => dayNumber(w) - dayNumber(start);
  if (frequency === "week") {
    const monday = (w: WallTime) => dayNumber(w) - (w.weekday - 1);
    return (w) => (monday(w) - monday(start)) / 7;
  }
  return (w) => w.year * 12 + w.month - (start.year * 12 + start.month);
}

/** The local midnight ("YYYY-MM-DDT00:00:00") that starts the period with the given index. */
function periodStartOf(frequency: "day" | "week" | "month", start: WallTime): (index: number) => string {
  const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 10)}T00:00:00`;
  if (frequency === "day") return (index) => iso((dayNumber(start) + index) * DAY_MS);
  if (frequency === "week") return (index) => iso((dayNumber(start) - (start.weekday - 1) + 7 * index) * DAY_MS);
  return (index) => iso(Date.UTC(start.year, start.month - 1 + index, 1));
}
