import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/server/auth/options";
import { getUserActor } from "@/server/users/verify-credentials";
import type { Actor } from "@/server/auth/actor";

/**
 * The signed-in user of this request, or null. The session only names the user; the row is re-read.
 * Memoised per request (the layout and the page both ask).
 */
export const getSessionActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const userId = (session?.user as { id?: string } | undefined)?.id;
  return userId ? getUserActor(userId) : null;
});

/** For pages and server actions: the signed-in user, or a redirect to the sign-in page. */
export async function requirePageActor(): Promise<Actor> {
  const actor = await getSessionActor();
  if (!actor) redirect("/sign-in");
  return actor;
}
