import { describe, expect, it } from "vitest";
import { createRuleSchema, fillTemplate, ruleTriggerSchema, triggerMatches } from "@/lib/automations/rule";

const completed = {
  id: "evt_7",
  type: "job.completed",
  subject: "jobs/job-abc",
  data: { name: "job-abc", experiment: "iris-sklearn", status: "completed", metrics: { val_accuracy: 0.95 } },
};
const registered = {
  id: "evt_8",
  type: "model.version.registered",
  subject: "models/iris-sgd:4",
  data: { name: "iris-sgd", version: 4, tags: { stage: "candidate", team: "botany" } },
};

const trigger = (input: unknown) => ruleTriggerSchema.parse(input);

describe("triggerMatches", () => {
  it("matches event types with wildcards, the experiment and the status", () => {
    expect(triggerMatches(trigger({ eventTypes: ["job.completed"], experiment: "iris-sklearn" }), completed)).toBe(
      true,
    );
    expect(triggerMatches(trigger({ eventTypes: ["job.*"] }), completed)).toBe(true);
    expect(triggerMatches(trigger({ eventTypes: ["job.failed"] }), completed)).toBe(false);
    expect(triggerMatches(trigger({ eventTypes: ["job.completed"], experiment: "other" }), completed)).toBe(false);
    expect(triggerMatches(trigger({ eventTypes: ["job.*"], status: "failed" }), completed)).toBe(false);
  });

  it("matches the subject against a pattern with * and model tags in TagName=TagValue syntax", () => {
    expect(triggerMatches(trigger({ eventTypes: ["model.*"], subjectPattern: "models/iris-*" }), registered)).toBe(
      true,
    );
    expect(triggerMatches(trigger({ eventTypes: ["model.*"], subjectPattern: "models/iris" }), registered)).toBe(false);
    // A pattern is not a regular expression: a dot is a dot.
    expect(triggerMatches(trigger({ eventTypes: ["model.*"], subjectPattern: "models/iris.sgd:*" }), registered)).toBe(
      false,
    );
    expect(triggerMatches(trigger({ eventTypes: ["model.*"], tags: "stage=candidate,team" }), registered)).toBe(true);
    expect(triggerMatches(trigger({ eventTypes: ["model.*"], tags: "stage=production" }), registered)).toBe(false);
  });
});

describe("rule validation", () => {
  it("keeps metric conditions and experiments to job events, and checks the condition's syntax", () => {
    expect(
      ruleTriggerSchema.safeParse({ eventTypes: ["job.completed"], condition: "metrics.acc >= 0.9" }).success,
    ).toBe(true);
    const onModels = ruleTriggerSchema.safeParse({ eventTypes: ["model.*"], condition: "metrics.acc >= 0.9" });
    expect(onModels.error?.issues[0].message).toMatch(/job events only/);
    const broken = ruleTriggerSchema.safeParse({ eventTypes: ["job.completed"], condition: "metrics.acc >=" });
    expect(broken.success).toBe(false);
    expect(ruleTriggerSchema.safeParse({ eventTypes: ["no.such.type"] }).success).toBe(false);
    // Filters that could never match are refused rather than saved to sit silent.
    const tagsOnJobs = ruleTriggerSchema.safeParse({ eventTypes: ["job.*"], tags: "stage=candidate" });
    expect(tagsOnJobs.error?.issues[0].message).toMatch(/model events only/);
    expect(ruleTriggerSchema.safeParse({ eventTypes: ["job.*"], status: "complete" }).success).toBe(false);
    expect(ruleTriggerSchema.safeParse({ eventTypes: ["model.*"], status: "failed" }).success).toBe(false);
  });

  it("fills in defaults and refuses unknown fields", () => {
    const rule = createRuleSchema.parse({
      name: "good runs",
      trigger: { eventTypes: ["job.completed"] },
      actions: [{ type: "register_model", output: "model", model: "iris-sgd" }],
    });
    expect(rule).toMatchObject({ isEnabled: true, cooldownSeconds: 0, actions: [{ tags: {}, description: "" }] });
    expect(createRuleSchema.safeParse({ ...rule, owner: "me" }).success).toBe(false);
    expect(createRuleSchema.safeParse({ ...rule, name: "bad/name" }).success).toBe(false);
  });
});

describe("fillTemplate", () => {
  it("takes values from the event, down any path of its data", () => {
    expect(fillTemplate("${{event.data.name}} reached ${{ event.data.metrics.val_accuracy }}", completed)).toEqual({
      ok: true,
      value: "job-abc reached 0.95",
    });
    expect(fillTemplate("${{event.subject}} / ${{event.id}} / ${{event.type}}", registered)).toEqual({
      ok: true,
      value: "models/iris-sgd:4 / evt_8 / model.version.registered",
    });
    expect(fillTemplate("plain text", registered)).toEqual({ ok: true, value: "plain text" });
  });

  it("refuses a placeholder that names nothing, or a whole object, rather than half-fill it", () => {
    expect(fillTemplate("${{event.data.nope}}", completed)).toEqual({
      ok: false,
      message: "The event has no value at event.data.nope.",
    });
    expect(fillTemplate("${{event.data.metrics}}", completed).ok).toBe(false);
    expect(fillTemplate("${{process.env.SECRET}}", completed).ok).toBe(false);
  });
});
