"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { parseCreateSchedule, updateScheduleSchema } from "@/lib/schemas/schedules";
import { runAction } from "@/server/http/actions";
import { runScheduleNow } from "@/server/schedules/fire-schedules";
import { createSchedule, deleteSchedule, updateSchedule } from "@/server/schedules/manage-schedules";

// The schedule pages' actions: each checks who is asking (runAction) and parses what it is given.
const workspaceSchema = z.string().min(1).max(63);
const idSchema = z.string().min(1).max(64);

export async function createScheduleAction(workspace: string, input: unknown) {
  return runAction(async (actor) => {
    const created = await createSchedule(actor, workspaceSchema.parse(workspace), parseCreateSchedule(input));
    revalidatePath("/", "layout");
    // What importing Azure YAML left out or changed is told once, here: the schedule does not keep it.
    return { id: created.id, name: created.name, summary: created.summary, warnings: created.warnings ?? [] };
  });
}

export async function updateScheduleAction(workspace: string, id: string, input: unknown) {
  return runAction(async (actor) => {
    const updated = await updateSchedule(
      actor,
      workspaceSchema.parse(workspace),
      idSchema.parse(id),
      updateScheduleSchema.parse(input),
    );
    revalidatePath("/", "layout");
    return { id: updated.id, isEnabled: updated.isEnabled };
  });
}

export async function setScheduleEnabledAction(workspace: string, id: string, isEnabled: boolean) {
  return updateScheduleAction(workspace, id, { isEnabled: z.boolean().parse(isEnabled) });
}

export async function runScheduleNowAction(workspace: string, id: string) {
  return runAction(async (actor) => {
    const run = await runScheduleNow(actor, workspaceSchema.parse(workspace), idSchema.parse(id));
    revalidatePath("/", "layout");
    return run;
  });
}

export async function deleteScheduleAction(workspace: string, id: string) {
  return runAction(async (actor) => {
    await deleteSchedule(actor, workspaceSchema.parse(workspace), idSchema.parse(id));
    revalidatePath("/", "layout");
    return null;
  });
}
