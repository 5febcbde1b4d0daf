import "server-only";
import { db } from "@/server/db";
import { timingDummyHash, verifyPassword } from "@/server/auth/passwords";
import { recordEvent } from "@/server/events/record-event";
import type { Actor } from "@/server/auth/actor";

/**
 * Checks an e-mail and password. A failure is recorded as an event (without the password) and the
 * caller learns only that the pair was wrong, not which half.
 */
export async function verifyCredentials(email: string, password: string, via: Actor["via"] = "session"): Promise<Actor | null> {
  const normalized = email.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { email: normalized } });
  const isValid = await verifyPassword(password, user?.passwordHash ?? (await timingDummyHash()));
  if (user && isValid) return { userId: user.id, email: user.email, name: user.name, via };
  await db.$transaction(async (tx) => {
    await recordEvent(tx, {
      actor: null,
      anonymousLabel: normalized.slice(0, 320) || "(no e-mail)",
      action: "auth.sign_in_failed",
      subject: { type: "user", id: user?.id ?? null, label: normalized.slice(0, 320) || "(no e-mail)" },
      data: { via, knownUser: Boolean(user) },
    });
  });
  return null;
}

export async function getUserActor(userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { id: userId } });
  return user ? { userId: user.id, email: user.email, name: user.name, via: "session" } : null;
}
