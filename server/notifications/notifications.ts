import "server-only";
import { db } from "@/server/db";
import { AppError } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/cursor";
import type { ScopeKind } from "@/lib/scopes";
import type { NotificationDto, WatchInput } from "@/lib/schemas/notifications";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { env } from "@/server/env";

// A user's notifications and what they watch. Notifications of a scope they no longer belong to are not
// shown (they were made while they did).

async function memberScopes(actor: Actor) {
  const rows = await db.membership.findMany({
    where: { userId: actor.userId },
    select: { scopeId: true, scope: { select: { kind: true, name: true } } },
  });
  return new Map(rows.map((r) => [r.scopeId, { kind: r.scope.kind as ScopeKind, name: r.scope.name }]));
}

export async function listNotifications(
  actor: Actor,
  query: { unread?: string; cursor?: string; limit?: number },
): Promise<{ items: NotificationDto[]; unreadCount: number; nextCursor: string | null }> {
  const scopes = await memberScopes(actor);
  const limit = query.limit ?? 50;
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.cursor && !cursor) throw new AppError("invalid", "The cursor is not valid.", { field: "cursor" });
  const isUnreadOnly = query.unread === "1" || query.unread === "true";
  const mine = { userId: actor.userId, scopeId: { in: [...scopes.keys()] } };
  const [rows, unreadCount] = await Promise.all([
    db.notification.findMany({
      where: {
        ...mine,
        ...(isUnreadOnly ? { readAt: null } : {}),
        ...(cursor
          ? {
              OR: [
                { createdAt: { lt: new Date(String(cursor[0])) } },
                { createdAt: new Date(String(cursor[0])), id: { lt: cursor[1] } },
              ],
            }
          : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
    }),
    db.notification.count({ where: { ...mine, readAt: null } }),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((n) => ({
      id: n.id,
      eventType: n.eventType,
      title: n.title,
      link: n.link,
      reason: n.reason as NotificationDto["reason"],
      scope: scopes.get(n.scopeId)!,
      isRead: n.readAt !== null,
      createdAt: n.createdAt.toISOString(),
    })),
    unreadCount,
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt.toISOString(), last.id) : null,
  };
}

/** Marks the given notifications (or all) of the actor read; answers how many changed. */
export async function markNotificationsRead(
  actor: Actor,
  which: { ids: string[] } | { all: true },
): Promise<{ updated: number }> {
  const { count } = await db.notification.updateMany({
    where: { userId: actor.userId, readAt: null, ...("ids" in which ? { id: { in: which.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { updated: count };
}

export async function listWatches(actor: Actor) {
  const scopes = await memberScopes(actor);
  const rows = await db.watch.findMany({ where: { userId: actor.userId }, orderBy: { createdAt: "desc" } });
  return {
    items: rows
      .filter((w) => scopes.has(w.scopeId))
      .map((w) => ({ scope: scopes.get(w.scopeId)!, subjectType: w.subjectType, name: w.subjectName })),
  };
}

/** Starts (or stops) watching something in a scope the actor may read. */
export async function setWatch(actor: Actor, input: WatchInput) {
  const { isWatching } = input;
  const scope = await requireScope(actor, input.scope, "read");
  const key = { userId: actor.userId, scopeId: scope.id, subjectType: input.subjectType, subjectName: input.name };
  if (isWatching) {
    await db.watch.upsert({ where: { userId_scopeId_subjectType_subjectName: key }, create: key, update: {} });
  } else {
    await db.watch.deleteMany({ where: key });
  }
  return input;
}

export async function isWatching(actor: Actor, scopeId: string, subjectType: string, name: string): Promise<boolean> {
  const row = await db.watch.findUnique({
    where: {
      userId_scopeId_subjectType_subjectName: { userId: actor.userId, scopeId, subjectType, subjectName: name },
    },
  });
  return row !== null;
}

const SETTINGS = {
  notifyMyFailedJobs: true,
  notifyProdDeployments: true,
  emailNotifications: true,
  email: true,
} as const;

export type NotificationSettings = Awaited<ReturnType<typeof getNotificationSettings>>;

export async function getNotificationSettings(actor: Actor) {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: SETTINGS });
  return { ...user, emailAvailable: Boolean(env.STUDIO_SMTP_URL) };
}

export async function updateNotificationSettings(
  actor: Actor,
  change: { notifyMyFailedJobs?: boolean; notifyProdDeployments?: boolean; emailNotifications?: boolean },
) {
  const user = await db.user.update({ where: { id: actor.userId }, data: change, select: SETTINGS });
  return { ...user, emailAvailable: Boolean(env.STUDIO_SMTP_URL) };
}
