import { scheduleRoutes as routes } from "@/server/http/routes/schedules";

export const GET = routes.list;
export const POST = routes.create;
