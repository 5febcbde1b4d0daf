import "server-only";
import type { Db, Tx } from "@/server/db";
import { AppError, notFound } from "@/lib/errors";
import { jobNameSchema } from "@/lib/schemas/jobs";
import type { JobDto } from "@/lib/schemas/dto";
import type { CommandJobSpec, JobStatus } from "@/lib/schemas/jobs";

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
  const groups = await client.jobFile.groupBy({ by: ["jobId", "kind", "output"], where: { jobId: { in: jobIds } }, _count: { _all: true }, _sum: { size: true } });
  for (const g of groups) {
    stats.set(g.jobId, [...(stats.get(g.jobId) ?? []), { kind: g.kind, output: g.output, count: g._count._all, size: Number(g._sum.size ?? 0) }]);
  }
  return stats;
}

/** One job as the API and pages show it. */
export async function findJobDto(client: Db | Tx, scope: { id: string; name: string }, name: string): Promise<JobDto> {
  const job = await findJobOrThrow(client, scope.id, name);
  return toJobDto(job, scope.name, (await loadJobFileStats(client, [job.id])).get(job.id));
}

const sortedRecord = (rows: { key: string; value: string }[]) => Object.fromEntries([...rows].sort((a, b) => a.key.localeCompare(b.key)).map((r) => [r.key, r.value]));

export function toJobDto(job: JobRow, workspace: string, files: JobFileStat[] = []): JobDto {
  const spec = JSON.parse(job.spec) as Partial<CommandJobSpec>;
  const code = files.find((f) => f.kind === "code");
  return {
    name: job.name,
    workspace,
    experiment: job.experiment.name,
    displayName: job.displayName,
    kind: job.kind as JobDto["kind"],
    status: job.status as JobStatus,
    compute: job.compute,
    command: job.command,
    git: job.gitRepository || job.gitBranch || job.gitCommit ? { repository: job.gitRepository, branch: job.gitBranch, commit: job.gitCommit } : null,
    createdBy: job.createdByLabel,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    endedAt: job.endedAt?.toISOString() ?? null,
    failureReason: job.failureReason,
    params: sortedRecord(job.params),
    tags: sortedRecord(job.tags),
    metrics: [...job.metricSummaries]
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((m) => ({ key: m.key, count: m.count, last: m.lastValue, lastStep: m.lastStep, min: m.minValue, minStep: m.minStep, max: m.maxValue, maxStep: m.maxStep })),
    environment: job.environmentLabel,
    inputs: Object.fromEntries(
      Object.entries(spec.inputs ?? {}).map(([name, input]) => [name, input.type === "literal" ? { type: "literal" as const, value: input.value } : { type: "data" as const, asset: input.asset, kind: input.kind }]),
    ),
    outputs: (spec.outputs ?? []).map((name) => {
      const output = files.find((f) => f.kind === "output" && f.output === name);
      return { name, fileCount: output?.count ?? 0, totalSize: output?.size ?? 0 };
    }),
    code: code ? { fileCount: code.count, totalSize: code.size } : null,
    exitCode: job.exitCode,
    isCancelRequested: job.cancelRequestedAt !== null,
  };
}

/** A job's own token may write only to that job (see requireJobWrite). */
export function assertOwnJob(access: { jobId?: string }, jobId: string): void {
  if (access.jobId && access.jobId !== jobId) throw new AppError("forbidden", "A job's token may only write to its own job.");
}
