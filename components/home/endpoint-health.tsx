import { pages } from "@/lib/routes";
import Link from "next/link";
import type { DeploymentState, EndpointKind } from "@/lib/schemas/endpoints";
import { Badge } from "@/components/ui/misc";

type Endpoint = {
  name: string;
  kind: EndpointKind;
  deployments: { name: string; state: DeploymentState; stateReason: string | null; traffic: number; mirror: number }[];
};

const STATE_TONE: Record<DeploymentState, "success" | "warning" | "danger"> = {
  succeeded: "success",
  creating: "warning",
  failed: "danger",
};

/** The endpoint's health in one word: failed when a deployment failed, starting while one is created. */
function healthOf(endpoint: Endpoint): { label: string; tone: "success" | "warning" | "danger" | "neutral" } {
  if (!endpoint.deployments.length) return { label: "no deployments", tone: "neutral" };
  if (endpoint.deployments.some((d) => d.state === "failed")) return { label: "failing", tone: "danger" };
  if (endpoint.deployments.some((d) => d.state === "creating")) return { label: "starting", tone: "warning" };
  return { label: "healthy", tone: "success" };
}

/** Every endpoint of the workspace with its deployments' state and traffic share, at a glance. */
export function EndpointHealth({ workspace, endpoints }: { workspace: string; endpoints: Endpoint[] }) {
  return (
    <ul aria-label="Endpoint health" className="divide-y divide-border">
      {endpoints.map((e) => {
        const health = healthOf(e);
        return (
          <li key={e.name} className="py-2.5">
            <div className="flex min-w-0 flex-wrap items-center gap-2">
              <Link
                href={pages.endpoint(workspace, e.name)}
                className="min-w-0 truncate text-sm font-medium text-accent hover:underline"
              >
                {e.name}
              </Link>
              <Badge tone="neutral">{e.kind}</Badge>
              <Badge tone={health.tone} className="ml-auto">
                <span data-testid="endpoint-health">{health.label}</span>
              </Badge>
            </div>
            {e.deployments.length ? (
              <ul aria-label={`Deployments of ${e.name}`} className="mt-1.5 flex flex-col gap-1">
                {e.deployments.map((d) => (
                  <li key={d.name} className="flex min-w-0 items-center gap-2 text-xs">
                    <span
                      aria-hidden
                      className={
                        d.state === "succeeded"
                          ? "size-2 shrink-0 rounded-full bg-success"
                          : d.state === "creating"
                            ? "size-2 shrink-0 rounded-full bg-warning"
                            : "size-2 shrink-0 rounded-full bg-danger"
                      }
                    />
                    <span className="min-w-0 truncate font-mono">{d.name}</span>
                    <Badge tone={STATE_TONE[d.state]}>{d.state}</Badge>
                    <span className="ml-auto shrink-0 tabular-nums text-muted">
                      {e.kind === "online" ? `${d.traffic}% traffic` : null}
                      {d.mirror ? ` · ${d.mirror}% mirrored` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-1 text-xs text-muted">No deployments yet.</p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
