import "server-only";
import { runAfterCommit, type Tx } from "@/server/db";
import { publicEventType } from "@/lib/events/catalog";
import { actorLabel, type Actor } from "@/server/auth/actor";
import { notifyEventsRecorded } from "@/server/events/event-signal";
import { currentEventCause } from "@/server/events/event-cause";

export type EventInput = {
  actor: Actor | null;
  /** Shown when there is no signed-in actor, e.g. the e-mail given at a failed sign-in. */
  anonymousLabel?: string;
  action: string;
  subject: { type: string; id?: string | null; label: string };
  scopeId?: string | null;
  reason?: string | null;
  data?: Record<string, unknown>;
};

/**
 * Writes one audit event; call it inside the transaction of the change it records. A public event of a
 * scope (lib/events/catalog.ts) also goes into the outbox, from which it is routed to webhooks once the
 * transaction has committed.
 */
export async function recordEvent(tx: Tx, input: EventInput): Promise<void> {
  const cause = currentEventCause();
  const { seq } = await tx.event.create({
    data: {
      causeSeq: cause?.causeSeq ?? null,
      chainDepth: cause?.depth ?? 0,
      actorId: input.actor?.userId ?? null,
      actorLabel: input.actor ? actorLabel(input.actor) : (input.anonymousLabel ?? "anonymous"),
      action: input.action,
      subjectType: input.subject.type,
      subjectId: input.subject.id ?? null,
      subjectLabel: input.subject.label,
      scopeId: input.scopeId ?? null,
      reason: input.reason?.trim() ? input.reason.trim() : null,
      data: JSON.stringify(input.data ?? {}),
    },
    select: { seq: true },
  });
  if (input.scopeId && publicEventType(input.action, input.data ?? {})) {
    await tx.eventOutbox.create({ data: { seq } });
    runAfterCommit(notifyEventsRecorded);
  }
}
