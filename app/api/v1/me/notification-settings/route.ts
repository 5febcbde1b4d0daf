import { notificationRoutes as routes } from "@/server/http/routes/notifications";

export const GET = routes.settings;
export const PATCH = routes.updateSettings;
