import { pipelineRoutes as routes } from "@/server/http/routes/pipelines";

export const GET = routes.list;
export const POST = routes.create;
