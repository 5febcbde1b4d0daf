import { workspaceGovernanceRoutes as routes } from "@/server/http/routes/governance";

export const GET = routes.getPolicy;
export const PUT = routes.putPolicy;
