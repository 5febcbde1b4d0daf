import "server-only";
import { db } from "@/server/db";
import { forbidden, isAppError } from "@/lib/errors";
import { pages } from "@/lib/routes";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { resubmitJob } from "@/server/jobs/resubmit-job";
import { submitPipelineVersion } from "@/server/pipelines/submit-pipeline-version";
import { runMonitor } from "@/server/monitoring/manage-monitors";
import { requireScope } from "@/server/scopes/scope-access";
import { findSchedule, mayManageSchedule } from "@/server/schedules/manage-schedules";
import { nextFireAfter, targetOf, toRunDto, type ScheduleRow } from "@/server/schedules/schedule-dto";
import type { ScheduleRunDto } from "@/lib/schemas/schedules";

// Fires due schedules. Each due schedule's nextFireAt is moved on by compare-and-set, so with several
// studio instances exactly one of them fires each time (and the (schedule, time) key on the runs would
// refuse a second). A schedule found more than a little late (the studio was down when it was due) is
// made up once if it asks for catch-up, else that time is recorded as missed; either way it then fires
// at its next time from now, so downtime never causes a burst of runs.

/** How late a fire may be and still count as on time (the dispatcher looks every second). */
const LATE_MS = 2 * 60_000;
/** A run stuck at "firing" this long belongs to a studio that stopped mid-submit. */
const STUCK_MS = 10 * 60_000;
const FINAL = new Set(["completed", "failed", "canceled"]);

type Trigger = "schedule" | "manual" | "catch_up";
type Outcome = {
  status: "submitted" | "skipped" | "failed";
  reason: string | null;
  jobName: string | null;
  monitorRunId: string | null;
};

export async function fireDueSchedules(now = new Date()): Promise<number> {
  await db.scheduleRun.updateMany({
    where: { status: "firing", firedAt: { lt: new Date(now.getTime() - STUCK_MS) } },
    data: { status: "failed", reason: "The studio stopped while this run was being submitted; check the jobs list." },
  });
  const due = await db.schedule.findMany({
    where: { isEnabled: true, nextFireAt: { lte: now } },
    include: { scope: { select: { name: true } } },
    orderBy: { nextFireAt: "asc" },
    take: 50,
  });
  let fired = 0;
  for (const schedule of due) {
    const slot = schedule.nextFireAt!;
    const next = nextFireAfter(schedule, now);
    const claimed = await db.schedule.updateMany({
      where: { id: schedule.id, nextFireAt: slot },
      data: { nextFireAt: next, lastFiredAt: now },
    });
    if (claimed.count === 0) continue; // another instance fired it
    fired++;
    const isLate = now.getTime() - slot.getTime() > LATE_MS;
    if (isLate && !schedule.catchUp) {
      await db.scheduleRun.create({
        data: {
          scheduleId: schedule.id,
          scheduledFor: slot,
          trigger: "schedule",
          status: "skipped",
          reason: `Missed: the studio was not running at ${slot.toISOString()}; this schedule does not catch up.`,
        },
      });
      continue;
    }
    await runSchedule(schedule, schedule.scope.name, slot, isLate ? "catch_up" : "schedule", null);
  }
  return fired;
}

/** "Run now": one run at once, as the caller, whatever the timing says. */
export async function runScheduleNow(actor: Actor, workspace: string, id: string): Promise<ScheduleRunDto> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const schedule = await findSchedule(db, scope, id);
  if (!mayManageSchedule(actor, scope, schedule.createdById))
    throw forbidden(`Only ${schedule.createdByLabel}, who made schedule "${schedule.name}", or an owner may run it.`);
  return runSchedule(schedule, workspace, new Date(), "manual", actor);
}

/** Submits what the schedule runs, as its author (or as `runner` by hand), and records the run. */
async function runSchedule(
  schedule: ScheduleRow & { scopeId: string },
  workspace: string,
  scheduledFor: Date,
  trigger: Trigger,
  runner: Actor | null,
): Promise<ScheduleRunDto> {
  const run = await db.scheduleRun.create({
    data: { scheduleId: schedule.id, scheduledFor, trigger, status: "firing" },
  });
  let outcome: Outcome;
  let actor: Actor | null = runner;
  try {
    actor ??= await authorOf(schedule);
    outcome = await submit(schedule, workspace, actor, trigger, scheduledFor);
  } catch (error) {
    if (!isAppError(error)) throw error;
    outcome = { status: "failed", reason: error.message, jobName: null, monitorRunId: null };
  }
  const finished = await db.$transaction(async (tx) => {
    const row = await tx.scheduleRun.update({ where: { id: run.id }, data: outcome });
    await recordEvent(tx, {
      actor,
      anonymousLabel: `schedule ${schedule.name}`,
      action: "schedule.fired",
      subject: { type: "schedule", id: schedule.id, label: schedule.name },
      scopeId: schedule.scopeId,
      reason: outcome.reason,
      data: {
        schedule: schedule.name,
        trigger,
        scheduledFor: scheduledFor.toISOString(),
        status: outcome.status,
        job: outcome.jobName,
        ...(outcome.jobName ? { jobLink: pages.job(workspace, outcome.jobName) } : {}),
        ...(outcome.monitorRunId ? { monitorRun: outcome.monitorRunId } : {}),
      },
    });
    return row;
  });
  return toRunDto(finished);
}

async function authorOf(schedule: ScheduleRow): Promise<Actor> {
  const author = schedule.createdById
    ? await db.user.findUnique({ where: { id: schedule.createdById }, select: { id: true, email: true, name: true } })
    : null;
  if (!author) throw forbidden(`The schedule's author, ${schedule.createdByLabel}, no longer exists; nothing was run.`);
  return {
    userId: author.id,
    email: author.email,
    name: author.name,
    via: "session",
    automation: { kind: "schedule", name: schedule.name },
  };
}

async function submit(
  schedule: ScheduleRow & { scopeId: string },
  workspace: string,
  actor: Actor,
  trigger: Trigger,
  scheduledFor: Date,
): Promise<Outcome> {
  try {
    await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  } catch (error) {
    if (!isAppError(error)) throw error;
    throw forbidden(
      `${actor.email} may no longer change workspace ${workspace}, and a schedule runs with its author's rights; nothing was run.`,
    );
  }
  const target = targetOf(schedule);
  if (target.kind === "monitor")
    return queueMonitorRun(schedule, workspace, actor, trigger, scheduledFor, target.monitor);
  if (!schedule.allowOverlap && trigger !== "manual") {
    const previous = await db.scheduleRun.findFirst({
      where: { scheduleId: schedule.id, status: "submitted", jobName: { not: null } },
      orderBy: { firedAt: "desc" },
    });
    const job = previous?.jobName
      ? await db.job.findFirst({
          where: { scopeId: schedule.scopeId, name: previous.jobName },
          select: { status: true },
        })
      : null;
    if (job && !FINAL.has(job.status)) {
      return {
        status: "skipped",
        reason: `The previous run, job ${previous!.jobName}, is still ${job.status}; this schedule does not overlap runs.`,
        jobName: null,
        monitorRunId: null,
      };
    }
  }
  const job =
    target.kind === "pipeline"
      ? (await submitPipelineVersion(actor, workspace, target.pipeline, target.version, { inputs: target.inputs })).job
      : await resubmitJob(actor, workspace, target.job);
  return { status: "submitted", reason: null, jobName: job.name, monitorRunId: null };
}

/** A monitor's run over the window ending at the firing time, unless its previous one is still under way. */
async function queueMonitorRun(
  schedule: ScheduleRow & { scopeId: string },
  workspace: string,
  actor: Actor,
  trigger: Trigger,
  scheduledFor: Date,
  monitor: string,
): Promise<Outcome> {
  if (!schedule.allowOverlap && trigger !== "manual") {
    const previous = await db.scheduleRun.findFirst({
      where: { scheduleId: schedule.id, status: "submitted", monitorRunId: { not: null } },
      orderBy: { firedAt: "desc" },
      select: { monitorRunId: true },
    });
    const run = previous?.monitorRunId
      ? await db.monitorRun.findUnique({ where: { id: previous.monitorRunId }, select: { status: true } })
      : null;
    if (run && (run.status === "queued" || run.status === "running"))
      return {
        status: "skipped",
        reason: `The previous run of monitor ${monitor} is still ${run.status}; this schedule does not overlap runs.`,
        jobName: null,
        monitorRunId: null,
      };
  }
  const run = await runMonitor(actor, workspace, monitor, { at: scheduledFor.toISOString() }, "schedule");
  return { status: "submitted", reason: null, jobName: null, monitorRunId: run.id };
}
