import "server-only";
import { db, type Tx } from "@/server/db";
import { Prisma } from "@/generated/sqlite/client";
import { CLOUD_EVENT_CONTENT_TYPE } from "@/lib/events/cloudevent";
import {
  DEFAULT_RETRY_SCHEDULE,
  nextAttemptAt,
  parseRetrySchedule,
  retryAfterMs,
  type RetrySchedule,
} from "@/lib/webhooks/retry-schedule";
import { env } from "@/server/env";
import { recordEvent } from "@/server/events/record-event";
import { unseal } from "@/server/security/sealing";
import { postWebhook, type PostOutcome } from "@/server/webhooks/deliver-http";
import { signatureHeader } from "@/server/webhooks/signing";

// Sends due deliveries. A sender first claims deliveries with a lease (one statement: on PostgreSQL the
// rows are locked and skipped by other senders, on SQLite the statement is the only writer), so with
// several studio processes each attempt is sent by one of them; the lease outlasts one attempt, and a
// sender that dies mid-delivery leaves it to be claimed again once the lease has run out, with the same
// `webhook-id`. An attempt's result is written only while the sender still holds the lease.

export const USER_AGENT = "MLOps-Studio-Webhooks/1.0";

export type ClaimedDelivery = {
  id: string;
  webhookId: string;
  msgId: string;
  body: string;
  attempts: number;
  createdAt: Date;
};

const schedule: RetrySchedule =
  (env.STUDIO_WEBHOOK_RETRY_SCHEDULE && parseRetrySchedule(env.STUDIO_WEBHOOK_RETRY_SCHEDULE)) ||
  DEFAULT_RETRY_SCHEDULE;
const leaseMs = () => env.STUDIO_WEBHOOK_TIMEOUT_MS + 10_000;

/** Claims up to `limit` due deliveries for `owner`, counting the attempt it is about to make. */
export async function claimDeliveries(owner: string, now: Date, limit: number): Promise<ClaimedDelivery[]> {
  if (limit <= 0) return [];
  const lock = env.isPostgres ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  const rows = await db.$queryRaw<
    {
      id: string;
      webhookId: string;
      msgId: string;
      body: string;
      attempts: number | bigint;
      createdAt: Date | string;
    }[]
  >(Prisma.sql`
    UPDATE "WebhookDelivery"
    SET "leaseOwner" = ${owner}, "leaseExpiresAt" = ${new Date(now.getTime() + leaseMs())}, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "WebhookDelivery"
      WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now}
        AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < ${now})
      ORDER BY "nextAttemptAt", "createdAt"
      LIMIT ${limit}
      ${lock}
    )
    RETURNING "id", "webhookId", "msgId", "body", "attempts", "createdAt"`);
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts), createdAt: new Date(r.createdAt) }));
}

type Webhook = Awaited<ReturnType<typeof loadWebhooks>> extends Map<string, infer W> ? W : never;

/** The webhooks of claimed deliveries, by id (one query for a batch). */
export async function loadWebhooks(ids: Iterable<string>) {
  const rows = await db.webhook.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: {
      id: true,
      url: true,
      isEnabled: true,
      secretSealed: true,
      previousSecretSealed: true,
      previousSecretUntil: true,
    },
  });
  return new Map(rows.map((r) => [r.id, r]));
}

type Result = { kind: "sent"; outcome: PostOutcome } | { kind: "dead"; error: string };
/** An attempt made, to be recorded (by `settle`, several at once). */
export type Attempted = { delivery: ClaimedDelivery; startedAt: Date; result: Result };

/** Makes the claimed attempt (no database write: `settle` records it). Null when the webhook is gone. */
export async function attempt(delivery: ClaimedDelivery, webhook: Webhook | undefined): Promise<Attempted | null> {
  if (!webhook) return null; // deleted with its deliveries
  const startedAt = new Date();
  const dead = (error: string): Attempted => ({ delivery, startedAt, result: { kind: "dead", error } });
  if (!webhook.isEnabled) return dead("The webhook is turned off.");
  const secrets = [unseal("webhook-secrets", webhook.secretSealed)];
  if (webhook.previousSecretSealed && webhook.previousSecretUntil && webhook.previousSecretUntil > startedAt) {
    secrets.push(unseal("webhook-secrets", webhook.previousSecretSealed));
  }
  if (secrets.some((s) => s === null)) {
    return dead("The signing secret cannot be read (the server secret changed): rotate the secret.");
  }
  const timestamp = Math.floor(startedAt.getTime() / 1000);
  const outcome = await postWebhook(
    webhook.url,
    delivery.body,
    {
      "content-type": CLOUD_EVENT_CONTENT_TYPE,
      "user-agent": USER_AGENT,
      "webhook-id": delivery.msgId,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signatureHeader(delivery.msgId, timestamp, delivery.body, secrets as string[]),
    },
    { timeoutMs: env.STUDIO_WEBHOOK_TIMEOUT_MS, allowPrivate: env.STUDIO_WEBHOOK_ALLOW_PRIVATE },
  );
  return { delivery, startedAt, result: { kind: "sent", outcome } };
}

/** Makes one claimed attempt and records it. */
export async function sendClaimed(owner: string, delivery: ClaimedDelivery): Promise<void> {
  const made = await attempt(delivery, (await loadWebhooks([delivery.webhookId])).get(delivery.webhookId));
  if (made) await settle(owner, [made]);
}

/**
 * Records what came of attempts, in one transaction: each only while `owner` still holds its lease (a
 * sender whose lease ran out, and was taken over, writes nothing).
 */
export async function settle(owner: string, attempts: readonly Attempted[]): Promise<void> {
  if (!attempts.length) return;
  const finishedAt = new Date();
  await db.$transaction(async (tx) => {
    for (const made of attempts) await settleOne(tx, owner, made, finishedAt);
  });
}

async function settleOne(tx: Tx, owner: string, made: Attempted, finishedAt: Date): Promise<void> {
  const { delivery, startedAt, result } = made;
  const outcome: PostOutcome =
    result.kind === "sent"
      ? result.outcome
      : { statusCode: null, latencyMs: 0, response: null, retryAfter: null, error: result.error };
  const code = outcome.statusCode;
  const isDelivered = code !== null && code >= 200 && code < 300;
  const isGone = code === 410;
  const retryAt =
    isDelivered || isGone || result.kind === "dead"
      ? null
      : nextAttemptAt(schedule, delivery.attempts, delivery.createdAt, finishedAt, {
          retryAfterMs: retryAfterMs(outcome.retryAfter, finishedAt),
          jitter: Math.random(),
        });
  const error =
    outcome.error ??
    (isDelivered ? null : code !== null && code >= 300 && code < 400 ? `redirect (${code}) not followed` : null);
  const updated = await tx.webhookDelivery.updateMany({
    where: { id: delivery.id, leaseOwner: owner, attempts: delivery.attempts },
    data: {
      status: isDelivered ? "delivered" : retryAt ? "pending" : "dead",
      nextAttemptAt: retryAt ?? undefined,
      leaseOwner: null,
      leaseExpiresAt: null,
      lastStatusCode: code,
      lastLatencyMs: outcome.latencyMs,
      lastError: error,
      lastResponse: outcome.response,
      deliveredAt: isDelivered ? finishedAt : undefined,
    },
  });
  if (updated.count === 0) return; // the lease ran out and another sender took over
  await tx.webhookAttempt.create({
    data: {
      deliveryId: delivery.id,
      n: delivery.attempts,
      at: startedAt,
      statusCode: code,
      latencyMs: outcome.latencyMs,
      error,
      response: outcome.response,
    },
  });
  if (isGone) await disableGoneWebhook(tx, delivery.webhookId, finishedAt);
}

/** A 410 Gone: the receiver asks for no more deliveries; the webhook is turned off, saying so. */
async function disableGoneWebhook(tx: Tx, webhookId: string, now: Date): Promise<void> {
  const webhook = await tx.webhook.findUnique({ where: { id: webhookId } });
  if (!webhook?.isEnabled) return;
  await tx.webhook.update({
    where: { id: webhookId },
    data: {
      isEnabled: false,
      disabledAt: now,
      disabledReason: "The receiver answered 410 Gone, which asks for no more deliveries.",
    },
  });
  await recordEvent(tx, {
    actor: null,
    anonymousLabel: "webhook dispatcher",
    action: "webhook.disabled",
    subject: { type: "webhook", id: webhookId, label: webhook.url },
    scopeId: webhook.scopeId,
    reason: "The receiver answered 410 Gone.",
  });
}

/**
 * Frees the leases held by senders on this machine whose process is gone (a studio killed mid-delivery),
 * so that their deliveries are sent again as soon as a sender starts rather than when the lease runs out.
 * Sender ids are `host:pid:random`; a live process with the same pid keeps its leases.
 */
export async function releaseLeasesOfDeadSenders(host: string): Promise<number> {
  const owners = await db.webhookDelivery.findMany({
    where: { status: "pending", leaseOwner: { startsWith: `${host}:` } },
    distinct: ["leaseOwner"],
    select: { leaseOwner: true },
  });
  const dead = owners
    .map((o) => o.leaseOwner!)
    .filter((owner) => {
      const pid = Number(owner.slice(host.length + 1).split(":")[0]);
      if (!Number.isInteger(pid) || pid <= 0) return false;
      try {
        process.kill(pid, 0);
        return false;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === "ESRCH";
      }
    });
  if (!dead.length) return 0;
  const { count } = await db.webhookDelivery.updateMany({
    where: { status: "pending", leaseOwner: { in: dead } },
    data: { leaseOwner: null, leaseExpiresAt: null },
  });
  return count;
}
