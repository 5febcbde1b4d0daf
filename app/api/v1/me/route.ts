import { apiRoute, json } from "@/server/http/api";
import { listScopes } from "@/server/scopes/list-scopes";

export const GET = apiRoute(async ({ actor }) =>
  json({ email: actor.email, name: actor.name, via: actor.via, scopes: await listScopes(actor) }),
);
