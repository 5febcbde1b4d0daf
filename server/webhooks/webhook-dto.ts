import "server-only";
import type { ScopeKind } from "@/lib/scopes";
import type { WebhookDeliveryDto, WebhookDto } from "@/lib/schemas/webhooks";
import { z } from "zod";

/** The `events` column: the event type patterns a webhook was created with (JSON). */
export const webhookEventsSchema = z.array(z.string());

/** The `body` column: the CloudEvent sent (only its subject is read back). */
const deliveryBodySchema = z.object({ subject: z.string().optional() });

type WebhookRow = {
  id: string;
  url: string;
  description: string;
  events: string;
  subjectPrefix: string | null;
  tagFilter: string | null;
  isEnabled: boolean;
  disabledReason: string | null;
  disabledAt: Date | null;
  previousSecretUntil: Date | null;
  createdByLabel: string;
  createdAt: Date;
  updatedAt: Date;
};

export function toWebhookDto(row: WebhookRow, scope: { kind: string; name: string }): WebhookDto {
  return {
    id: row.id,
    scope: { kind: scope.kind as ScopeKind, name: scope.name },
    url: row.url,
    description: row.description,
    events: webhookEventsSchema.parse(JSON.parse(row.events)),
    subjectPrefix: row.subjectPrefix,
    tags: row.tagFilter,
    isEnabled: row.isEnabled,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    previousSecretUntil: row.previousSecretUntil?.toISOString() ?? null,
    createdBy: row.createdByLabel,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

type DeliveryRow = {
  id: string;
  msgId: string;
  eventType: string;
  eventSeq: number | null;
  body: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  lastResponse: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
};

export function toDeliveryDto(row: DeliveryRow): WebhookDeliveryDto {
  return {
    id: row.id,
    msgId: row.msgId,
    eventType: row.eventType,
    eventId: row.eventSeq === null ? null : `evt_${row.eventSeq}`,
    subject: deliveryBodySchema.parse(JSON.parse(row.body)).subject ?? null,
    status: row.status as WebhookDeliveryDto["status"],
    attempts: row.attempts,
    nextAttemptAt: row.status === "pending" ? row.nextAttemptAt.toISOString() : null,
    lastStatusCode: row.lastStatusCode,
    lastLatencyMs: row.lastLatencyMs,
    lastError: row.lastError,
    lastResponse: row.lastResponse,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
