import { endpointRoutes as routes } from "@/server/http/routes/endpoints";

export const GET = routes.get;
export const PATCH = routes.update;
export const DELETE = routes.remove;
