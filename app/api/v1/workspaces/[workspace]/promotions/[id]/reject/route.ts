import { workspaceGovernanceRoutes as routes } from "@/server/http/routes/governance";

export const POST = routes.reject;
