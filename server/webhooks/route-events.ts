import "server-only";
import { randomBytes } from "node:crypto";
import { db, queryRows, type Tx } from "@/server/db";
import { Prisma } from "@/generated/sqlite/client";
import { CLOUD_EVENT_TYPE_PREFIX, eventSubject, matchesEventType, publicEventType } from "@/lib/events/catalog";
import { toCloudEvent, type CloudEvent } from "@/lib/events/cloudevent";
import { roleAllows, isRole } from "@/lib/permissions";
import type { ScopeKind } from "@/lib/scopes";
import { parseTagFilter, tagsMatch } from "@/lib/tag-filter";
import { env } from "@/server/env";
import { readEventData } from "@/server/db/stored-json";
import { dataAsSeen } from "@/server/events/data-as-seen";
import { webhookEventsSchema } from "@/server/webhooks/webhook-dto";
import { notificationsFor, type RoutedEvent } from "@/server/notifications/route-notifications";
import { firingsFor, type RuleEvent } from "@/server/automations/route-rules";

// Routes the outbox: each public event, in `seq` order, becomes one delivery per matching webhook of its
// scope, a notification for each user who hears of it (server/notifications) and a firing of each rule
// it sets off (server/automations), in one transaction that also removes the event from the outbox (a
// crash re-routes it; nothing is lost or doubled). With several studio processes on PostgreSQL only one routes at a time (an advisory
// lock held for the transaction), which keeps each webhook's deliveries in event order.

const ROUTER_LOCK = 7_310_042;
const BATCH = 200;

type Webhook = {
  id: string;
  scopeId: string;
  events: string[];
  subjectPrefix: string | null;
  tags: ReturnType<typeof parseTagFilter>;
  createdById: string | null;
};

/** A delivery's `webhook-id`: unique, and the same on every try. */
export const newMsgId = () => `msg_${randomBytes(16).toString("base64url")}`;

/** Routes up to one batch of the outbox; answers how many events it routed. */
export async function routeEvents(now = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    if (env.isPostgres) {
      const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>(
        Prisma.sql`SELECT pg_try_advisory_xact_lock(${ROUTER_LOCK}) AS "locked"`,
      );
      if (!locked) return 0;
    }
    const outbox = await tx.eventOutbox.findMany({ orderBy: { seq: "asc" }, take: BATCH });
    if (!outbox.length) return 0;
    const seqs = outbox.map((o) => o.seq);
    const events = await tx.event.findMany({ where: { seq: { in: seqs } }, orderBy: { seq: "asc" } });
    const scopeIds = [...new Set(events.flatMap((e) => (e.scopeId ? [e.scopeId] : [])))];
    const scopes = new Map(
      (
        await tx.scope.findMany({
          where: { id: { in: scopeIds } },
          select: { id: true, kind: true, name: true, stage: true },
        })
      ).map((s) => [s.id, { kind: s.kind as ScopeKind, name: s.name, stage: s.stage }]),
    );
    const webhooks = await activeWebhooks(tx, scopeIds, now);
    const creatorScopes = await creatorMemberships(tx, webhooks);

    const deliveries: Prisma.WebhookDeliveryCreateManyInput[] = [];
    const told: RoutedEvent[] = [];
    const ruleEvents: RuleEvent[] = [];
    for (const event of events) {
      const scope = event.scopeId ? scopes.get(event.scopeId) : undefined;
      if (!scope || !event.scopeId) continue;
      const data = readEventData(event.data);
      const type = publicEventType(event.action, data);
      if (!type) continue;
      told.push({ ...event, scopeId: event.scopeId, type, scope, data });
      ruleEvents.push({
        seq: event.seq,
        at: event.at,
        type,
        subject: eventSubject(event.subjectType, event.subjectLabel),
        scopeId: event.scopeId,
        isWorkspace: scope.kind === "workspace",
        data,
        causeSeq: event.causeSeq,
        chainDepth: event.chainDepth,
      });
      for (const hook of webhooks.get(event.scopeId) ?? []) {
        const memberOf = hook.createdById ? (creatorScopes.get(hook.createdById) ?? new Set<string>()) : null;
        const cloudEvent = toCloudEvent(
          { ...event, scope, data: dataAsSeen(data, memberOf), reason: event.reason },
          env.studioUrl,
        );
        if (!cloudEvent || !matches(hook, cloudEvent)) continue;
        deliveries.push({
          webhookId: hook.id,
          eventSeq: event.seq,
          msgId: newMsgId(),
          eventType: cloudEvent.type.slice(CLOUD_EVENT_TYPE_PREFIX.length),
          body: JSON.stringify(cloudEvent),
          nextAttemptAt: now,
        });
      }
    }
    if (deliveries.length) await tx.webhookDelivery.createMany({ data: deliveries });
    const notifications = await notificationsFor(tx, told);
    if (notifications.length) await tx.notification.createMany({ data: notifications });
    const firings = await firingsFor(tx, ruleEvents);
    if (firings.length) await tx.automationFiring.createMany({ data: firings });
    await tx.eventOutbox.deleteMany({ where: { seq: { in: seqs } } });
    return outbox.length;
  });
}

function matches(hook: Webhook, event: CloudEvent): boolean {
  const type = event.type.slice(CLOUD_EVENT_TYPE_PREFIX.length);
  if (!matchesEventType(type, hook.events)) return false;
  if (hook.subjectPrefix && !event.subject.startsWith(hook.subjectPrefix)) return false;
  // A tag filter narrows model events; other events carry no model tags and pass.
  if (type.startsWith("model.") && hook.tags.ok && hook.tags.conditions.length) {
    const tags = event.data.tags;
    if (!tags || typeof tags !== "object") return false;
    return tagsMatch(hook.tags.conditions, tags as Record<string, string>);
  }
  return true;
}

/**
 * The enabled webhooks of the scopes, by scope. A webhook whose creator may no longer change the scope
 * (removed, or made a reader) is turned off here, saying why, rather than keep sending in their name.
 */
async function activeWebhooks(tx: Tx, scopeIds: string[], now: Date): Promise<Map<string, Webhook[]>> {
  const rows = await tx.webhook.findMany({ where: { scopeId: { in: scopeIds }, isEnabled: true } });
  const creators = [...new Set(rows.flatMap((r) => (r.createdById ? [r.createdById] : [])))];
  const roles = new Map(
    (
      await tx.membership.findMany({
        where: { scopeId: { in: scopeIds }, userId: { in: creators } },
        select: { scopeId: true, userId: true, role: true },
      })
    ).map((m) => [`${m.scopeId} ${m.userId}`, m.role]),
  );
  const byScope = new Map<string, Webhook[]>();
  for (const row of rows) {
    const role = row.createdById ? roles.get(`${row.scopeId} ${row.createdById}`) : "owner";
    if (!role || !isRole(role) || !roleAllows(role, "write")) {
      await tx.webhook.update({
        where: { id: row.id },
        data: {
          isEnabled: false,
          disabledAt: now,
          disabledReason: `Turned off: ${row.createdByLabel}, who created it, may no longer change this scope.`,
        },
      });
      continue;
    }
    const list = byScope.get(row.scopeId) ?? [];
    list.push({
      id: row.id,
      scopeId: row.scopeId,
      events: webhookEventsSchema.parse(JSON.parse(row.events)),
      subjectPrefix: row.subjectPrefix,
      tags: parseTagFilter(row.tagFilter),
      createdById: row.createdById,
    });
    byScope.set(row.scopeId, list);
  }
  return byScope;
}

/** Each creator's scopes ("workspace/dev"), to hide a registry copy's origin they may not see. */
async function creatorMemberships(tx: Tx, webhooks: Map<string, Webhook[]>): Promise<Map<string, Set<string>>> {
  const creators = [...new Set([...webhooks.values()].flat().flatMap((w) => (w.createdById ? [w.createdById] : [])))];
  const result = new Map<string, Set<string>>();
  if (!creators.length) return result;
  const rows = await queryRows<{ userId: string; kind: string; name: string }>(
    Prisma.sql`SELECT m."userId", s."kind", s."name" FROM "Membership" m JOIN "Scope" s ON s."id" = m."scopeId"
      WHERE m."userId" IN (${Prisma.join(creators)})`,
    tx,
  );
  for (const row of rows) {
    const set = result.get(row.userId) ?? new Set<string>();
    set.add(`${row.kind}/${row.name}`);
    result.set(row.userId, set);
  }
  return result;
}
