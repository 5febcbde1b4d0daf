import { describe, expect, it } from "vitest";
import { describeEvent, describeTrafficChange, type EventLike } from "@/lib/events/describe-event";
import { groupJobEvents } from "@/lib/events/group-events";

let seq = 100;
function event(action: string, over: Partial<EventLike> = {}): EventLike {
  seq -= 1;
  return {
    id: seq,
    at: new Date(Date.UTC(2026, 11, 1, 12, 0, seq)).toISOString(),
    actor: "scientist@example.com",
    action,
    subject: { type: "job", id: "job-id-1", label: "bright-river-3" },
    scope: { kind: "workspace", name: "dev" },
    reason: null,
    data: {},
    ...over,
  };
}
const runner = (action: string, over: Partial<EventLike> = {}) => event(action, { actor: "local runner", ...over });

describe("describeEvent", () => {
  it("says what happened to a job, with a link to it", () => {
    const s = describeEvent(event("job.submitted", { data: { kind: "command", experiment: "iris" } }));
    expect(s).toMatchObject({
      verb: "ran job",
      subject: { label: "bright-river-3", href: "/workspaces/dev/jobs/bright-river-3" },
      detail: "experiment iris",
    });
    expect(describeEvent(runner("job.failed", { data: { exitCode: 1 } }))).toMatchObject({
      verb: "finished job",
      outcome: { text: "failed", tone: "danger" },
      detail: "exit code 1",
    });
    expect(describeEvent(event("job.submitted", { data: { kind: "pipeline", steps: 3 } })).verb).toBe(
      "ran pipeline job",
    );
  });

  it("words pipeline events instead of showing their codes", () => {
    const cloned = describeEvent(
      event("pipeline.cloned", {
        subject: { type: "pipeline", id: "p2", label: "Train (copy)" },
        data: { from: { id: "p1", name: "Train", revision: 4 } },
      }),
    );
    expect(cloned).toMatchObject({
      verb: "cloned a pipeline into",
      subject: { label: "Train (copy)", href: "/workspaces/dev/pipelines/p2" },
      detail: "from pipeline Train",
    });
    const deleted = describeEvent(event("pipeline.deleted", { subject: { type: "pipeline", id: "p2", label: "x" } }));
    expect(deleted.subject.href).toBeNull();
  });

  it("links versions of every asset kind, and not deleted ones", () => {
    const model = { type: "model_version", id: "v", label: "iris-classifier:2" };
    expect(describeEvent(event("model.version.registered", { subject: model })).subject.href).toBe(
      "/workspaces/dev/models/iris-classifier/versions/2",
    );
    expect(describeEvent(event("model.version.deleted", { subject: model })).subject.href).toBeNull();
    const data = { type: "data_version", id: "d", label: "iris-csv:1" };
    expect(describeEvent(event("data.version.created", { subject: data })).subject.href).toBe(
      "/workspaces/dev/data/iris-csv/versions/1",
    );
  });

  it("falls back to the code for an action it does not know", () => {
    expect(describeEvent(event("something.new")).verb).toBe("something.new");
  });
});

describe("describeTrafficChange", () => {
  it("shows each deployment's share before and after", () => {
    expect(
      describeTrafficChange({ traffic: { blue: 100, green: 0 }, previous: { traffic: { blue: 90, green: 10 } } }),
    ).toBe("blue 90% → 100%, green 10% → 0%");
  });
  it("shows a first deployment taking all traffic, and mirroring", () => {
    expect(describeTrafficChange({ traffic: { blue: 100 }, previous: { traffic: {}, mirror: null } })).toBe(
      "blue 0% → 100%",
    );
    expect(
      describeTrafficChange({
        traffic: { blue: 100, green: 0 },
        mirror: { deployment: "green", percent: 20 },
        previous: { traffic: { blue: 100, green: 0 }, mirror: null },
      }),
    ).toBe("blue 100%, green 0%; mirror off → green 20%");
  });
});

describe("groupJobEvents", () => {
  it("folds a job's later events under its submission and keeps every event", () => {
    // Newest first, as the Activity page lists them.
    const completed = runner("job.completed");
    const token = event("token.created", { subject: { type: "token", id: "t", label: "ci" } });
    const started = runner("job.started");
    const submitted = event("job.submitted", { data: { kind: "command" } });
    const rows = groupJobEvents([completed, token, started, submitted]);
    expect(rows.map((r) => r.event.action)).toEqual(["token.created", "job.submitted"]);
    expect(rows[1].folded).toEqual([completed, started]);
    expect(rows[1].outcome).toEqual({ text: "completed", tone: "success" });
    expect(rows.flatMap((r) => [r.event, ...r.folded])).toHaveLength(4);
  });

  it("lets a job's newest event head the row when its submission is on another page", () => {
    const completed = runner("job.completed", { subject: { type: "job", id: "job-id-2", label: "calm-lake-7" } });
    const started = runner("job.started", { subject: { type: "job", id: "job-id-2", label: "calm-lake-7" } });
    const rows = groupJobEvents([completed, started]);
    expect(rows).toHaveLength(1);
    expect(rows[0].event).toBe(completed);
    expect(rows[0].folded).toEqual([started]);
  });

  it("keeps jobs of the same name in two workspaces apart", () => {
    const a = runner("job.completed", { subject: { type: "job", id: null, label: "same" } });
    const b = runner("job.completed", {
      subject: { type: "job", id: null, label: "same" },
      scope: { kind: "workspace", name: "test" },
    });
    expect(groupJobEvents([a, b])).toHaveLength(2);
  });
});
