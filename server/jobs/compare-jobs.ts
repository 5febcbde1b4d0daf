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
  return loadComparison(actor, workspace, names, comparePointBudget(names.length));
}

/**
 * Jobs of several workspaces in one comparison (dev on sample data beside prod on full data), named
 * `workspace/job`: each workspace is read as the reader may read it, and the jobs come back in the order asked.
 */
export async function compareJobsAcross(actor: Actor, input: unknown): Promise<JobComparison> {
  const { jobs: refs } = compareJobsSchema.parse(input);
  const byWorkspace = new Map<string, string[]>();
  for (const ref of refs) {
    const slash = ref.indexOf("/");
    if (slash <= 0 || slash === ref.length - 1)
      throw new AppError("invalid", `"${ref}" is not workspace/job, such as dev/job-abc123.`, { field: "jobs" });
    const workspace = ref.slice(0, slash);
    byWorkspace.set(workspace, [...(byWorkspace.get(workspace) ?? []), ref.slice(slash + 1)]);
  }
  const maxPoints = comparePointBudget(refs.length);
  const parts = await Promise.all(
    [...byWorkspace].map(([workspace, names]) => loadComparison(actor, workspace, names, maxPoints)),
  );
  const jobs = parts.flatMap((p) => p.jobs);
  const order = new Map(refs.map((r, i) => [r, i]));
  jobs.sort((a, b) => order.get(`${a.workspace}/${a.name}`)! - order.get(`${b.workspace}/${b.name}`)!);
  return { jobs, histories: Object.assign({}, ...parts.map((p) => p.histories)), maxPoints };
}

async function loadComparison(
  actor: Actor,
  workspace: string,
  names: string[],
  maxPoints: number,
): Promise<JobComparison> {
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
  const histories: JobComparison["histories"] = {};
  for (const job of jobs) {
    histories[job.name] = {};
    for (const metric of job.metrics)
      histories[job.name][metric.key] = await getMetricHistory(actor, workspace, job.name, metric.key, { maxPoints });
  }
  return { jobs, histories, maxPoints };
}
