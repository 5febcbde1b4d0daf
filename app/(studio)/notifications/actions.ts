"use server";
import { revalidatePath } from "next/cache";
import { markReadSchema, notificationSettingsSchema, watchSchema } from "@/lib/schemas/notifications";
import { runAction } from "@/server/http/actions";
import { markNotificationsRead, setWatch, updateNotificationSettings } from "@/server/notifications/notifications";

// Notifications, watches and what one hears about: each action checks who is asking and parses its input.

export async function markReadAction(which: unknown) {
  return runAction(async (actor) => {
    const result = await markNotificationsRead(actor, markReadSchema.parse(which));
    revalidatePath("/notifications");
    return result;
  });
}

export async function setWatchAction(input: unknown) {
  return runAction(async (actor) => {
    const watch = await setWatch(actor, watchSchema.parse(input));
    revalidatePath("/", "layout");
    return watch;
  });
}

export async function updateNotificationSettingsAction(change: unknown) {
  return runAction(async (actor) => {
    const settings = await updateNotificationSettings(actor, notificationSettingsSchema.parse(change));
    revalidatePath("/notifications");
    return settings;
  });
}
