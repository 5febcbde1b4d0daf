"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { SCOPE_KINDS } from "@/lib/scopes";
import { createWebhookSchema, updateWebhookSchema } from "@/lib/schemas/webhooks";
import { runAction } from "@/server/http/actions";
import {
  createWebhook,
  deleteWebhook,
  rotateWebhookSecret,
  setWebhookPolicy,
  updateWebhook,
} from "@/server/webhooks/manage-webhooks";
import { redeliver, sendTestEvent } from "@/server/webhooks/webhook-deliveries";

// The webhook pages' actions: each checks who is asking (runAction) and parses what it is given.
const scopeSchema = z.object({ kind: z.enum(SCOPE_KINDS), name: z.string().max(63) });
const idSchema = z.string().min(1).max(64);

export async function createWebhookAction(scope: { kind: string; name: string }, input: unknown) {
  return runAction(async (actor) => {
    const created = await createWebhook(actor, scopeSchema.parse(scope), createWebhookSchema.parse(input));
    revalidatePath("/", "layout");
    return { id: created.id, secret: created.secret, url: created.url };
  });
}

export async function updateWebhookAction(scope: { kind: string; name: string }, id: string, input: unknown) {
  return runAction(async (actor) => {
    const updated = await updateWebhook(
      actor,
      scopeSchema.parse(scope),
      idSchema.parse(id),
      updateWebhookSchema.parse(input),
    );
    revalidatePath("/", "layout");
    return updated;
  });
}

export async function deleteWebhookAction(scope: { kind: string; name: string }, id: string) {
  return runAction(async (actor) => {
    await deleteWebhook(actor, scopeSchema.parse(scope), idSchema.parse(id));
    revalidatePath("/", "layout");
    return null;
  });
}

export async function rotateWebhookSecretAction(scope: { kind: string; name: string }, id: string, graceHours: number) {
  return runAction(async (actor) => {
    const rotated = await rotateWebhookSecret(
      actor,
      scopeSchema.parse(scope),
      idSchema.parse(id),
      z.number().int().min(0).max(168).parse(graceHours),
    );
    revalidatePath("/", "layout");
    return { secret: rotated.secret, previousSecretUntil: rotated.previousSecretUntil };
  });
}

export async function sendTestEventAction(scope: { kind: string; name: string }, id: string) {
  return runAction(async (actor) => sendTestEvent(actor, scopeSchema.parse(scope), idSchema.parse(id)));
}

export async function redeliverAction(scope: { kind: string; name: string }, id: string, delivery: string) {
  return runAction(async (actor) =>
    redeliver(actor, scopeSchema.parse(scope), idSchema.parse(id), idSchema.parse(delivery)),
  );
}

export async function setWebhookPolicyAction(scope: { kind: string; name: string }, allow: boolean) {
  return runAction(async (actor) => {
    const policy = await setWebhookPolicy(actor, scopeSchema.parse(scope), z.boolean().parse(allow));
    revalidatePath("/", "layout");
    return policy;
  });
}

export async function setWebhookEnabledAction(scope: { kind: string; name: string }, id: string, isEnabled: boolean) {
  return updateWebhookAction(scope, id, { isEnabled: z.boolean().parse(isEnabled) });
}
