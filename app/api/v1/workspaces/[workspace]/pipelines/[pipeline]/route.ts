import { pipelineRoutes as routes } from "@/server/http/routes/pipelines";

export const GET = routes.get;
export const PUT = routes.save;
export const DELETE = routes.remove;
