import { describe, expect, it } from "vitest";
import {
  CLOUD_EVENT_TYPE_PREFIX,
  EVENT_TYPES,
  eventSubject,
  eventTypePatternProblem,
  matchesEventType,
  publicEventType,
} from "@/lib/events/catalog";
import { exampleCloudEvent, toCloudEvent, type RecordedEvent } from "@/lib/events/cloudevent";

describe("publicEventType", () => {
  it.each([
    ["model.version.registered", {}, "model.version.registered"],
    ["model.version.archived", {}, "model.version.archived"],
    ["data.version.created", {}, "data.version.registered"],
    ["deployment.succeeded", {}, "deployment.succeeded"],
    ["endpoint.traffic.updated", {}, "endpoint.traffic.updated"],
    ["job.submitted", { kind: "command" }, "job.queued"],
    ["job.submitted", { kind: "batch_scoring" }, "job.queued"],
    ["job.submitted", { kind: "pipeline" }, "pipeline_job.queued"],
    ["job.started", {}, "job.running"],
    ["job.created", { kind: "external" }, "job.running"],
    ["job.finished", { status: "completed" }, "job.completed"],
    ["job.finished", { status: "failed" }, "job.failed"],
    ["job.completed", {}, "job.completed"],
    ["job.completed", { kind: "pipeline" }, "pipeline_job.completed"],
    ["job.failed", { kind: "pipeline" }, "pipeline_job.failed"],
    ["job.canceled", {}, "job.canceled"],
  ])("%s %j is public as %s", (action, data, type) => {
    expect(publicEventType(action, data)).toBe(type);
  });

  it.each([
    ["auth.sign_in_failed", {}],
    ["token.created", {}],
    ["member.added", {}],
    ["endpoint.keys.revealed", {}],
    ["job.cancel_requested", {}],
    ["job.reused", { kind: "pipeline_step" }],
    ["job.completed", { kind: "pipeline_step" }],
    ["job.output.uploaded", {}],
    ["job.finished", { status: "sideways" }],
    ["no.such.action", {}],
  ])("%s %j stays inside the studio", (action, data) => {
    expect(publicEventType(action, data)).toBeNull();
  });

  it("lists each type once, with a description and a subject shape", () => {
    const names = EVENT_TYPES.map((t) => t.type);
    expect(new Set(names).size).toBe(names.length);
    for (const t of EVENT_TYPES) {
      expect(t.type).toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
      expect(t.description.length).toBeGreaterThan(10);
      expect(t.subject).toMatch(/^[a-z_]+\//);
    }
  });
});

describe("matchesEventType", () => {
  it("matches exact names, * alone, and * for one or more parts", () => {
    expect(matchesEventType("model.version.registered", ["model.version.registered"])).toBe(true);
    expect(matchesEventType("model.version.registered", ["*"])).toBe(true);
    expect(matchesEventType("model.version.registered", ["model.*"])).toBe(true);
    expect(matchesEventType("model.version.registered", ["model.version.*"])).toBe(true);
    expect(matchesEventType("job.failed", ["*.failed"])).toBe(true);
    expect(matchesEventType("pipeline_job.failed", ["*.failed"])).toBe(true);
    expect(matchesEventType("deployment.failed", ["job.*", "deployment.failed"])).toBe(true);
  });

  it("does not match a prefix, another kind or a name that only contains the pattern", () => {
    expect(matchesEventType("model.version.registered", ["model"])).toBe(false);
    expect(matchesEventType("model.version.registered", ["model.version"])).toBe(false);
    expect(matchesEventType("pipeline_job.failed", ["job.*"])).toBe(false);
    expect(matchesEventType("job.failed", ["job.completed"])).toBe(false);
    expect(matchesEventType("job.failed", [])).toBe(false);
  });

  it("takes the full CloudEvents type as well as the short name", () => {
    expect(matchesEventType("job.failed", [`${CLOUD_EVENT_TYPE_PREFIX}job.failed`])).toBe(true);
    expect(matchesEventType("job.failed", [`${CLOUD_EVENT_TYPE_PREFIX}job.*`])).toBe(true);
  });

  it("refuses patterns that are malformed or match no type", () => {
    expect(eventTypePatternProblem("model.*")).toBeNull();
    expect(eventTypePatternProblem("*")).toBeNull();
    expect(eventTypePatternProblem("Model.Version")).toMatch(/is not an event type/);
    expect(eventTypePatternProblem("model.version.registered; drop")).toMatch(/is not an event type/);
    expect(eventTypePatternProblem("")).toMatch(/is not an event type/);
    expect(eventTypePatternProblem("token.*")).toMatch(/matches no event type/);
  });
});

describe("eventSubject", () => {
  it("names what the event is about within its source", () => {
    expect(eventSubject("model_version", "iris:3")).toBe("models/iris:3");
    expect(eventSubject("data_version", "iris:2")).toBe("data/iris:2");
    expect(eventSubject("job", "job-abc")).toBe("jobs/job-abc");
    expect(eventSubject("endpoint", "iris-online")).toBe("endpoints/iris-online");
    expect(eventSubject("deployment", "iris-online/blue")).toBe("endpoints/iris-online/deployments/blue");
  });
});

describe("toCloudEvent", () => {
  const registered: RecordedEvent = {
    seq: 42,
    at: new Date("2026-12-07T10:00:00.000Z"),
    action: "model.version.registered",
    subjectType: "model_version",
    subjectLabel: "iris classifier:3",
    actorLabel: "scientist@example.com",
    reason: "better recall",
    scope: { kind: "workspace", name: "dev" },
    data: { name: "iris classifier", version: 3, tags: { stage: "candidate" } },
  };

  it("builds a CloudEvents 1.0 JSON event with the data a receiver needs", () => {
    const event = toCloudEvent(registered, "http://studio.test:3000/")!;
    expect(event).toEqual({
      specversion: "1.0",
      id: "evt_42",
      source: "/workspaces/dev",
      type: `${CLOUD_EVENT_TYPE_PREFIX}model.version.registered`,
      subject: "models/iris classifier:3",
      time: "2026-12-07T10:00:00.000Z",
      datacontenttype: "application/json",
      data: {
        name: "iris classifier",
        version: 3,
        tags: { stage: "candidate" },
        scope: { kind: "workspace", name: "dev" },
        actor: "scientist@example.com",
        reason: "better recall",
        links: {
          ui: "http://studio.test:3000/workspaces/dev/models/iris%20classifier/versions/3",
          api: "http://studio.test:3000/api/v1/workspaces/dev/models/iris%20classifier/versions/3",
        },
      },
    });
  });

  it("names its attributes as the CloudEvents spec requires, and carries the cause of a caused event", () => {
    const event = toCloudEvent({ ...registered, causeSeq: 40, chainDepth: 2 }, "http://studio.test")!;
    for (const name of Object.keys(event).filter((k) => k !== "data")) expect(name).toMatch(/^[a-z0-9]{1,20}$/);
    expect(event.causationid).toBe("evt_40");
    expect(event.chaindepth).toBe(2);
    expect(JSON.parse(JSON.stringify(event))).toEqual(event);
  });

  it("links a deployment to its endpoint page and REST resource, from a registry source too", () => {
    const event = toCloudEvent(
      {
        ...registered,
        action: "deployment.failed",
        subjectType: "deployment",
        subjectLabel: "iris-online/blue",
        data: { model: "iris:3" },
      },
      "https://ml.example",
    )!;
    expect(event.subject).toBe("endpoints/iris-online/deployments/blue");
    expect(event.data.links).toEqual({
      ui: "https://ml.example/workspaces/dev/endpoints/iris-online?deployment=blue",
      api: "https://ml.example/api/v1/workspaces/dev/endpoints/iris-online/deployments/blue",
    });
    const shared = toCloudEvent({ ...registered, scope: { kind: "registry", name: "shared" } }, "https://ml.example")!;
    expect(shared.source).toBe("/registries/shared");
  });

  it("answers null for events that stay inside the studio", () => {
    expect(toCloudEvent({ ...registered, action: "token.created" }, "http://studio.test")).toBeNull();
  });
});

describe("exampleCloudEvent", () => {
  it("makes every catalog entry's example an event of that type, with links", () => {
    for (const info of EVENT_TYPES) {
      const event = exampleCloudEvent(info, "http://localhost:3000");
      expect(event.type).toBe(`${CLOUD_EVENT_TYPE_PREFIX}${info.type}`);
      const pattern = new RegExp(`^${info.subject.replace(/\{[a-z]+\}/g, "[^/]+")}$`);
      expect(event.subject, info.type).toMatch(pattern);
      expect(event.data.links, info.type).not.toBeNull();
    }
  });

  it("lists every step of a promotion request", () => {
    expect(EVENT_TYPES.map((t) => t.type).filter((t) => t.startsWith("promotion."))).toEqual([
      "promotion.requested",
      "promotion.approved",
      "promotion.rejected",
      "promotion.canceled",
      "promotion.applied",
      "promotion.apply_failed",
    ]);
  });
});
