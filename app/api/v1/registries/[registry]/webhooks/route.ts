import { registryWebhookRoutes as routes } from "@/server/http/routes/webhooks";

export const GET = routes.list;
export const POST = routes.create;
