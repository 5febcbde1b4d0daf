"use client";
import { RerunJobButton } from "@/components/jobs/rerun-job-button";

import { useQueries, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Copy } from "lucide-react";
import type { JobDto, MetricHistoryDto } from "@/lib/schemas/dto";
import { formatJobDuration, isLiveStatus } from "@/lib/job-display";
import { logScaleBlocker, seriesColour } from "@/lib/metric-chart";
import { LIVE_POLL_MS, queryKeys } from "@/lib/query-keys";
import { api } from "@/lib/routes";
import { apiGet } from "@/components/ui/api-request";
import { Card, EmptyState } from "@/components/ui/misc";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { CancelJobButton } from "@/components/jobs/cancel-job-button";
import { buttonClass } from "@/components/ui/button";
import { useNow } from "@/components/ui/use-now";
import { ChartControls, type ChartSettings } from "@/components/charts/chart-controls";
import { MetricLineChart } from "@/components/charts/metric-line-chart";

export const MAX_POINTS = 1500;

/** The job, polled while it is queued or running; the first answer comes from the server render. */
export function useLiveJob(workspace: string, initial: JobDto) {
  return useQuery({
    queryKey: queryKeys.jobs.detail(workspace, initial.name),
    queryFn: () => apiGet<JobDto>(api.job(workspace, initial.name)),
    initialData: initial,
    refetchInterval: (q) => (q.state.data && isLiveStatus(q.state.data.status) ? LIVE_POLL_MS : false),
  }).data;
}

/**
 * The status badge of the job page, with the time it has been running. It reads the one live query of the
 * job that the Cancel button, the duration and the log read too; when the status changes, the server
 * parts (times, error lines, outputs) re-render.
 */
export function LiveJobStatus({ workspace, job, renderedAt }: { workspace: string; job: JobDto; renderedAt: number }) {
  const live = useLiveJob(workspace, job);
  const router = useRouter();
  const first = useRef(job.status);
  useEffect(() => {
    if (live.status !== first.current) {
      first.current = live.status;
      router.refresh();
    }
  }, [live.status, router]);
  return (
    <span className="flex items-center gap-2">
      <JobStatusBadge status={live.status} />
      {live.status === "running" ? (
        <LiveJobDuration workspace={workspace} job={job} renderedAt={renderedAt} className="text-sm text-muted" />
      ) : null}
    </span>
  );
}

/** How long the job has run: ticking every second while it runs, fixed once it has ended. */
export function LiveJobDuration({
  workspace,
  job,
  renderedAt,
  className,
}: {
  workspace: string;
  job: JobDto;
  /** The server's clock when it rendered, so the first client render matches it. */
  renderedAt: number;
  className?: string;
}) {
  const live = useLiveJob(workspace, job);
  const isRunning = live.status === "running";
  const now = useNow({ initial: renderedAt, isTicking: isRunning });
  return (
    <span className={className} data-testid="job-elapsed">
      {formatJobDuration(live, now)}
      {isRunning ? " so far" : ""}
    </span>
  );
}

/** The job's status as text, for its details. */
export function LiveJobStatusText({ workspace, job }: { workspace: string; job: JobDto }) {
  const live = useLiveJob(workspace, job);
  return (
    <>
      {live.status}
      {live.failureReason ? ` · ${live.failureReason}` : ""}
    </>
  );
}

/** Cancel while the job is queued or running; Re-run and Clone for a command job that can run again. */
export function LiveJobActions({
  workspace,
  job,
  canWrite,
  cloneHref,
}: {
  workspace: string;
  job: JobDto;
  canWrite: boolean;
  cloneHref: string | null;
}) {
  const live = useLiveJob(workspace, job);
  if (!canWrite) return null;
  return (
    <div className="flex flex-wrap items-start gap-2">
      {cloneHref ? (
        <>
          <RerunJobButton workspace={workspace} job={job.name} />
          <Link href={cloneHref} className={buttonClass("secondary")}>
            <Copy size={14} aria-hidden /> Clone
          </Link>
        </>
      ) : null}
      {isLiveStatus(live.status) ? (
        <CancelJobButton workspace={workspace} job={job.name} isRequested={live.isCancelRequested} />
      ) : null}
    </div>
  );
}

/** The Metrics tab: one chart per metric, or the chosen metrics combined on one chart. */
export function JobMetrics({ workspace, job }: { workspace: string; job: JobDto }) {
  const live = useLiveJob(workspace, job);
  const isLive = isLiveStatus(live.status);
  const keys = live.metrics.map((m) => m.key);
  const histories = useQueries({
    queries: keys.map((key) => ({
      queryKey: queryKeys.jobs.metric(workspace, job.name, key, MAX_POINTS),
      queryFn: () => apiGet<MetricHistoryDto>(api.jobMetric(workspace, job.name, key, MAX_POINTS)),
      refetchInterval: isLive ? LIVE_POLL_MS : (false as const),
    })),
  });
  const [settings, setSettings] = useState<ChartSettings>({ axis: "step", smoothing: 0, isLog: false });
  const [isCombined, setIsCombined] = useState(false);
  const [combined, setCombined] = useState<string[]>(keys.slice(0, 2));

  if (keys.length === 0)
    return (
      <EmptyState title="No metrics logged yet">
        {isLive ? "Charts appear here as the job logs metrics." : "This job logged no metrics."}
      </EmptyState>
    );

  const byKey = new Map(keys.map((k, i) => [k, histories[i]?.data]));
  const seriesOf = (key: string, index: number) => ({
    id: key,
    label: key,
    colour: seriesColour(index),
    points: byKey.get(key)?.points ?? [],
  });
  const groups = isCombined
    ? [{ title: combined.join(", ") || "No metric chosen", keys: combined }]
    : keys.map((k) => ({ title: k, keys: [k] }));
  const blockers = groups.map((g) => logScaleBlocker(g.keys.map((k) => ({ points: byKey.get(k)?.points ?? [] }))));

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-3">
        <ChartControls
          settings={settings}
          onChange={setSettings}
          logBlocker={blockers.every(Boolean) ? blockers[0] : null}
        />
        <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
          <legend className="sr-only">Combine metrics</legend>
          <label className="flex items-center gap-2 font-medium">
            <input type="checkbox" checked={isCombined} onChange={(e) => setIsCombined(e.target.checked)} /> Combine
            metrics on one chart
          </label>
          {isCombined
            ? keys.map((k) => (
                <label key={k} className="flex items-center gap-1.5">
                  <input
                    type="checkbox"
                    checked={combined.includes(k)}
                    onChange={() => setCombined((c) => (c.includes(k) ? c.filter((x) => x !== k) : [...c, k]))}
                  />
                  <span className="font-mono text-xs">{k}</span>
                </label>
              ))
            : null}
        </fieldset>
      </div>
      <div className={isCombined ? "grid gap-4" : "grid gap-4 xl:grid-cols-2"}>
        {groups.map((g, i) => {
          const summary = g.keys.length === 1 ? byKey.get(g.keys[0]) : undefined;
          const isLoading = g.keys.some((k) => !byKey.get(k));
          return (
            <Card
              key={g.title}
              title={g.title}
              actions={
                summary && summary.totalPoints > summary.points.length ? (
                  <span className="text-xs text-muted">
                    {summary.points.length} of {summary.totalPoints} points
                  </span>
                ) : null
              }
            >
              {isLoading ? (
                <p className="py-16 text-center text-sm text-muted">Loading…</p>
              ) : (
                <>
                  <MetricLineChart
                    title={`Metric ${g.title}`}
                    series={g.keys.map((k) => seriesOf(k, keys.indexOf(k)))}
                    axis={settings.axis}
                    smoothing={settings.smoothing}
                    isLog={settings.isLog && !blockers[i]}
                  />
                  {settings.isLog && blockers[i] ? (
                    <p className="mt-1 text-xs text-muted">Linear scale: {blockers[i]}</p>
                  ) : null}
                </>
              )}
            </Card>
          );
        })}
      </div>
    </div>
  );
}
