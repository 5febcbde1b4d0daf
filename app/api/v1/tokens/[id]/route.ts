import { apiRoute, json } from "@/server/http/api";
import { revokeAccessToken } from "@/server/tokens/tokens";

export const DELETE = apiRoute<{ id: string }>(async ({ params, actor }) =>
  json(await revokeAccessToken(actor, params.id)),
);
