import { isMap, isSeq, type Node } from "yaml";
import { tagKeySchema, tagValueSchema, MAX_TAGS } from "@/lib/schemas/common";
import { toIanaTimeZone, zonedWallTimeToInstant } from "@/lib/schedules/time-zone";
import { scheduleTimingSchema, timingIssues, type ScheduleTiming } from "@/lib/schedules/trigger";
import { readYamlMapping, type YamlEntry, type YamlProblem, type YamlReader } from "@/lib/yaml-source";

// Azure ML CLI v2 job schedules (schedule.schema.json) as their users write them: a cron or recurrence
// trigger with an optional start, end and time zone, and the job to create (kept as written, for the
// caller to read). The YAML is only turned into the shape of a ScheduleTiming here; the values are checked
// by the timing schema, whose problems are reported under the YAML key and line they came from.

export type AzureSchedule = {
  name?: string;
  displayName?: string;
  description?: string;
  tags?: Record<string, string>;
  timing: ScheduleTiming;
  /** create_job as written: a path or reference (text), or an inline job (mapping). */
  createJob?: string | Record<string, unknown>;
  warnings: string[];
};

export type AzureScheduleResult = { ok: true; value: AzureSchedule } | { ok: false; problems: string[] };

const TOP_KEYS = new Set(["$schema", "name", "display_name", "description", "tags", "trigger", "create_job"]);
const TRIGGER_KEYS: Record<string, "cron" | "recurrence" | "both"> = {
  type: "both",
  start_time: "both",
  end_time: "both",
  time_zone: "both",
  expression: "cron",
  frequency: "recurrence",
  interval: "recurrence",
  schedule: "recurrence",
};
const SCHEDULE_KEYS: Record<string, string> = {
  hours: "hours",
  minutes: "minutes",
  week_days: "weekDays",
  month_days: "monthDays",
};
/** Timing paths (as timingIssues gives them) to the YAML keys they were read from. */
const YAML_PATHS: Record<string, string> = {
  timeZone: "trigger.time_zone",
  startAt: "trigger.start_time",
  endAt: "trigger.end_time",
};
for (const [yamlKey, key] of Object.entries(SCHEDULE_KEYS))
  YAML_PATHS[`trigger.schedule.${key}`] = `trigger.schedule.${yamlKey}`;

export function parseAzureScheduleYaml(text: string): AzureScheduleResult {
  const read = readYamlMapping(text, "A schedule YAML");
  if (!read.ok) return { ok: false, problems: formatProblems(read.errors) };
  const { reader: r, root } = read;
  const fields = r.fields(root);
  for (const [key, entry] of fields) if (!TOP_KEYS.has(key)) r.warn(entry.keyLine, `Unknown key "${key}" is ignored.`);

  const meta: Omit<AzureSchedule, "timing" | "warnings"> = {};
  const name = optionalText(r, fields.get("name"), "name", 255);
  if (name !== undefined) meta.name = name;
  const displayName = optionalText(r, fields.get("display_name"), "display_name", 256);
  if (displayName !== undefined) meta.displayName = displayName;
  const description = optionalText(r, fields.get("description"), "description", 5000);
  if (description !== undefined) meta.description = description;
  const tags = readTags(r, fields.get("tags"));
  if (tags) meta.tags = tags;
  const createJob = fields.get("create_job");
  if (createJob && createJob.value !== null) {
    const job = r.toJS(createJob.value);
    if (typeof job === "string" || (isMap(createJob.value) && job !== null))
      meta.createJob = job as AzureSchedule["createJob"];
    else r.error(createJob.line, "create_job: must be a job reference or path (text), or a job mapping.");
  }

  const lines = new Map<string, number | null>();
  const timing = readTrigger(r, fields.get("trigger"), lines);
  if (timing === null || r.errors.length > 0) return { ok: false, problems: formatProblems(r.errors) };
  const issues = timingIssues(timing);
  for (const issue of issues) {
    const path = yamlPath(issue.path);
    r.error(lines.get(path) ?? lines.get("trigger") ?? null, `${path}: ${issue.message}`);
  }
  if (issues.length > 0) return { ok: false, problems: formatProblems(r.errors) };
  // timingIssues found nothing, so the timing is a valid ScheduleTiming input; parse it to fill defaults.
  return { ok: true, value: { ...meta, timing: scheduleTimingSchema.parse(timing), warnings: r.warnings } };
}

function yamlPath(path: string): string {
  const withoutIndex = path.replace(/\.\d+$/, "");
  return YAML_PATHS[withoutIndex] ?? (withoutIndex || "trigger");
}

function formatProblems(problems: YamlProblem[]): string[] {
  return [...problems]
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
    .map((p) => (p.line === null ? p.message : `Line ${p.line}: ${p.message}`));
}

function optionalText(r: YamlReader, entry: YamlEntry | undefined, key: string, max: number): string | undefined {
  if (!entry || entry.value === null) return undefined;
  const text = r.text(entry, key);
  if (text === null) return undefined;
  if (text.length > max) {
    r.error(entry.line, `${key}: at most ${max} characters.`);
    return undefined;
  }
  return text;
}

function readTags(r: YamlReader, entry: YamlEntry | undefined): Record<string, string> | undefined {
  if (!entry) return undefined;
  const items = r.entriesUnder(entry, "tags");
  if (items.length > MAX_TAGS) r.error(entry.keyLine, `tags: at most ${MAX_TAGS}.`);
  const tags: Record<string, string> = {};
  for (const item of items) {
    const key = tagKeySchema.safeParse(item.key);
    if (!key.success) r.error(item.keyLine, `tags.${item.key}: ${key.error.issues[0].message}`);
    const text = item.value === null ? "" : r.scalarText(item.value);
    if (text === undefined) {
      r.error(item.line, `tags.${item.key}: must be a text value.`);
      continue;
    }
    const checked = tagValueSchema.safeParse(text);
    if (!checked.success) r.error(item.line, `tags.${item.key}: ${checked.error.issues[0].message}`);
    tags[item.key] = text;
  }
  return tags;
}

/** The trigger as a timing input (values unchecked), recording the line of each key read. */
function readTrigger(r: YamlReader, entry: YamlEntry | undefined, lines: Map<string, number | null>): unknown {
  if (!entry) {
    r.error(null, 'The schedule has no "trigger:" (type: cron or type: recurrence).');
    return null;
  }
  lines.set("trigger", entry.keyLine);
  const map = r.mapping(entry, "trigger");
  if (map === null) return null;
  if (map === "empty") {
    r.error(entry.keyLine, 'trigger: needs "type: cron" or "type: recurrence".');
    return null;
  }
  const fields = r.fields(map);
  for (const [key, field] of fields) lines.set(`trigger.${key}`, field.line);
  const typeEntry = fields.get("type");
  // Azure reads type and frequency without regard to case ("Cron", "Day").
  const type = typeEntry ? (r.text(typeEntry, "trigger.type")?.toLowerCase() ?? null) : null;
  if (!typeEntry) r.error(entry.keyLine, 'trigger: has no "type:" (cron or recurrence).');
  else if (type !== null && type !== "cron" && type !== "recurrence") {
    r.error(typeEntry.line, `trigger.type: must be cron or recurrence (got "${type}").`);
  }
  for (const [key, field] of fields) {
    const belongs = TRIGGER_KEYS[key];
    if (!belongs) r.warn(field.keyLine, `Unknown key "trigger.${key}" is ignored.`);
    else if (belongs !== "both" && type !== null && belongs !== type)
      r.warn(field.keyLine, `"trigger.${key}" is ignored: it is for ${belongs} triggers, and this one is ${type}.`);
  }

  const timing: Record<string, unknown> = {};
  const zoneEntry = fields.get("time_zone");
  let zone = "UTC";
  if (zoneEntry && zoneEntry.value !== null) {
    const name = r.text(zoneEntry, "trigger.time_zone");
    const iana = name === null ? null : toIanaTimeZone(name);
    if (name !== null && iana === null)
      r.error(
        zoneEntry.line,
        `trigger.time_zone: unknown time zone "${name}"; use an IANA name (Europe/Berlin) or a Windows one (W. Europe Standard Time).`,
      );
    zone = iana ?? zone;
  }
  timing.timeZone = zone;
  for (const [key, target] of [
    ["start_time", "startAt"],
    ["end_time", "endAt"],
  ] as const) {
    const field = fields.get(key);
    if (!field || field.value === null) continue;
    const when = r.text(field, `trigger.${key}`);
    const instant = when === null ? null : readInstant(when, zone);
    if (when !== null && instant === null)
      r.error(
        field.line,
        `trigger.${key}: "${when}" is not a date-time; write 2025-07-10T10:00:00 (in time_zone) or add an offset (…Z, …+02:00).`,
      );
    if (instant) timing[target] = instant;
  }

  if (type === "cron") {
    const expression = fields.get("expression");
    if (!expression || expression.value === null)
      r.error(entry.keyLine, 'trigger: a cron trigger needs "expression:".');
    else timing.trigger = { type, expression: r.text(expression, "trigger.expression") };
  } else if (type === "recurrence") {
    const trigger: Record<string, unknown> = { type };
    const frequency = fields.get("frequency");
    const raw = frequency ? r.toJS(frequency.value) : undefined;
    trigger.frequency = typeof raw === "string" ? raw.toLowerCase() : raw;
    const interval = fields.get("interval");
    if (interval) trigger.interval = r.toJS(interval.value);
    const schedule = fields.get("schedule");
    if (schedule) trigger.schedule = readRecurrenceSchedule(r, schedule, lines);
    timing.trigger = trigger;
  }
  return timing;
}

function readRecurrenceSchedule(r: YamlReader, entry: YamlEntry, lines: Map<string, number | null>) {
  const out: Record<string, unknown[]> = {};
  for (const item of r.entriesUnder(entry, "trigger.schedule")) {
    const key = SCHEDULE_KEYS[item.key];
    lines.set(`trigger.schedule.${item.key}`, item.line);
    if (!key) {
      r.warn(item.keyLine, `Unknown key "trigger.schedule.${item.key}" is ignored.`);
      continue;
    }
    if (item.value === null) continue;
    // Azure takes one value or a list of them.
    const nodes = isSeq(item.value) ? (item.value.items as Node[]) : [item.value];
    const values = nodes.map((node) => r.toJS(node));
    out[key] = key === "weekDays" ? values.map((v) => (typeof v === "string" ? v.toLowerCase() : v)) : values;
  }
  return out;
}

const WITH_OFFSET = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})$/i;

/** A start or end time: with an offset or Z it is that instant; without one, a wall-clock time in the zone. */
function readInstant(text: string, zone: string): Date | null {
  const m = WITH_OFFSET.exec(text.trim());
  if (!m) return zonedWallTimeToInstant(text, zone);
  const local = zonedWallTimeToInstant(m[1], "UTC");
  if (!local) return null;
  if (m[2].toUpperCase() === "Z") return local;
  const sign = m[2].startsWith("-") ? -1 : 1;
  const digits = m[2].slice(1).replace(":", "");
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return new Date(local.getTime() - sign * offsetMinutes * 60_000);
}
