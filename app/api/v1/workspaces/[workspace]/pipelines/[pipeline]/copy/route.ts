import { pipelineRoutes as routes } from "@/server/http/routes/pipelines";

export const POST = routes.copy;
