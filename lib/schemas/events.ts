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
  since: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  until: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  cursor: z.string().max(100).optional(),
  limit: pageLimitSchema,
});
export type ListEventsQuery = z.input<typeof listEventsQuerySchema>;
