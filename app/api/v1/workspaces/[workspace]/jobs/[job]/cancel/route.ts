import { jobRoutes as routes } from "@/server/http/routes/jobs";

export const POST = routes.cancel;
