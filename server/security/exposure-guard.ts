import "server-only";
import { isLoopbackHost } from "@/lib/network";
import { db } from "@/server/db";
import { DEFAULT_DEMO_PASSWORD, env } from "@/server/env";
import { verifyPassword } from "@/server/auth/passwords";
import { DEMO_USERS } from "@/server/seed/demo-data";

/**
 * The seeded demo users sign in with a published password. That is fine while the studio listens on
 * loopback; on any other address it would hand the studio to anyone who can reach it. Returns why the
 * studio must not start, or null when it may.
 */
export async function exposedDemoAccounts(host = env.HOST): Promise<string | null> {
  if (isLoopbackHost(host)) return null;
  const users = await db.user.findMany({
    where: { email: { in: DEMO_USERS.map((u) => u.email) } },
    select: { email: true, passwordHash: true },
  });
  const exposed: string[] = [];
  for (const user of users)
    if (await verifyPassword(DEFAULT_DEMO_PASSWORD, user.passwordHash)) exposed.push(user.email);
  if (!exposed.length) return null;
  return (
    `HOST=${host} makes the studio reachable from other machines, and ${exposed.join(", ")} still sign in with the ` +
    `published demo password "${DEFAULT_DEMO_PASSWORD}". Keep HOST on 127.0.0.1 (the default), or start once with a ` +
    "new data folder and STUDIO_DEMO_PASSWORD set to a password of your own (or STUDIO_SEED=none)."
  );
}
