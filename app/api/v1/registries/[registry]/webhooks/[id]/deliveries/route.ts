import { registryWebhookRoutes as routes } from "@/server/http/routes/webhooks";

export const GET = routes.deliveries;
