import { registryWebhookRoutes as routes } from "@/server/http/routes/webhooks";

export const POST = routes.rotateSecret;
