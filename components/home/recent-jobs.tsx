"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { JobDto } from "@/lib/schemas/dto";
import { formatDateTime } from "@/lib/format";
import { formatJobDuration, isLiveStatus } from "@/lib/job-display";
import { LIVE_POLL_MS, queryKeys } from "@/lib/query-keys";
import { apiGet } from "@/components/ui/api-request";
import { api, pages } from "@/lib/routes";
import { useNow } from "@/components/ui/use-now";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";

type Page = { items: JobDto[]; nextCursor: string | null };

/**
 * The workspace's latest jobs with their status, polled while any of them is queued or running (the
 * same query and key the jobs list uses), and how long each ran, ticking while it runs.
 */
export function RecentJobs({
  workspace,
  apiQuery,
  initialPage,
  renderedAt,
}: {
  workspace: string;
  apiQuery: string;
  initialPage: Page;
  renderedAt: number;
}) {
  const { data: page } = useQuery({
    queryKey: queryKeys.jobs.list(workspace, apiQuery),
    queryFn: () => apiGet<Page>(api.jobs(workspace, apiQuery)),
    initialData: initialPage,
    refetchInterval: (q) => (q.state.data?.items.some((j) => isLiveStatus(j.status)) ? LIVE_POLL_MS : false),
  });
  const liveCount = page.items.filter((j) => isLiveStatus(j.status)).length;
  const now = useNow({ initial: renderedAt, isTicking: liveCount > 0 });
  if (!page.items.length) return <p className="text-sm text-muted">No jobs yet.</p>;
  return (
    <>
      <p className="mb-2 text-xs text-muted" data-testid="home-live-jobs">
        {liveCount ? `${liveCount} queued or running` : "Nothing running now"}
      </p>
      <ul aria-label="Recent jobs" className="divide-y divide-border">
        {page.items.map((job) => (
          <li key={job.name} className="flex min-w-0 items-center gap-3 py-2">
            <span className="w-[5.5rem] shrink-0">
              <JobStatusBadge status={job.status} />
            </span>
            <div className="min-w-0 flex-1">
              <Link
                href={pages.job(workspace, job.name)}
                className="block truncate text-sm font-medium text-accent hover:underline"
              >
                {job.displayName}
              </Link>
              <p className="truncate text-xs text-muted">
                {job.experiment} · {formatDateTime(job.createdAt)} · {job.createdBy}
              </p>
            </div>
            <span className="shrink-0 text-xs tabular-nums text-muted">{formatJobDuration(job, now)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
