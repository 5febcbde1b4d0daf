import { jobRoutes as routes } from "@/server/http/routes/jobs";

export const GET = routes.models;
