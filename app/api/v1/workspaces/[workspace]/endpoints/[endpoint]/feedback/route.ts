import { endpointRoutes as routes } from "@/server/http/routes/endpoints";

export const POST = routes.feedback;
