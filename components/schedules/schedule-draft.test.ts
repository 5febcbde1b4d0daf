import { describe, expect, it } from "vitest";
import { inputOf, parseNumberList, previewOf, type ScheduleDraft } from "@/components/schedules/schedule-draft";

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
});
