import "server-only";
import { db, type Tx } from "@/server/db";
import { forbidden, invalid, notFound } from "@/lib/errors";
import { roleAllows } from "@/lib/permissions";
import type { ScopeRef } from "@/lib/scopes";
import type { CreateWebhookInput, UpdateWebhookInput, WebhookDto } from "@/lib/schemas/webhooks";
import { actorLabel, type Actor } from "@/server/auth/actor";
import { env } from "@/server/env";
import { recordEvent } from "@/server/events/record-event";
import { requireScope, type ScopeAccess } from "@/server/scopes/scope-access";
import { seal } from "@/server/security/sealing";
import { newWebhookSecret } from "@/server/webhooks/signing";
import { webhookUrlProblem } from "@/server/webhooks/target-guard";
import { toWebhookDto } from "@/server/webhooks/webhook-dto";

// Webhooks of a workspace or registry. Owners manage every webhook of their scope; contributors may
// create webhooks of their own where an owner allows it, and manage those; readers see none.

type Access = { scope: ScopeAccess; isOwner: boolean; allowContributors: boolean };

async function webhookAccess(actor: Actor, ref: ScopeRef, client: typeof db | Tx = db): Promise<Access> {
  const scope = await requireScope(actor, ref, "write", client);
  const row = await client.scope.findUniqueOrThrow({
    where: { id: scope.id },
    select: { allowContributorWebhooks: true },
  });
  return { scope, isOwner: roleAllows(scope.role, "manage"), allowContributors: row.allowContributorWebhooks };
}

/** The webhook `id` of the scope, if the actor may manage it (else not found, or forbidden). */
export async function findManagedWebhook(actor: Actor, ref: ScopeRef, id: string, client: typeof db | Tx = db) {
  const access = await webhookAccess(actor, ref, client);
  const webhook = await client.webhook.findFirst({ where: { id, scopeId: access.scope.id } });
  if (!webhook) throw notFound(`Webhook "${id}"`);
  if (!access.isOwner && webhook.createdById !== actor.userId) {
    throw forbidden("Only an owner of this scope, or whoever created the webhook, may manage it.");
  }
  return { access, webhook };
}

async function checkedUrl(url: string): Promise<string> {
  const problem = await webhookUrlProblem(url, env.STUDIO_WEBHOOK_ALLOW_PRIVATE);
  if (problem) throw invalid(`The webhook URL is refused: ${problem}.`);
  return new URL(url).toString();
}

export async function listWebhooks(actor: Actor, ref: ScopeRef): Promise<{ items: WebhookDto[] }> {
  const { scope, isOwner } = await webhookAccess(actor, ref);
  const rows = await db.webhook.findMany({
    where: { scopeId: scope.id, ...(isOwner ? {} : { createdById: actor.userId }) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return { items: rows.map((row) => toWebhookDto(row, scope)) };
}

export async function getWebhook(actor: Actor, ref: ScopeRef, id: string): Promise<WebhookDto> {
  const { access, webhook } = await findManagedWebhook(actor, ref, id);
  return toWebhookDto(webhook, access.scope);
}

/** Creates a webhook; its signing secret is answered this once. */
export async function createWebhook(
  actor: Actor,
  ref: ScopeRef,
  input: CreateWebhookInput,
): Promise<WebhookDto & { secret: string }> {
  const url = await checkedUrl(input.url);
  const secret = newWebhookSecret();
  const { row, scope } = await db.$transaction(async (tx) => {
    const { scope, isOwner, allowContributors } = await webhookAccess(actor, ref, tx);
    if (!isOwner && !allowContributors) {
      throw forbidden(`Only owners create webhooks in ${ref.kind} ${ref.name}; an owner can allow contributors to.`);
    }
    const row = await tx.webhook.create({
      data: {
        scopeId: scope.id,
        url,
        description: input.description,
        events: JSON.stringify(input.events),
        subjectPrefix: input.subjectPrefix,
        tagFilter: input.tags,
        secretSealed: seal("webhook-secrets", secret),
        createdById: actor.userId,
        createdByLabel: actorLabel(actor),
      },
    });
    await recordEvent(tx, {
      actor,
      action: "webhook.created",
      subject: { type: "webhook", id: row.id, label: url },
      scopeId: scope.id,
      data: { events: input.events },
    });
    return { row, scope };
  });
  return { ...toWebhookDto(row, scope), secret };
}

export async function updateWebhook(
  actor: Actor,
  ref: ScopeRef,
  id: string,
  input: UpdateWebhookInput,
): Promise<WebhookDto> {
  const url = input.url === undefined ? undefined : await checkedUrl(input.url);
  return db.$transaction(async (tx) => {
    const { access, webhook } = await findManagedWebhook(actor, ref, id, tx);
    const isReenabled = input.isEnabled === true && !webhook.isEnabled;
    const row = await tx.webhook.update({
      where: { id: webhook.id },
      data: {
        url,
        events: input.events === undefined ? undefined : JSON.stringify(input.events),
        subjectPrefix: input.subjectPrefix,
        tagFilter: input.tags,
        description: input.description,
        isEnabled: input.isEnabled,
        ...(input.isEnabled === false && webhook.isEnabled
          ? { disabledReason: `Turned off by ${actorLabel(actor)}.`, disabledAt: new Date() }
          : {}),
        ...(isReenabled ? { disabledReason: null, disabledAt: null } : {}),
      },
    });
    await recordEvent(tx, {
      actor,
      action: "webhook.updated",
      subject: { type: "webhook", id: row.id, label: row.url },
      scopeId: access.scope.id,
      data: { changed: Object.keys(input).filter((k) => input[k as keyof UpdateWebhookInput] !== undefined) },
    });
    return toWebhookDto(row, access.scope);
  });
}

export async function deleteWebhook(actor: Actor, ref: ScopeRef, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const { access, webhook } = await findManagedWebhook(actor, ref, id, tx);
    await tx.webhook.delete({ where: { id: webhook.id } });
    await recordEvent(tx, {
      actor,
      action: "webhook.deleted",
      subject: { type: "webhook", id: webhook.id, label: webhook.url },
      scopeId: access.scope.id,
    });
  });
}

/**
 * A new signing secret, answered this once. The old one keeps working for `graceHours`: deliveries carry
 * a signature made with each, so receivers can switch over without dropping any.
 */
export async function rotateWebhookSecret(
  actor: Actor,
  ref: ScopeRef,
  id: string,
  graceHours: number,
): Promise<WebhookDto & { secret: string }> {
  const secret = newWebhookSecret();
  return db.$transaction(async (tx) => {
    const { access, webhook } = await findManagedWebhook(actor, ref, id, tx);
    const row = await tx.webhook.update({
      where: { id: webhook.id },
      data: {
        secretSealed: seal("webhook-secrets", secret),
        previousSecretSealed: graceHours > 0 ? webhook.secretSealed : null,
        previousSecretUntil: graceHours > 0 ? new Date(Date.now() + graceHours * 3_600_000) : null,
      },
    });
    await recordEvent(tx, {
      actor,
      action: "webhook.secret_rotated",
      subject: { type: "webhook", id: row.id, label: row.url },
      scopeId: access.scope.id,
      data: { graceHours },
    });
    return { ...toWebhookDto(row, access.scope), secret };
  });
}

/** Whether contributors may create webhooks of their own in the scope (owners only). */
export async function setWebhookPolicy(
  actor: Actor,
  ref: ScopeRef,
  allowContributorWebhooks: boolean,
): Promise<{ allowContributorWebhooks: boolean }> {
  return db.$transaction(async (tx) => {
    const scope = await requireScope(actor, ref, "manage", tx);
    await tx.scope.update({ where: { id: scope.id }, data: { allowContributorWebhooks } });
    await recordEvent(tx, {
      actor,
      action: "webhook.policy_updated",
      subject: { type: "scope", id: scope.id, label: `${scope.kind}/${scope.name}` },
      scopeId: scope.id,
      data: { allowContributorWebhooks },
    });
    return { allowContributorWebhooks };
  });
}

export async function getWebhookPolicy(actor: Actor, ref: ScopeRef): Promise<{ allowContributorWebhooks: boolean }> {
  const { allowContributors } = await webhookAccess(actor, ref);
  return { allowContributorWebhooks: allowContributors };
}
