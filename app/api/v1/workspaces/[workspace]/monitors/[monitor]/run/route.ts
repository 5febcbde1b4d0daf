import { monitorRoutes as routes } from "@/server/http/routes/monitors";

export const POST = routes.run;
