import { scheduleRoutes as routes } from "@/server/http/routes/schedules";

export const GET = routes.get;
export const PATCH = routes.update;
export const DELETE = routes.remove;
