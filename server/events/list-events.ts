import "server-only";
import { readEventData } from "@/server/db/stored-json";
import { db } from "@/server/db";
import type { Prisma } from "@/generated/sqlite/client";
import { AppError } from "@/lib/errors";
import { listEventsQuerySchema, type ListEventsQuery } from "@/lib/schemas/events";
import type { ScopeKind } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import type { EventDto } from "@/lib/schemas/dto";
import { dataAsSeen } from "@/server/events/data-as-seen";

export type { EventDto } from "@/lib/schemas/dto";

/**
 * The audit trail as the actor may see it: events of the workspaces and registries they belong to,
 * and events about their own account. Administrators see everything. Newest first.
 */
export async function listEvents(
  actor: Actor,
  query: ListEventsQuery,
): Promise<{ items: EventDto[]; nextCursor: string | null }> {
  const q = listEventsQuerySchema.parse(query);
  const cursor = q.cursor === undefined ? undefined : Number(q.cursor);
  if (cursor !== undefined && (!Number.isInteger(cursor) || cursor < 1))
    throw new AppError("invalid", "The cursor is not valid.", { field: "cursor" });

  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { isAdmin: true } });
  const memberships = await db.membership.findMany({ where: { userId: actor.userId }, include: { scope: true } });
  const scopes = new Map(memberships.map((m) => [m.scopeId, { kind: m.scope.kind as ScopeKind, name: m.scope.name }]));

  const and: Prisma.EventWhereInput[] = [];
  if (q.scope) {
    const [kind, name] = q.scope.split("/") as [ScopeKind, string];
    // Administrators may filter by any scope; others only by scopes they can read.
    const scopeId = user?.isAdmin
      ? (await db.scope.findUnique({ where: { kind_name: { kind, name } } }))?.id
      : (await requireScope(actor, { kind, name }, "read")).id;
    if (!scopeId)
      throw new AppError("not_found", `${kind === "workspace" ? "Workspace" : "Registry"} "${name}" was not found.`);
    and.push({ scopeId });
  } else if (!user?.isAdmin) {
    and.push({
      OR: [
        { scopeId: { in: [...scopes.keys()] } },
        { scopeId: null, actorId: actor.userId },
        { scopeId: null, subjectType: "user", subjectId: actor.userId },
      ],
    });
  }
  if (q.action) and.push({ action: { startsWith: q.action } });
  if (q.subjectType) and.push({ subjectType: q.subjectType });
  if (q.subjectId) and.push({ subjectId: q.subjectId });
  if (q.asset) and.push(assetFilter(q.asset));
  if (q.actor) and.push({ actorLabel: { startsWith: q.actor.toLowerCase() } });
  if (q.since) and.push({ at: { gte: new Date(q.since) } });
  if (q.until) and.push({ at: { lte: new Date(q.until.length === 10 ? `${q.until}T23:59:59.999Z` : q.until) } });
  if (cursor !== undefined) and.push({ seq: { lt: cursor } });

  const rows = await db.event.findMany({ where: { AND: and }, orderBy: { seq: "desc" }, take: q.limit + 1 });
  const hasMore = rows.length > q.limit;
  const page = hasMore ? rows.slice(0, q.limit) : rows;

  // Events of scopes the actor is not a member of only reach administrators; name those scopes too.
  const unknownScopeIds = [
    ...new Set(page.map((r) => r.scopeId).filter((id): id is string => !!id && !scopes.has(id))),
  ];
  if (unknownScopeIds.length) {
    for (const s of await db.scope.findMany({ where: { id: { in: unknownScopeIds } } }))
      scopes.set(s.id, { kind: s.kind as ScopeKind, name: s.name });
  }
  const memberOf = new Set(memberships.map((m) => `${m.scope.kind}/${m.scope.name}`));
  return {
    items: page.map((r) => ({
      id: r.seq,
      at: r.at.toISOString(),
      actor: r.actorLabel,
      action: r.action,
      subject: { type: r.subjectType, id: r.subjectId, label: r.subjectLabel },
      scope: r.scopeId ? (scopes.get(r.scopeId) ?? null) : null,
      reason: r.reason,
      data: dataAsSeen(readEventData(r.data), user?.isAdmin ? null : memberOf),
    })),
    nextCursor: hasMore ? String(page.at(-1)!.seq) : null,
  };
}

/** Events about an asset: its own (a model's card) and its versions' or parts' (a deployment of an endpoint). */
function assetFilter(asset: string): Prisma.EventWhereInput {
  const colon = asset.indexOf(":");
  const kind = asset.slice(0, colon);
  const name = asset.slice(colon + 1);
  const versioned = (type: string): Prisma.EventWhereInput => ({
    OR: [
      { subjectType: type, subjectLabel: { startsWith: `${name}:` } },
      { subjectType: kind, subjectLabel: name },
    ],
  });
  switch (kind) {
    case "model":
    case "data":
    case "environment":
    case "component":
      return versioned(`${kind}_version`);
    case "endpoint":
      return {
        OR: [
          { subjectType: "endpoint", subjectLabel: name },
          { subjectType: "deployment", subjectLabel: { startsWith: `${name}/` } },
        ],
      };
    case "promotion":
      return { subjectType: "promotion", subjectLabel: name.startsWith("#") ? name : `#${name}` };
    default:
      return { subjectType: kind, subjectLabel: name };
  }
}
