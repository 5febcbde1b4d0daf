import { registryModelRoutes as routes } from "@/server/http/routes/models";

export const GET = routes.getVersion;
export const PATCH = routes.updateVersion;
export const DELETE = routes.deleteVersion;
