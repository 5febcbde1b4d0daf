import { notificationRoutes as routes } from "@/server/http/routes/notifications";

export const POST = routes.read;
