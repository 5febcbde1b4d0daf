import { z } from "zod";
import { pageLimitSchema } from "@/lib/schemas/common";

export const listEventsQuerySchema = z.object({
  scope: z
    .string()
    .regex(/^(workspace|registry)\/[a-z0-9][a-z0-9-]{0,62}$/, "scope is written workspace/<name> or registry/<name>.")
    .optional(),
  action: z.string().trim().max(100).optional(),
  subjectType: z.string().trim().max(50).optional(),
  subjectId: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(320).optional(),
  /** What the events are about, by kind and name: model:iris-classifier, endpoint:iris-prod, job:job-x, data:iris. */
  asset: z
    .string()
    .trim()
    .regex(
      /^(model|data|environment|component|job|endpoint|pipeline|promotion):[^\s]{1,255}$/,
      "asset is written kind:name, such as model:iris-classifier or endpoint:iris-prod.",
    )
    .optional(),
  since: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  until: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  cursor: z.string().max(100).optional(),
  limit: pageLimitSchema,
});
export type ListEventsQuery = z.input<typeof listEventsQuerySchema>;

/** A CloudEvents 1.0 event in the JSON format, as webhooks deliver it. */
export const cloudEventSchema = z.object({
  specversion: z.literal("1.0"),
  id: z.string().min(1),
  source: z.string().min(1).describe("The workspace or registry, as a URI reference: /workspaces/dev"),
  type: z.string().min(1).describe("io.mlopsstudio.<event type>"),
  subject: z.string().min(1).describe("What the event is about within its source: models/iris:3"),
  time: z.iso.datetime(),
  datacontenttype: z.literal("application/json"),
  data: z.record(z.string(), z.unknown()),
  causationid: z.string().optional().describe("The id of the event that caused this one (an automation rule)"),
  chaindepth: z.number().int().optional().describe("How many automation rules acted in a row to cause it"),
});

/** One entry of the public event catalog, with an example event. */
export const eventTypeSchema = z.object({
  type: z.string().describe("The short name webhooks, notifications and rules filter on"),
  cloudEventType: z.string().describe("The CloudEvents `type` attribute"),
  description: z.string(),
  subject: z.string().describe("The shape of `subject`"),
  example: cloudEventSchema,
});
