import "server-only";
import { createHash } from "node:crypto";
import type { Tx } from "@/server/db";
import { canonicalJson, type Json } from "@/lib/canonical-json";
import { parseAssetRef } from "@/lib/asset-ref";
import type { CommandJobSpec } from "@/lib/schemas/jobs";
import { lineageRecordSchema, type LineageRecord } from "@/lib/schemas/lineage";
import type { ScopeKind } from "@/lib/scopes";

// Caps keep a record small whatever a training script logged; what is left out is still on the job itself.
const MAX_ENTRIES = 200;
const MAX_VALUE = 500;

/** What a lineage row holds besides its record: the graph's edges. */
export type CapturedLineage = {
  record: LineageRecord;
  jobId: string;
  pipelineJobId: string | null;
  scopeId: string;
  /** Data asset versions read, by input name (edges data → model). */
  dataEdges: { input: string; assetVersionId: string }[];
};

/** "sha256:" and the hash of a file list's (path, sha256) pairs in path order: same bytes, same hash. */
export function manifestHash(files: readonly { path: string; sha256: string }[]): string {
  const list = files
    .map((f) => ({ path: f.path, sha256: f.sha256.toLowerCase() }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return `sha256:${sha256(canonicalJson(list))}`;
}

/** "sha256:" and the hash of a spec's canonical JSON. */
export function specHash(spec: Json): string {
  return `sha256:${sha256(canonicalJson(spec))}`;
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function clip(value: string): string {
  return value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE - 1)}…` : value;
}

function clipped(entries: { key: string; value: string }[]): Record<string, string> {
  return Object.fromEntries(
    entries
      .slice()
      .sort((a, b) => a.key.localeCompare(b.key))
      .slice(0, MAX_ENTRIES)
      .map((e) => [e.key, clip(e.value)]),
  );
}

/**
 * The lineage of a model registered from one of a job's outputs, read in the caller's transaction so it is the
 * job as it was at that moment. A reused pipeline step ran nothing: its metrics, params and code are those of
 * the job whose outputs it took.
 */
export async function captureLineage(tx: Tx, jobId: string): Promise<CapturedLineage> {
  const job = await tx.job.findUniqueOrThrow({
    where: { id: jobId },
    include: { experiment: { select: { name: true } }, scope: { select: { name: true } }, tags: true },
  });
  const ranAs = job.reusedFromJobId ?? job.id;
  const [metrics, params, code, parent, reused, environment] = await Promise.all([
    tx.metricSummary.findMany({ where: { jobId: ranAs }, orderBy: { key: "asc" }, take: MAX_ENTRIES }),
    tx.jobParam.findMany({ where: { jobId: ranAs } }),
    tx.jobFile.findMany({ where: { jobId: ranAs, kind: "code" }, select: { path: true, sha256: true } }),
    job.parentJobId
      ? tx.job.findUnique({ where: { id: job.parentJobId }, select: { name: true, displayName: true } })
      : null,
    job.reusedFromJobId ? tx.job.findUnique({ where: { id: job.reusedFromJobId }, select: { name: true } }) : null,
    job.environmentVersionId
      ? tx.assetVersion.findUnique({
          where: { id: job.environmentVersionId },
          select: {
            name: true,
            version: true,
            spec: true,
            asset: { select: { scope: { select: { kind: true, name: true } } } },
          },
        })
      : null,
  ]);
  const spec = JSON.parse(job.spec) as Partial<CommandJobSpec>;
  const data: LineageRecord["data"] = [];
  const dataEdges: CapturedLineage["dataEdges"] = [];
  for (const [input, value] of Object.entries(spec.inputs ?? {})) {
    if (value.type !== "data") continue;
    const hash = manifestHash(value.files);
    if (value.fromJob) {
      data.push({ input, hash, fromJob: value.fromJob });
      continue;
    }
    const ref = parseAssetRef(value.asset);
    const scope = ref.ok && ref.ref.registry ? { kind: "registry" as const, name: ref.ref.registry } : null;
    data.push({
      input,
      hash,
      scope: scope ?? { kind: "workspace", name: job.scope.name },
      ...(ref.ok ? { name: ref.ref.name } : {}),
      ...(ref.ok && ref.ref.version !== "latest" ? { version: ref.ref.version } : {}),
    });
    if (value.versionId) dataEdges.push({ input, assetVersionId: value.versionId });
  }
  const git = {
    ...(job.gitRepository ? { repository: job.gitRepository } : {}),
    ...(job.gitBranch ? { branch: job.gitBranch } : {}),
    ...(job.gitCommit ? { commit: job.gitCommit } : {}),
    ...(job.gitDirty !== null ? { dirty: job.gitDirty } : {}),
  };
  const record: LineageRecord = {
    workspace: job.scope.name,
    job: { name: job.name, displayName: job.displayName, status: job.status },
    ...(parent ? { pipelineJob: parent } : {}),
    ...(job.stepName ? { step: job.stepName } : {}),
    ...(reused ? { reusedFrom: reused.name } : {}),
    experiment: job.experiment.name,
    metrics: Object.fromEntries(
      metrics
        .filter((m) => [m.lastValue, m.minValue, m.maxValue].every(Number.isFinite))
        .map((m) => [m.key, { last: m.lastValue, min: m.minValue, max: m.maxValue }]),
    ),
    params: clipped(params),
    tags: clipped(job.tags),
    ...(Object.keys(git).length ? { git } : {}),
    ...(environment
      ? {
          environment: {
            scope: { kind: environment.asset.scope.kind as ScopeKind, name: environment.asset.scope.name },
            name: environment.name,
            version: environment.version,
            specHash: specHash(JSON.parse(environment.spec) as Json),
          },
        }
      : {}),
    data,
    ...(code.length ? { codeHash: manifestHash(code) } : {}),
    capturedAt: new Date().toISOString(),
  };
  return { record, jobId: job.id, pipelineJobId: job.parentJobId, scopeId: job.scopeId, dataEdges };
}

/** A version's stored lineage, to copy onto a registry copy of it. */
export async function lineageOf(tx: Tx, versionId: string): Promise<CapturedLineage | null> {
  const row = await tx.modelLineage.findUnique({ where: { versionId }, include: { data: true } });
  if (!row?.jobId || !row.scopeId) return null;
  return {
    record: lineageRecordSchema.parse(JSON.parse(row.record)),
    jobId: row.jobId,
    pipelineJobId: row.pipelineJobId,
    scopeId: row.scopeId,
    dataEdges: row.data.map((d) => ({ input: d.input, assetVersionId: d.assetVersionId })),
  };
}

/** Writes a version's lineage row (in the transaction that inserts the version). */
export async function writeLineage(
  tx: Tx,
  versionId: string,
  captured: CapturedLineage,
  originVersionId: string | null = null,
): Promise<void> {
  await tx.modelLineage.create({
    data: {
      versionId,
      jobId: captured.jobId,
      pipelineJobId: captured.pipelineJobId,
      scopeId: captured.scopeId,
      record: JSON.stringify(captured.record),
      originVersionId,
      data: { createMany: { data: captured.dataEdges } },
    },
  });
}
