import { parseAzureScheduleYaml } from "@/lib/schedules/azure-schedule-yaml";
import { isTimeZone, toIanaTimeZone, wallTimeIn, zonedWallTimeToInstant } from "@/lib/schedules/time-zone";
import {
  describeTiming,
  nextFireTimes,
  timingProblem,
  WEEK_DAYS,
  type Frequency,
  type ScheduleTimingInput,
  type WeekDay,
} from "@/lib/schedules/trigger";
import type { CreateScheduleInput, ScheduleDto, ScheduleTarget } from "@/lib/schemas/schedules";

// The schedule form's state as typed, and what it means: the timing it previews (with the same functions
// the server checks it with, so the preview and the server agree) and the input it sends; and a saved
// schedule turned back into that state, for editing it.

export type TriggerMode = "cron" | "recurrence" | "yaml";
export type TargetKind = "pipeline" | "job" | "monitor" | "yaml";

export type ScheduleDraft = {
  mode: TriggerMode;
  name: string;
  description: string;
  cron: string;
  frequency: Frequency;
  interval: string;
  /** Comma-separated whole numbers, as typed. */
  hours: string;
  minutes: string;
  monthDays: string;
  weekDays: WeekDay[];
  timeZone: string;
  /** datetime-local values ("2025-06-01T09:00"), read in the time zone; "" for none. */
  startAt: string;
  endAt: string;
  yaml: string;
  targetKind: TargetKind;
  pipeline: string;
  /** "latest", "draft" or a version number, as the select holds it. */
  version: string;
  /** The pipeline's inputs as a JSON object, "" for none. */
  inputs: string;
  job: string;
  monitor: string;
  allowOverlap: boolean;
  catchUp: boolean;
};

export const PREVIEW_COUNT = 5;

type Result<T> = { ok: true; value: T } | { ok: false; problem: string };
const fail = (problem: string): { ok: false; problem: string } => ({ ok: false, problem });

/** "3, 15" → [3, 15]; "" → undefined (the default); anything else that is not whole numbers is a problem. */
export function parseNumberList(text: string, what: string): Result<number[] | undefined> {
  const parts = text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length === 0) return { ok: true, value: undefined };
  const bad = parts.find((p) => !/^\d+$/.test(p));
  if (bad !== undefined) return fail(`${what}: "${bad}" is not a whole number; separate numbers with commas.`);
  return { ok: true, value: parts.map(Number) };
}

/** The trigger the cron or recurrence fields describe (recurrence fields that do not apply are left out). */
function triggerOf(draft: ScheduleDraft): Result<ScheduleTimingInput["trigger"]> {
  if (draft.mode === "cron") return { ok: true, value: { type: "cron", expression: draft.cron } };
  const interval = Number(draft.interval);
  if (draft.interval.trim() === "" || !Number.isInteger(interval))
    return fail(`The interval is a whole number from 1 (got "${draft.interval}").`);
  const schedule: Record<string, unknown> = {};
  if (draft.frequency !== "minute" && draft.frequency !== "hour") {
    for (const [key, what] of [
      ["hours", "Hours"],
      ["minutes", "Minutes"],
    ] as const) {
      const parsed = parseNumberList(draft[key], what);
      if (!parsed.ok) return parsed;
      if (parsed.value) schedule[key] = parsed.value;
    }
  }
  if (draft.frequency === "week" && draft.weekDays.length)
    schedule.weekDays = WEEK_DAYS.filter((d) => draft.weekDays.includes(d));
  if (draft.frequency === "month") {
    const parsed = parseNumberList(draft.monthDays, "Month days");
    if (!parsed.ok) return parsed;
    if (parsed.value) schedule.monthDays = parsed.value;
  }
  return {
    ok: true,
    value: {
      type: "recurrence",
      frequency: draft.frequency,
      interval,
      ...(Object.keys(schedule).length ? { schedule } : {}),
    } as ScheduleTimingInput["trigger"],
  };
}

/** The time zone as the server will store it: IANA, or the IANA name of a Windows one. */
export function zoneOf(text: string): string {
  return toIanaTimeZone(text) ?? text.trim();
}

/** A datetime-local value read in the zone, as an ISO instant; null when empty, a problem when unreadable. */
function instantOf(local: string, zone: string, what: string): Result<string | null> {
  if (local.trim() === "") return { ok: true, value: null };
  const instant = zonedWallTimeToInstant(local, zone);
  if (!instant) return fail(`${what} is not a date and time in ${zone}.`);
  return { ok: true, value: instant.toISOString() };
}

/** A timing as the form sends it: instants are ISO text. */
type DraftTiming = ScheduleTimingInput & { timeZone: string; startAt?: string; endAt?: string };

/**
 * The timing of a cron or recurrence draft, checked in full (as the server will) with `anchor` as the
 * anchor of recurrences: now for a new schedule, its creation time for one being edited.
 */
export function timingOf(draft: ScheduleDraft, anchor: Date): Result<DraftTiming> {
  const trigger = triggerOf(draft);
  if (!trigger.ok) return trigger;
  const timeZone = zoneOf(draft.timeZone);
  if (!isTimeZone(timeZone))
    return fail(`Unknown time zone "${draft.timeZone.trim()}"; use an IANA name such as Europe/Berlin.`);
  const timing: DraftTiming = { trigger: trigger.value, timeZone };
  const startAt = instantOf(draft.startAt, timeZone, "The start");
  if (!startAt.ok) return startAt;
  const endAt = instantOf(draft.endAt, timeZone, "The end");
  if (!endAt.ok) return endAt;
  if (startAt.value) timing.startAt = startAt.value;
  if (endAt.value) timing.endAt = endAt.value;
  const problem = timingProblem(timing, anchor);
  return problem ? fail(problem) : { ok: true, value: timing };
}

export type Preview =
  { ok: true; summary: string; zone: string; upcoming: string[]; warnings: string[] } | { ok: false; problem: string };

/**
 * The next fire times after `now` as the draft stands, or why it would not fire; YAML is read here too.
 * `anchor` is where recurrences count from: now for a new schedule, its creation time for a saved one.
 */
export function previewOf(draft: ScheduleDraft, now: Date, anchor: Date = now): Preview {
  let timing: ScheduleTimingInput;
  let warnings: string[] = [];
  if (draft.mode === "yaml") {
    if (draft.yaml.trim() === "") return { ok: false, problem: "Paste an Azure ML schedule YAML to see its runs." };
    const parsed = parseAzureScheduleYaml(draft.yaml);
    if (!parsed.ok) return { ok: false, problem: parsed.problems.join(" ") };
    timing = parsed.value.timing;
    warnings = parsed.value.warnings;
    const problem = timingProblem(timing, now);
    if (problem) return { ok: false, problem };
  } else {
    const checked = timingOf(draft, anchor);
    if (!checked.ok) return checked;
    timing = checked.value;
  }
  return {
    ok: true,
    summary: describeTiming(timing, anchor),
    zone: timing.timeZone ?? "UTC",
    upcoming: nextFireTimes(timing, now, PREVIEW_COUNT, anchor).map((d) => d.toISOString()),
    warnings,
  };
}

/** What the schedule runs; undefined in YAML mode when the YAML's create_job is to say it. */
function targetOf(draft: ScheduleDraft): Result<ScheduleTarget | undefined> {
  if (draft.targetKind === "yaml") return { ok: true, value: undefined };
  if (draft.targetKind === "job") {
    if (draft.job.trim() === "") return fail("Name the job to run again.");
    return { ok: true, value: { kind: "job", job: draft.job.trim() } };
  }
  if (draft.targetKind === "monitor") {
    if (draft.monitor === "") return fail("Choose the monitor to run.");
    return { ok: true, value: { kind: "monitor", monitor: draft.monitor } };
  }
  if (draft.pipeline === "") return fail("Choose the pipeline to run.");
  const version = draft.version === "latest" || draft.version === "draft" ? draft.version : Number(draft.version);
  let inputs: Record<string, string | number | boolean | { data: string }> = {};
  if (draft.inputs.trim() !== "") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(draft.inputs);
    } catch {
      return fail('The pipeline inputs are not JSON: write an object such as {"epochs": 20}.');
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
      return fail('The pipeline inputs are a JSON object, such as {"epochs": 20, "data": {"data": "iris:1"}}.');
    inputs = parsed as typeof inputs;
  }
  return { ok: true, value: { kind: "pipeline", pipeline: draft.pipeline, version, inputs } };
}

/**
 * The create input (which an update takes as well, YAML aside), or the first thing the form can tell is
 * wrong before asking the server. `anchor`: see previewOf.
 */
export function inputOf(draft: ScheduleDraft, now: Date, anchor: Date = now): Result<CreateScheduleInput> {
  const target = targetOf(draft);
  if (!target.ok) return target;
  const name = draft.name.trim();
  const description = draft.description.trim();
  const flags = { allowOverlap: draft.allowOverlap, catchUp: draft.catchUp };
  if (draft.mode === "yaml") {
    // The server reads the YAML (and says what it left out); a name or description typed here wins over the YAML's.
    if (draft.yaml.trim() === "") return fail("Paste the schedule's YAML.");
    return {
      ok: true,
      value: {
        yaml: draft.yaml,
        ...flags,
        ...(name ? { name } : {}),
        ...(description ? { description } : {}),
        ...(target.value ? { target: target.value } : {}),
      },
    };
  }
  if (!target.value) return fail("Choose what the schedule runs.");
  const timing = timingOf(draft, anchor);
  if (!timing.ok) return timing;
  const { trigger, timeZone, startAt, endAt } = timing.value;
  return {
    ok: true,
    value: {
      name,
      description,
      ...flags,
      target: target.value,
      trigger,
      timeZone,
      startAt: startAt ?? null,
      endAt: endAt ?? null,
    },
  };
}

/** The timing fields of a new schedule (every night at 03:00), and those of the mode a saved one does not use. */
export const DEFAULT_TIMING_FIELDS = {
  cron: "0 3 * * *",
  frequency: "day",
  interval: "1",
  hours: "3",
  minutes: "0",
  monthDays: "",
  weekDays: [],
} satisfies Partial<ScheduleDraft>;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** An instant as the datetime-local field holds it, on the zone's wall clock ("2025-06-01T09:00"); "" for none. */
export function localOf(iso: string | null, zone: string): string {
  if (!iso || !isTimeZone(zone)) return "";
  const w = wallTimeIn(new Date(iso), zone);
  const local = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
  return w.second ? `${local}:${pad(w.second)}` : local;
}

const listText = (values: readonly number[] | undefined) => (values ?? []).join(", ");

/** A saved schedule as the form edits it, in cron or recurrence mode as it was set: inputOf gives its values back. */
export function scheduleToDraft(
  schedule: Pick<
    ScheduleDto,
    "name" | "description" | "trigger" | "timeZone" | "startAt" | "endAt" | "target" | "allowOverlap" | "catchUp"
  >,
): ScheduleDraft {
  const { trigger, target, timeZone } = schedule;
  const timing: Pick<
    ScheduleDraft,
    "mode" | "cron" | "frequency" | "interval" | "hours" | "minutes" | "monthDays" | "weekDays"
  > =
    trigger.type === "cron"
      ? { ...DEFAULT_TIMING_FIELDS, mode: "cron", cron: trigger.expression }
      : {
          ...DEFAULT_TIMING_FIELDS,
          mode: "recurrence",
          frequency: trigger.frequency,
          interval: String(trigger.interval),
          hours: listText(trigger.schedule?.hours),
          minutes: listText(trigger.schedule?.minutes),
          monthDays: listText(trigger.schedule?.monthDays),
          weekDays: [...(trigger.schedule?.weekDays ?? [])],
        };
  return {
    ...timing,
    name: schedule.name,
    description: schedule.description,
    timeZone,
    startAt: localOf(schedule.startAt, timeZone),
    endAt: localOf(schedule.endAt, timeZone),
    yaml: "",
    targetKind: target.kind,
    pipeline: target.kind === "pipeline" ? target.pipeline : "",
    version: target.kind === "pipeline" ? String(target.version) : "latest",
    inputs: target.kind === "pipeline" && Object.keys(target.inputs).length ? JSON.stringify(target.inputs) : "",
    job: target.kind === "job" ? target.job : "",
    monitor: target.kind === "monitor" ? target.monitor : "",
    allowOverlap: schedule.allowOverlap,
    catchUp: schedule.catchUp,
  };
}
