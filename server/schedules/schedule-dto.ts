import "server-only";
import {
  describeTiming,
  nextFireTimes,
  scheduleTriggerSchema,
  type ScheduleTimingInput,
} from "@/lib/schedules/trigger";
import {
  scheduleTargetSchema,
  type ScheduleDto,
  type ScheduleRunDto,
  type ScheduleTarget,
} from "@/lib/schemas/schedules";

export type ScheduleRow = {
  id: string;
  name: string;
  description: string;
  isEnabled: boolean;
  trigger: string;
  timeZone: string;
  startAt: Date | null;
  endAt: Date | null;
  target: string;
  allowOverlap: boolean;
  catchUp: boolean;
  nextFireAt: Date | null;
  lastFiredAt: Date | null;
  createdById: string | null;
  createdByLabel: string;
  createdAt: Date;
};

/** The stored timing, as lib/schedules reads it; recurrences count from the schedule's creation. */
export function timingOf(row: Pick<ScheduleRow, "trigger" | "timeZone" | "startAt" | "endAt">): ScheduleTimingInput {
  return {
    trigger: scheduleTriggerSchema.parse(JSON.parse(row.trigger)),
    timeZone: row.timeZone,
    ...(row.startAt ? { startAt: row.startAt } : {}),
    ...(row.endAt ? { endAt: row.endAt } : {}),
  };
}

export const targetOf = (row: Pick<ScheduleRow, "target">): ScheduleTarget =>
  scheduleTargetSchema.parse(JSON.parse(row.target));

/** When a schedule fires next after `after` (null: never again). */
export function nextFireAfter(row: ScheduleRow | Omit<ScheduleRow, "id">, after: Date): Date | null {
  return nextFireTimes(timingOf(row), after, 1, row.createdAt)[0] ?? null;
}

export function toScheduleDto(row: ScheduleRow, canManage: boolean, now = new Date()): ScheduleDto {
  const timing = timingOf(row);
  const trigger = scheduleTriggerSchema.parse(timing.trigger);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    isEnabled: row.isEnabled,
    trigger,
    timeZone: row.timeZone,
    startAt: row.startAt?.toISOString() ?? null,
    endAt: row.endAt?.toISOString() ?? null,
    summary: describeTiming(timing, row.createdAt),
    target: targetOf(row),
    allowOverlap: row.allowOverlap,
    catchUp: row.catchUp,
    nextFireAt: row.isEnabled ? (row.nextFireAt?.toISOString() ?? null) : null,
    upcoming: row.isEnabled ? nextFireTimes(timing, now, 5, row.createdAt).map((d) => d.toISOString()) : [],
    lastFiredAt: row.lastFiredAt?.toISOString() ?? null,
    createdBy: row.createdByLabel,
    createdAt: row.createdAt.toISOString(),
    canManage,
  };
}

type RunRow = {
  id: string;
  scheduledFor: Date;
  firedAt: Date;
  trigger: string;
  status: string;
  reason: string | null;
  jobName: string | null;
  monitorRunId: string | null;
};

export function toRunDto(row: RunRow): ScheduleRunDto {
  return {
    id: row.id,
    scheduledFor: row.scheduledFor.toISOString(),
    firedAt: row.firedAt.toISOString(),
    trigger: row.trigger as ScheduleRunDto["trigger"],
    status: row.status as ScheduleRunDto["status"],
    reason: row.reason,
    job: row.jobName,
    monitorRun: row.monitorRunId,
  };
}
