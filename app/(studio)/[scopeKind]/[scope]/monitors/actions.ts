"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/server/http/actions";
import { createDefaultMonitor, createMonitor, deleteMonitor, updateMonitor } from "@/server/monitoring/manage-monitors";

// The one-click monitor of the endpoint page: every default, a first run queued at once.
const nameSchema = z.string().min(1).max(64);

export async function createDefaultMonitorAction(workspace: string, endpoint: string, deployment: string) {
  return runAction(async (actor) => {
    const monitor = await createDefaultMonitor(
      actor,
      nameSchema.parse(workspace),
      nameSchema.parse(endpoint),
      nameSchema.parse(deployment),
    );
    revalidatePath("/", "layout");
    return { name: monitor.name };
  });
}

/** The full form's monitor: everything it was given (checked by the domain layer's schema). */
export async function createMonitorAction(workspace: string, input: unknown) {
  return runAction(async (actor) => {
    const monitor = await createMonitor(actor, nameSchema.parse(workspace), input);
    revalidatePath("/", "layout");
    return { name: monitor.name };
  });
}

/** The edit form's changes to a monitor's definition. */
export async function updateMonitorAction(workspace: string, monitor: string, input: unknown) {
  return runAction(async (actor) => {
    const updated = await updateMonitor(
      actor,
      nameSchema.parse(workspace),
      z.string().min(1).max(100).parse(monitor),
      input,
    );
    revalidatePath("/", "layout");
    return { name: updated.name };
  });
}

export async function deleteMonitorAction(workspace: string, monitor: string) {
  return runAction(async (actor) => {
    await deleteMonitor(actor, nameSchema.parse(workspace), z.string().min(1).max(100).parse(monitor));
    revalidatePath("/", "layout");
    return null;
  });
}
