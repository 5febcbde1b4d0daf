import "server-only";
import { db } from "@/server/db";
import { conflict, invalid, notFound } from "@/lib/errors";
import { fillTemplate, type MatchableEvent, type RuleAction } from "@/lib/automations/rule";
import type { ActionResult } from "@/lib/schemas/automations";
import { pages } from "@/lib/routes";
import type { Actor } from "@/server/auth/actor";
import { env } from "@/server/env";
import { resubmitJob } from "@/server/jobs/resubmit-job";
import { registerModelFromOutput } from "@/server/jobs/register-model-from-output";
import { getModelVersion } from "@/server/models/get-model-version";
import { updateModelVersion } from "@/server/models/update-model-version";
import { newMsgId } from "@/server/webhooks/route-events";
import { toCloudEvent } from "@/lib/events/cloudevent";
import { submitPipelineVersion } from "@/server/pipelines/submit-pipeline-version";

// What a rule's actions do, each through the same domain function a person's request takes, with the
// rule's author as the actor: their rights are checked again here, at firing time.

export type FiringContext = {
  actor: Actor;
  workspace: string;
  scopeId: string;
  ruleName: string;
  event: MatchableEvent & {
    id: string;
    seq: number;
    at: Date;
    action: string;
    subjectType: string;
    subjectLabel: string;
    actorLabel: string;
    reason: string | null;
  };
};

const ws = (workspace: string) => ({ kind: "workspace" as const, name: workspace });

function filled(text: string, ctx: FiringContext): string {
  const result = fillTemplate(text, ctx.event);
  if (!result.ok) throw invalid(result.message);
  return result.value;
}

function fillAll(values: Record<string, string>, ctx: FiringContext): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, filled(v, ctx)]));
}

/** The job an event is about, for actions that act on "the event's job". */
function eventJob(ctx: FiringContext): string {
  if (ctx.event.subjectType !== "job") throw conflict(`The event is about ${ctx.event.subject}, not a job.`);
  return ctx.event.subjectLabel;
}

/** The model version an event is about. */
function eventModelVersion(ctx: FiringContext): { name: string; version: number } {
  const { name, version } = ctx.event.data;
  if (ctx.event.subjectType !== "model_version" || typeof name !== "string" || typeof version !== "number")
    throw conflict(`The event is about ${ctx.event.subject}, not a model version.`);
  return { name, version };
}

export async function runAction(action: RuleAction, ctx: FiringContext): Promise<ActionResult> {
  switch (action.type) {
    case "submit_pipeline": {
      const inputs = Object.fromEntries(
        Object.entries(action.inputs).map(([k, v]) => [
          k,
          typeof v === "string" ? filled(v, ctx) : { data: filled(v.data, ctx) },
        ]),
      );
      const { job, ran } = await submitPipelineVersion(ctx.actor, ctx.workspace, action.pipeline, action.version, {
        inputs,
      });
      return {
        action: action.type,
        ok: true,
        message: `Submitted ${ran} as job ${job.name}.`,
        link: pages.job(ctx.workspace, job.name),
      };
    }
    case "rerun_job": {
      const name = action.job ? filled(action.job, ctx) : eventJob(ctx);
      const job = await resubmitJob(ctx.actor, ctx.workspace, name);
      return {
        action: action.type,
        ok: true,
        message: `Re-ran job ${name} as ${job.name}.`,
        link: pages.job(ctx.workspace, job.name),
      };
    }
    case "register_model": {
      const job = eventJob(ctx);
      const version = await registerModelFromOutput(ctx.actor, ctx.workspace, job, action.output, {
        name: action.model,
        tags: fillAll(action.tags, ctx),
        description: action.description ? filled(action.description, ctx) : undefined,
      });
      return {
        action: action.type,
        ok: true,
        message: `Registered ${version.name}:${version.version} from output ${action.output} of job ${job}.`,
        link: pages.assetVersion(ws(ctx.workspace), "models", version.name, version.version),
      };
    }
    case "set_model_tags": {
      const { name, version } = eventModelVersion(ctx);
      const current = await getModelVersion(ctx.actor, ws(ctx.workspace), name, version);
      const tags = { ...current.tags, ...fillAll(action.tags, ctx) };
      for (const key of action.remove) delete tags[key];
      await updateModelVersion(ctx.actor, ws(ctx.workspace), name, version, { tags });
      return {
        action: action.type,
        ok: true,
        message: `Set the tags of ${name}:${version}.`,
        link: pages.assetVersion(ws(ctx.workspace), "models", name, version),
      };
    }
    case "notify":
      return notify(action, ctx);
    case "call_webhook":
      return callWebhook(action, ctx);
  }
}

async function notify(action: Extract<RuleAction, { type: "notify" }>, ctx: FiringContext): Promise<ActionResult> {
  const emails = action.users.length ? action.users : [ctx.actor.email];
  // Only members hear of a workspace, as with every notification.
  const members = await db.membership.findMany({
    where: { scopeId: ctx.scopeId, user: { email: { in: emails } } },
    select: { userId: true, user: { select: { email: true, emailNotifications: true } } },
  });
  const strangers = emails.filter((e) => !members.some((m) => m.user.email === e));
  const title = action.message
    ? filled(action.message, ctx)
    : `Rule ${ctx.ruleName}: ${ctx.event.type} on ${ctx.event.subject}`;
  const link = eventPage(ctx) ?? pages.automations(ctx.workspace);
  for (const m of members) {
    const email =
      env.STUDIO_SMTP_URL && m.user.emailNotifications
        ? { emailStatus: "pending", emailNextAttemptAt: new Date() }
        : {};
    await db.notification.upsert({
      where: { userId_eventSeq: { userId: m.userId, eventSeq: ctx.event.seq } },
      create: {
        userId: m.userId,
        scopeId: ctx.scopeId,
        eventSeq: ctx.event.seq,
        eventType: ctx.event.type,
        title,
        link,
        reason: "rule",
        ...email,
      },
      update: {},
    });
  }
  if (strangers.length) throw notFound(`Workspace member${strangers.length > 1 ? "s" : ""} ${strangers.join(", ")}`);
  return {
    action: action.type,
    ok: true,
    message: `Notified ${members.map((m) => m.user.email).join(", ")}.`,
    link: null,
  };
}

function eventPage(ctx: FiringContext): string | null {
  const cloudEvent = toCloudEvent({ ...ctx.event, data: ctx.event.data, scope: ws(ctx.workspace) }, "");
  const links = cloudEvent?.data.links as { ui?: string } | null | undefined;
  return links?.ui ?? null;
}

async function callWebhook(
  action: Extract<RuleAction, { type: "call_webhook" }>,
  ctx: FiringContext,
): Promise<ActionResult> {
  const webhook = await db.webhook.findFirst({ where: { id: action.webhook, scopeId: ctx.scopeId } });
  if (!webhook) throw notFound(`Webhook "${action.webhook}"`);
  if (!webhook.isEnabled)
    throw conflict(
      `Webhook ${webhook.url} is turned off${webhook.disabledReason ? `: ${webhook.disabledReason}` : "."}`,
    );
  const cloudEvent = toCloudEvent({ ...ctx.event, scope: ws(ctx.workspace) }, env.studioUrl);
  if (!cloudEvent) throw conflict(`Event ${ctx.event.id} is not a public event.`);
  const link = pages.webhook(ws(ctx.workspace), webhook.id);
  const existing = await db.webhookDelivery.findUnique({
    where: { webhookId_eventSeq: { webhookId: webhook.id, eventSeq: ctx.event.seq } },
  });
  if (existing)
    return { action: action.type, ok: true, message: `Webhook ${webhook.url} already has this event.`, link };
  // Sent by the dispatcher like any delivery: signed, retried, listed on the webhook's page.
  await db.webhookDelivery.create({
    data: {
      webhookId: webhook.id,
      eventSeq: ctx.event.seq,
      msgId: newMsgId(),
      eventType: ctx.event.type,
      body: JSON.stringify(cloudEvent),
      nextAttemptAt: new Date(),
    },
  });
  return { action: action.type, ok: true, message: `Queued the event for webhook ${webhook.url}.`, link };
}
