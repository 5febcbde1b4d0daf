import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { isAppError } from "@/lib/errors";
import { pages } from "@/lib/routes";
import { compareJobsSchema } from "@/lib/schemas/jobs";
import { loadScopePage } from "@/server/http/pages";
import { compareJobs } from "@/server/jobs/compare-jobs";
import type { JobComparison } from "@/lib/schemas/dto";
import { Alert, PageHeader } from "@/components/ui/misc";
import { CompareView } from "@/components/jobs/compare-view";
import { RefreshWhileLive } from "@/components/live/refresh-while-live";
import { isLiveStatus } from "@/lib/job-display";

export const metadata: Metadata = { title: "Compare jobs" };

export default async function CompareJobsPage({
  params,
  searchParams,
}: {
  params: Promise<{ scopeKind: string; scope: string }>;
  searchParams: Promise<{ jobs?: string }>;
}) {
  const { actor, scope, ref } = await loadScopePage(await params);
  if (scope.kind !== "workspace") notFound();
  const { jobs } = await searchParams;
  const base = pages.jobs(ref.name);

  let comparison: JobComparison | null = null;
  let error: string | null = null;
  const parsed = compareJobsSchema.safeParse({ jobs: jobs ?? "" });
  if (!parsed.success) error = parsed.error.issues[0]?.message ?? "The list of jobs is not valid.";
  else {
    try {
      comparison = await compareJobs(actor, scope.name, { jobs: parsed.data.jobs });
    } catch (e) {
      if (!isAppError(e) || (e.code !== "not_found" && e.code !== "invalid")) throw e;
      error = e.message;
    }
  }

  return (
    <>
      <PageHeader
        breadcrumbs={
          <Link href={base} className="hover:underline">
            Jobs
          </Link>
        }
        title={comparison ? `Compare ${comparison.jobs.length} jobs` : "Compare jobs"}
        subtitle={`Workspace ${scope.displayName}`}
        actions={
          comparison ? (
            <Link
              className="text-sm text-accent hover:underline"
              href={pages.compareAcross(comparison.jobs.map((j) => `${j.workspace}/${j.name}`))}
            >
              Add jobs of other workspaces
            </Link>
          ) : null
        }
      />
      {error ? (
        <Alert title="These jobs cannot be compared">
          <p>{error}</p>
          <p className="mt-1">
            Select 2 to 50 jobs on the{" "}
            <Link href={base} className="underline">
              jobs page
            </Link>{" "}
            and press Compare.
          </p>
        </Alert>
      ) : comparison ? (
        <>
          <RefreshWhileLive isLive={comparison.jobs.some((j) => isLiveStatus(j.status))} />
          <CompareView comparison={comparison} />
        </>
      ) : null}
    </>
  );
}
