import type { RuleAction, RuleTrigger } from "@/lib/automations/rule";

// Rules in words, for the list, the rule's page and its firings: "When job.completed in experiment
// iris-sklearn if metrics.val_accuracy >= 0.9", "register model iris-sgd from output model".

/** Names of what actions point at by id (pipelines, webhooks), where the page could read them. */
export type RuleTargetNames = { pipelines: Record<string, string>; webhooks: Record<string, string> };

export const NO_TARGET_NAMES: RuleTargetNames = { pipelines: {}, webhooks: {} };

export const ACTION_LABELS: Record<RuleAction["type"], string> = {
  register_model: "Register a model from the job's output",
  rerun_job: "Re-run a job",
  submit_pipeline: "Submit a pipeline",
  set_model_tags: "Set tags on the model version",
  notify: "Notify people",
  call_webhook: "Call a webhook",
};

/** The event types of a trigger, in words: `*` is any event. */
export function describeEventTypes(eventTypes: readonly string[]): string {
  if (eventTypes.includes("*")) return "any event";
  if (eventTypes.length <= 1) return eventTypes[0] ?? "no event";
  return `${eventTypes.slice(0, -1).join(", ")} or ${eventTypes[eventTypes.length - 1]}`;
}

export function describeTrigger(trigger: RuleTrigger): string {
  const parts = [`When ${describeEventTypes(trigger.eventTypes)}`];
  if (trigger.subjectPattern) parts.push(`on ${trigger.subjectPattern}`);
  if (trigger.experiment) parts.push(`in experiment ${trigger.experiment}`);
  if (trigger.status) parts.push(`with status ${trigger.status}`);
  if (trigger.tags) parts.push(`with tags ${trigger.tags}`);
  if (trigger.condition) parts.push(`if ${trigger.condition}`);
  return parts.join(" ");
}

const tagList = (tags: Record<string, string>) =>
  Object.entries(tags)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");

function pipelineVersion(version: "latest" | "draft" | number): string {
  if (version === "draft") return "its draft as it is then";
  if (version === "latest") return "its latest submitted version";
  return `version ${version}`;
}

export type DescribeOptions = {
  names?: RuleTargetNames;
  /** Who an empty list of people to notify stands for. */
  author?: string;
  /** Leave out tags and messages (for the rules list). */
  isShort?: boolean;
};

/** One action in words: what it does to what. */
export function describeAction(action: RuleAction, options: DescribeOptions = {}): string {
  const { names = NO_TARGET_NAMES, author, isShort = false } = options;
  switch (action.type) {
    case "register_model": {
      const tags = isShort ? "" : tagList(action.tags);
      return `register model ${action.model} from output ${action.output}${tags ? `, tagged ${tags}` : ""}`;
    }
    case "rerun_job":
      return action.job ? `re-run job ${action.job}` : "re-run the event's job";
    case "submit_pipeline":
      return `submit pipeline ${names.pipelines[action.pipeline] ?? action.pipeline} (${pipelineVersion(action.version)})`;
    case "set_model_tags": {
      const set = tagList(action.tags);
      const removed = action.remove.join(", ");
      const what = [set ? `set ${set}` : "", removed ? `remove ${removed}` : ""].filter(Boolean).join(" and ");
      return `${what || "change no tags"} on the event's model version`;
    }
    case "notify": {
      const who = action.users.length
        ? action.users.join(", ")
        : author
          ? `${author} (the rule's author)`
          : "the rule's author";
      return `notify ${who}${action.message && !isShort ? `: "${action.message}"` : ""}`;
    }
    case "call_webhook":
      return `call webhook ${names.webhooks[action.webhook] ?? action.webhook}`;
  }
}

export function describeActions(actions: readonly RuleAction[], options: DescribeOptions = {}): string {
  return actions.map((a) => describeAction(a, options)).join("; then ");
}

/** Seconds in the largest whole unit: 0 → "none", 3600 → "1 hour", 90 → "90 seconds". */
export function describeCooldown(seconds: number): string {
  if (seconds === 0) return "none";
  const units: [number, string][] = [
    [86_400, "day"],
    [3600, "hour"],
    [60, "minute"],
  ];
  for (const [size, unit] of units) {
    if (seconds % size === 0) return `${seconds / size} ${unit}${seconds / size === 1 ? "" : "s"}`;
  }
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}
