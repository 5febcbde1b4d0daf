import "server-only";
import { mlflowRunStatus, updatableStatus } from "@/lib/mlflow/run-status";
import { db } from "@/server/db";
import { isAppError, notFound } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { jobEventData } from "@/server/jobs/job-event-data";
import { openExternalJob } from "@/server/jobs/create-job";
import { logBatch } from "@/server/jobs/log-batch";
import { requireScope, requireJobWrite, type ScopeAccess } from "@/server/scopes/scope-access";
import { assertActive, experimentById, experimentIdOf } from "@/server/mlflow/experiments";
import {
  double,
  int64,
  mlflowInvalid,
  mlflowNotFound,
  optionalString,
  required,
  runIdOf,
} from "@/server/mlflow/protocol";
import type { MlflowContext } from "@/server/mlflow/context";

// MLflow runs are studio jobs of kind "external" (as runs logged by the studio's own helpers are): they appear in
// the Jobs pages, charts and comparisons like any job. The run id is the job's name. A studio job's own token
// (a command job that uses MLflow inside) is given its job as the run, as Azure ML does.

// Tags MLflow's client sets that the studio keeps in fields of its own too (the run's name, its git state).
const RUN_NAME_TAG = "mlflow.runName";

export const runInclude = {
  experiment: { select: { id: true, name: true } },
  params: { select: { key: true, value: true }, orderBy: { key: "asc" } },
  tags: { select: { key: true, value: true }, orderBy: { key: "asc" } },
  metricSummaries: {
    select: { key: true, lastValue: true, lastStep: true, lastTimestamp: true },
    orderBy: { key: "asc" },
  },
  datasetInputs: true,
} as const;
export type RunRow = NonNullable<Awaited<ReturnType<typeof findRunRow>>>;

function findRunRow(scopeId: string, runId: string) {
  return db.job.findUnique({ where: { scopeId_name: { scopeId, name: runId } }, include: runInclude });
}

export async function runOrThrow(scope: { id: string }, runId: string): Promise<RunRow> {
  const row = /^[a-z0-9][a-z0-9_-]{2,79}$/.test(runId) ? await findRunRow(scope.id, runId) : null;
  if (!row) throw mlflowNotFound(`Run with id=${runId} not found`);
  return row;
}

export function assertRunActive(row: { deletedAt: Date | null; name: string }) {
  if (row.deletedAt)
    throw mlflowInvalid(`The run ${row.name} must be in the 'active' state. Current state is deleted.`);
}

export const runArtifactUri = (row: { name: string; experiment: { id: string; name: string } }) =>
  `mlflow-artifacts:/${experimentIdOf(row.experiment)}/${row.name}/artifacts`;

export function toRunInfo(row: RunRow) {
  const status = mlflowRunStatus(row.status);
  return {
    run_uuid: row.name,
    run_id: row.name,
    experiment_id: experimentIdOf(row.experiment),
    run_name: row.displayName,
    user_id: row.createdByLabel,
    status,
    start_time: (row.startedAt ?? row.createdAt).getTime(),
    ...(row.endedAt ? { end_time: row.endedAt.getTime() } : {}),
    artifact_uri: runArtifactUri(row),
    lifecycle_stage: row.deletedAt ? "deleted" : "active",
  };
}

export function toMlflowRun(row: RunRow) {
  const tags = [{ key: RUN_NAME_TAG, value: row.displayName }, ...row.tags.filter((t) => t.key !== RUN_NAME_TAG)];
  return {
    info: toRunInfo(row),
    data: {
      ...(row.metricSummaries.length
        ? {
            metrics: row.metricSummaries.map((m) => ({
              key: m.key,
              value: m.lastValue,
              timestamp: Number(m.lastTimestamp),
              step: m.lastStep,
            })),
          }
        : {}),
      ...(row.params.length ? { params: row.params } : {}),
      tags,
    },
    inputs: row.datasetInputs.length
      ? {
          dataset_inputs: row.datasetInputs.map((d) => ({
            tags: Object.entries(JSON.parse(d.tags) as Record<string, string>).map(([key, value]) => ({ key, value })),
            dataset: {
              name: d.name,
              digest: d.digest,
              source_type: d.sourceType,
              source: d.source,
              ...(d.schema !== null ? { schema: d.schema } : {}),
              ...(d.profile !== null ? { profile: d.profile } : {}),
            },
          })),
        }
      : {},
  };
}

type Pair = { key: string; value: string };

/** MLflow's {key, value} lists, checked for shape; values are text (MLflow's client sends str(value)). */
export function pairsOf(value: unknown, field: string): Pair[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw mlflowInvalid(`Invalid value for parameter '${field}' supplied: it must be a list.`);
  return value.map((entry, i) => {
    const { key, value: v } = (entry ?? {}) as { key?: unknown; value?: unknown };
    if (typeof key !== "string" || key === "")
      throw mlflowInvalid(`Missing value for required parameter '${field}[${i}].key'.`);
    if (v !== undefined && v !== null && typeof v !== "string")
      throw mlflowInvalid(
        `Invalid value ${JSON.stringify(v)} for parameter '${field}[${i}].value' supplied: it must be a string.`,
      );
    return { key, value: (v as string | undefined) ?? "" };
  });
}

const LARGEST = 1.7976931348623157e308;

/** One MLflow metric as the studio logs it: ±Infinity is kept as ±the largest double, as MLflow's SQL store does. */
export function pointOf(m: Record<string, unknown>, i: number, field = "metrics") {
  // The usual point, as current clients send it: a string key and finite numbers (ingest is a hot path).
  const { key: k, value: v, timestamp: t, step: s } = m;
  if (
    typeof k === "string" &&
    k &&
    typeof v === "number" &&
    Number.isFinite(v) &&
    Number.isSafeInteger(t) &&
    (s === undefined || Number.isSafeInteger(s))
  )
    return { key: k, value: v, step: (s as number | undefined) ?? 0, timestamp: t as number };
  const key = m.key;
  if (typeof key !== "string" || key === "")
    throw mlflowInvalid(`Missing value for required parameter '${field}[${i}].key'.`);
  if (m.value === undefined) throw mlflowInvalid(`Missing value for required parameter '${field}[${i}].value'.`);
  const value = double(m.value, `${field}[${i}].value`);
  if (Number.isNaN(value))
    throw mlflowInvalid(
      `Metric '${key}' is NaN: the studio stores metric values as numbers and cannot keep NaN; log a tag instead.`,
    );
  const timestamp = int64(m.timestamp, `${field}[${i}].timestamp`);
  if (timestamp === undefined) throw mlflowInvalid(`Missing value for required parameter '${field}[${i}].timestamp'.`);
  return {
    key,
    value: Number.isFinite(value) ? value : value > 0 ? LARGEST : -LARGEST,
    step: int64(m.step, `${field}[${i}].step`) ?? 0,
    timestamp,
  };
}

/**
 * Logs into a run through the studio's own log-batch (one code path for both APIs). A deleted run takes
 * nothing, as in MLflow; a run of another workspace, or none, is not found.
 */
export async function logIntoRun(
  c: MlflowContext,
  runId: string,
  batch: { metrics?: ReturnType<typeof pointOf>[]; params?: Pair[]; tags?: Pair[] },
): Promise<void> {
  const renamed = batch.tags?.findLast((t) => t.key === RUN_NAME_TAG);
  if (renamed) checkRunName(renamed.value);
  const tags = batch.tags?.filter((t) => t.key !== RUN_NAME_TAG);
  try {
    await logBatch(c.actor, c.workspace, runId, {
      metrics: batch.metrics ?? [],
      params: batch.params ?? [],
      tags: tags ?? [],
    });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") {
      const scope = await requireScope(c.actor, { kind: "workspace", name: c.workspace }, "read");
      assertRunActive(await runOrThrow(scope, runId));
    }
    throw error;
  }
  // The batch was written, so the run exists, is active and may be written by this caller.
  if (renamed) await renameRun(await runOrThrow(await requireJobWrite(c.actor, c.workspace), runId), renamed.value);
}

/** Checked before anything is written, so a bad name changes nothing. */
function checkRunName(name: string) {
  if (!name.trim() || name.length > 250) throw mlflowInvalid(`Invalid run name '${name}'.`);
}

async function renameRun(row: { id: string }, name: string) {
  await db.job.update({ where: { id: row.id }, data: { displayName: name, generatedName: null } });
}

function assertOwn(scope: { jobId?: string }, row: { id: string; name: string }) {
  if (scope.jobId && scope.jobId !== row.id) throw mlflowNotFound(`Run with id=${row.name} not found`);
}

async function createRun(c: MlflowContext) {
  const tags = pairsOf(c.message.tags, "tags");
  const runName = optionalString(c.message, "run_name");
  const tagName = tags.find((t) => t.key === RUN_NAME_TAG)?.value;
  if (runName && tagName && runName !== tagName)
    throw mlflowInvalid(
      `Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='${runName}', mlflow.runName='${tagName}').`,
    );
  const startTime = int64(c.message.start_time, "start_time");
  const experimentId = c.message.experiment_id === undefined ? "0" : String(c.message.experiment_id);
  if (c.actor.jobId) return { run: toMlflowRun(await ownJobAsRun(c, tags)) };
  const scope = await requireScope(c.actor, { kind: "workspace", name: c.workspace }, "write");
  const experiment = await experimentById(scope, experimentId, c.actor);
  assertActive(experiment, experimentId);
  const tag = (key: string) => tags.find((t) => t.key === key)?.value || null;
  const name = await openExternalJob(c.actor, scope, {
    experimentId: experiment.id,
    displayName: runName || tagName || null,
    command: tag("mlflow.source.name"),
    git: {
      repository: tag("mlflow.source.git.repoURL") ?? tag("mlflow.gitRepoURL"),
      branch: tag("mlflow.source.git.branch"),
      commit: tag("mlflow.source.git.commit"),
      dirty: null,
    },
    startedAt: startTime !== undefined ? new Date(startTime) : undefined,
    params: {},
    tags: Object.fromEntries(dedupedTags(tags.filter((t) => t.key !== RUN_NAME_TAG)).map((t) => [t.key, t.value])),
  });
  return { run: toMlflowRun(await runOrThrow(scope, name)) };
}

/** Tags of one request, the last value of a key winning (as MLflow's log-batch does). */
function dedupedTags(tags: Pair[]): Pair[] {
  return [...new Map(tags.map((t) => [t.key, t.value])).entries()].map(([key, value]) => ({ key, value }));
}

/** Inside a studio job, MLflow's start_run() is the job itself: its tags are added to it. */
async function ownJobAsRun(c: MlflowContext, tags: Pair[]): Promise<RunRow> {
  const scope = await requireJobWrite(c.actor, c.workspace);
  const row = await db.job.findFirst({ where: { id: c.actor.jobId, scopeId: scope.id }, include: runInclude });
  if (!row) throw notFound(`The job of this token in workspace "${c.workspace}"`);
  const extra = dedupedTags(tags.filter((t) => t.key !== RUN_NAME_TAG));
  if (extra.length) await logBatch(c.actor, c.workspace, row.name, { tags: extra });
  return runOrThrow(scope, row.name);
}

async function updateRun(c: MlflowContext) {
  const runId = runIdOf(c.message);
  const status = c.message.status === undefined || c.message.status === null ? undefined : String(c.message.status);
  const endTime = int64(c.message.end_time, "end_time");
  const runName = optionalString(c.message, "run_name");
  if (runName) checkRunName(runName);
  const target = status === undefined ? undefined : updatableStatus(status);
  if (status !== undefined && !target)
    throw mlflowInvalid(
      `Invalid value ${JSON.stringify(status)} for parameter 'status': use RUNNING, FINISHED, FAILED or KILLED.`,
    );
  const scope = await requireJobWrite(c.actor, c.workspace);
  const row = await runOrThrow(scope, runId);
  assertOwn(scope, row);
  assertRunActive(row);
  if (runName) await renameRun(row, runName);
  // The runner decides a studio job's status; MLflow's end_run() inside one changes nothing.
  if (target && row.kind === "external" && target !== row.status)
    await setRunStatus(c.actor, scope, row, target, endTime);
  return { run_info: toRunInfo(await runOrThrow(scope, runId)) };
}

/** Ends a run, or opens an ended one again (MLflow's start_run(run_id=…) resumes a run). */
async function setRunStatus(
  actor: Actor,
  scope: ScopeAccess,
  row: RunRow,
  status: "running" | "completed" | "failed" | "canceled",
  endTime: number | undefined,
) {
  await db.$transaction(async (tx) => {
    const isEnd = status !== "running";
    await tx.job.update({
      where: { id: row.id },
      data: { status, endedAt: isEnd ? new Date(endTime ?? Date.now()) : null, failureReason: null },
    });
    await recordEvent(tx, {
      actor,
      action: isEnd ? "job.finished" : "job.reopened",
      subject: { type: "job", id: row.id, label: row.name },
      scopeId: scope.id,
      data: await jobEventData(tx, row.id, status, { previousStatus: row.status }),
    });
  });
}

async function setRunDeleted(c: MlflowContext, deleted: boolean) {
  const runId = runIdOf(c.message, false);
  const scope = await requireScope(c.actor, { kind: "workspace", name: c.workspace }, "write");
  const row = await runOrThrow(scope, runId);
  await db.$transaction(async (tx) => {
    await tx.job.update({ where: { id: row.id }, data: { deletedAt: deleted ? new Date() : null } });
    await recordEvent(tx, {
      actor: c.actor,
      action: deleted ? "job.deleted" : "job.restored",
      subject: { type: "job", id: row.id, label: row.name },
      scopeId: scope.id,
    });
  });
  return {};
}

export const runRpcs = {
  "runs/create": { methods: ["POST"], handle: createRun },
  "runs/get": {
    methods: ["GET"],
    handle: async (c: MlflowContext) => {
      const scope = await requireScope(c.actor, { kind: "workspace", name: c.workspace }, "read");
      return { run: toMlflowRun(await runOrThrow(scope, runIdOf(c.message))) };
    },
  },
  "runs/update": { methods: ["POST"], handle: updateRun },
  "runs/delete": { methods: ["POST"], handle: (c: MlflowContext) => setRunDeleted(c, true) },
  "runs/restore": { methods: ["POST"], handle: (c: MlflowContext) => setRunDeleted(c, false) },
  "runs/log-metric": {
    methods: ["POST"],
    handle: async (c: MlflowContext) => {
      const point = pointOf(c.message, 0, "metric");
      await logIntoRun(c, runIdOf(c.message), { metrics: [point] });
      return {};
    },
  },
  "runs/log-parameter": {
    methods: ["POST"],
    handle: async (c: MlflowContext) => {
      const key = required(c.message, "key");
      const value = c.message.value === undefined || c.message.value === null ? "" : c.message.value;
      if (typeof value !== "string")
        throw mlflowInvalid(
          `Invalid value ${JSON.stringify(value)} for parameter 'value' supplied: it must be a string.`,
        );
      await logIntoRun(c, runIdOf(c.message), { params: [{ key, value }] });
      return {};
    },
  },
  "runs/set-tag": {
    methods: ["POST"],
    handle: async (c: MlflowContext) => {
      const key = required(c.message, "key");
      const [tag] = pairsOf([{ key, value: c.message.value }], "tag");
      await logIntoRun(c, runIdOf(c.message), { tags: [tag!] });
      return {};
    },
  },
  "runs/delete-tag": {
    methods: ["POST"],
    handle: async (c: MlflowContext) => {
      const runId = runIdOf(c.message, false);
      const key = required(c.message, "key");
      const scope = await requireJobWrite(c.actor, c.workspace);
      const row = await runOrThrow(scope, runId);
      assertOwn(scope, row);
      assertRunActive(row);
      const { count } = await db.jobTag.deleteMany({ where: { jobId: row.id, key } });
      if (!count) throw mlflowNotFound(`No tag with name: ${key} in run with id ${runId}`);
      return {};
    },
  },
  "runs/log-batch": {
    methods: ["POST"],
    maxBytes: 1_000_000,
    handle: async (c: MlflowContext) => {
      const runId = runIdOf(c.message, false);
      const metrics = Array.isArray(c.message.metrics) ? c.message.metrics : [];
      const params = pairsOf(c.message.params, "params");
      const tags = pairsOf(c.message.tags, "tags");
      if (metrics.length > 1000)
        throw mlflowInvalid(
          `A batch logging request can contain at most 1000 metrics. Got ${metrics.length} metrics. Please split up metrics across multiple requests and try again.`,
        );
      if (params.length > 100 || tags.length > 100)
        throw mlflowInvalid(
          `A batch logging request can contain at most 100 params and 100 tags. Got ${params.length} params and ${tags.length} tags.`,
        );
      if (metrics.length + params.length + tags.length > 1000)
        throw mlflowInvalid("A batch logging request can contain at most 1000 metrics, params and tags in total.");
      const keys = params.map((p) => p.key);
      const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
      if (repeated.length)
        throw mlflowInvalid(
          `Duplicate parameter keys have been submitted: ${JSON.stringify([...new Set(repeated)])}. Please ensure the request contains only one param value per param key.`,
        );
      await logIntoRun(c, runId, {
        metrics: metrics.map((m, i) => pointOf((m ?? {}) as Record<string, unknown>, i)),
        params,
        tags: dedupedTags(tags),
      });
      return {};
    },
  },
  "runs/log-inputs": {
    methods: ["POST"],
    handle: async (c: MlflowContext) => {
      const runId = runIdOf(c.message, false);
      const datasets = Array.isArray(c.message.datasets) ? c.message.datasets : [];
      const inputs = datasets.map((entry, i) => datasetInputOf(entry, i));
      const scope = await requireJobWrite(c.actor, c.workspace);
      const row = await runOrThrow(scope, runId);
      assertOwn(scope, row);
      assertRunActive(row);
      for (const input of inputs)
        await db.jobDatasetInput.upsert({
          where: { jobId_name_digest: { jobId: row.id, name: input.name, digest: input.digest } },
          create: { jobId: row.id, ...input },
          update: input,
        });
      return {};
    },
  },
} as const;

const DATASET_LIMITS = {
  name: 500,
  digest: 36,
  source_type: 500,
  source: 65_535,
  schema: 1_048_575,
  profile: 16_777_215,
};

function datasetInputOf(entry: unknown, i: number) {
  const { dataset, tags } = (entry ?? {}) as { dataset?: Record<string, unknown>; tags?: unknown };
  if (!dataset || typeof dataset !== "object")
    throw mlflowInvalid(`Missing value for required parameter 'datasets[${i}].dataset'.`);
  const text = (field: keyof typeof DATASET_LIMITS, isRequired: boolean) => {
    const value = dataset[field];
    if (value === undefined || value === null || value === "") {
      if (isRequired) throw mlflowInvalid(`Missing value for required parameter 'datasets[${i}].dataset.${field}'.`);
      return null;
    }
    if (typeof value !== "string") throw mlflowInvalid(`datasets[${i}].dataset.${field} must be a string.`);
    if (value.length > DATASET_LIMITS[field])
      throw mlflowInvalid(`Dataset ${field} exceeds the maximum length of ${DATASET_LIMITS[field]}`);
    return value;
  };
  const inputTags = pairsOf(tags, `datasets[${i}].tags`);
  return {
    name: text("name", true)!,
    digest: text("digest", true)!,
    sourceType: text("source_type", true)!,
    source: text("source", true)!,
    schema: text("schema", false),
    profile: text("profile", false),
    tags: JSON.stringify(Object.fromEntries(inputTags.map((t) => [t.key, t.value]))),
  };
}
