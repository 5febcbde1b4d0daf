import "server-only";
import { db, runAfterCommit } from "@/server/db";
import { AppError, conflict, notFound } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/cursor";
import { CLOUD_EVENT_TYPE_PREFIX } from "@/lib/events/catalog";
import type { CloudEvent } from "@/lib/events/cloudevent";
import { pages } from "@/lib/routes";
import type { ScopeRef } from "@/lib/scopes";
import type { WebhookDeliveryDto } from "@/lib/schemas/webhooks";
import { actorLabel, type Actor } from "@/server/auth/actor";
import { env } from "@/server/env";
import { notifyEventsRecorded } from "@/server/events/event-signal";
import { recordEvent } from "@/server/events/record-event";
import { findManagedWebhook } from "@/server/webhooks/manage-webhooks";
import { newMsgId } from "@/server/webhooks/route-events";
import { toDeliveryDto } from "@/server/webhooks/webhook-dto";

// A webhook's deliveries: what was sent, how often, what came back; a dead delivery sent again by hand
// (with the same `webhook-id`, so the receiver can tell it is the same message); and a test event.

export const TEST_EVENT_TYPE = "webhook.test";

export async function listDeliveries(
  actor: Actor,
  ref: ScopeRef,
  id: string,
  query: { cursor?: string; limit?: number; status?: string },
): Promise<{ items: WebhookDeliveryDto[]; nextCursor: string | null }> {
  const { webhook } = await findManagedWebhook(actor, ref, id);
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.cursor && !cursor) throw new AppError("invalid", "The cursor is not valid.", { field: "cursor" });
  if (query.status && !["pending", "delivered", "dead"].includes(query.status)) {
    throw new AppError("invalid", "status is one of pending, delivered, dead.", { field: "status" });
  }
  const rows = await db.webhookDelivery.findMany({
    where: {
      webhookId: webhook.id,
      ...(query.status ? { status: query.status } : {}),
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
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toDeliveryDto),
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt.toISOString(), last.id) : null,
  };
}

/** Sends a delivery again, now, with the same `webhook-id` (it is the same message). */
export async function redeliver(
  actor: Actor,
  ref: ScopeRef,
  id: string,
  deliveryId: string,
): Promise<WebhookDeliveryDto> {
  return db.$transaction(async (tx) => {
    const { access, webhook } = await findManagedWebhook(actor, ref, id, tx);
    const delivery = await tx.webhookDelivery.findFirst({ where: { id: deliveryId, webhookId: webhook.id } });
    if (!delivery) throw notFound(`Delivery "${deliveryId}"`);
    if (delivery.status === "pending") throw conflict("This delivery is still being tried; wait for it to end.");
    if (!webhook.isEnabled) throw conflict("The webhook is turned off: turn it on to send deliveries again.");
    const row = await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        status: "pending",
        nextAttemptAt: new Date(),
        leaseOwner: null,
        leaseExpiresAt: null,
        createdAt: new Date(),
      },
    });
    await recordEvent(tx, {
      actor,
      action: "webhook.redelivered",
      subject: { type: "webhook", id: webhook.id, label: webhook.url },
      scopeId: access.scope.id,
      data: { delivery: delivery.id, msgId: delivery.msgId },
    });
    runAfterCommit(notifyEventsRecorded);
    return toDeliveryDto(row);
  });
}

/** Queues a test event for the webhook (whatever its filters), to check the receiver and its signature check. */
export async function sendTestEvent(actor: Actor, ref: ScopeRef, id: string): Promise<WebhookDeliveryDto> {
  return db.$transaction(async (tx) => {
    const { access, webhook } = await findManagedWebhook(actor, ref, id, tx);
    if (!webhook.isEnabled) throw conflict("The webhook is turned off: turn it on to send a test event.");
    const now = new Date();
    const msgId = newMsgId();
    const event: CloudEvent = {
      specversion: "1.0",
      id: `test_${msgId.slice("msg_".length)}`,
      source: pages.scope(access.scope),
      type: CLOUD_EVENT_TYPE_PREFIX + TEST_EVENT_TYPE,
      subject: `webhooks/${webhook.id}`,
      time: now.toISOString(),
      datacontenttype: "application/json",
      data: {
        message: "A test event from MLOps Studio: if its signature verifies, this webhook is set up right.",
        scope: { kind: access.scope.kind, name: access.scope.name },
        actor: actorLabel(actor),
        links: { ui: env.studioUrl + pages.scope(access.scope), api: null },
      },
    };
    const row = await tx.webhookDelivery.create({
      data: {
        webhookId: webhook.id,
        msgId,
        eventType: TEST_EVENT_TYPE,
        body: JSON.stringify(event),
        nextAttemptAt: now,
      },
    });
    runAfterCommit(notifyEventsRecorded);
    return toDeliveryDto(row);
  });
}
