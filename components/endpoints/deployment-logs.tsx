"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { endpointApi } from "@/components/endpoints/endpoint-requests";

type Line = { id: number; at: string; instance: number | null; stream: "stdout" | "stderr" | "system"; text: string };
type LogState = { lines: Line[]; next: number; instances: { ready: number; total: number } | null };

// Python's logging writes to stderr, so stderr is not coloured as an error here.
const STREAM_CLASS: Record<Line["stream"], string> = { stdout: "text-text", stderr: "text-text", system: "text-muted italic" };

/** A deployment's output (its script's stdout, stderr and logging, and the studio's notes), tailed live. */
export function DeploymentLogs({ workspace, endpoint, deployment }: { workspace: string; endpoint: string; deployment: string }) {
  const client = useQueryClient();
  const key = ["endpoints", workspace, endpoint, "logs", deployment];
  const { data, error } = useQuery<LogState>({
    queryKey: key,
    queryFn: async () => {
      const previous = client.getQueryData<LogState>(key) ?? { lines: [], next: 0, instances: null };
      const res = await fetch(`${endpointApi(workspace, endpoint)}/deployments/${encodeURIComponent(deployment)}/logs?after=${previous.next}&limit=2000`);
      const body = await res.json();
      if (!res.ok) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
      return { lines: [...previous.lines, ...body.lines].slice(-5000), next: body.next, instances: body.instances };
    },
    refetchInterval: 2000,
  });
  const [isFollowing, setFollowing] = useState(true);
  const box = useRef<HTMLPreElement>(null);
  const count = data?.lines.length ?? 0;
  useEffect(() => {
    if (isFollowing && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [count, isFollowing]);
  return (
    <section aria-label={`Logs of ${deployment}`} className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted">
        <span aria-live="polite">
          {error ? `Could not read the logs: ${(error as Error).message}` : !data ? "Loading logs…" : data.instances ? `${data.instances.ready} of ${data.instances.total} instance${data.instances.total > 1 ? "s" : ""} up in this studio process · live` : "Live"}
        </span>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={isFollowing} onChange={(e) => setFollowing(e.target.checked)} /> Follow the end
        </label>
      </div>
      <pre
        ref={box}
        data-testid="deployment-log"
        tabIndex={0}
        aria-label="Deployment log output"
        className="h-[28rem] overflow-auto whitespace-pre-wrap break-words rounded-md border border-border bg-surface-2 p-3 font-mono text-xs leading-5"
      >
        {data?.lines.length ? data.lines.map((l) => <span key={l.id} className={cn(STREAM_CLASS[l.stream])}>{l.text}</span>) : data ? <span className="text-muted">No output yet.</span> : null}
      </pre>
    </section>
  );
}
