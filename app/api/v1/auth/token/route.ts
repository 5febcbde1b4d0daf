import { json, publicApiRoute, readJson } from "@/server/http/api";
import { createAccessTokenWithPassword } from "@/server/tokens/tokens";
import { clientAddressOf } from "@/server/auth/sign-in-throttle";

/** For scripts and CI: trade an e-mail and password for a personal access token. */
export const POST = publicApiRoute(async ({ req }) => {
  const { token, info } = await createAccessTokenWithPassword(await readJson(req), clientAddressOf(req.headers));
  return json({ token, ...info }, 201);
});
