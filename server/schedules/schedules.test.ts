import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { isAppError } from "@/lib/errors";
import { submitCommandJob } from "@/server/jobs/submit-command-job";
import { createSchedule, getSchedule, listScheduleRuns, updateSchedule } from "@/server/schedules/manage-schedules";
import { fireDueSchedules, runScheduleNow } from "@/server/schedules/fire-schedules";
import { workspaceWithTeam } from "../../tests/support/factories";

// Schedules against the real database with a fake clock: `fireDueSchedules(now)` is given the time, so
// nothing here waits for a real minute. No runner runs in domain tests; the jobs they submit stay queued
// (and are canceled at the end, so a runner of another test file never picks them up).

const HOUR = 3_600_000;
const workspaces: string[] = [];

afterAll(async () => {
  await db.job.updateMany({ where: { scopeId: { in: workspaces }, status: "queued" }, data: { status: "canceled" } });
});

async function hourlySchedule(options: { allowOverlap?: boolean; catchUp?: boolean } = {}) {
  const team = await workspaceWithTeam();
  workspaces.push(team.workspace.id);
  const template = await submitCommandJob(team.contributor, team.workspace.name, { command: "true" });
  await db.job.updateMany({ where: { name: template.name }, data: { status: "completed" } });
  const schedule = await createSchedule(team.contributor, team.workspace.name, {
    name: "hourly",
    trigger: { type: "cron", expression: "0 * * * *" },
    timeZone: "Europe/Berlin",
    target: { kind: "job", job: template.name },
    ...options,
  });
  return { ...team, template, schedule };
}

const runsOf = async (actor: Parameters<typeof listScheduleRuns>[0], ws: string, id: string) =>
  (await listScheduleRuns(actor, ws, id, {})).items.reverse();

describe("schedules", () => {
  it("fires once at its time, then moves to the next; a second pass at the same time does nothing", async () => {
    const { workspace, contributor, schedule } = await hourlySchedule({ allowOverlap: true });
    const due = new Date(schedule.nextFireAt!);
    expect(due.getUTCMinutes()).toBe(0);
    expect(schedule.upcoming).toHaveLength(5);
    expect(new Date(schedule.upcoming[1]).getTime() - due.getTime()).toBe(HOUR);

    const at = new Date(due.getTime() + 1000);
    await fireDueSchedules(at);
    await fireDueSchedules(at);
    const runs = await runsOf(contributor, workspace.name, schedule.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: "schedule", status: "submitted", scheduledFor: due.toISOString() });
    const job = await db.job.findFirstOrThrow({ where: { name: runs[0].job! } });
    expect(job).toMatchObject({ status: "queued", createdById: contributor.userId, createdByLabel: contributor.email });
    // The audit trail says the schedule submitted it.
    const submitted = await db.event.findFirst({ where: { subjectId: job.id, action: "job.submitted" } });
    expect(submitted?.actorLabel).toBe(`${contributor.email} (schedule hourly)`);
    expect((await getSchedule(contributor, workspace.name, schedule.id)).nextFireAt).toBe(
      new Date(due.getTime() + HOUR).toISOString(),
    );
    const fired = await db.event.findFirst({ where: { scopeId: workspace.id, action: "schedule.fired" } });
    expect(JSON.parse(fired!.data)).toMatchObject({ schedule: "hourly", status: "submitted", job: job.name });
  });

  it("two instances at the same moment fire it once", async () => {
    const { workspace, contributor, schedule } = await hourlySchedule({ allowOverlap: true });
    const at = new Date(new Date(schedule.nextFireAt!).getTime() + 500);
    await Promise.all([fireDueSchedules(at), fireDueSchedules(at), fireDueSchedules(at)]);
    expect(await runsOf(contributor, workspace.name, schedule.id)).toHaveLength(1);
  });

  it("does not overlap a run still going, and after downtime makes up at most one run", async () => {
    const { workspace, contributor, schedule } = await hourlySchedule();
    const due = new Date(schedule.nextFireAt!);
    await fireDueSchedules(new Date(due.getTime() + 1000));
    await fireDueSchedules(new Date(due.getTime() + HOUR + 1000));
    let runs = await runsOf(contributor, workspace.name, schedule.id);
    expect(runs.map((r) => r.status)).toEqual(["submitted", "skipped"]);
    expect(runs[1].reason).toBe(
      `The previous run, job ${runs[0].job}, is still queued; this schedule does not overlap runs.`,
    );
    await db.job.updateMany({ where: { name: runs[0].job! }, data: { status: "completed" } });

    // The studio was down for five hours: without catch-up the missed time is only recorded...
    const down = new Date(due.getTime() + 7 * HOUR + 60_000);
    await fireDueSchedules(down);
    runs = await runsOf(contributor, workspace.name, schedule.id);
    expect(runs).toHaveLength(3);
    expect(runs[2]).toMatchObject({
      status: "skipped",
      scheduledFor: new Date(due.getTime() + 2 * HOUR).toISOString(),
    });
    expect(runs[2].reason).toMatch(/^Missed: the studio was not running at /);
    expect((await db.schedule.findUniqueOrThrow({ where: { id: schedule.id } })).nextFireAt).toEqual(
      new Date(due.getTime() + 8 * HOUR),
    );

    // ...with catch-up, one run is made up however many times were missed, and the next is in the future.
    await db.schedule.update({
      where: { id: schedule.id },
      data: { catchUp: true, nextFireAt: new Date(due.getTime() + 8 * HOUR) },
    });
    const later = new Date(due.getTime() + 12 * HOUR + 60_000);
    await fireDueSchedules(later);
    await fireDueSchedules(later);
    runs = await runsOf(contributor, workspace.name, schedule.id);
    expect(runs).toHaveLength(4);
    expect(runs[3]).toMatchObject({ trigger: "catch_up", status: "submitted" });
    expect((await db.schedule.findUniqueOrThrow({ where: { id: schedule.id } })).nextFireAt).toEqual(
      new Date(due.getTime() + 13 * HOUR),
    );
  });

  it("runs as its author, so an author who lost access runs nothing and it says why; readers cannot run it", async () => {
    const { workspace, contributor, reader, owner, schedule } = await hourlySchedule();
    const refused = await runScheduleNow(reader, workspace.name, schedule.id).catch((e) => e);
    expect(isAppError(refused) && refused.code).toBe("forbidden");
    const manual = await runScheduleNow(owner, workspace.name, schedule.id);
    expect(manual).toMatchObject({ trigger: "manual", status: "submitted" });

    await db.membership.updateMany({
      where: { scopeId: workspace.id, userId: contributor.userId },
      data: { role: "reader" },
    });
    await fireDueSchedules(new Date(new Date(schedule.nextFireAt!).getTime() + 1000));
    const runs = await runsOf(owner, workspace.name, schedule.id);
    expect(runs[1]).toMatchObject({ status: "failed", job: null });
    expect(runs[1].reason).toBe(
      `${contributor.email} may no longer change workspace ${workspace.name}, and a schedule runs with its author's rights; nothing was run.`,
    );
  });

  it("refuses timings that never fire and bad targets, and recomputes the next time when turned back on", async () => {
    const { workspace, contributor, template, schedule } = await hourlySchedule();
    const attempt = (over: object) =>
      createSchedule(contributor, workspace.name, {
        name: "x",
        trigger: { type: "cron", expression: "0 0 * * *" },
        target: { kind: "job", job: template.name },
        ...over,
      }).catch((e) => e.message as string);
    expect(await attempt({ trigger: { type: "cron", expression: "0 0 30 2 *" } })).toMatch(/never fires/);
    expect(await attempt({ timeZone: "Mars/Olympus" })).toMatch(/Unknown time zone "Mars\/Olympus"/);
    expect(await attempt({ target: { kind: "job", job: "no-such-job" } })).toBe(
      `Job "no-such-job" is not in workspace ${workspace.name}.`,
    );
    // Azure's Windows zone names are taken and stored as IANA names.
    const pacific = await createSchedule(contributor, workspace.name, {
      name: "pacific",
      trigger: { type: "cron", expression: "0 9 * * 1" },
      timeZone: "Pacific Standard Time",
      target: { kind: "job", job: template.name },
    });
    expect(pacific.timeZone).toBe("America/Los_Angeles");

    const off = await updateSchedule(contributor, workspace.name, schedule.id, { isEnabled: false });
    expect(off).toMatchObject({ isEnabled: false, nextFireAt: null, upcoming: [] });
    const on = await updateSchedule(contributor, workspace.name, schedule.id, { isEnabled: true });
    expect(new Date(on.nextFireAt!).getTime()).toBeGreaterThan(Date.now());
  });
});
