import { endpointRoutes as routes } from "@/server/http/routes/endpoints";

export const GET = routes.getDeployment;
export const PATCH = routes.updateDeployment;
export const DELETE = routes.removeDeployment;
