import { describeCron, joinList, pad } from "@/lib/schedules/cron";
import { recurrenceAnchor } from "@/lib/schedules/fire-times";
import { wallTimeIn } from "@/lib/schedules/time-zone";
import type { RecurrenceTrigger, ScheduleTiming, WeekDay } from "@/lib/schedules/trigger";

// One line of English for a timing, for lists and headers in the UI. The defaults that depend on the
// anchor (a week's day, a month's day) are named only when the start is known.

/** More times than this are told as minutes × hours rather than listed one by one. */
const MAX_LISTED_TIMES = 6;
const UNITS = { minute: "minute", hour: "hour", day: "day", week: "week", month: "month" } as const;

export function describeTimingOf(timing: ScheduleTiming, anchor?: Date): string {
  const zone = ` (${timing.timeZone})`;
  const trigger = timing.trigger;
  if (trigger.type === "cron") {
    const text = describeCron(trigger.expression);
    return text ? text + zone : `Cron ${trigger.expression.trim()}${zone}`;
  }
  const every =
    trigger.interval === 1
      ? `Every ${UNITS[trigger.frequency]}`
      : `Every ${trigger.interval} ${UNITS[trigger.frequency]}s`;
  // Absolute intervals: the zone does not matter.
  if (trigger.frequency === "minute" || trigger.frequency === "hour") return every;
  const known = timing.startAt ?? anchor;
  const start = known ? wallTimeIn(recurrenceAnchor(timing, anchor), timing.timeZone) : null;
  const on = daysText(trigger, start);
  return `${every}${on ? ` on ${on}` : ""} at ${timesText(trigger)}${zone}`;
}

function daysText(trigger: RecurrenceTrigger, start: { day: number; weekday: number } | null): string | null {
  const schedule = trigger.schedule ?? {};
  if (trigger.frequency === "week") {
    if (schedule.weekDays) return joinList(sortDays(schedule.weekDays).map(capitalise));
    return start ? capitalise(WEEK_ORDER[start.weekday - 1]) : "the weekday it starts on";
  }
  if (trigger.frequency === "month") {
    const days = schedule.monthDays
      ? [...new Set(schedule.monthDays)].sort((a, b) => a - b)
      : start
        ? [start.day]
        : null;
    if (!days) return "the day of the month it starts on";
    return `day${days.length > 1 ? "s" : ""} ${joinList(days.map(String))}`;
  }
  return null;
}

function timesText(trigger: RecurrenceTrigger): string {
  const hours = sorted(trigger.schedule?.hours ?? [0]);
  const minutes = sorted(trigger.schedule?.minutes ?? [0]);
  if (hours.length * minutes.length <= MAX_LISTED_TIMES)
    return joinList(hours.flatMap((h) => minutes.map((m) => `${pad(h)}:${pad(m)}`)));
  return `minute${minutes.length > 1 ? "s" : ""} ${joinList(minutes.map(String))} of hour${hours.length > 1 ? "s" : ""} ${joinList(hours.map(String))}`;
}

const WEEK_ORDER: readonly WeekDay[] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

function sortDays(days: WeekDay[]): WeekDay[] {
  return [...new Set(days)].sort((a, b) => WEEK_ORDER.indexOf(a) - WEEK_ORDER.indexOf(b));
}

function sorted(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
