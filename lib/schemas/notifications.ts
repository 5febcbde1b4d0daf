import { z } from "zod";
import { scopeNameSchema } from "@/lib/schemas/common";

export const WATCH_SUBJECT_TYPES = ["model", "endpoint", "pipeline", "experiment"] as const;
export type WatchSubjectType = (typeof WATCH_SUBJECT_TYPES)[number];

export const listNotificationsQuerySchema = z.object({
  unread: z.enum(["1", "true", "0", "false"]).optional(),
  cursor: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const markReadSchema = z.union([
  z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(500) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

export const watchSchema = z.object({
  scope: z.object({ kind: z.enum(["workspace", "registry"]), name: scopeNameSchema }),
  subjectType: z.enum(WATCH_SUBJECT_TYPES),
  /** A model's, endpoint's or experiment's name, or a pipeline's id. */
  name: z.string().trim().min(1, "Name what to watch.").max(255),
  /** false stops watching. */
  isWatching: z.boolean().default(true),
});
export type WatchInput = z.infer<typeof watchSchema>;

export const notificationSettingsSchema = z
  .object({
    notifyMyFailedJobs: z.boolean().optional(),
    notifyProdDeployments: z.boolean().optional(),
    /** A copy of each notification by e-mail too (when the studio has a mail server). */
    emailNotifications: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Give at least one setting to change.");

export const notificationSchema = z.object({
  id: z.string(),
  eventType: z.string(),
  title: z.string(),
  link: z.string(),
  reason: z.enum(["watch", "my_job", "prod_deployment", "rule", "approval"]),
  scope: z.object({ kind: z.enum(["workspace", "registry"]), name: z.string() }),
  isRead: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type NotificationDto = z.infer<typeof notificationSchema>;
