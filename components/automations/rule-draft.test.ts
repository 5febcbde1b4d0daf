import { describe, expect, it } from "vitest";
import { createRuleSchema, type CreateRuleInput } from "@/lib/automations/rule";
import { newActionDraft, ruleToDraft, toRuleInput } from "@/components/automations/rule-draft";

/** A rule as the server keeps it and answers it: its input, read by the schema. */
const saved = (input: CreateRuleInput) => createRuleSchema.parse(input);

/** The draft's input, read by the schema as the server reads it (the form sends "" for what is unset). */
function roundTrip(rule: ReturnType<typeof saved>) {
  const built = toRuleInput(ruleToDraft(rule));
  if (!built.ok) throw new Error(JSON.stringify(built.issues));
  return saved(built.input);
}

describe("ruleToDraft", () => {
  it("turns a saved rule into the form's fields", () => {
    const rule = saved({
      name: "register good iris models",
      description: "when a run is good enough",
      trigger: {
        eventTypes: ["job.completed"],
        experiment: "iris-sklearn",
        condition: "metrics.val_accuracy >= 0.9",
      },
      actions: [
        { type: "register_model", output: "model", model: "iris-sgd", tags: { stage: "candidate", by: "rule" } },
        { type: "notify", users: ["scientist@example.com"], message: "${{event.subject}} registered" },
      ],
      cooldownSeconds: 3600,
    });
    expect(ruleToDraft(rule)).toEqual({
      name: "register good iris models",
      description: "when a run is good enough",
      trigger: {
        eventTypes: ["job.completed"],
        subjectPattern: "",
        tags: "",
        experiment: "iris-sklearn",
        status: "",
        condition: "metrics.val_accuracy >= 0.9",
      },
      actions: [
        { ...newActionDraft(0), model: "iris-sgd", tags: "stage=candidate\nby=rule" },
        {
          ...newActionDraft(1, "notify"),
          users: ["scientist@example.com"],
          message: "${{event.subject}} registered",
        },
      ],
      cooldownSeconds: "3600",
    });
  });

  it("converts back to the same input, whatever the actions", () => {
    const jobRule = saved({
      name: "retry failed runs",
      trigger: { eventTypes: ["job.failed", "pipeline_job.failed"], subjectPattern: "jobs/*", status: "failed" },
      actions: [
        // No job: the event's (the form sends null for it, the API may leave it out; both mean the same).
        { type: "rerun_job", job: null },
        { type: "rerun_job", job: "job-abc" },
        {
          type: "submit_pipeline",
          pipeline: "p1",
          version: 3,
          inputs: { epochs: "20", training_data: { data: "${{event.data.name}}:${{event.data.version}}" } },
        },
        { type: "submit_pipeline", pipeline: "p2", version: "draft" },
        { type: "call_webhook", webhook: "wh1" },
        { type: "notify" },
      ],
      cooldownSeconds: 0,
    });
    expect(roundTrip(jobRule)).toEqual(jobRule);

    const modelRule = saved({
      name: "review candidates",
      description: "",
      isEnabled: false,
      trigger: { eventTypes: ["model.version.registered"], tags: "stage=candidate" },
      actions: [
        { type: "set_model_tags", tags: { stage: "review", source: "${{event.subject}}" }, remove: ["candidate", "x"] },
        { type: "register_model", output: "model", model: "iris", description: "copied" },
      ],
      cooldownSeconds: 86_400,
    });
    // The form does not change whether a rule is enabled: that is the rule page's button.
    expect(roundTrip(modelRule)).toEqual({ ...modelRule, isEnabled: true });
  });
});
