import { registryModelRoutes as routes } from "@/server/http/routes/models";

export const GET = routes.listAliases;
