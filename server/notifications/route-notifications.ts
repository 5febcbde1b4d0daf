import "server-only";
import type { Tx } from "@/server/db";
import type { Prisma } from "@/generated/sqlite/client";
import { eventLinks } from "@/lib/events/cloudevent";
import { notificationTitle } from "@/lib/events/notification-text";
import type { ScopeKind } from "@/lib/scopes";
import { env } from "@/server/env";
import { isApprover } from "@/lib/governance/approvers";
import { isRole } from "@/lib/permissions";
import { policySnapshotSchema } from "@/lib/schemas/governance";

// Who hears of an event: those who watch what it is about (the model, the endpoint, the pipeline, the
// experiment of a job), whoever submitted a job that failed, and the members of a prod workspace when a
// deployment comes up there. Nobody hears of a scope they cannot read, nor of their own doing.

export type RoutedEvent = {
  seq: number;
  type: string;
  actorId: string | null;
  subjectId: string | null;
  subjectType: string;
  subjectLabel: string;
  scopeId: string;
  scope: { kind: ScopeKind; name: string; stage: string | null };
  data: Record<string, unknown>;
};

type Reason = "watch" | "my_job" | "prod_deployment" | "approval";

/** What a watch of this event's subject is keyed by (null: nothing to watch). */
function watchedSubject(event: RoutedEvent): { subjectType: string; subjectName: string } | null {
  const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
  const [kind] = event.type.split(".");
  switch (kind) {
    case "model": {
      const name = str(event.data.name) ?? event.subjectLabel.slice(0, event.subjectLabel.lastIndexOf(":"));
      return { subjectType: "model", subjectName: name };
    }
    case "endpoint":
      return { subjectType: "endpoint", subjectName: event.subjectLabel };
    case "deployment":
      return { subjectType: "endpoint", subjectName: event.subjectLabel.split("/")[0] };
    case "job": {
      const experiment = str(event.data.experiment);
      return experiment ? { subjectType: "experiment", subjectName: experiment } : null;
    }
    case "pipeline_job": {
      const pipeline = str(event.data.pipelineId);
      return pipeline ? { subjectType: "pipeline", subjectName: pipeline } : null;
    }
    default:
      return null;
  }
}

/** The notifications the events make, one per user and event (the first reason found wins). */
export async function notificationsFor(
  tx: Tx,
  events: readonly RoutedEvent[],
): Promise<Prisma.NotificationCreateManyInput[]> {
  if (!events.length) return [];
  const scopeIds = [...new Set(events.map((e) => e.scopeId))];
  const members = await tx.membership.findMany({
    where: { scopeId: { in: scopeIds } },
    select: {
      scopeId: true,
      userId: true,
      role: true,
      user: {
        select: { email: true, notifyMyFailedJobs: true, notifyProdDeployments: true, emailNotifications: true },
      },
    },
  });
  const membersOf = new Map<string, typeof members>();
  for (const m of members) membersOf.set(m.scopeId, [...(membersOf.get(m.scopeId) ?? []), m]);
  const watches = await tx.watch.findMany({ where: { scopeId: { in: scopeIds } } });
  const failedJobIds = events
    .filter((e) => (e.type === "job.failed" || e.type === "pipeline_job.failed") && e.subjectId)
    .map((e) => e.subjectId!);
  const submitters = new Map(
    failedJobIds.length
      ? (await tx.job.findMany({ where: { id: { in: failedJobIds } }, select: { id: true, createdById: true } })).map(
          (j) => [j.id, j.createdById],
        )
      : [],
  );

  const promotionIds = events.filter((e) => e.type.startsWith("promotion.") && e.subjectId).map((e) => e.subjectId!);
  const promotions = new Map(
    promotionIds.length
      ? (
          await tx.promotionRequest.findMany({
            where: { id: { in: promotionIds } },
            select: { id: true, requestedById: true, policy: true },
          })
        ).map((p) => [
          p.id,
          { requestedById: p.requestedById, policy: policySnapshotSchema.parse(JSON.parse(p.policy)) },
        ])
      : [],
  );

  const notes: Prisma.NotificationCreateManyInput[] = [];
  for (const event of events) {
    const scopeMembers = membersOf.get(event.scopeId) ?? [];
    const isMember = new Set(scopeMembers.map((m) => m.userId));
    const recipients = new Map<string, Reason>();
    const add = (userId: string | null | undefined, reason: Reason) => {
      if (!userId || userId === event.actorId || !isMember.has(userId) || recipients.has(userId)) return;
      recipients.set(userId, reason);
    };
    const watched = watchedSubject(event);
    if (watched) {
      for (const w of watches) {
        if (
          w.scopeId === event.scopeId &&
          w.subjectType === watched.subjectType &&
          w.subjectName === watched.subjectName
        )
          add(w.userId, "watch");
      }
    }
    if (event.subjectId && submitters.has(event.subjectId)) {
      const submitter = submitters.get(event.subjectId);
      if (scopeMembers.find((m) => m.userId === submitter)?.user.notifyMyFailedJobs) add(submitter, "my_job");
    }
    if (event.type === "deployment.succeeded" && event.scope.stage === "prod") {
      for (const m of scopeMembers) if (m.user.notifyProdDeployments) add(m.userId, "prod_deployment");
    }
    // A request reaches those who may decide it; its outcome reaches whoever made it.
    const promotion = event.subjectId ? promotions.get(event.subjectId) : undefined;
    if (promotion && event.type === "promotion.requested") {
      for (const m of scopeMembers)
        if (
          m.userId !== promotion.requestedById &&
          isApprover(promotion.policy, { userId: m.userId, email: m.user.email, role: isRole(m.role) ? m.role : null })
        )
          add(m.userId, "approval");
    } else if (promotion && event.type !== "promotion.requested") {
      add(promotion.requestedById, "approval");
    }
    if (!recipients.size) continue;
    const title = notificationTitle({
      type: event.type,
      subjectLabel: event.subjectLabel,
      data: event.data,
      scopeName: event.scope.name,
    });
    const link =
      eventLinks(event)?.ui ?? `/${event.scope.kind === "workspace" ? "workspaces" : "registries"}/${event.scope.name}`;
    for (const [userId, reason] of recipients) {
      // Those who asked for e-mail get a copy, once a mail server is set; the sender takes it from here.
      const wantsEmail =
        Boolean(env.STUDIO_SMTP_URL) && scopeMembers.find((m) => m.userId === userId)?.user.emailNotifications;
      notes.push({
        userId,
        scopeId: event.scopeId,
        eventSeq: event.seq,
        eventType: event.type,
        title,
        link,
        reason,
        ...(wantsEmail ? { emailStatus: "pending", emailNextAttemptAt: new Date() } : {}),
      });
    }
  }
  return notes;
}
