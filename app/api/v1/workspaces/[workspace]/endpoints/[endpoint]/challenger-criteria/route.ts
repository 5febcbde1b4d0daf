import { endpointRoutes as routes } from "@/server/http/routes/endpoints";

export const PUT = routes.setChallengerCriteria;
