import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Link from "next/link";
import { Plus } from "lucide-react";
import { roleAllows } from "@/lib/permissions";
import { ButtonLink } from "@/components/ui/button";
import { pages } from "@/lib/routes";
import { loadScopePage } from "@/server/http/pages";
import { listMonitors } from "@/server/monitoring/manage-monitors";
import { EmptyState, PageHeader } from "@/components/ui/misc";
import { MonitorTable } from "@/components/monitors/monitor-table";

export const metadata: Metadata = { title: "Monitors" };

export default async function MonitorsPage({ params }: { params: Promise<{ scopeKind: string; scope: string }> }) {
  const { actor, scope } = await loadScopePage(await params);
  // Monitors watch deployments, which live in workspaces.
  if (scope.kind !== "workspace") notFound();
  const ws = scope.name;
  const monitors = await listMonitors(actor, ws, {});
  return (
    <>
      <PageHeader
        actions={
          roleAllows(scope.role, "write") ? (
            <ButtonLink href={pages.newMonitor(ws)} variant="primary">
              <Plus size={14} aria-hidden /> New monitor
            </ButtonLink>
          ) : null
        }
        title="Monitors"
        subtitle={`Workspace ${scope.displayName}: each deployment's collected inputs and outputs compared with a baseline (the training data, or an earlier week of its own traffic) for drift and data quality.`}
      />
      {monitors.length === 0 ? (
        <EmptyState title="No monitors yet">
          <p>
            A monitor compares what a deployment receives with what its model was trained on, feature by feature, and
            raises an alert (an event that webhooks and automation rules can answer) when they drift apart.
          </p>
          <p className="mt-1">
            Create one from an endpoint&apos;s{" "}
            <Link href={pages.endpoints(ws)} className="text-accent hover:underline">
              Monitoring tab
            </Link>{" "}
            in one click.
          </p>
        </EmptyState>
      ) : (
        <MonitorTable workspace={ws} monitors={monitors} />
      )}
    </>
  );
}
