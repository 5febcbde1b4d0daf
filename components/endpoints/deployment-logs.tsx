"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { LogView } from "@/components/ui/log-view";
import { apiGet, errorMessage } from "@/components/ui/api-request";
import { queryKeys } from "@/lib/query-keys";
import { api } from "@/lib/routes";

type Line = { id: number; at: string; instance: number | null; stream: "stdout" | "stderr" | "system"; text: string };
type LogState = { lines: Line[]; next: number; instances: { ready: number; total: number } | null };

// Python's logging writes to stderr, so stderr is not coloured as an error here.
const STREAM_CLASS: Record<Line["stream"], string> = {
  stdout: "text-text",
  stderr: "text-text",
  system: "text-muted italic",
};

/** A deployment's output (its script's stdout, stderr and logging, and the studio's notes), tailed live. */
export function DeploymentLogs({
  workspace,
  endpoint,
  deployment,
}: {
  workspace: string;
  endpoint: string;
  deployment: string;
}) {
  const client = useQueryClient();
  const key = queryKeys.endpoints.logs(workspace, endpoint, deployment);
  const { data, error } = useQuery<LogState>({
    queryKey: key,
    queryFn: async () => {
      const previous = client.getQueryData<LogState>(key) ?? { lines: [], next: 0, instances: null };
      const body = await apiGet<LogState>(
        api.deploymentLogs(workspace, endpoint, deployment, { after: previous.next, limit: 2000 }),
      );
      return { lines: [...previous.lines, ...body.lines].slice(-5000), next: body.next, instances: body.instances };
    },
    refetchInterval: 2000,
  });
  return (
    <section aria-label={`Logs of ${deployment}`} className="flex flex-col gap-2">
      <LogView
        entries={data?.lines ?? []}
        streamClass={STREAM_CLASS}
        label="Deployment log output"
        testId="deployment-log"
        fileName={`${endpoint}-${deployment}.log`}
        isLoaded={Boolean(data)}
        status={
          error
            ? `Could not read the logs: ${errorMessage(error)}`
            : !data
              ? "Loading logs…"
              : data.instances
                ? `${data.instances.ready} of ${data.instances.total} instance${data.instances.total > 1 ? "s" : ""} up in the scoring service · live`
                : "Live"
        }
      />
    </section>
  );
}
