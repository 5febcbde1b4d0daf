"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createRuleSchema, updateRuleSchema } from "@/lib/automations/rule";
import { runAction } from "@/server/http/actions";
import { createRule, deleteRule, updateRule } from "@/server/automations/manage-rules";

// The automation pages' actions: each checks who is asking (runAction) and parses what it is given.
const workspaceSchema = z.string().min(1).max(63);
const idSchema = z.string().min(1).max(64);

export async function createRuleAction(workspace: string, input: unknown) {
  return runAction(async (actor) => {
    const created = await createRule(actor, workspaceSchema.parse(workspace), createRuleSchema.parse(input));
    revalidatePath("/", "layout");
    return { id: created.id };
  });
}

export async function updateRuleAction(workspace: string, id: string, input: unknown) {
  return runAction(async (actor) => {
    const updated = await updateRule(
      actor,
      workspaceSchema.parse(workspace),
      idSchema.parse(id),
      updateRuleSchema.parse(input),
    );
    revalidatePath("/", "layout");
    return { id: updated.id, isEnabled: updated.isEnabled };
  });
}

export async function setRuleEnabledAction(workspace: string, id: string, isEnabled: boolean) {
  return updateRuleAction(workspace, id, { isEnabled: z.boolean().parse(isEnabled) });
}

export async function deleteRuleAction(workspace: string, id: string) {
  return runAction(async (actor) => {
    await deleteRule(actor, workspaceSchema.parse(workspace), idSchema.parse(id));
    revalidatePath("/", "layout");
    return null;
  });
}
