import { automationRoutes as routes } from "@/server/http/routes/automations";

export const GET = routes.get;
export const PATCH = routes.update;
export const DELETE = routes.remove;
