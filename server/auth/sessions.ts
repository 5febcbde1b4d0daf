import "server-only";
import { db, queryRows } from "@/server/db";
import { Prisma } from "@/generated/sqlite/client";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/server/events/record-event";
import type { Actor } from "@/server/auth/actor";

// Browser sessions. The cookie is a signed JWT (next-auth) that names a Session row; the row decides
// whether it still works. Signing out revokes the row, so a copied cookie dies with it, and "sign out
// everywhere" revokes every row of the user. Nothing here touches NEXTAUTH_SECRET: endpoint keys sealed
// under it keep working.

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;

/** A new session for a user who just signed in; its id goes into the cookie. */
export async function openSession(userId: string): Promise<string> {
  const row = await db.session.create({
    data: { userId, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) },
    select: { id: true },
  });
  return row.id;
}

type SessionUserRow = { userId: string; email: string; name: string; revokedAt: unknown; expiresAt: unknown };

/** The session's user, while the session is neither revoked nor expired (one query: it runs on every page). */
export async function sessionActor(userId: string, sessionId: string): Promise<Actor | null> {
  const [row] = await queryRows<SessionUserRow>(Prisma.sql`
    SELECT u."id" AS "userId", u."email", u."name", s."revokedAt", s."expiresAt"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."id" = ${sessionId} AND s."userId" = ${userId}`);
  if (!row || row.revokedAt !== null) return null;
  const expiresAt = row.expiresAt instanceof Date ? row.expiresAt.getTime() : new Date(String(row.expiresAt)).getTime();
  if (expiresAt <= Date.now()) return null;
  return { userId: row.userId, email: row.email, name: row.name, via: "session" };
}

/** Sign-out: this session stops working now. */
export async function endSession(sessionId: string): Promise<void> {
  await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** "Sign out everywhere": every session of the actor stops working (access tokens are not sessions). */
export async function endAllSessions(actor: Actor): Promise<{ ended: number }> {
  if (actor.jobId) throw new AppError("forbidden", "A job's token cannot end its user's sessions.");
  return db.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({
      where: { userId: actor.userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await recordEvent(tx, {
      actor,
      action: "auth.signed_out_everywhere",
      subject: { type: "user", id: actor.userId, label: actor.email },
      data: { sessions: count },
    });
    return { ended: count };
  });
}
