import { workspaceComponentRoutes as routes } from "@/server/http/routes/assets";

export const GET = routes.listVersions;
