import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import { loadScopePage } from "@/server/http/pages";
import { monitorFormChoices } from "@/server/monitoring/manage-monitors";
import { Alert, EmptyState, PageHeader } from "@/components/ui/misc";
import { MonitorForm } from "@/components/monitors/monitor-form";
import { createMonitorAction } from "@/app/(studio)/[scopeKind]/[scope]/monitors/actions";

export const metadata: Metadata = { title: "New monitor" };

export default async function NewMonitorPage({
  params,
  searchParams,
}: {
  params: Promise<{ scopeKind: string; scope: string }>;
  searchParams: Promise<{ endpoint?: string; deployment?: string }>;
}) {
  const { actor, scope } = await loadScopePage(await params);
  if (scope.kind !== "workspace") notFound();
  const ws = scope.name;
  const query = await searchParams;
  const header = (
    <PageHeader
      title="New monitor"
      breadcrumbs={
        <Link href={pages.monitors(ws)} className="hover:underline">
          Monitors
        </Link>
      }
      subtitle={`In workspace ${scope.displayName}: a deployment's collected data against a baseline, with thresholds and a schedule.`}
    />
  );
  if (!roleAllows(scope.role, "write"))
    return (
      <>
        {header}
        <Alert tone="warning">
          Your role in this workspace is {scope.role}; making monitors needs contributor or owner.
        </Alert>
      </>
    );
  const choices = await monitorFormChoices(actor, ws);
  return (
    <>
      {header}
      {choices.endpoints.some((e) => e.deployments.length) ? (
        <MonitorForm
          workspace={ws}
          choices={choices}
          initial={{ endpoint: query.endpoint, deployment: query.deployment }}
          create={createMonitorAction.bind(null, ws)}
        />
      ) : (
        <EmptyState title="Nothing to monitor yet">
          <p>Deploy a model to an endpoint first; a monitor watches one of its deployments.</p>
        </EmptyState>
      )}
    </>
  );
}
