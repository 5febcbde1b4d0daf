import { registryWebhookRoutes as routes } from "@/server/http/routes/webhooks";

export const GET = routes.getPolicy;
export const PUT = routes.setPolicy;
