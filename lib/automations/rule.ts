import { z } from "zod";
import { eventTypePatternProblem, matchesEventType } from "@/lib/events/catalog";
import { parseJobFilter } from "@/lib/job-filter";
import { parseTagFilter, tagsMatch } from "@/lib/tag-filter";
import { assetNameSchema, tagKeySchema } from "@/lib/schemas/common";

// Automation rules: "when <an event matches the trigger> then <actions>". The trigger is matched against
// the public event (lib/events/catalog.ts) when it is routed; a job event's metric condition, written in
// the jobs list's own filter syntax, is checked against the job when the rule fires.

/** The statuses a job event reports, for a trigger's status filter. */
export const RULE_JOB_STATUSES = ["queued", "running", "completed", "failed", "canceled"] as const;

/** How many rule firings may lead to an event before rules stop acting on it. */
export const MAX_CHAIN_DEPTH = 3;

const eventPatternSchema = z
  .string()
  .trim()
  .superRefine((pattern, ctx) => {
    const problem = eventTypePatternProblem(pattern);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v || null);

export const ruleTriggerSchema = z
  .object({
    eventTypes: z.array(eventPatternSchema).min(1, "Choose at least one event type.").max(20),
    /** The event's subject, with * for any run of characters: `models/iris-*`, `jobs/*`. */
    subjectPattern: optionalText(300),
    /** For model events: TagName=TagValue conditions, all of which must hold. */
    tags: optionalText(2000).superRefine((text, ctx) => {
      const parsed = parseTagFilter(text);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
    }),
    /** For job events: the job's experiment. */
    experiment: optionalText(200),
    /** For job events: the status reached. */
    status: z
      .enum(RULE_JOB_STATUSES, {
        message: "status is one of queued, running, completed, failed, canceled.",
      })
      .nullish()
      .transform((v) => v || null),
    /** For job events: conditions in the jobs list's filter syntax, such as `metrics.accuracy >= 0.95`. */
    condition: optionalText(2000).superRefine((text, ctx) => {
      const parsed = parseJobFilter(text);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
    }),
  })
  .superRefine((trigger, ctx) => {
    const onlyJobs = trigger.eventTypes.every((t) => /^(job|pipeline_job)\./.test(t));
    for (const field of ["condition", "experiment", "status"] as const) {
      if (trigger[field] && !onlyJobs)
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `A ${field} applies to job events only: choose job.* or pipeline_job.* event types.`,
        });
    }
    if (trigger.tags && !trigger.eventTypes.every((t) => t.startsWith("model."))) {
      ctx.addIssue({
        code: "custom",
        path: ["tags"],
        message: "A tag filter applies to model events only: choose model.* event types.",
      });
    }
  });
export type RuleTrigger = z.infer<typeof ruleTriggerSchema>;

/** A value that may take parts of the event: `${{event.data.version}}`, `${{event.subject}}`. */
const templatedValue = z.string().max(1000);

export const ruleActionSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("submit_pipeline"),
    pipeline: z.string().trim().min(1, "Choose the pipeline to submit.").max(64),
    /** Its latest submitted version, a fixed version, or the draft as it is now. */
    version: z.union([z.literal("latest"), z.literal("draft"), z.number().int().positive()]).default("latest"),
    /** Pipeline inputs: literals as text, data inputs as `{ "data": "name:version" }`. */
    inputs: z.record(z.string().max(128), z.union([templatedValue, z.object({ data: templatedValue })])).default({}),
  }),
  z.object({
    type: z.literal("rerun_job"),
    /** The job to run again; by default the job the event is about. */
    job: z.string().trim().max(200).nullish(),
  }),
  z.object({
    type: z.literal("register_model"),
    /** The output of the event's job holding the model files. */
    output: z.string().trim().min(1).max(128),
    model: assetNameSchema,
    tags: z.record(tagKeySchema, templatedValue).default({}),
    description: z.string().max(5000).default(""),
  }),
  z.object({
    type: z.literal("set_model_tags"),
    /** Tags to set (or change) on the event's model version. */
    tags: z.record(tagKeySchema, templatedValue).default({}),
    remove: z.array(tagKeySchema).max(50).default([]),
  }),
  z.object({
    type: z.literal("notify"),
    /** Members to notify by e-mail address; the rule's author when empty. */
    users: z.array(z.string().trim().max(320)).max(50).default([]),
    message: templatedValue.default(""),
  }),
  z.object({
    type: z.literal("call_webhook"),
    /** A webhook of the workspace (its id), sent this event signed as any delivery is. */
    webhook: z.string().trim().min(1).max(64),
  }),
]);
export type RuleAction = z.infer<typeof ruleActionSchema>;
export type RuleActionType = RuleAction["type"];

const ruleFields = {
  name: z
    .string()
    .trim()
    .min(1, "Give the rule a name.")
    .max(100)
    .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, "A rule's name uses letters, digits, spaces, _ . and -."),
  description: z.string().trim().max(2000).default(""),
  isEnabled: z.boolean().default(true),
  trigger: ruleTriggerSchema,
  actions: z.array(ruleActionSchema).min(1, "Give the rule at least one action.").max(10),
  cooldownSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600)
    .default(0),
};

export const createRuleSchema = z.object(ruleFields).strict();
export type CreateRuleInput = z.input<typeof createRuleSchema>;

export const updateRuleSchema = z
  .object({
    name: ruleFields.name.optional(),
    description: z.string().trim().max(2000).optional(),
    isEnabled: z.boolean().optional(),
    trigger: ruleTriggerSchema.optional(),
    actions: ruleFields.actions.optional(),
    cooldownSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Give at least one field to change.");
export type UpdateRuleInput = z.input<typeof updateRuleSchema>;

/** What a trigger sees of an event. */
export type MatchableEvent = { type: string; subject: string; data: Record<string, unknown> };

/** Whether the event matches the trigger's event types and filters (the metric condition aside). */
export function triggerMatches(trigger: RuleTrigger, event: MatchableEvent): boolean {
  if (!matchesEventType(event.type, trigger.eventTypes)) return false;
  if (trigger.subjectPattern && !globRegex(trigger.subjectPattern).test(event.subject)) return false;
  if (trigger.experiment && event.data.experiment !== trigger.experiment) return false;
  if (trigger.status && event.data.status !== trigger.status) return false;
  if (trigger.tags) {
    const parsed = parseTagFilter(trigger.tags);
    const tags = event.data.tags;
    if (!parsed.ok || !tags || typeof tags !== "object") return false;
    if (!tagsMatch(parsed.conditions, tags as Record<string, string>)) return false;
  }
  return true;
}

function globRegex(pattern: string): RegExp {
  const body = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`);
}

/**
 * Fills `${{event.…}}` placeholders from the event: `event.type`, `event.subject`, `event.id` and any
 * path under `event.data` (`event.data.version`, `event.data.metrics.val_accuracy`). A placeholder that
 * names nothing is an error, so an action never runs on a half-filled value.
 */
export function fillTemplate(
  text: string,
  event: MatchableEvent & { id: string },
): { ok: true; value: string } | { ok: false; message: string } {
  let missing: string | null = null;
  const value = text.replace(/\$\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g, (whole, path: string) => {
    const found = lookup(event, path);
    if (found === undefined || found === null || typeof found === "object") {
      missing ??= path;
      return whole;
    }
    return String(found);
  });
  return missing ? { ok: false, message: `The event has no value at ${missing}.` } : { ok: true, value };
}

function lookup(event: MatchableEvent & { id: string }, path: string): unknown {
  const [root, ...rest] = path.split(".");
  if (root !== "event" || !rest.length) return undefined;
  let value: unknown = { id: event.id, type: event.type, subject: event.subject, data: event.data };
  for (const part of rest) {
    if (!value || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The placeholders a template may use, for the form's help text. */
export const TEMPLATE_EXAMPLES = ["${{event.subject}}", "${{event.data.name}}", "${{event.data.version}}"];
