import { describe, expect, it } from "vitest";
import {
  inputOf,
  localOf,
  parseNumberList,
  previewOf,
  scheduleToDraft,
  type ScheduleDraft,
} from "@/components/schedules/schedule-draft";

const draft = (patch: Partial<ScheduleDraft> = {}): ScheduleDraft => ({
  mode: "cron",
  name: "nightly",
  description: "",
  cron: "0 3 * * *",
  frequency: "day",
  interval: "1",
  hours: "3",
  minutes: "0",
  monthDays: "",
  weekDays: [],
  timeZone: "Europe/Berlin",
  startAt: "",
  endAt: "",
  yaml: "",
  targetKind: "job",
  pipeline: "",
  version: "latest",
  inputs: "",
  job: "job-abc",
  monitor: "",
  allowOverlap: false,
  catchUp: false,
  ...patch,
});

const NOW = new Date("2025-01-15T12:00:00Z");

describe("parseNumberList", () => {
  it("reads comma-separated whole numbers, empty as the default", () => {
    expect(parseNumberList(" 3, 15 ,", "Hours")).toEqual({ ok: true, value: [3, 15] });
    expect(parseNumberList("  ", "Hours")).toEqual({ ok: true, value: undefined });
    expect(parseNumberList("3; 4", "Hours")).toMatchObject({ ok: false, problem: expect.stringContaining("Hours") });
  });
});

describe("previewOf", () => {
  it("lists the next five runs of a cron on the zone's clock", () => {
    const preview = previewOf(draft(), NOW);
    expect(preview).toMatchObject({ ok: true, zone: "Europe/Berlin", summary: "Every day at 03:00 (Europe/Berlin)" });
    expect(preview.ok && preview.upcoming).toEqual([
      "2025-01-16T02:00:00.000Z",
      "2025-01-17T02:00:00.000Z",
      "2025-01-18T02:00:00.000Z",
      "2025-01-19T02:00:00.000Z",
      "2025-01-20T02:00:00.000Z",
    ]);
  });

  it("says what is wrong instead", () => {
    expect(previewOf(draft({ cron: "0 25 * * *" }), NOW).ok).toBe(false);
    expect(previewOf(draft({ timeZone: "Mars/Olympus" }), NOW)).toMatchObject({
      ok: false,
      problem: expect.stringContaining("Unknown time zone"),
    });
    expect(previewOf(draft({ mode: "recurrence", hours: "3, x" }), NOW)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('"x"'),
    });
  });

  it("reads a weekly recurrence with its days, and reads start and end in the zone", () => {
    const preview = previewOf(
      draft({
        mode: "recurrence",
        frequency: "week",
        weekDays: ["friday", "monday"],
        hours: "8",
        minutes: "30",
        startAt: "2025-02-01T00:00",
        endAt: "2025-02-08T00:00",
      }),
      NOW,
    );
    expect(preview).toMatchObject({ ok: true, summary: "Every week on Monday and Friday at 08:30 (Europe/Berlin)" });
    expect(preview.ok && preview.upcoming).toEqual(["2025-02-03T07:30:00.000Z", "2025-02-07T07:30:00.000Z"]);
  });

  it("leaves out set times that do not apply to minute and hour frequencies", () => {
    expect(previewOf(draft({ mode: "recurrence", frequency: "hour", interval: "6" }), NOW)).toMatchObject({
      ok: true,
      summary: "Every 6 hours",
    });
  });

  it("previews Azure ML YAML, Windows zone names included", () => {
    const yaml = [
      "name: nightly",
      "trigger:",
      "  type: cron",
      '  expression: "0 3 * * *"',
      "  time_zone: W. Europe Standard Time",
      "create_job: azureml:job-abc",
    ].join("\n");
    expect(previewOf(draft({ mode: "yaml", yaml }), NOW)).toMatchObject({ ok: true, zone: "Europe/Berlin" });
  });
});

describe("inputOf", () => {
  it("builds the JSON create input", () => {
    expect(inputOf(draft({ startAt: "2025-03-01T09:00" }), NOW)).toEqual({
      ok: true,
      value: {
        name: "nightly",
        description: "",
        allowOverlap: false,
        catchUp: false,
        target: { kind: "job", job: "job-abc" },
        trigger: { type: "cron", expression: "0 3 * * *" },
        timeZone: "Europe/Berlin",
        startAt: "2025-03-01T08:00:00.000Z",
        endAt: null,
      },
    });
  });

  it("sends YAML as it is, with the target only when one is chosen", () => {
    expect(inputOf(draft({ mode: "yaml", yaml: "name: x", targetKind: "yaml", name: "" }), NOW)).toEqual({
      ok: true,
      value: { yaml: "name: x", allowOverlap: false, catchUp: false },
    });
  });

  it("reads a pipeline target's version and inputs", () => {
    const built = inputOf(
      draft({ targetKind: "pipeline", pipeline: "p1", version: "3", inputs: '{"epochs": 20}' }),
      NOW,
    );
    expect(built.ok && "target" in built.value && built.value.target).toEqual({
      kind: "pipeline",
      pipeline: "p1",
      version: 3,
      inputs: { epochs: 20 },
    });
    expect(inputOf(draft({ targetKind: "pipeline", pipeline: "p1", inputs: "[1]" }), NOW).ok).toBe(false);
  });

  it("runs a monitor by name, and asks for one when none is chosen", () => {
    const built = inputOf(draft({ targetKind: "monitor", monitor: "iris-online-blue" }), NOW);
    expect(built.ok && "target" in built.value && built.value.target).toEqual({
      kind: "monitor",
      monitor: "iris-online-blue",
    });
    expect(inputOf(draft({ targetKind: "monitor", monitor: "" }), NOW)).toEqual({
      ok: false,
      problem: "Choose the monitor to run.",
    });
  });
});

describe("scheduleToDraft", () => {
  /** What the form edits of a saved schedule. */
  type Saved = Parameters<typeof scheduleToDraft>[0];
  const cron: Saved = {
    name: "nightly",
    description: "the iris example again",
    trigger: { type: "cron", expression: "30 4 * * 1-5" },
    timeZone: "Europe/Berlin",
    startAt: "2025-03-01T08:00:00.000Z",
    endAt: null,
    target: { kind: "job", job: "job-abc" },
    allowOverlap: true,
    catchUp: false,
  };
  /** The fields an update takes, as the schedule holds them. */
  const fieldsOf = ({
    name,
    description,
    trigger,
    timeZone,
    startAt,
    endAt,
    target,
    allowOverlap,
    catchUp,
  }: Saved) => ({
    name,
    description,
    trigger,
    timeZone,
    startAt,
    endAt,
    target,
    allowOverlap,
    catchUp,
  });

  it("fills the cron fields, with start and end on the zone's clock", () => {
    expect(scheduleToDraft(cron)).toMatchObject({
      mode: "cron",
      cron: "30 4 * * 1-5",
      timeZone: "Europe/Berlin",
      startAt: "2025-03-01T09:00",
      endAt: "",
      targetKind: "job",
      job: "job-abc",
      allowOverlap: true,
    });
    expect(localOf("2025-07-01T10:15:30.000Z", "Europe/Berlin")).toBe("2025-07-01T12:15:30");
  });

  it("converts back to the same input, cron or recurrence", () => {
    expect(inputOf(scheduleToDraft(cron), NOW)).toEqual({ ok: true, value: fieldsOf(cron) });

    const weekly: Saved = {
      ...cron,
      description: "",
      trigger: {
        type: "recurrence",
        frequency: "week",
        interval: 2,
        schedule: { hours: [8, 17], minutes: [30], weekDays: ["monday", "thursday"] },
      },
      timeZone: "America/New_York",
      startAt: null,
      endAt: "2026-12-31T05:00:00.000Z",
      target: { kind: "pipeline", pipeline: "p1", version: 3, inputs: { epochs: 20, data: { data: "iris:2" } } },
    };
    const draft = scheduleToDraft(weekly);
    expect(draft).toMatchObject({
      mode: "recurrence",
      interval: "2",
      hours: "8, 17",
      weekDays: ["monday", "thursday"],
    });
    // A saved recurrence counts from when it was made.
    const made = new Date("2025-01-06T00:00:00Z");
    expect(inputOf(draft, NOW, made)).toEqual({ ok: true, value: fieldsOf(weekly) });

    const hourly: Saved = {
      ...weekly,
      trigger: { type: "recurrence", frequency: "hour", interval: 6 },
      endAt: null,
      target: { kind: "pipeline", pipeline: "p1", version: "draft", inputs: {} },
    };
    expect(inputOf(scheduleToDraft(hourly), NOW, made)).toEqual({ ok: true, value: fieldsOf(hourly) });
  });

  it("previews a saved recurrence from when it was made", () => {
    const everyThreeDays = scheduleToDraft({
      ...cron,
      trigger: { type: "recurrence", frequency: "day", interval: 3, schedule: { hours: [6] } },
      timeZone: "UTC",
      startAt: null,
    });
    const made = new Date("2025-01-01T00:00:00Z");
    const preview = previewOf(everyThreeDays, NOW, made);
    // Counted from 1 January: the 1st, 4th, 7th… at 06:00, so after the 15th at noon the 16th comes next.
    expect(preview.ok && preview.upcoming[0]).toBe("2025-01-16T06:00:00.000Z");
    // A new schedule's would count from now instead.
    const fromNow = previewOf(everyThreeDays, NOW);
    expect(fromNow.ok && fromNow.upcoming[0]).not.toBe("2025-01-16T06:00:00.000Z");
  });
});
