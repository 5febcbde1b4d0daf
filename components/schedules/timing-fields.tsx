"use client";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { FREQUENCIES, MAX_INTERVAL, WEEK_DAYS, type Frequency, type WeekDay } from "@/lib/schedules/trigger";
import type { ScheduleDraft } from "@/components/schedules/schedule-draft";

// When a schedule fires, as the form edits it: a cron expression, an Azure-style recurrence, or Azure ML
// schedule YAML; then the time zone the times are read in, and an optional start and end.

/** Zones offered in the time zone field (any IANA name, or Windows name, may be typed). */
const COMMON_ZONES = [
  "UTC",
  "Europe/London",
  "Europe/Dublin",
  "Europe/Lisbon",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Amsterdam",
  "Europe/Zurich",
  "Europe/Madrid",
  "Europe/Rome",
  "Europe/Stockholm",
  "Europe/Warsaw",
  "Europe/Athens",
  "Europe/Helsinki",
  "Europe/Istanbul",
  "Europe/Moscow",
  "Africa/Johannesburg",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Shanghai",
  "Asia/Tokyo",
  "Asia/Seoul",
  "Australia/Sydney",
  "Pacific/Auckland",
  "America/Sao_Paulo",
  "America/New_York",
  "America/Toronto",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Anchorage",
  "Pacific/Honolulu",
];

const FREQUENCY_LABELS: Record<Frequency, string> = {
  minute: "Minutes",
  hour: "Hours",
  day: "Days",
  week: "Weeks",
  month: "Months",
};
const DAY_LABELS: Record<WeekDay, string> = {
  monday: "Mon",
  tuesday: "Tue",
  wednesday: "Wed",
  thursday: "Thu",
  friday: "Fri",
  saturday: "Sat",
  sunday: "Sun",
};

export const YAML_EXAMPLE = `$schema: https://azuremlschemas.azureedge.net/latest/schedule.schema.json
name: nightly_retrain
trigger:
  type: recurrence
  frequency: day
  interval: 1
  schedule:
    hours: [3]
    minutes: [0]
  time_zone: W. Europe Standard Time
create_job: azureml:<name of the job to run again>`;

type Props = {
  draft: ScheduleDraft;
  onChange: (patch: Partial<ScheduleDraft>) => void;
};

export function CronFields({ draft, onChange }: Props) {
  return (
    <Field
      label="Cron expression"
      htmlFor="schedule-cron"
      hint={
        <>
          Five fields: minute hour day-of-month month day-of-week, such as <code className="font-mono">0 3 * * *</code>{" "}
          (03:00 every day) or <code className="font-mono">30 8 * * 1-5</code> (08:30 on weekdays).
        </>
      }
    >
      <Input
        id="schedule-cron"
        value={draft.cron}
        onChange={(e) => onChange({ cron: e.target.value })}
        maxLength={200}
        placeholder="0 3 * * *"
        className="font-mono"
        autoComplete="off"
        spellCheck={false}
      />
    </Field>
  );
}

export function RecurrenceFields({ draft, onChange }: Props) {
  const hasTimes = draft.frequency !== "minute" && draft.frequency !== "hour";
  const toggleDay = (day: WeekDay) =>
    onChange({
      weekDays: draft.weekDays.includes(day) ? draft.weekDays.filter((d) => d !== day) : [...draft.weekDays, day],
    });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field label="Repeat every" htmlFor="schedule-interval" hint={`1 to ${MAX_INTERVAL}.`}>
        <div className="flex gap-2">
          <Input
            id="schedule-interval"
            type="number"
            min={1}
            max={MAX_INTERVAL}
            step={1}
            inputMode="numeric"
            value={draft.interval}
            onChange={(e) => onChange({ interval: e.target.value })}
            className="w-24"
          />
          <Select
            aria-label="Frequency"
            value={draft.frequency}
            onChange={(e) => onChange({ frequency: e.target.value as Frequency })}
            className="min-w-0 flex-1"
          >
            {FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {FREQUENCY_LABELS[f].toLowerCase()}
              </option>
            ))}
          </Select>
        </div>
      </Field>
      {hasTimes ? (
        <div className="grid grid-cols-2 gap-3">
          <Field label="At hours" htmlFor="schedule-hours" hint="0–23, comma-separated; empty: 0.">
            <Input
              id="schedule-hours"
              value={draft.hours}
              onChange={(e) => onChange({ hours: e.target.value })}
              inputMode="numeric"
              placeholder="0"
              className="font-mono"
              autoComplete="off"
            />
          </Field>
          <Field label="At minutes" htmlFor="schedule-minutes" hint="0–59, comma-separated; empty: 0.">
            <Input
              id="schedule-minutes"
              value={draft.minutes}
              onChange={(e) => onChange({ minutes: e.target.value })}
              inputMode="numeric"
              placeholder="0"
              className="font-mono"
              autoComplete="off"
            />
          </Field>
        </div>
      ) : (
        <p className="self-end text-xs text-muted sm:pb-2">
          Counted from the start (or from when the schedule is made), whatever the clock says.
        </p>
      )}
      {draft.frequency === "week" ? (
        <fieldset className="min-w-0 sm:col-span-2">
          <legend className="mb-1 text-sm font-medium">On days</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-2">
            {WEEK_DAYS.map((day) => (
              <label key={day} className="flex items-center gap-1.5 text-sm" title={day}>
                <input type="checkbox" checked={draft.weekDays.includes(day)} onChange={() => toggleDay(day)} />
                {DAY_LABELS[day]}
              </label>
            ))}
          </div>
          <p className="mt-1 text-xs text-muted">None ticked: the weekday it starts on.</p>
        </fieldset>
      ) : null}
      {draft.frequency === "month" ? (
        <Field
          label="On days of the month"
          htmlFor="schedule-month-days"
          hint="1–31, comma-separated; a month without the day is passed over. Empty: the day it starts on."
          className="sm:col-span-2"
        >
          <Input
            id="schedule-month-days"
            value={draft.monthDays}
            onChange={(e) => onChange({ monthDays: e.target.value })}
            inputMode="numeric"
            placeholder="1, 15"
            className="font-mono"
            autoComplete="off"
          />
        </Field>
      ) : null}
    </div>
  );
}

/** The time zone and the optional start and end, read on that zone's wall clock. */
export function ZoneFields({ draft, onChange }: Props) {
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <Field
        label="Time zone"
        htmlFor="schedule-time-zone"
        hint="An IANA name; daylight saving is followed."
        className="sm:col-span-1"
      >
        <Input
          id="schedule-time-zone"
          list="schedule-time-zones"
          value={draft.timeZone}
          onChange={(e) => onChange({ timeZone: e.target.value })}
          maxLength={100}
          autoComplete="off"
          spellCheck={false}
        />
        <datalist id="schedule-time-zones">
          {COMMON_ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </Field>
      <Field label="Start" htmlFor="schedule-start" hint="Optional, on the zone's clock: no run before it.">
        <Input
          id="schedule-start"
          type="datetime-local"
          value={draft.startAt}
          onChange={(e) => onChange({ startAt: e.target.value })}
        />
      </Field>
      <Field label="End" htmlFor="schedule-end" hint="Optional, on the zone's clock: none from then on.">
        <Input
          id="schedule-end"
          type="datetime-local"
          value={draft.endAt}
          onChange={(e) => onChange({ endAt: e.target.value })}
        />
      </Field>
    </div>
  );
}

export function YamlFields({ draft, onChange }: Props) {
  return (
    <Field
      label="Schedule YAML"
      htmlFor="schedule-yaml"
      hint={
        <>
          An Azure ML CLI v2 schedule (<code className="font-mono">az ml schedule create -f</code>): its trigger, time
          zone (Windows names too), start and end, name and description are read;{" "}
          <code className="font-mono">create_job: azureml:&lt;job name&gt;</code> runs that job again, or choose what to
          run below.
        </>
      }
    >
      <Textarea
        id="schedule-yaml"
        value={draft.yaml}
        onChange={(e) => onChange({ yaml: e.target.value })}
        rows={12}
        maxLength={64 * 1024}
        placeholder={YAML_EXAMPLE}
        className="font-mono text-xs"
        spellCheck={false}
      />
    </Field>
  );
}
