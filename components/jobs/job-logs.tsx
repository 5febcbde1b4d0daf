"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { queryKeys } from "@/lib/query-keys";
import type { JobLogsDto } from "@/lib/schemas/dto";

type Chunk = JobLogsDto["chunks"][number];
type LogState = { chunks: Chunk[]; next: number; isComplete: boolean; status: string };

const STREAM_CLASS: Record<Chunk["stream"], string> = {
  stdout: "text-text",
  stderr: "text-danger",
  system: "text-muted italic",
};

/**
 * The job's stdout, stderr and the runner's own notes, tailed live: each poll asks only for the chunks
 * after the last one seen, and polling stops once the job has ended and everything was read.
 */
export function JobLogs({ workspace, job }: { workspace: string; job: string }) {
  const client = useQueryClient();
  const key = queryKeys.jobs.logs(workspace, job);
  const { data, error } = useQuery<LogState>({
    queryKey: key,
    queryFn: async () => {
      const previous = client.getQueryData<LogState>(key) ?? { chunks: [], next: 0, isComplete: false, status: "" };
      const res = await fetch(`/api/v1/workspaces/${encodeURIComponent(workspace)}/jobs/${encodeURIComponent(job)}/logs?after=${previous.next}&limit=2000`);
      const body = await res.json();
      if (!res.ok) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
      const page = body as JobLogsDto;
      return { chunks: [...previous.chunks, ...page.chunks], next: page.next, isComplete: page.isComplete, status: page.status };
    },
    refetchInterval: (query) => (query.state.data?.isComplete ? false : 1000),
  });
  const [isFollowing, setFollowing] = useState(true);
  const box = useRef<HTMLPreElement>(null);
  const chunkCount = data?.chunks.length ?? 0;
  useEffect(() => {
    if (isFollowing && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [chunkCount, isFollowing]);

  return (
    <section aria-label="Logs" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted">
        <span aria-live="polite">
          {error ? `Could not read the logs: ${(error as Error).message}` : !data ? "Loading logs…" : data.isComplete ? "The job has ended; this is its whole log." : "Streaming live…"}
        </span>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={isFollowing} onChange={(e) => setFollowing(e.target.checked)} /> Follow the end
        </label>
      </div>
      <pre
        ref={box}
        data-testid="job-log"
        tabIndex={0}
        aria-label="Job log output"
        onScroll={(e) => {
          const el = e.currentTarget;
          const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
          if (atEnd !== isFollowing) setFollowing(atEnd);
        }}
        className="h-[28rem] overflow-auto whitespace-pre-wrap break-words rounded-md border border-border bg-surface-2 p-3 font-mono text-xs leading-5"
      >
        {data?.chunks.length ? data.chunks.map((c) => <span key={c.id} className={cn(STREAM_CLASS[c.stream])}>{c.text}</span>) : data ? <span className="text-muted">No output yet.</span> : null}
      </pre>
    </section>
  );
}
