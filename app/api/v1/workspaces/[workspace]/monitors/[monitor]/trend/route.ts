import { monitorRoutes as routes } from "@/server/http/routes/monitors";

export const GET = routes.trend;
