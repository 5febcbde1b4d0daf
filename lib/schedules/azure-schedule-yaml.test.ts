import { describe, expect, it } from "vitest";
import { parseAzureScheduleYaml } from "@/lib/schedules/azure-schedule-yaml";
import { nextFireTimes } from "@/lib/schedules/trigger";

// Fixtures in the shape of Azure/azureml-examples cli/schedules/*.yml, written for these tests.
const CRON_YAML = `$schema: https://azuremlschemas.azureedge.net/latest/schedule.schema.json
name: nightly_retrain
display_name: Nightly retrain
description: retrain every hour on the hour

trigger:
  type: cron
  expression: "0 * * * *"
  start_time: "2024-07-10T10:00:00" # local time in time_zone
  time_zone: "Pacific Standard Time"

create_job: ./retrain-pipeline.yml
`;

const RECURRENCE_YAML = `$schema: https://azuremlschemas.azureedge.net/latest/schedule.schema.json
name: twice_an_hour
trigger:
  type: recurrence
  frequency: day
  interval: 1
  schedule:
    hours: [4, 5, 10, 11, 12]
    minutes: [0, 30]
  start_time: "2024-07-10T10:00:00"
  time_zone: "Pacific Standard Time"
create_job:
  type: pipeline
  job: ./retrain-pipeline.yml
  settings:
    continue_on_step_failure: true
  inputs:
    greeting: \${{name}}
  tags:
    schedule: twice_an_hour
`;

function parsed(text: string) {
  const result = parseAzureScheduleYaml(text);
  if (!result.ok) throw new Error(result.problems.join("\n"));
  return result.value;
}

function problems(text: string): string[] {
  const result = parseAzureScheduleYaml(text);
  if (result.ok) throw new Error("expected problems");
  return result.problems;
}

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe("parseAzureScheduleYaml", () => {
  it("reads a cron schedule with a Windows time zone and a local start time", () => {
    const value = parsed(CRON_YAML);
    expect(value).toEqual({
      name: "nightly_retrain",
      displayName: "Nightly retrain",
      description: "retrain every hour on the hour",
      // 10:00 PDT (UTC-7) on 10 July 2024.
      timing: {
        trigger: { type: "cron", expression: "0 * * * *" },
        timeZone: "America/Los_Angeles",
        startAt: new Date("2024-07-10T17:00:00Z"),
      },
      createJob: "./retrain-pipeline.yml",
      warnings: [],
    });
    expect(iso(nextFireTimes(value.timing, new Date("2024-01-01T00:00:00Z"), 2))).toEqual([
      "2024-07-10T17:00:00.000Z",
      "2024-07-10T18:00:00.000Z",
    ]);
  });

  it("reads a recurrence with lists of hours and minutes, keeping create_job as written", () => {
    const value = parsed(RECURRENCE_YAML);
    expect(value.timing).toEqual({
      trigger: {
        type: "recurrence",
        frequency: "day",
        interval: 1,
        schedule: { hours: [4, 5, 10, 11, 12], minutes: [0, 30] },
      },
      timeZone: "America/Los_Angeles",
      startAt: new Date("2024-07-10T17:00:00Z"),
    });
    expect(value.createJob).toEqual({
      type: "pipeline",
      job: "./retrain-pipeline.yml",
      settings: { continue_on_step_failure: true },
      inputs: { greeting: "${{name}}" },
      tags: { schedule: "twice_an_hour" },
    });
    expect(value.warnings).toEqual([]);
    // From 10:00 PDT on the start day: 10:00 … 12:30, then 04:00 PDT the next day (11:00Z).
    expect(iso(nextFireTimes(value.timing, new Date("2024-07-01T00:00:00Z"), 7))).toEqual([
      "2024-07-10T17:00:00.000Z",
      "2024-07-10T17:30:00.000Z",
      "2024-07-10T18:00:00.000Z",
      "2024-07-10T18:30:00.000Z",
      "2024-07-10T19:00:00.000Z",
      "2024-07-10T19:30:00.000Z",
      "2024-07-11T11:00:00.000Z",
    ]);
  });

  it("reads single values, weekday names in any case, IANA zones and times with offsets", () => {
    const value = parsed(`trigger:
  type: Recurrence
  frequency: Week
  interval: 2
  schedule:
    week_days: Monday
    hours: 9
  start_time: 2025-01-06T00:00:00+01:00
  end_time: 2025-06-30T00:00:00Z
  time_zone: Europe/Berlin
`);
    expect(value.timing).toEqual({
      trigger: { type: "recurrence", frequency: "week", interval: 2, schedule: { weekDays: ["monday"], hours: [9] } },
      timeZone: "Europe/Berlin",
      startAt: new Date("2025-01-05T23:00:00Z"),
      endAt: new Date("2025-06-30T00:00:00Z"),
    });
  });

  it("reads a local start time in the spring-forward gap as the time after the jump", () => {
    // 02:30 on 9 March 2025 does not exist in Los Angeles: 03:30 PDT, 10:30Z.
    const value = parsed(`trigger:
  type: cron
  expression: "0 3 * * *"
  start_time: "2025-03-09T02:30:00"
  time_zone: Pacific Standard Time
`);
    expect(value.timing.startAt).toEqual(new Date("2025-03-09T10:30:00Z"));
    expect(value.timing.timeZone).toBe("America/Los_Angeles");
  });

  it("defaults the time zone to UTC", () => {
    const value = parsed(`trigger:\n  type: cron\n  expression: "0 0 * * *"\n  start_time: "2025-01-01T06:00:00"\n`);
    expect(value.timing.timeZone).toBe("UTC");
    expect(value.timing.startAt).toEqual(new Date("2025-01-01T06:00:00Z"));
  });

  it("warns about unknown keys and keys for the other trigger type, never dropping them silently", () => {
    const value = parsed(`name: s
is_enabled: true
trigger:
  type: cron
  expression: "0 * * * *"
  frequency: day
  every: 5
create_job: azureml:my-job:1
`);
    expect(value.warnings).toEqual([
      'Line 2: Unknown key "is_enabled" is ignored.',
      'Line 6: "trigger.frequency" is ignored: it is for recurrence triggers, and this one is cron.',
      'Line 7: Unknown key "trigger.every" is ignored.',
    ]);
    expect(value.createJob).toBe("azureml:my-job:1");
  });

  it("warns about unknown keys under schedule", () => {
    const value = parsed(`trigger:
  type: recurrence
  frequency: day
  interval: 1
  schedule:
    hours: [1]
    seconds: [0]
`);
    expect(value.warnings).toEqual(['Line 7: Unknown key "trigger.schedule.seconds" is ignored.']);
  });

  it("names trigger.frequency for a bad frequency", () => {
    expect(problems(`trigger:\n  type: recurrence\n  frequency: daily\n  interval: 1\n`)).toEqual([
      'Line 3: trigger.frequency: The frequency must be one of minute, hour, day, week, month (got "daily").',
    ]);
  });

  it("names the YAML key and line of value problems", () => {
    expect(
      problems(`trigger:
  type: recurrence
  frequency: week
  interval: 0
  schedule:
    week_days: [monday, funday]
    hours: [25]
`),
    ).toEqual([
      "Line 4: trigger.interval: The interval is a whole number from 1 to 1000 (got 0).",
      'Line 6: trigger.schedule.week_days: Week days are monday, tuesday, wednesday, thursday, friday, saturday, sunday (got "funday").',
      "Line 7: trigger.schedule.hours: Hours are whole numbers from 0 to 23 (got 25).",
    ]);
    expect(problems(`trigger:\n  type: recurrence\n  frequency: day\n`)).toEqual([
      "Line 1: trigger.interval: The interval is a whole number from 1 to 1000 (got nothing).",
    ]);
  });

  it("reports cron, time zone, start and end problems under their keys", () => {
    expect(problems(`trigger:\n  type: cron\n  expression: "0 0 30 2 *"\n`)).toEqual([
      'Line 3: trigger.expression: The cron expression "0 0 30 2 *" never fires: no date has that day of month in those months.',
    ]);
    expect(problems(`trigger:\n  type: cron\n  expression: "0 * * * *"\n  time_zone: Mars Standard Time\n`)).toEqual([
      'Line 4: trigger.time_zone: unknown time zone "Mars Standard Time"; use an IANA name (Europe/Berlin) or a Windows one (W. Europe Standard Time).',
    ]);
    expect(problems(`trigger:\n  type: cron\n  expression: "0 * * * *"\n  start_time: next tuesday\n`)).toEqual([
      'Line 4: trigger.start_time: "next tuesday" is not a date-time; write 2025-07-10T10:00:00 (in time_zone) or add an offset (…Z, …+02:00).',
    ]);
    expect(
      problems(`trigger:
  type: cron
  expression: "0 * * * *"
  start_time: "2025-02-01T00:00:00"
  end_time: "2025-01-01T00:00:00"
`),
    ).toEqual([
      "Line 5: trigger.end_time: The end (2025-01-01T00:00:00.000Z) must be after the start (2025-02-01T00:00:00.000Z).",
    ]);
  });

  it("refuses a missing or unknown trigger, and broken YAML", () => {
    expect(problems(`name: s\ncreate_job: ./job.yml\n`)).toEqual([
      'The schedule has no "trigger:" (type: cron or type: recurrence).',
    ]);
    expect(problems(`trigger:\n  type: once\n`)).toEqual([
      'Line 2: trigger.type: must be cron or recurrence (got "once").',
    ]);
    expect(problems(`trigger:\n  type: cron\n`)).toEqual(['Line 1: trigger: a cron trigger needs "expression:".']);
    expect(problems(`trigger: [cron]\n`)).toEqual([
      'Line 1: trigger must be a mapping (indented "name: value" lines).',
    ]);
    expect(problems(`trigger:\n  type: cron\n  type: recurrence\n`)[0]).toMatch(/^Line \d: A key is given twice/);
    expect(problems(``)).toEqual(["A schedule YAML is empty."]);
  });
});
