"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { LogView } from "@/components/ui/log-view";
import { useLiveJob } from "@/components/jobs/job-live";
import { apiGet } from "@/components/ui/api-request";
import { queryKeys } from "@/lib/query-keys";
import { api } from "@/lib/routes";
import type { JobDto, JobLogsDto } from "@/lib/schemas/dto";

type Chunk = JobLogsDto["chunks"][number];
type LogState = { chunks: Chunk[]; next: number; isComplete: boolean; status: string };

const STREAM_CLASS: Record<Chunk["stream"], string> = {
  stdout: "text-text",
  stderr: "text-danger",
  system: "text-muted italic",
};

/**
 * The job's stdout, stderr and the runner's own notes, tailed live: each poll asks only for the chunks
 * after the last one seen, and polling stops once the job has ended and everything was read. Each answer
 * carries the job's status: when it differs from the job's live query (the badge, Cancel, the duration
 * read that one), that query is fetched again at once, so the page never shows "queued" over an ended log.
 */
export function JobLogs({ workspace, job: initial }: { workspace: string; job: JobDto }) {
  const client = useQueryClient();
  const job = initial.name;
  const key = queryKeys.jobs.logs(workspace, job);
  const live = useLiveJob(workspace, initial);
  const { data, error } = useQuery<LogState>({
    queryKey: key,
    queryFn: async () => {
      const previous = client.getQueryData<LogState>(key) ?? { chunks: [], next: 0, isComplete: false, status: "" };
      const page = await apiGet<JobLogsDto>(api.jobLogs(workspace, job, { after: previous.next, limit: 2000 }));
      return {
        chunks: [...previous.chunks, ...page.chunks],
        next: page.next,
        isComplete: page.isComplete,
        status: page.status,
      };
    },
    refetchInterval: (query) => (query.state.data?.isComplete ? false : 1000),
  });
  const logStatus = data?.status;
  useEffect(() => {
    if (logStatus && logStatus !== live.status)
      void client.invalidateQueries({ queryKey: queryKeys.jobs.detail(workspace, job), exact: true });
  }, [client, logStatus, live.status, workspace, job]);
  return (
    <section aria-label="Logs" className="flex flex-col gap-2">
      <LogView
        entries={data?.chunks ?? []}
        streamClass={STREAM_CLASS}
        label="Job log output"
        testId="job-log"
        fileName={`${job}.log`}
        isLoaded={Boolean(data)}
        status={
          error
            ? `Could not read the logs: ${(error as Error).message}`
            : !data
              ? "Loading logs…"
              : data.isComplete
                ? "The job has ended; this is its whole log."
                : "Streaming live…"
        }
      />
    </section>
  );
}
