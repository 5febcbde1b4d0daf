import { registryModelRoutes as routes } from "@/server/http/routes/models";

export const PUT = routes.putAlias;
export const DELETE = routes.deleteAlias;
