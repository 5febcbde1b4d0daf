import { registryMemberRoutes as routes } from "@/server/http/routes/members";

export const GET = routes.list;
