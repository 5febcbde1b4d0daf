import { registryMemberRoutes as routes } from "@/server/http/routes/members";

export const PUT = routes.set;
export const DELETE = routes.remove;
