import { z } from "zod";
import { ruleActionSchema, ruleTriggerSchema } from "@/lib/automations/rule";

// What the automation routes answer (what they take is in lib/automations/rule.ts).

export const FIRING_STATUSES = ["pending", "running", "succeeded", "failed", "skipped"] as const;
export type FiringStatus = (typeof FIRING_STATUSES)[number];

export const ruleDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  isEnabled: z.boolean(),
  trigger: ruleTriggerSchema,
  actions: z.array(ruleActionSchema),
  cooldownSeconds: z.number().int(),
  lastFiredAt: z.iso.datetime().nullable(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Whether the caller may change or delete it (its author, or an owner). */
  canManage: z.boolean(),
});
export type RuleDto = z.infer<typeof ruleDtoSchema>;

export const actionResultSchema = z.object({
  action: z.string(),
  ok: z.boolean(),
  message: z.string(),
  /** The studio page of what the action made (a job, a model version), when it made one. */
  link: z.string().nullable(),
});
export type ActionResult = z.infer<typeof actionResultSchema>;

export const firingDtoSchema = z.object({
  id: z.string(),
  /** The CloudEvent id of the event the rule acted on. */
  eventId: z.string(),
  eventType: z.string(),
  eventSubject: z.string(),
  status: z.enum(FIRING_STATUSES),
  reason: z.string().nullable(),
  /** How many rule firings led to the event (0: a person's own change). */
  depth: z.number().int(),
  results: z.array(actionResultSchema),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type FiringDto = z.infer<typeof firingDtoSchema>;

export const listFiringsQuerySchema = z.object({
  status: z.enum(FIRING_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
