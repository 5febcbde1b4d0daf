import { registryWebhookRoutes as routes } from "@/server/http/routes/webhooks";

export const GET = routes.get;
export const PATCH = routes.update;
export const DELETE = routes.remove;
