import { endpointRoutes as routes } from "@/server/http/routes/endpoints";

export const GET = routes.listDeployments;
export const POST = routes.createDeployment;
