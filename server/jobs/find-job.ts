import "server-only";
import { IMPLICIT_OUTPUTS } from "@/lib/schemas/jobs";
import { readRuntime } from "@/server/environments/stored-runtime";
import { readCommandJobSpec, readPipelineJobSpec } from "@/server/jobs/stored-job-spec";
import type { Db, Tx } from "@/server/db";
import { AppError, notFound } from "@/lib/errors";
import { jobNameSchema } from "@/lib/schemas/jobs";
import type { JobDto } from "@/lib/schemas/dto";
import type { JobStatus } from "@/lib/schemas/jobs";

export const jobDetailInclude = {
  experiment: { select: { name: true } },
  params: { select: { key: true, value: true } },
  tags: { select: { key: true, value: true } },
  metricSummaries: true,
} as const;

export async function findJobOrThrow(client: Db | Tx, scopeId: string, name: string) {
  if (!jobNameSchema.safeParse(name).success) throw notFound(`Job "${name}"`);
  const job = await client.job.findUnique({ where: { scopeId_name: { scopeId, name } }, include: jobDetailInclude });
  if (!job) throw notFound(`Job "${name}"`);
  return job;
}

type JobRow = Awaited<ReturnType<typeof findJobOrThrow>>;

/** How many files, and how many bytes, a job has per kind and output (counted by the database). */
export type JobFileStat = { kind: string; output: string; count: number; size: number };

export async function loadJobFileStats(client: Db | Tx, jobIds: string[]): Promise<Map<string, JobFileStat[]>> {
  const stats = new Map<string, JobFileStat[]>();
  if (!jobIds.length) return stats;
  const groups = await client.jobFile.groupBy({
    by: ["jobId", "kind", "output"],
    where: { jobId: { in: jobIds } },
    _count: { _all: true },
    _sum: { size: true },
  });
  for (const g of groups) {
    stats.set(g.jobId, [
      ...(stats.get(g.jobId) ?? []),
      { kind: g.kind, output: g.output, count: g._count._all, size: Number(g._sum.size ?? 0) },
    ]);
  }
  return stats;
}

/** The jobs a job is tied to in a pipeline: its pipeline job (a step), its steps (a pipeline job), the job it reused. */
export type JobRelations = Pick<JobDto, "parent" | "steps" | "reusedFrom">;

async function loadRelations(client: Db | Tx, job: JobRow): Promise<JobRelations> {
  const parent = job.parentJobId
    ? await client.job.findUnique({ where: { id: job.parentJobId }, select: { name: true } })
    : null;
  const reused = job.reusedFromJobId
    ? await client.job.findUnique({ where: { id: job.reusedFromJobId }, select: { name: true } })
    : null;
  const steps =
    job.kind === "pipeline"
      ? await client.job.findMany({
          where: { parentJobId: job.id },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: {
            name: true,
            stepName: true,
            displayName: true,
            status: true,
            startedAt: true,
            endedAt: true,
            failureReason: true,
            reusedFromJobId: true,
          },
        })
      : [];
  const originIds = [...new Set(steps.map((s) => s.reusedFromJobId).filter((id): id is string => id !== null))];
  const origins = originIds.length
    ? await client.job.findMany({ where: { id: { in: originIds } }, select: { id: true, name: true } })
    : [];
  const originName = new Map(origins.map((o) => [o.id, o.name]));
  return {
    parent: parent && job.stepName ? { job: parent.name, step: job.stepName } : null,
    reusedFrom: reused?.name ?? null,
    steps: steps.map((s) => ({
      step: s.stepName ?? s.name,
      job: s.name,
      displayName: s.displayName,
      status: s.status as JobStatus,
      startedAt: s.startedAt?.toISOString() ?? null,
      endedAt: s.endedAt?.toISOString() ?? null,
      failureReason: s.failureReason,
      reusedFrom: s.reusedFromJobId ? (originName.get(s.reusedFromJobId) ?? null) : null,
    })),
  };
}

/** One job as the API and pages show it. */
export async function findJobDto(client: Db | Tx, scope: { id: string; name: string }, name: string): Promise<JobDto> {
  const job = await findJobOrThrow(client, scope.id, name);
  return toJobDto(
    job,
    scope.name,
    (await loadJobFileStats(client, [job.id])).get(job.id),
    await loadRelations(client, job),
  );
}

const sortedRecord = (rows: { key: string; value: string }[]) =>
  Object.fromEntries([...rows].sort((a, b) => a.key.localeCompare(b.key)).map((r) => [r.key, r.value]));

export function toJobDto(
  job: JobRow,
  workspace: string,
  files: JobFileStat[] = [],
  relations: JobRelations = { parent: null, steps: [], reusedFrom: null },
): JobDto {
  const spec = job.kind === "pipeline" ? readPipelineJobSpec(job.spec) : readCommandJobSpec(job.spec);
  const code = files.find((f) => f.kind === "code");
  // A pipeline job's outputs are its graph's output nodes; a command job's, the names it was given.
  const declared =
    "graph" in spec ? spec.graph.nodes.filter((n) => n.kind === "output").map((n) => n.name) : spec.outputs;
  // ./outputs and ./logs written by a command are outputs too, when it wrote any.
  const implicit = IMPLICIT_OUTPUTS.filter(
    (name) => !declared.includes(name) && files.some((f) => f.kind === "output" && f.output === name),
  );
  const outputNames = [...declared, ...implicit];
  return {
    name: job.name,
    workspace,
    experiment: job.experiment.name,
    displayName: job.displayName,
    kind: job.kind as JobDto["kind"],
    status: job.status as JobStatus,
    deletedAt: job.deletedAt?.toISOString() ?? null,
    compute: job.compute,
    command: job.command,
    git:
      job.gitRepository || job.gitBranch || job.gitCommit
        ? { repository: job.gitRepository, branch: job.gitBranch, commit: job.gitCommit, dirty: job.gitDirty }
        : null,
    createdBy: job.createdByLabel,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    endedAt: job.endedAt?.toISOString() ?? null,
    failureReason: job.failureReason,
    params: sortedRecord(job.params),
    tags: sortedRecord(job.tags),
    metrics: [...job.metricSummaries]
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((m) => ({
        key: m.key,
        count: m.count,
        last: m.lastValue,
        lastStep: m.lastStep,
        min: m.minValue,
        minStep: m.minStep,
        max: m.maxValue,
        maxStep: m.maxStep,
      })),
    environment: job.environmentLabel,
    runtime: readRuntime(job.runtime),
    inputs: Object.fromEntries(
      Object.entries(spec.inputs).map(([name, input]) => [
        name,
        input.type === "literal"
          ? { type: "literal" as const, value: String(input.value) }
          : { type: "data" as const, asset: input.asset, kind: input.kind },
      ]),
    ),
    outputs: outputNames.map((name) => {
      const output = files.find((f) => f.kind === "output" && f.output === name);
      return { name, fileCount: output?.count ?? 0, totalSize: output?.size ?? 0 };
    }),
    environmentVariables: "graph" in spec ? {} : (spec.environmentVariables ?? {}),
    code: code ? { fileCount: code.count, totalSize: code.size } : null,
    exitCode: job.exitCode,
    sandbox: job.sandbox === "bubblewrap" || job.sandbox === "none" ? job.sandbox : null,
    isCancelRequested: job.cancelRequestedAt !== null,
    pipeline: job.pipelineId && job.pipelineVersion ? { id: job.pipelineId, version: job.pipelineVersion } : null,
    ...relations,
  };
}

/** A job's own token may write only to that job (see requireJobWrite). */
export function assertOwnJob(access: { jobId?: string }, jobId: string): void {
  if (access.jobId && access.jobId !== jobId)
    throw new AppError("forbidden", "A job's token may only write to its own job.");
}
