import { workspaceModelRoutes as routes } from "@/server/http/routes/models";

export const GET = routes.getCard;
export const PUT = routes.putCard;
