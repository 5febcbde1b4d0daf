import { automationRoutes as routes } from "@/server/http/routes/automations";

export const GET = routes.firings;
