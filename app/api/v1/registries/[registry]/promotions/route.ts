import { registryGovernanceRoutes as routes } from "@/server/http/routes/governance";

export const GET = routes.listPromotions;
export const POST = routes.createPromotion;
