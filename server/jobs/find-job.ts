import "server-only";
import type { Db, Tx } from "@/server/db";
import { notFound } from "@/lib/errors";
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

const sortedRecord = (rows: { key: string; value: string }[]) => Object.fromEntries([...rows].sort((a, b) => a.key.localeCompare(b.key)).map((r) => [r.key, r.value]));

export function toJobDto(job: JobRow, workspace: string): JobDto {
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
  };
}
