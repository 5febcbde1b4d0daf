import "server-only";
import { db, type Tx } from "@/server/db";
import { isUniqueViolation } from "@/server/db/unique-violation";
import { conflict, invalid, notFound } from "@/lib/errors";
import {
  createMonitorSchema,
  monitorListQuerySchema,
  runMonitorSchema,
  updateMonitorSchema,
  type MonitorDto,
  type MonitorRunDetailDto,
  type MonitorRunDto,
} from "@/lib/schemas/monitors";
import { featureNamesFromBaseline, positionalColumns } from "@/lib/monitoring/feature-names";
import { durationMs } from "@/lib/monitoring/window";
import { timingProblem } from "@/lib/schedules/trigger";
import { compareResults } from "@/lib/monitoring/evaluate";
import { actorLabel, type Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope, type ScopeAccess } from "@/server/scopes/scope-access";
import { findEndpointOrThrow } from "@/server/endpoints/find-endpoint";
import { createSchedule } from "@/server/schedules/manage-schedules";
import { loadBatchInputChoices } from "@/server/endpoints/deployment-choices";
import { resolveAssetVersion } from "@/server/assets/resolve-asset-version";
import { readDataBaseline } from "@/server/monitoring/baseline-data";
import { columnsOf } from "@/server/monitoring/collected-segments";
import {
  monitorInclude,
  parseStoredBaseline,
  toMonitorDto,
  toResultDto,
  toRunDto,
  type StoredBaseline,
} from "@/server/monitoring/monitor-dto";

// Model monitors of a workspace's deployments. Members read monitors, their runs and results;
// contributors create, change, run and delete them. Runs are queued here and computed by the monitor
// worker (monitor-worker.ts).

const ws = (workspace: string) => ({ kind: "workspace" as const, name: workspace });
const DAY_MS = 86_400_000;

async function findMonitor(client: Tx | typeof db, scope: ScopeAccess, ref: string) {
  const row = await client.monitor.findFirst({
    where: { scopeId: scope.id, OR: [{ name: ref }, { id: ref }] },
    include: monitorInclude,
  });
  if (!row) throw notFound(`Monitor "${ref}"`);
  return row;
}

/** The columns a deployment's requests flatten into: from what it collected last, else its ONNX input. */
export async function collectedColumns(deployment: { id: string; signature: string | null }): Promise<string[]> {
  const latest = await db.collectedSegment.findFirst({
    where: { deploymentId: deployment.id },
    orderBy: [{ endAt: "desc" }, { id: "desc" }],
    select: { columns: true },
  });
  if (latest && columnsOf(latest).x.length) return columnsOf(latest).x;
  if (!deployment.signature) return [];
  const inputs = (JSON.parse(deployment.signature) as { inputs?: { name: string; shape: (number | string)[] }[] })
    .inputs;
  const only = inputs?.length === 1 ? inputs[0] : null;
  const width = only?.shape.length === 2 ? only.shape[1] : null;
  return typeof width === "number" && width > 0 ? Array.from({ length: width }, (_, i) => `${only!.name}_${i}`) : [];
}

/**
 * A data baseline as stored: the version it names, its target column (given, or the one column left over
 * when the requests are a positional tensor one narrower than the baseline), and, for positional requests
 * without names yet, the feature names the baseline's columns give them (saved on the deployment).
 */
async function dataBaseline(
  actor: Actor,
  workspace: string,
  deployment: { id: string; signature: string | null; featureNames: string | null },
  input: { data: string; targetColumn?: string },
): Promise<{ stored: StoredBaseline; featureNames: Record<string, string> | null }> {
  const version = await resolveAssetVersion(actor, workspace, "data", input.data);
  const head = await readDataBaseline(version.id, 1);
  if (input.targetColumn && !head.columns.includes(input.targetColumn))
    throw invalid(`The baseline has no column "${input.targetColumn}"; its columns are ${head.columns.join(", ")}.`, {
      field: "baseline.targetColumn",
    });
  let targetColumn = input.targetColumn ?? null;
  let featureNames: Record<string, string> | null = null;
  const columns = await collectedColumns(deployment);
  const positional = positionalColumns(columns);
  if (positional && !deployment.featureNames) {
    if (!targetColumn && head.columns.length === positional.width + 1) targetColumn = head.columns.at(-1)!;
    const named = featureNamesFromBaseline(columns, head.columns, targetColumn);
    if ("error" in named) throw invalid(named.error, { field: "baseline" });
    featureNames = named.map;
  }
  return {
    stored: { kind: "data", data: version.label, assetVersionId: version.id, targetColumn },
    featureNames,
  };
}

function windowBaseline(input: { window: string; offset?: string }, productionWindow: string): StoredBaseline {
  const production = productionWindow === "since_last_run" ? DAY_MS : durationMs(productionWindow);
  const offset = input.offset ?? `PT${(2 * production) / 1000}S`;
  return { kind: "window", window: input.window, offset };
}

export async function createMonitor(actor: Actor, workspace: string, input: unknown): Promise<MonitorDto> {
  const data = createMonitorSchema.parse(input);
  const scope = await requireScope(actor, ws(workspace), "write");
  const endpoint = await findEndpointOrThrow(db, scope.id, data.endpoint);
  const deployment = endpoint.deployments.find((d) => d.name === data.deployment);
  if (!deployment) throw notFound(`Deployment "${data.deployment}" of endpoint "${endpoint.name}"`);
  const { stored, featureNames } =
    "data" in data.baseline
      ? await dataBaseline(actor, workspace, deployment, data.baseline)
      : { stored: windowBaseline(data.baseline, data.window), featureNames: null };
  const name = data.name ?? `${endpoint.name}-${deployment.name}`.slice(0, 100);
  if (data.schedule) {
    const problem = timingProblem({
      trigger: { type: "cron", expression: data.schedule.cron },
      timeZone: data.schedule.timeZone,
    });
    if (problem) throw invalid(`The monitor's schedule: ${problem}`, { field: "schedule" });
  }
  try {
    const id = await db.$transaction(async (tx) => {
      const row = await tx.monitor.create({
        data: {
          scopeId: scope.id,
          name,
          description: data.description,
          endpointId: endpoint.id,
          deploymentId: deployment.id,
          task: data.task ?? null,
          baseline: JSON.stringify(stored),
          window: data.window,
          signals: JSON.stringify(data.signals),
          minRows: data.minRows,
          createdById: actor.userId,
          createdByLabel: actorLabel(actor),
        },
      });
      if (featureNames)
        await tx.deployment.update({
          where: { id: deployment.id },
          data: { featureNames: JSON.stringify(featureNames) },
        });
      await recordEvent(tx, {
        actor,
        action: "monitor.created",
        subject: { type: "monitor", id: row.id, label: name },
        scopeId: scope.id,
        data: {
          endpoint: endpoint.name,
          deployment: deployment.name,
          baseline: stored,
          window: data.window,
          featureNames,
        },
      });
      if (data.runNow) await queueRun(tx, actor, row, "manual", new Date());
      return row.id;
    });
    if (data.schedule) await scheduleMonitor(actor, workspace, id, name, data.schedule);
    return getMonitor(actor, workspace, id);
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict(`A monitor named "${name}" already exists in workspace "${workspace}"; give this one a name.`);
    throw error;
  }
}

/** The schedule a new monitor runs on: an ordinary schedule (listed under Schedules) whose target is it. */
async function scheduleMonitor(
  actor: Actor,
  workspace: string,
  id: string,
  name: string,
  timing: { cron: string; timeZone: string },
) {
  const base = `monitor ${name}`.slice(0, 90);
  const taken = await db.schedule.count({ where: { scope: { name: workspace }, name: base } });
  const schedule = await createSchedule(actor, workspace, {
    name: taken ? `${base} ${id.slice(-6)}` : base,
    description: `Runs model monitor ${name} over its window.`,
    trigger: { type: "cron", expression: timing.cron },
    timeZone: timing.timeZone,
    target: { kind: "monitor", monitor: name },
  });
  await db.monitor.update({ where: { id }, data: { scheduleId: schedule.id } });
}

/**
 * The baseline a one-click monitor starts from: the data asset the model version names in its `dataset`
 * tag (its latest version in this workspace), which for the studio's examples is the training data; else
 * the week of the deployment's own traffic before the production window.
 */
export async function defaultBaseline(
  scopeId: string,
  modelVersionId: string,
): Promise<{ data: string } | { window: string }> {
  const tag = await db.modelVersionTag.findFirst({ where: { versionId: modelVersionId, key: "dataset" } });
  if (tag) {
    const asset = await db.asset.findFirst({
      where: { scopeId, kind: "data", name: tag.value, versionCounter: { gt: 0 } },
      select: { name: true },
    });
    if (asset) return { data: asset.name };
  }
  return { window: "P7D" };
}

/** Creates a monitor of a deployment with every default: the baseline above, a one-day window, all signals. */
export async function createDefaultMonitor(
  actor: Actor,
  workspace: string,
  endpointName: string,
  deploymentName: string,
): Promise<MonitorDto> {
  const scope = await requireScope(actor, ws(workspace), "write");
  const endpoint = await findEndpointOrThrow(db, scope.id, endpointName);
  const deployment = endpoint.deployments.find((d) => d.name === deploymentName);
  if (!deployment) throw notFound(`Deployment "${deploymentName}" of endpoint "${endpoint.name}"`);
  const baseline = await defaultBaseline(scope.id, deployment.modelVersion.id);
  return createMonitor(actor, workspace, {
    endpoint: endpoint.name,
    deployment: deployment.name,
    baseline,
    window: "P1D",
  });
}

/** Queues a run whose production window ends at `end`, with the baseline window it compares against. */
async function queueRun(
  tx: Tx,
  actor: Actor | null,
  monitor: { id: string; window: string; baseline: string },
  trigger: string,
  end: Date,
) {
  let start: Date;
  if (monitor.window === "since_last_run") {
    const last = await tx.monitorRun.findFirst({
      where: { monitorId: monitor.id, status: "succeeded", windowEnd: { lt: end } },
      orderBy: { windowEnd: "desc" },
      select: { windowEnd: true },
    });
    start = last?.windowEnd ?? new Date(end.getTime() - DAY_MS);
  } else {
    start = new Date(end.getTime() - durationMs(monitor.window));
  }
  const baseline = parseStoredBaseline(monitor.baseline);
  let baselineWindow: { baselineStart: Date; baselineEnd: Date } | null = null;
  if (baseline.kind === "window") {
    const offset = durationMs(baseline.offset);
    const length = durationMs(baseline.window);
    const baselineEnd = new Date(end.getTime() - offset);
    baselineWindow = { baselineStart: new Date(baselineEnd.getTime() - length), baselineEnd };
  }
  return tx.monitorRun.create({
    data: {
      monitorId: monitor.id,
      trigger,
      windowStart: start,
      windowEnd: end,
      ...baselineWindow,
      createdById: actor?.userId ?? null,
      createdByLabel: actor ? actorLabel(actor) : "schedule",
    },
  });
}

export async function listMonitors(actor: Actor, workspace: string, query: unknown): Promise<MonitorDto[]> {
  const { endpoint, deployment } = monitorListQuerySchema.parse(query);
  const scope = await requireScope(actor, ws(workspace), "read");
  const rows = await db.monitor.findMany({
    where: {
      scopeId: scope.id,
      ...(endpoint
        ? { deployment: { endpoint: { name: endpoint }, ...(deployment ? { name: deployment } : {}) } }
        : {}),
    },
    include: monitorInclude,
    orderBy: [{ name: "asc" }],
  });
  const statuses = await lastStatuses(rows.map((r) => r.lastRunId));
  return rows.map((row) => toMonitorDto(row, row.lastRunId ? (statuses.get(row.lastRunId) ?? null) : null));
}

async function lastStatuses(ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = ids.filter((id): id is string => id !== null);
  if (!wanted.length) return new Map();
  const runs = await db.monitorRun.findMany({ where: { id: { in: wanted } }, select: { id: true, status: true } });
  return new Map(runs.map((r) => [r.id, r.status]));
}

export async function getMonitor(actor: Actor, workspace: string, ref: string): Promise<MonitorDto> {
  const scope = await requireScope(actor, ws(workspace), "read");
  const row = await findMonitor(db, scope, ref);
  const statuses = await lastStatuses([row.lastRunId]);
  return toMonitorDto(row, row.lastRunId ? (statuses.get(row.lastRunId) ?? null) : null);
}

export async function updateMonitor(actor: Actor, workspace: string, ref: string, input: unknown): Promise<MonitorDto> {
  const data = updateMonitorSchema.parse(input);
  const scope = await requireScope(actor, ws(workspace), "write");
  const row = await findMonitor(db, scope, ref);
  const window = data.window ?? row.window;
  let baseline: StoredBaseline | undefined;
  let featureNames: Record<string, string> | null = null;
  if (data.baseline) {
    const deployment = await db.deployment.findUniqueOrThrow({
      where: { id: row.deploymentId },
      select: { id: true, signature: true, featureNames: true },
    });
    if ("data" in data.baseline)
      ({ stored: baseline, featureNames } = await dataBaseline(actor, workspace, deployment, data.baseline));
    else baseline = windowBaseline(data.baseline, window);
  }
  await db.$transaction(async (tx) => {
    await tx.monitor.update({
      where: { id: row.id },
      data: {
        ...(data.description !== undefined ? { description: data.description } : {}),
        ...(data.isEnabled !== undefined ? { isEnabled: data.isEnabled } : {}),
        ...(data.window !== undefined ? { window: data.window } : {}),
        ...(data.signals !== undefined ? { signals: JSON.stringify(data.signals) } : {}),
        ...(data.task !== undefined ? { task: data.task } : {}),
        ...(data.minRows !== undefined ? { minRows: data.minRows } : {}),
        ...(baseline ? { baseline: JSON.stringify(baseline), baselineSnapshotSha: null } : {}),
        updatedAt: new Date(),
      },
    });
    if (featureNames)
      await tx.deployment.update({
        where: { id: row.deploymentId },
        data: { featureNames: JSON.stringify(featureNames) },
      });
    await recordEvent(tx, {
      actor,
      action: "monitor.updated",
      subject: { type: "monitor", id: row.id, label: row.name },
      scopeId: scope.id,
      data: { changed: Object.keys(data).filter((k) => data[k as keyof typeof data] !== undefined) },
    });
  });
  return getMonitor(actor, workspace, row.id);
}

export async function deleteMonitor(actor: Actor, workspace: string, ref: string): Promise<void> {
  const scope = await requireScope(actor, ws(workspace), "write");
  const row = await findMonitor(db, scope, ref);
  await db.$transaction(async (tx) => {
    await tx.monitor.delete({ where: { id: row.id } });
    // Its own schedule goes with it (a schedule made by hand for it fails on its next firing, saying why).
    if (row.scheduleId) {
      const gone = await tx.schedule.deleteMany({ where: { id: row.scheduleId, scopeId: scope.id } });
      if (gone.count)
        await recordEvent(tx, {
          actor,
          action: "schedule.deleted",
          subject: { type: "schedule", id: row.scheduleId, label: `monitor ${row.name}` },
          scopeId: scope.id,
          reason: `Its monitor ${row.name} was deleted.`,
        });
    }
    await recordEvent(tx, {
      actor,
      action: "monitor.deleted",
      subject: { type: "monitor", id: row.id, label: row.name },
      scopeId: scope.id,
    });
  });
}

/** Queues a run now (or for a window ending at `at`); the monitor worker computes it within a second or so. */
export async function runMonitor(
  actor: Actor,
  workspace: string,
  ref: string,
  input: unknown,
  trigger: "manual" | "schedule" = "manual",
): Promise<MonitorRunDto> {
  const { at } = runMonitorSchema.parse(input ?? {});
  const scope = await requireScope(actor, ws(workspace), "write");
  const row = await findMonitor(db, scope, ref);
  const run = await db.$transaction((tx) => queueRun(tx, actor, row, trigger, at ? new Date(at) : new Date()));
  return toRunDto(run, []);
}

export async function listMonitorRuns(actor: Actor, workspace: string, ref: string): Promise<MonitorRunDto[]> {
  const scope = await requireScope(actor, ws(workspace), "read");
  const row = await findMonitor(db, scope, ref);
  const runs = await db.monitorRun.findMany({
    where: { monitorId: row.id },
    orderBy: [{ queuedAt: "desc" }, { id: "desc" }],
    take: 100,
  });
  const results = await db.monitorResult.findMany({
    where: { runId: { in: runs.map((r) => r.id) } },
    select: { runId: true, signal: true, isBreached: true, status: true },
  });
  return runs.map((run) =>
    toRunDto(
      run,
      results.filter((r) => r.runId === run.id),
    ),
  );
}

export async function getMonitorRun(
  actor: Actor,
  workspace: string,
  ref: string,
  runId: string,
): Promise<MonitorRunDetailDto> {
  const scope = await requireScope(actor, ws(workspace), "read");
  const row = await findMonitor(db, scope, ref);
  const run = await db.monitorRun.findFirst({ where: { id: runId, monitorId: row.id } });
  if (!run) throw notFound(`Run "${runId}" of monitor "${row.name}"`);
  const results = await db.monitorResult.findMany({ where: { runId: run.id } });
  results.sort(compareResults);
  return { ...toRunDto(run, results), monitor: row.name, results: results.map(toResultDto) };
}

/** One metric of one feature across the monitor's runs, oldest first: the trend line of the page. */
export async function monitorTrend(
  actor: Actor,
  workspace: string,
  ref: string,
  query: { feature?: string; metric?: string; signal?: string },
) {
  const scope = await requireScope(actor, ws(workspace), "read");
  const row = await findMonitor(db, scope, ref);
  if (!query.feature || !query.metric) throw invalid("Name the feature and the metric of the trend.");
  const points = await db.monitorResult.findMany({
    where: {
      monitorId: row.id,
      feature: query.feature,
      metric: query.metric,
      ...(query.signal ? { signal: query.signal } : {}),
    },
    orderBy: { at: "asc" },
    take: 500,
    select: { at: true, value: true, threshold: true, isBreached: true, runId: true },
  });
  return points.map((p) => ({
    at: p.at.toISOString(),
    value: p.value,
    threshold: p.threshold,
    isBreached: p.isBreached,
    run: p.runId,
  }));
}

/** What the full monitor form offers: the workspace's endpoints with their deployments, and CSV data versions. */
export async function monitorFormChoices(actor: Actor, workspace: string) {
  const scope = await requireScope(actor, ws(workspace), "read");
  const endpoints = await db.endpoint.findMany({
    where: { scopeId: scope.id },
    orderBy: { name: "asc" },
    select: { name: true, kind: true, deployments: { select: { name: true }, orderBy: { createdAt: "asc" } } },
  });
  return {
    endpoints: endpoints.map((e) => ({ name: e.name, kind: e.kind, deployments: e.deployments.map((d) => d.name) })),
    data: await loadBatchInputChoices(actor, workspace),
  };
}
