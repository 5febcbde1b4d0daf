import { apiRoute, json } from "@/server/http/api";
import { listScopes } from "@/server/scopes/list-scopes";

export const GET = apiRoute(async ({ actor }) => json({ items: await listScopes(actor, "workspace") }));
