import { scheduleRoutes as routes } from "@/server/http/routes/schedules";

export const GET = routes.runs;
