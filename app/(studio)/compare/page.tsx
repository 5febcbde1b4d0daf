import type { Metadata } from "next";
import { isAppError } from "@/lib/errors";
import { compareJobsSchema } from "@/lib/schemas/jobs";
import type { JobComparison } from "@/lib/schemas/dto";
import { requirePageActor } from "@/server/auth/session";
import { compareJobsAcross } from "@/server/jobs/compare-jobs";
import { Alert, PageHeader } from "@/components/ui/misc";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { CompareView } from "@/components/jobs/compare-view";

export const metadata: Metadata = { title: "Compare across workspaces" };

/** Jobs of several workspaces side by side: `?jobs=dev/job-a,prod/job-b` (dev on sample data, prod on full data). */
export default async function CompareAcrossPage({ searchParams }: { searchParams: Promise<{ jobs?: string }> }) {
  const actor = await requirePageActor();
  const { jobs = "" } = await searchParams;
  let comparison: JobComparison | null = null;
  let error: string | null = null;
  if (jobs) {
    const parsed = compareJobsSchema.safeParse({ jobs });
    if (!parsed.success) error = parsed.error.issues[0]?.message ?? "The list of jobs is not valid.";
    else {
      try {
        comparison = await compareJobsAcross(actor, { jobs: parsed.data.jobs });
      } catch (e) {
        if (!isAppError(e) || (e.code !== "not_found" && e.code !== "invalid")) throw e;
        error = e.message;
      }
    }
  }
  return (
    <>
      <PageHeader title="Compare across workspaces" subtitle="Jobs of any workspaces you read, in one comparison" />
      <form method="get" action="/compare" className="mb-4 flex flex-wrap items-end gap-2" aria-label="Jobs to compare">
        <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
          <span className="text-muted">Jobs, as workspace/job, separated by commas</span>
          <Input name="jobs" defaultValue={jobs} placeholder="dev/job-abc123, prod/job-def456" className="font-mono" />
        </label>
        <Button type="submit" variant="primary">
          Compare
        </Button>
      </form>
      {error ? <Alert title="These jobs cannot be compared">{error}</Alert> : null}
      {comparison ? <CompareView comparison={comparison} /> : null}
    </>
  );
}
