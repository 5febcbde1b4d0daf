import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/actor";
import { createSchedule } from "@/server/schedules/manage-schedules";

/**
 * A nightly retrain of the iris example: the seeded lr=0.05 run again at 02:00 Berlin time. It is off in
 * the demo, so that a studio left running does not add a job every night; turning it on is one click.
 */
export async function seedDemoSchedules(scientist: Actor, workspace: string): Promise<void> {
  const template = await db.job.findFirst({
    where: { scope: { kind: "workspace", name: workspace }, displayName: "iris lr=0.05", status: "completed" },
    select: { name: true },
  });
  if (!template) return;
  await createSchedule(scientist, workspace, {
    name: "nightly iris retrain",
    description:
      "Runs the iris training job (lr 0.05) again every night; with the rule, a good run becomes a candidate.",
    isEnabled: false,
    trigger: { type: "cron", expression: "0 2 * * *" },
    timeZone: "Europe/Berlin",
    target: { kind: "job", job: template.name },
  });
}
