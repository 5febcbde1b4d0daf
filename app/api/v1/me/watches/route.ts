import { notificationRoutes as routes } from "@/server/http/routes/notifications";

export const GET = routes.watches;
export const PUT = routes.watch;
