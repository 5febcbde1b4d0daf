import { apiRoute, json, readJson } from "@/server/http/api";
import { createAccessToken, listAccessTokens } from "@/server/tokens/tokens";
import { createTokenSchema } from "@/lib/schemas/tokens";

export const GET = apiRoute(async ({ actor }) => json({ items: await listAccessTokens(actor) }));

export const POST = apiRoute(async ({ req, actor }) => {
  const { token, info } = await createAccessToken(actor, createTokenSchema.parse(await readJson(req)));
  return json({ token, ...info }, 201);
});
