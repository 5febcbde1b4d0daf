import { monitorRoutes as routes } from "@/server/http/routes/monitors";

export const GET = routes.get;
export const PATCH = routes.update;
export const DELETE = routes.remove;
