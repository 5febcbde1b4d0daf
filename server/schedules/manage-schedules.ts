import "server-only";
import { isUniqueViolation } from "@/server/db/unique-violation";
import { db, type Tx } from "@/server/db";
import { conflict, forbidden, invalid, notFound } from "@/lib/errors";
import { roleAllows } from "@/lib/permissions";
import { parseAzureScheduleYaml } from "@/lib/schedules/azure-schedule-yaml";
import { timingProblem, type ScheduleTimingInput } from "@/lib/schedules/trigger";
import { toIanaTimeZone } from "@/lib/schedules/time-zone";
import {
  type createScheduleSchema,
  listScheduleRunsQuerySchema,
  parseCreateSchedule,
  previewScheduleSchema,
  updateScheduleSchema,
  type CreateScheduleInput,
  type ScheduleDto,
  type ScheduleRunDto,
  type ScheduleTarget,
  type UpdateScheduleInput,
} from "@/lib/schemas/schedules";
import { nextFireTimes } from "@/lib/schedules/trigger";
import { actorLabel, type Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope, type ScopeAccess } from "@/server/scopes/scope-access";
import { nextFireAfter, timingOf, toRunDto, toScheduleDto, type ScheduleRow } from "@/server/schedules/schedule-dto";

// Schedules of a workspace. Members read them; contributors create schedules, which then run in their
// name; a schedule is changed, run by hand or deleted by its author or an owner.

const ws = (workspace: string) => ({ kind: "workspace" as const, name: workspace });

export async function findSchedule(client: Tx | typeof db, scope: ScopeAccess, id: string) {
  const row = await client.schedule.findFirst({ where: { id, scopeId: scope.id } });
  if (!row) throw notFound(`Schedule "${id}"`);
  return row;
}

export function mayManageSchedule(actor: Actor, scope: ScopeAccess, createdById: string | null): boolean {
  return roleAllows(scope.role, "manage") || (roleAllows(scope.role, "write") && createdById === actor.userId);
}

/** The time zone as stored: IANA, whether it was given so or by its Windows name (Azure YAML's). */
function ianaZone(name: string): string {
  const zone = toIanaTimeZone(name);
  if (!zone)
    throw invalid(`Unknown time zone "${name}"; use an IANA name such as Europe/Berlin.`, { field: "timeZone" });
  return zone;
}

function checkedTiming(timing: ScheduleTimingInput, anchor: Date): void {
  const problem = timingProblem(timing, anchor);
  if (problem) throw invalid(problem, { field: "trigger" });
}

async function checkTarget(tx: Tx, scope: ScopeAccess, target: ScheduleTarget): Promise<void> {
  if (target.kind === "pipeline") {
    const found = await tx.pipeline.findFirst({
      where: { id: target.pipeline, scopeId: scope.id },
      select: { id: true },
    });
    if (!found) throw invalid(`Pipeline "${target.pipeline}" is not in workspace ${scope.name}.`, { field: "target" });
  } else if (target.kind === "monitor") {
    const found = await tx.monitor.findFirst({
      where: { scopeId: scope.id, OR: [{ name: target.monitor }, { id: target.monitor }] },
      select: { id: true },
    });
    if (!found) throw invalid(`Monitor "${target.monitor}" is not in workspace ${scope.name}.`, { field: "target" });
  } else {
    const job = await tx.job.findFirst({
      where: { name: target.job, scopeId: scope.id },
      select: { parentJobId: true, kind: true, endpointId: true },
    });
    if (!job) throw invalid(`Job "${target.job}" is not in workspace ${scope.name}.`, { field: "target" });
    if (job.parentJobId || job.kind === "external" || job.endpointId)
      throw invalid(`Job "${target.job}" cannot be run again: choose a command or pipeline job the studio ran.`, {
        field: "target",
      });
  }
}

/** The fields of a new schedule, from JSON or from Azure ML schedule YAML (its trigger, name and create_job). */
function newScheduleFields(input: ReturnType<typeof createScheduleSchema.parse>) {
  if (!("yaml" in input)) {
    const timeZone = ianaZone(input.timeZone);
    return {
      fields: {
        ...input,
        timeZone,
        startAt: input.startAt ? new Date(input.startAt) : null,
        endAt: input.endAt ? new Date(input.endAt) : null,
      },
      warnings: [] as string[],
    };
  }
  const parsed = parseAzureScheduleYaml(input.yaml);
  if (!parsed.ok)
    throw invalid(`The schedule YAML is refused: ${parsed.problems.join(" ")}`, { problems: parsed.problems });
  const { value } = parsed;
  const warnings = [...value.warnings];
  let target = input.target;
  const job = typeof value.createJob === "string" ? /^azureml:([^:@]+)/.exec(value.createJob)?.[1] : undefined;
  if (target && value.createJob !== undefined)
    warnings.push("create_job was left aside: the target given beside the YAML runs instead.");
  if (!target && job) target = { kind: "job", job };
  if (!target) {
    throw invalid(
      "The YAML's create_job names a file or a job definition, which the studio cannot take from here: give `target` (a pipeline, or a job to run again) beside the YAML, or write create_job: azureml:<job name>.",
      { field: "target" },
    );
  }
  const name = input.name ?? value.name;
  if (!name) throw invalid("Give the schedule a name (in the YAML or beside it).", { field: "name" });
  return {
    fields: {
      name,
      description: input.description ?? value.description ?? "",
      isEnabled: input.isEnabled,
      trigger: value.timing.trigger,
      timeZone: value.timing.timeZone,
      startAt: value.timing.startAt ?? null,
      endAt: value.timing.endAt ?? null,
      target,
      allowOverlap: input.allowOverlap,
      catchUp: input.catchUp,
    },
    warnings,
  };
}

export async function listSchedules(actor: Actor, workspace: string): Promise<{ items: ScheduleDto[] }> {
  const scope = await requireScope(actor, ws(workspace), "read");
  const rows = await db.schedule.findMany({ where: { scopeId: scope.id }, orderBy: { name: "asc" } });
  return { items: rows.map((r) => toScheduleDto(r, mayManageSchedule(actor, scope, r.createdById))) };
}

export async function getSchedule(actor: Actor, workspace: string, id: string): Promise<ScheduleDto> {
  const scope = await requireScope(actor, ws(workspace), "read");
  const row = await findSchedule(db, scope, id);
  return toScheduleDto(row, mayManageSchedule(actor, scope, row.createdById));
}

export async function createSchedule(
  actor: Actor,
  workspace: string,
  input: CreateScheduleInput,
): Promise<ScheduleDto> {
  const { fields, warnings } = newScheduleFields(parseCreateSchedule(input));
  const now = new Date();
  const timing = {
    trigger: fields.trigger,
    timeZone: fields.timeZone,
    startAt: fields.startAt ?? undefined,
    endAt: fields.endAt ?? undefined,
  };
  checkedTiming(timing, now);
  try {
    const row = await db.$transaction(async (tx) => {
      const scope = await requireScope(actor, ws(workspace), "write", tx);
      await checkTarget(tx, scope, fields.target);
      const data = {
        scopeId: scope.id,
        name: fields.name,
        description: fields.description,
        isEnabled: fields.isEnabled,
        trigger: JSON.stringify(fields.trigger),
        timeZone: fields.timeZone,
        startAt: fields.startAt,
        endAt: fields.endAt,
        target: JSON.stringify(fields.target),
        allowOverlap: fields.allowOverlap,
        catchUp: fields.catchUp,
        createdById: actor.userId,
        createdByLabel: actorLabel(actor),
        createdAt: now,
        updatedAt: now,
      };
      const nextFireAt = nextFireTimes(timing, now, 1, now)[0] ?? null;
      const row = await tx.schedule.create({ data: { ...data, nextFireAt } });
      await recordEvent(tx, {
        actor,
        action: "schedule.created",
        subject: { type: "schedule", id: row.id, label: row.name },
        scopeId: scope.id,
        data: { trigger: fields.trigger, timeZone: fields.timeZone, target: fields.target },
      });
      return row;
    });
    return { ...toScheduleDto(row, true), ...(warnings.length ? { warnings } : {}) };
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict(`Workspace ${workspace} already has a schedule named "${fields.name}".`);
    throw error;
  }
}

export async function updateSchedule(
  actor: Actor,
  workspace: string,
  id: string,
  input: UpdateScheduleInput,
): Promise<ScheduleDto> {
  const change = updateScheduleSchema.parse(input);
  try {
    return await db.$transaction(async (tx) => {
      const scope = await requireScope(actor, ws(workspace), "write", tx);
      const current = await findSchedule(tx, scope, id);
      if (!mayManageSchedule(actor, scope, current.createdById))
        throw forbidden(
          `Only ${current.createdByLabel}, who made schedule "${current.name}", or an owner may change it.`,
        );
      if (change.target) await checkTarget(tx, scope, change.target);
      const next: ScheduleRow = {
        ...current,
        name: change.name ?? current.name,
        description: change.description ?? current.description,
        isEnabled: change.isEnabled ?? current.isEnabled,
        trigger: change.trigger ? JSON.stringify(change.trigger) : current.trigger,
        timeZone: change.timeZone !== undefined ? ianaZone(change.timeZone) : current.timeZone,
        startAt: change.startAt !== undefined ? (change.startAt ? new Date(change.startAt) : null) : current.startAt,
        endAt: change.endAt !== undefined ? (change.endAt ? new Date(change.endAt) : null) : current.endAt,
        target: change.target ? JSON.stringify(change.target) : current.target,
        allowOverlap: change.allowOverlap ?? current.allowOverlap,
        catchUp: change.catchUp ?? current.catchUp,
      };
      const now = new Date();
      checkedTiming(timingOf(next), current.createdAt);
      // A new timing, or a schedule turned back on, fires next from now: what it missed while off is not made up.
      const nextFireAt = next.isEnabled ? nextFireAfter(next, now) : null;
      const row = await tx.schedule.update({
        where: { id: current.id },
        data: { ...next, id: undefined, scopeId: undefined, nextFireAt, updatedAt: now } as never,
      });
      await recordEvent(tx, {
        actor,
        action: "schedule.updated",
        subject: { type: "schedule", id: row.id, label: row.name },
        scopeId: scope.id,
        data: { changed: Object.keys(change).filter((k) => change[k as keyof typeof change] !== undefined) },
      });
      return toScheduleDto(row, true);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict(`Workspace ${workspace} already has a schedule named "${change.name}".`);
    throw error;
  }
}

export async function deleteSchedule(actor: Actor, workspace: string, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const scope = await requireScope(actor, ws(workspace), "write", tx);
    const row = await findSchedule(tx, scope, id);
    if (!mayManageSchedule(actor, scope, row.createdById))
      throw forbidden(`Only ${row.createdByLabel}, who made schedule "${row.name}", or an owner may delete it.`);
    await tx.schedule.delete({ where: { id: row.id } });
    await recordEvent(tx, {
      actor,
      action: "schedule.deleted",
      subject: { type: "schedule", id: row.id, label: row.name },
      scopeId: scope.id,
    });
  });
}

export async function listScheduleRuns(
  actor: Actor,
  workspace: string,
  id: string,
  query: unknown,
): Promise<{ items: ScheduleRunDto[] }> {
  const { limit } = listScheduleRunsQuerySchema.parse(query);
  const scope = await requireScope(actor, ws(workspace), "read");
  const row = await findSchedule(db, scope, id);
  const runs = await db.scheduleRun.findMany({
    where: { scheduleId: row.id },
    orderBy: [{ firedAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return { items: runs.map(toRunDto) };
}

/** The next fire times of a timing not yet saved (the form's preview), or why it would never fire. */
export async function previewSchedule(actor: Actor, workspace: string, input: unknown) {
  await requireScope(actor, ws(workspace), "read");
  const parsed = previewScheduleSchema.parse(input);
  const now = new Date();
  const timing = {
    trigger: parsed.trigger,
    timeZone: ianaZone(parsed.timeZone),
    ...(parsed.startAt ? { startAt: parsed.startAt } : {}),
    ...(parsed.endAt ? { endAt: parsed.endAt } : {}),
  };
  checkedTiming(timing, now);
  return { upcoming: nextFireTimes(timing, now, 5, now).map((d) => d.toISOString()) };
}
