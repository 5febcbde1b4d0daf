import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/server/auth/options";
import { sessionActor } from "@/server/auth/sessions";
import type { Actor } from "@/server/auth/actor";

/**
 * The signed-in user of this request, or null. The cookie only names the user and the session; both rows
 * are re-read, and a session that was signed out (here or everywhere) or has expired counts as none.
 * Memoised per request (the layout and the page both ask).
 */
export const getSessionActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const userId = (session?.user as { id?: string } | undefined)?.id;
  const sessionId = (session as { sid?: string } | null)?.sid;
  return userId && sessionId ? sessionActor(userId, sessionId) : null;
});

/** For pages and server actions: the signed-in user, or a redirect to the sign-in page. */
export async function requirePageActor(): Promise<Actor> {
  const actor = await getSessionActor();
  if (!actor) redirect("/sign-in");
  return actor;
}
