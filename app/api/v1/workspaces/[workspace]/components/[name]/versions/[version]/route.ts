import { workspaceComponentRoutes as routes } from "@/server/http/routes/assets";

export const GET = routes.getVersion;
export const PATCH = routes.updateVersion;
