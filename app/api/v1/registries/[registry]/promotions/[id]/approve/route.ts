import { registryGovernanceRoutes as routes } from "@/server/http/routes/governance";

export const POST = routes.approve;
