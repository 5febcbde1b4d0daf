import "server-only";
import { db } from "@/server/db";
import { AppError } from "@/lib/errors";
import { compareJobsSchema, type CompareJobsInput } from "@/lib/schemas/jobs";
import type { JobComparison } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { jobDetailInclude, loadJobFileStats, toJobDto } from "@/server/jobs/find-job";
import { getMetricHistory } from "@/server/jobs/get-job";

/** Fewer points per series as more jobs are compared, so a 50-job page stays a reasonable size. */
export function comparePointBudget(jobCount: number): number {
  return jobCount <= 10 ? 1500 : jobCount <= 25 ? 800 : 400;
}

/**
 * 2 to 50 jobs of one workspace, in the order asked, with every metric's history. Unknown names are
 * reported together (the same answer as for jobs of a workspace the actor cannot read: not found).
 */
export async function compareJobs(actor: Actor, workspace: string, input: CompareJobsInput): Promise<JobComparison> {
  const { jobs: names } = compareJobsSchema.parse(input);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const rows = await db.job.findMany({ where: { scopeId: scope.id, name: { in: names } }, include: jobDetailInclude });
  const byName = new Map(rows.map((r) => [r.name, r]));
  const missing = names.filter((n) => !byName.has(n));
  if (missing.length)
    throw new AppError(
      "not_found",
      `No job named ${missing.map((n) => `"${n}"`).join(", ")} in workspace "${scope.name}".`,
      { missing },
    );
  const fileStats = await loadJobFileStats(
    db,
    rows.map((r) => r.id),
  );
  const jobs = names.map((n) => toJobDto(byName.get(n)!, scope.name, fileStats.get(byName.get(n)!.id)));
  const maxPoints = comparePointBudget(jobs.length);
  const histories: JobComparison["histories"] = {};
  for (const job of jobs) {
    histories[job.name] = {};
    for (const metric of job.metrics)
      histories[job.name][metric.key] = await getMetricHistory(actor, workspace, job.name, metric.key, { maxPoints });
  }
  return { jobs, histories, maxPoints };
}
