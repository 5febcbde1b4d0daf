import { z } from "zod";
import { cronProblem } from "@/lib/schedules/cron";
import { describeTimingOf } from "@/lib/schedules/describe";
import { cronFireTimes, recurrenceFireTimes } from "@/lib/schedules/fire-times";
import { isTimeZone } from "@/lib/schedules/time-zone";

// When a job schedule fires: a trigger (a cron expression, or an Azure-style recurrence) read in a time
// zone, between optional start and end instants. Everything here is pure: no clock, no database; the
// caller passes "after" (usually now) and the schedule's creation time as the anchor of recurrences.
// The recurrence rules are set out in fire-times.ts.

export const FREQUENCIES = ["minute", "hour", "day", "week", "month"] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const WEEK_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type WeekDay = (typeof WEEK_DAYS)[number];
export const MAX_INTERVAL = 1000;

/** A value as it was given, for messages (cut short: it may be anything). */
const shown = (value: unknown) => {
  const text = value === undefined ? "nothing" : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** Whole numbers in a range; `what` is plural ("Hours") or singular with its article ("The interval"). */
const wholeIn = (what: string, min: number, max: number) => {
  const rule = what.startsWith("The ") ? "is a whole number" : "are whole numbers";
  const error = (issue: { input?: unknown }) => `${what} ${rule} from ${min} to ${max} (got ${shown(issue.input)}).`;
  return z.int({ error }).min(min, { error }).max(max, { error });
};

const listOf = <T extends z.ZodType>(item: T, what: string, max: number) =>
  z
    .array(item, { error: (issue) => `The ${what} must be a list (got ${shown(issue.input)}).` })
    .min(1, { error: `The list of ${what} may not be empty; leave it out for the default.` })
    .max(max, { error: `The list of ${what} has at most ${max} entries.` });

export const cronTriggerSchema = z
  .object({
    type: z.literal("cron"),
    expression: z
      .string({ error: (issue) => `The cron expression must be text (got ${shown(issue.input)}).` })
      .trim()
      .min(1, "The cron expression is empty."),
  })
  .strict();

export const recurrenceScheduleSchema = z
  .object({
    hours: listOf(wholeIn("Hours", 0, 23), "hours", 24).optional(),
    minutes: listOf(wholeIn("Minutes", 0, 59), "minutes", 60).optional(),
    weekDays: listOf(
      z.enum(WEEK_DAYS, { error: (issue) => `Week days are ${WEEK_DAYS.join(", ")} (got ${shown(issue.input)}).` }),
      "week days",
      7,
    ).optional(),
    monthDays: listOf(wholeIn("Month days", 1, 31), "month days", 31).optional(),
  })
  .strict();

export const recurrenceTriggerSchema = z
  .object({
    type: z.literal("recurrence"),
    frequency: z.enum(FREQUENCIES, {
      error: (issue) => `The frequency must be one of ${FREQUENCIES.join(", ")} (got ${shown(issue.input)}).`,
    }),
    interval: wholeIn("The interval", 1, MAX_INTERVAL),
    schedule: recurrenceScheduleSchema.optional(),
  })
  .strict();

export const scheduleTriggerSchema = z.discriminatedUnion("type", [cronTriggerSchema, recurrenceTriggerSchema], {
  error: (issue) =>
    issue.input === undefined ? "A trigger is required." : 'The trigger type must be "cron" or "recurrence".',
});

/** An instant: a Date, or an ISO 8601 date-time with an offset or Z (a bare local time is ambiguous). */
const instantSchema = (what: string) => {
  const error = (issue: { input?: unknown }) =>
    `${what} must be an ISO 8601 date-time with an offset or Z, such as 2025-01-31T09:00:00Z (got ${shown(issue.input)}).`;
  return z
    .union([z.date({ error }), z.iso.datetime({ offset: true, error })], { error })
    .transform((value) => new Date(value));
};

const timingObjectSchema = z
  .object({
    trigger: scheduleTriggerSchema,
    timeZone: z
      .string({ error: (issue) => `The time zone must be text (got ${shown(issue.input)}).` })
      .refine(isTimeZone, {
        error: (issue) => `Unknown time zone ${shown(issue.input)}; use an IANA name such as Europe/Berlin.`,
      })
      .default("UTC"),
    startAt: instantSchema("The start").optional(),
    endAt: instantSchema("The end").optional(),
  })
  .strict();

export type ScheduleTrigger = z.output<typeof scheduleTriggerSchema>;
export type RecurrenceTrigger = z.output<typeof recurrenceTriggerSchema>;
export type RecurrenceSchedule = z.output<typeof recurrenceScheduleSchema>;
/** A checked timing: instants are Dates and the time zone is filled in. */
export type ScheduleTiming = z.output<typeof timingObjectSchema>;
/** A timing as stored or sent: instants may be ISO strings, the time zone may be left out (a ScheduleTiming is one too). */
export type ScheduleTimingInput = z.input<typeof timingObjectSchema>;

/** One problem with a timing; `path` is dotted ("trigger.schedule.hours"), "" for the whole timing. */
export type TimingIssue = { path: string; message: string };

/**
 * The timing, checked in full: shape, cron fields, time zone, and whether it can fire at all. Whether a
 * recurrence without startAt fires may depend on its anchor (the creation time), which a schema does not
 * know; timingProblem(timing, anchor) checks that too.
 */
export const scheduleTimingSchema = timingObjectSchema.superRefine((timing, ctx) => {
  for (const issue of semanticIssues(timing, undefined))
    ctx.addIssue({ code: "custom", ...issue, path: issue.path ? issue.path.split(".") : [] });
});

/** Every problem with a timing (empty when it is usable); `anchor` is the schedule's creation time. */
export function timingIssues(timing: unknown, anchor?: Date): TimingIssue[] {
  const parsed = timingObjectSchema.safeParse(timing);
  if (!parsed.success)
    return parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
  return semanticIssues(parsed.data, anchor);
}

/** The first problem with a timing, as a sentence for the user, or null when it is usable. */
export function timingProblem(timing: unknown, anchor?: Date): string | null {
  const issues = timingIssues(timing, anchor);
  return issues.length === 0 ? null : issues[0].message;
}

function semanticIssues(timing: ScheduleTiming, anchor: Date | undefined): TimingIssue[] {
  const issues: TimingIssue[] = [];
  const { trigger, startAt, endAt } = timing;
  if (startAt && endAt && endAt.getTime() <= startAt.getTime())
    issues.push({
      path: "endAt",
      message: `The end (${endAt.toISOString()}) must be after the start (${startAt.toISOString()}).`,
    });
  if (trigger.type === "cron") {
    const problem = cronProblem(trigger.expression);
    if (problem) issues.push({ path: "trigger.expression", message: problem });
  } else {
    issues.push(...scheduleIssues(trigger));
  }
  if (issues.length > 0) return issues;
  // A recurrence without startAt or anchor counts from the epoch here, which says nothing about when it
  // will really start; only a cron, or a recurrence whose start is known, is checked for firing at all.
  const from = startAt ?? anchor;
  if (trigger.type === "recurrence" && !from) return issues;
  const after = new Date((from ?? new Date(0)).getTime() - 1);
  if (nextFireTimes(timing, after, 1, anchor).length > 0) return issues;
  const never = nextFireTimes({ ...timing, endAt: undefined }, after, 1, anchor).length === 0;
  issues.push(
    never
      ? { path: "trigger", message: `The schedule never fires: ${neverReason(timing)}` }
      : { path: "endAt", message: "The schedule never fires between its start and its end." },
  );
  return issues;
}

function neverReason(timing: ScheduleTiming): string {
  const t = timing.trigger;
  if (t.type === "recurrence" && t.frequency === "month")
    return `none of the months it runs in (every ${t.interval} from the start) has the day${(t.schedule?.monthDays?.length ?? 1) > 1 ? "s" : ""} it asks for.`;
  return "no date matches it.";
}

const LABELS = { hours: "hours", minutes: "minutes", weekDays: "week days", monthDays: "month days" } as const;

function scheduleIssues(trigger: RecurrenceTrigger): TimingIssue[] {
  const issues: TimingIssue[] = [];
  const schedule = trigger.schedule ?? {};
  const { frequency } = trigger;
  for (const key of ["hours", "minutes", "weekDays", "monthDays"] as const) {
    if (schedule[key] === undefined) continue;
    const path = `trigger.schedule.${key}`;
    if (frequency === "minute" || frequency === "hour")
      issues.push({
        path,
        message: `Set ${LABELS[key]} cannot be used with frequency ${frequency}, which fires every ${trigger.interval} ${frequency}${trigger.interval === 1 ? "" : "s"} from the start; use frequency day, week or month to fire at set times.`,
      });
    else if (key === "weekDays" && frequency !== "week")
      issues.push({ path, message: `Week days are only for frequency week (this one is ${frequency}).` });
    else if (key === "monthDays" && frequency !== "month")
      issues.push({ path, message: `Month days are only for frequency month (this one is ${frequency}).` });
  }
  return issues;
}

function normalise(timing: ScheduleTimingInput): ScheduleTiming {
  const parsed = timingObjectSchema.safeParse(timing);
  if (!parsed.success) throw new TypeError(`Not a valid schedule timing: ${parsed.error.issues[0].message}`);
  return parsed.data;
}

/**
 * Up to `count` fire times strictly after `after`, in order: never before startAt, never at or after
 * endAt. `anchor` is the schedule's creation time; recurrences without startAt count from it. Check the
 * timing with timingProblem first: one the schema refuses throws, and so does a bad cron expression.
 */
export function nextFireTimes(timing: ScheduleTimingInput, after: Date, count: number, anchor?: Date): Date[] {
  const t = normalise(timing);
  if (count <= 0) return [];
  return t.trigger.type === "cron"
    ? cronFireTimes(t, t.trigger, after, count)
    : recurrenceFireTimes(t, t.trigger, after, count, anchor);
}

/** Short English for the UI: "Every 2 days at 04:00 and 04:30 (Europe/Berlin)". */
export function describeTiming(timing: ScheduleTimingInput, anchor?: Date): string {
  return describeTimingOf(normalise(timing), anchor);
}
