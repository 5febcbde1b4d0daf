import type { CreateRuleInput, RuleAction, RuleActionType } from "@/lib/automations/rule";
import type { RuleDto } from "@/lib/schemas/automations";

// The rule form's state as typed (text in fields), turned into what the create and update actions take,
// and back from a saved rule for editing it. What the form cannot read (a tag line without "=") it says
// itself; everything else the server validates, and its messages come back as one text that
// `splitIssues` takes apart again, by field.

export const ACTION_TYPES: RuleActionType[] = [
  "register_model",
  "rerun_job",
  "submit_pipeline",
  "set_model_tags",
  "notify",
  "call_webhook",
];

export type ActionDraft = {
  key: number;
  type: RuleActionType;
  // submit_pipeline
  pipeline: string;
  /** "latest", "draft" or a version number. */
  version: string;
  inputs: string;
  dataInputs: string;
  // rerun_job
  job: string;
  // register_model (and tags for set_model_tags)
  output: string;
  model: string;
  tags: string;
  description: string;
  // set_model_tags
  remove: string;
  // notify
  users: string[];
  message: string;
  // call_webhook
  webhook: string;
};

export type TriggerDraft = {
  eventTypes: string[];
  subjectPattern: string;
  tags: string;
  experiment: string;
  status: string;
  condition: string;
};

export type RuleDraft = {
  name: string;
  description: string;
  trigger: TriggerDraft;
  actions: ActionDraft[];
  cooldownSeconds: string;
};

export function newActionDraft(key: number, type: RuleActionType = "register_model"): ActionDraft {
  return {
    key,
    type,
    pipeline: "",
    version: "latest",
    inputs: "",
    dataInputs: "",
    job: "",
    output: "model",
    model: "",
    tags: "",
    description: "",
    remove: "",
    users: [],
    message: "",
    webhook: "",
  };
}

/** The form of a new rule: a registration when a job completes, no cooldown. */
export function newRuleDraft(): RuleDraft {
  return {
    name: "",
    description: "",
    trigger: { eventTypes: ["job.completed"], subjectPattern: "", tags: "", experiment: "", status: "", condition: "" },
    actions: [newActionDraft(0)],
    cooldownSeconds: "0",
  };
}

/** `{ a: "1" }` as the lines the form edits: `a=1`, one a line. */
const keyValueLines = (record: Record<string, string>) =>
  Object.entries(record)
    .map(([key, value]) => `${key}=${value}`)
    .join("\n");

function actionToDraft(action: RuleAction, key: number): ActionDraft {
  const draft = newActionDraft(key, action.type);
  switch (action.type) {
    case "register_model":
      return {
        ...draft,
        output: action.output,
        model: action.model,
        tags: keyValueLines(action.tags),
        description: action.description,
      };
    case "rerun_job":
      return { ...draft, job: action.job ?? "" };
    case "submit_pipeline": {
      const literals: Record<string, string> = {};
      const data: Record<string, string> = {};
      for (const [name, value] of Object.entries(action.inputs)) {
        if (typeof value === "string") literals[name] = value;
        else data[name] = value.data;
      }
      return {
        ...draft,
        pipeline: action.pipeline,
        version: String(action.version),
        inputs: keyValueLines(literals),
        dataInputs: keyValueLines(data),
      };
    }
    case "set_model_tags":
      return { ...draft, tags: keyValueLines(action.tags), remove: action.remove.join(", ") };
    case "notify":
      return { ...draft, users: [...action.users], message: action.message };
    case "call_webhook":
      return { ...draft, webhook: action.webhook };
  }
}

/** A saved rule as the form edits it: `toRuleInput` of the draft gives the rule's own values back. */
export function ruleToDraft(
  rule: Pick<RuleDto, "name" | "description" | "trigger" | "actions" | "cooldownSeconds">,
): RuleDraft {
  const t = rule.trigger;
  return {
    name: rule.name,
    description: rule.description,
    trigger: {
      eventTypes: [...t.eventTypes],
      subjectPattern: t.subjectPattern ?? "",
      tags: t.tags ?? "",
      experiment: t.experiment ?? "",
      status: t.status ?? "",
      condition: t.condition ?? "",
    },
    actions: rule.actions.map(actionToDraft),
    cooldownSeconds: String(rule.cooldownSeconds),
  };
}

/** Whether every chosen event type is a job's, so that an experiment and a condition apply. */
export const isJobsOnly = (eventTypes: readonly string[]) =>
  eventTypes.length > 0 && eventTypes.every((t) => /^(job|pipeline_job)\./.test(t));

/** One problem with what was submitted; `path` is the field's (`trigger.condition`, `actions.0.model`). */
export type Issue = { path: string | null; message: string };

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** `key=value` lines (blank lines skipped); the value may hold more "=" and `${{event.…}}` placeholders. */
export function parseKeyValueLines(text: string): Parsed<Record<string, string>> {
  const record: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf("=");
    if (at <= 0) return { ok: false, message: `"${line}" is not key=value.` };
    record[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return { ok: true, value: record };
}

const listOf = (text: string) => text.split(/[\s,]+/).filter(Boolean);

type ActionInput = CreateRuleInput["actions"][number];

function toActionInput(draft: ActionDraft, index: number, problems: Issue[]): ActionInput | null {
  const at = `actions.${index}`;
  const lines = (text: string, field: string) => {
    const parsed = parseKeyValueLines(text);
    if (parsed.ok) return parsed.value;
    problems.push({ path: `${at}.${field}`, message: parsed.message });
    return null;
  };
  switch (draft.type) {
    case "register_model": {
      const tags = lines(draft.tags, "tags");
      return tags
        ? { type: draft.type, output: draft.output, model: draft.model, tags, description: draft.description }
        : null;
    }
    case "rerun_job":
      return { type: draft.type, job: draft.job.trim() || null };
    case "submit_pipeline": {
      const literals = lines(draft.inputs, "inputs");
      const data = lines(draft.dataInputs, "dataInputs");
      if (!literals || !data) return null;
      const version = draft.version === "latest" || draft.version === "draft" ? draft.version : Number(draft.version);
      const inputs: Record<string, string | { data: string }> = { ...literals };
      for (const [name, asset] of Object.entries(data)) inputs[name] = { data: asset };
      return { type: draft.type, pipeline: draft.pipeline, version, inputs };
    }
    case "set_model_tags": {
      const tags = lines(draft.tags, "tags");
      return tags ? { type: draft.type, tags, remove: listOf(draft.remove) } : null;
    }
    case "notify":
      return { type: draft.type, users: draft.users, message: draft.message };
    case "call_webhook":
      return { type: draft.type, webhook: draft.webhook };
  }
}

/** What the create action takes, or what the form could not read. */
export function toRuleInput(draft: RuleDraft): { ok: true; input: CreateRuleInput } | { ok: false; issues: Issue[] } {
  const problems: Issue[] = [];
  const actions = draft.actions.map((a, i) => toActionInput(a, i, problems));
  const cooldown = draft.cooldownSeconds.trim() === "" ? 0 : Number(draft.cooldownSeconds);
  if (!Number.isInteger(cooldown)) problems.push({ path: "cooldownSeconds", message: "Give whole seconds." });
  if (problems.length) return { ok: false, issues: problems };
  const t = draft.trigger;
  return {
    ok: true,
    input: {
      name: draft.name,
      description: draft.description,
      trigger: {
        eventTypes: t.eventTypes,
        subjectPattern: t.subjectPattern,
        tags: t.tags,
        experiment: t.experiment,
        // Checked by the server, which names the statuses there are.
        status: (t.status.trim() || null) as CreateRuleInput["trigger"]["status"],
        condition: t.condition,
      },
      actions: actions.filter((a): a is ActionInput => a !== null),
      cooldownSeconds: cooldown,
    },
  };
}

const FIELDS = "(?:name|description|isEnabled|trigger|actions|cooldownSeconds)";
const ZOD_ISSUE = new RegExp(`^(${FIELDS}(?:\\.[\\w]+)*): ([\\s\\S]*)$`);
/** The domain's own check of an action's targets: `actions[0] (notify): … is not a member …`. */
const DOMAIN_ACTION_ISSUE = /^actions\[(\d+)\] \([a-z_]+\): ([\s\S]*)$/;

/** The server's message (zod issues joined by "; ", each `path: message`) as issues by field. */
export function splitIssues(message: string): Issue[] {
  return message.split(new RegExp(`; (?=${FIELDS}[\\w.]*: )`)).map((part) => {
    const zod = ZOD_ISSUE.exec(part);
    if (zod) return { path: zod[1], message: zod[2] };
    const domain = DOMAIN_ACTION_ISSUE.exec(part);
    if (domain) return { path: `actions.${domain[1]}`, message: domain[2] };
    if (/already has a rule named/.test(part)) return { path: "name", message: part };
    return { path: null, message: part };
  });
}

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  description: "Description",
  cooldownSeconds: "Cooldown",
  "trigger.eventTypes": "Events",
  "trigger.subjectPattern": "Subject",
  "trigger.tags": "Model tags",
  "trigger.experiment": "Experiment",
  "trigger.status": "Status",
  "trigger.condition": "Condition",
};

const ACTION_FIELD_LABELS: Record<string, string> = {
  pipeline: "pipeline",
  version: "version",
  inputs: "inputs",
  dataInputs: "data inputs",
  job: "job",
  output: "output",
  model: "model name",
  tags: "tags",
  description: "description",
  remove: "tags to remove",
  users: "people",
  message: "message",
  webhook: "webhook",
};

/** A field's path as the form labels it: `actions.0.model` → "Action 1, model name". */
export function issueLabel(path: string): string {
  const action = /^actions\.(\d+)(?:\.(\w+))?/.exec(path);
  if (action) {
    const field = action[2] ? ACTION_FIELD_LABELS[action[2]] : undefined;
    return `Action ${Number(action[1]) + 1}${field ? `, ${field}` : ""}`;
  }
  if (path === "actions") return "Actions";
  const exact = Object.keys(FIELD_LABELS).find((k) => path === k || path.startsWith(`${k}.`));
  return FIELD_LABELS[exact ?? ""] ?? (path.startsWith("trigger") ? "Trigger" : path);
}

/** The messages about a field (or anything under it), for the message under that field. */
export function issuesAt(issues: readonly Issue[], path: string): string | null {
  const found = issues.filter((i) => i.path === path || i.path?.startsWith(`${path}.`)).map((i) => i.message);
  return found.length ? found.join(" ") : null;
}
