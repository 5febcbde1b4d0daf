import "server-only";
import {
  listNotificationsQuerySchema,
  markReadSchema,
  notificationSettingsSchema,
  watchSchema,
} from "@/lib/schemas/notifications";
import { apiRoute, json, readJson, searchParamsOf } from "@/server/http/api";
import {
  getNotificationSettings,
  listNotifications,
  listWatches,
  markNotificationsRead,
  setWatch,
  updateNotificationSettings,
} from "@/server/notifications/notifications";

// /notifications and /me/watches, /me/notification-settings: what the caller hears about.
export const notificationRoutes = {
  list: apiRoute(async ({ req, actor }) =>
    json(await listNotifications(actor, listNotificationsQuerySchema.parse(searchParamsOf(req)))),
  ),
  read: apiRoute(async ({ req, actor }) =>
    json(await markNotificationsRead(actor, markReadSchema.parse(await readJson(req)))),
  ),
  watches: apiRoute(async ({ actor }) => json(await listWatches(actor))),
  watch: apiRoute(async ({ req, actor }) => json(await setWatch(actor, watchSchema.parse(await readJson(req))))),
  settings: apiRoute(async ({ actor }) => json(await getNotificationSettings(actor))),
  updateSettings: apiRoute(async ({ req, actor }) =>
    json(await updateNotificationSettings(actor, notificationSettingsSchema.parse(await readJson(req)))),
  ),
};
