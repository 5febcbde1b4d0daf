import { workspaceComponentRoutes as routes } from "@/server/http/routes/assets";

export const GET = routes.list;
export const POST = routes.register;
