import {
  listNotificationsQuerySchema,
  markReadSchema,
  notificationSchema,
  notificationSettingsSchema,
  watchSchema,
} from "@/lib/schemas/notifications";
import { type Json, errors, ok, jsonBody, queryParams, schema } from "@/lib/openapi/shared";

const settings = {
  type: "object",
  properties: {
    notifyMyFailedJobs: { type: "boolean" },
    notifyProdDeployments: { type: "boolean" },
    emailNotifications: { type: "boolean", description: "Whether a copy of each notification is e-mailed too" },
    email: { type: "string", description: "Where e-mails go" },
    emailAvailable: { type: "boolean", description: "Whether this studio has a mail server (STUDIO_SMTP_URL)" },
  },
  required: ["notifyMyFailedJobs", "notifyProdDeployments", "emailNotifications", "email", "emailAvailable"],
};

/** The caller's notifications, what they watch, and what they hear about unasked. */
export function notificationRoutes(): Record<string, Json> {
  return {
    "/notifications": {
      get: {
        summary: "Your notifications, newest first, with how many are unread",
        parameters: queryParams(listNotificationsQuerySchema),
        responses: {
          ...ok(200, "A page of notifications", {
            type: "object",
            properties: {
              items: { type: "array", items: schema(notificationSchema) },
              unreadCount: { type: "integer" },
              nextCursor: { type: ["string", "null"] },
            },
            required: ["items", "unreadCount", "nextCursor"],
          }),
          ...errors(401, 422),
        },
      },
    },
    "/notifications/read": {
      post: {
        summary: 'Mark notifications read: {"ids": [...]} or {"all": true}',
        requestBody: jsonBody(markReadSchema),
        responses: {
          ...ok(200, "How many changed", { type: "object", properties: { updated: { type: "integer" } } }),
          ...errors(400, 401, 422),
        },
      },
    },
    "/me/watches": {
      get: {
        summary: "What you watch: models, endpoints, pipelines (by id) and experiments",
        responses: { ...ok(200, "Watches"), ...errors(401) },
      },
      put: {
        summary: "Watch something in a workspace or registry you belong to (isWatching false stops)",
        requestBody: jsonBody(watchSchema),
        responses: { ...ok(200, "The watch"), ...errors(400, 401, 404, 422) },
      },
    },
    "/me/notification-settings": {
      get: {
        summary: "Whether you hear of your own failed jobs and of deployments in prod workspaces",
        responses: { ...ok(200, "Settings", settings), ...errors(401) },
      },
      patch: {
        summary: "Change what you hear about unasked",
        requestBody: jsonBody(notificationSettingsSchema),
        responses: { ...ok(200, "Settings", settings), ...errors(400, 401, 422) },
      },
    },
  };
}
