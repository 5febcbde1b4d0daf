import { jobRoutes as routes } from "@/server/http/routes/jobs";

export const GET = routes.listOutput;
export const POST = routes.uploadOutput;
