// Small display rules shared by the jobs pages.
import { formatDuration } from "@/lib/metric-chart";

/** Seconds from start (or creation) to end, or to `now` while the job has not ended. */
export function jobDurationSeconds(
  job: { createdAt: string; startedAt: string | null; endedAt: string | null },
  now: number,
): number | null {
  const start = Date.parse(job.startedAt ?? job.createdAt);
  if (Number.isNaN(start)) return null;
  const end = job.endedAt ? Date.parse(job.endedAt) : now;
  return Math.max(0, (end - start) / 1000);
}

export function formatJobDuration(
  job: { createdAt: string; startedAt: string | null; endedAt: string | null; status: string },
  now: number,
): string {
  if (job.status === "queued" || job.status === "waiting") return "—";
  const seconds = jobDurationSeconds(job, now);
  return seconds === null ? "—" : formatDuration(seconds);
}

export const isLiveStatus = (status: string) => status === "waiting" || status === "queued" || status === "running";
