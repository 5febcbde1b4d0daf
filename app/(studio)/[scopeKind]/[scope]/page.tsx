import Link from "next/link";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Plus } from "lucide-react";
import { formatDateTime } from "@/lib/format";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import { loadScopePage } from "@/server/http/pages";
import { getWorkspaceHome, HOME_JOBS_QUERY } from "@/server/home/get-workspace-home";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card, PageHeader } from "@/components/ui/misc";
import { StageBadge } from "@/components/shell/scope-switcher";
import { RunExampleButton } from "@/components/jobs/run-example-button";
import { RecentJobs } from "@/components/home/recent-jobs";
import { EndpointHealth } from "@/components/home/endpoint-health";

export const metadata: Metadata = { title: "Home" };

/**
 * A workspace's Home, where sign-in and the workspace switcher land: its jobs with live status, the model
 * versions registered last and its endpoints' health. A registry has no jobs or endpoints: it lands on
 * its models.
 */
export default async function ScopeHome({ params }: { params: Promise<{ scopeKind: string; scope: string }> }) {
  const { actor, scope, ref } = await loadScopePage(await params);
  if (ref.kind !== "workspace") redirect(pages.section(ref, "models"));
  const home = await getWorkspaceHome(actor, ref.name);
  const canWrite = roleAllows(scope.role, "write");
  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {scope.displayName} <StageBadge stage={scope.stage} />
          </span>
        }
        subtitle={`Workspace ${scope.name} · your role: ${scope.role}`}
        actions={
          canWrite ? (
            <>
              {home.hasJobs ? <RunExampleButton workspace={ref.name} /> : null}
              <ButtonLink href={pages.newJob(ref.name)} variant="primary">
                <Plus size={14} aria-hidden /> Submit job
              </ButtonLink>
            </>
          ) : null
        }
      />
      {home.hasJobs ? null : (
        <section
          aria-label="Get started"
          className="mb-4 flex flex-col gap-3 rounded-lg border border-accent/40 bg-accent-soft p-4 sm:flex-row sm:items-center sm:justify-between"
        >
          <div className="min-w-0">
            <h2 className="font-semibold">No jobs in this workspace yet</h2>
            <p className="mt-1 max-w-2xl text-sm text-muted">
              {canWrite
                ? "Run the training example: it trains an iris classifier on this machine, logs its metrics live and writes a model you can register and deploy."
                : "Contributors of this workspace submit jobs; they appear here with their live status."}
            </p>
          </div>
          {canWrite ? <RunExampleButton workspace={ref.name} label="Run the training example" /> : null}
        </section>
      )}
      <div className="grid min-w-0 gap-4 lg:grid-cols-2">
        <Card
          title="Jobs"
          className="min-w-0 lg:col-span-2"
          actions={
            <Link href={pages.jobs(ref.name)} className="text-sm text-accent hover:underline">
              All jobs
            </Link>
          }
        >
          <RecentJobs workspace={ref.name} apiQuery={HOME_JOBS_QUERY} initialPage={home.jobs} renderedAt={Date.now()} />
        </Card>
        <Card
          title="Recent model registrations"
          className="min-w-0"
          actions={
            <Link href={pages.assets(ref, "models")} className="text-sm text-accent hover:underline">
              All models
            </Link>
          }
        >
          {home.models.length ? (
            <ul aria-label="Recent model registrations" className="divide-y divide-border">
              {home.models.map((m) => (
                <li key={`${m.name}:${m.version}`} className="flex min-w-0 items-center gap-2 py-2">
                  <div className="min-w-0 flex-1">
                    <Link
                      href={pages.assetVersion(ref, "models", m.name, m.version)}
                      className="block truncate text-sm font-medium text-accent hover:underline"
                    >
                      {m.name}:{m.version}
                    </Link>
                    <p className="truncate text-xs text-muted">
                      {formatDateTime(m.createdAt)} · {m.createdBy}
                      {m.sourceJob ? (
                        <>
                          {" · from "}
                          <Link href={pages.job(ref.name, m.sourceJob)} className="font-mono hover:underline">
                            {m.sourceJob}
                          </Link>
                        </>
                      ) : null}
                    </p>
                  </div>
                  <Badge tone="neutral">{m.type}</Badge>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted">No models registered in this workspace yet.</p>
          )}
        </Card>
        <Card
          title="Endpoints"
          className="min-w-0"
          actions={
            <Link href={pages.endpoints(ref.name)} className="text-sm text-accent hover:underline">
              All endpoints
            </Link>
          }
        >
          {home.endpoints.length ? (
            <EndpointHealth workspace={ref.name} endpoints={home.endpoints} />
          ) : (
            <p className="text-sm text-muted">No endpoints in this workspace yet.</p>
          )}
        </Card>
      </div>
    </>
  );
}
