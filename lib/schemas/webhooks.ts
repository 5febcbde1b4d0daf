import { z } from "zod";
import { eventTypePatternProblem } from "@/lib/events/catalog";
import { parseTagFilter } from "@/lib/tag-filter";

// What the webhook routes take and answer.

const eventPatternSchema = z
  .string()
  .trim()
  .superRefine((pattern, ctx) => {
    const problem = eventTypePatternProblem(pattern);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const tagFilterSchema = z
  .string()
  .trim()
  .max(2000)
  .superRefine((text, ctx) => {
    const parsed = parseTagFilter(text);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
  });

const webhookFields = {
  url: z.string().trim().min(1, "Give the URL to deliver to.").max(2048, "The URL is at most 2048 characters."),
  events: z
    .array(eventPatternSchema)
    .min(1, "Choose at least one event type (* for all).")
    .max(50, "At most 50 event types."),
  subjectPrefix: z
    .string()
    .trim()
    .max(300)
    .nullish()
    .transform((v) => v || null)
    .describe("Only events whose subject starts with this, such as models/iris"),
  tags: tagFilterSchema
    .nullish()
    .transform((v) => v || null)
    .describe("For model events: TagName=TagValue conditions, comma-separated, all of which must hold"),
  description: z.string().trim().max(1000).default(""),
};

export const createWebhookSchema = z.object(webhookFields);
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const updateWebhookSchema = z
  .object({
    url: webhookFields.url.optional(),
    events: webhookFields.events.optional(),
    subjectPrefix: webhookFields.subjectPrefix.optional(),
    tags: webhookFields.tags.optional(),
    description: z.string().trim().max(1000).optional(),
    isEnabled: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Give at least one field to change.");
export type UpdateWebhookInput = z.infer<typeof updateWebhookSchema>;

export const rotateWebhookSecretSchema = z.object({
  /** How long the old secret keeps working (and signing) beside the new one. */
  graceHours: z.number().int().min(0).max(168).default(24),
});

export const webhookPolicySchema = z.object({ allowContributorWebhooks: z.boolean() });

export const webhookSchema = z.object({
  id: z.string(),
  scope: z.object({ kind: z.enum(["workspace", "registry"]), name: z.string() }),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  subjectPrefix: z.string().nullable(),
  tags: z.string().nullable(),
  isEnabled: z.boolean(),
  disabledReason: z.string().nullable(),
  disabledAt: z.iso.datetime().nullable(),
  previousSecretUntil: z.iso
    .datetime()
    .nullable()
    .describe("Until when the secret before the last rotation still signs"),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type WebhookDto = z.infer<typeof webhookSchema>;

export const newWebhookSecretSchema = webhookSchema.extend({
  secret: z.string().describe("whsec_…: shown this once; verify signatures with it"),
});

export const webhookDeliverySchema = z.object({
  id: z.string(),
  msgId: z.string().describe("The webhook-id header: the same on every try"),
  eventType: z.string(),
  eventId: z.string().nullable().describe("The CloudEvent id (null for a test event)"),
  subject: z.string().nullable(),
  status: z.enum(["pending", "delivered", "dead"]),
  attempts: z.number().int(),
  nextAttemptAt: z.iso.datetime().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastLatencyMs: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastResponse: z.string().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type WebhookDeliveryDto = z.infer<typeof webhookDeliverySchema>;

export const listDeliveriesQuerySchema = z.object({
  status: z.enum(["pending", "delivered", "dead"]).optional(),
  cursor: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
