import { workspaceDataRoutes as routes } from "@/server/http/routes/assets";

export const GET = routes.listVersions;
export const POST = routes.createVersion;
