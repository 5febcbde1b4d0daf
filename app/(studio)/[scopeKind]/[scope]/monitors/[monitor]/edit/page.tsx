import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { getMonitor, monitorFormChoices } from "@/server/monitoring/manage-monitors";
import { Alert, PageHeader } from "@/components/ui/misc";
import { MonitorForm } from "@/components/monitors/monitor-form";
import { updateMonitorAction } from "@/app/(studio)/[scopeKind]/[scope]/monitors/actions";

export const metadata: Metadata = { title: "Edit monitor" };

export default async function EditMonitorPage({
  params,
}: {
  params: Promise<{ scopeKind: string; scope: string; monitor: string }>;
}) {
  const p = await params;
  const { actor, scope } = await loadScopePage(p);
  if (scope.kind !== "workspace") notFound();
  const ws = scope.name;
  const monitor = await orNotFound(getMonitor(actor, ws, safeDecode(p.monitor)));
  const header = (
    <PageHeader
      title={`Edit ${monitor.name}`}
      breadcrumbs={
        <Link href={pages.monitor(ws, monitor.name)} className="hover:underline">
          {monitor.name}
        </Link>
      }
      subtitle="Its baseline, window and thresholds; its schedule is changed on the schedule's own page."
    />
  );
  if (!roleAllows(scope.role, "write"))
    return (
      <>
        {header}
        <Alert tone="warning">
          Your role in this workspace is {scope.role}; changing monitors needs contributor or owner.
        </Alert>
      </>
    );
  return (
    <>
      {header}
      <MonitorForm
        workspace={ws}
        choices={await monitorFormChoices(actor, ws)}
        initial={{}}
        existing={monitor}
        create={updateMonitorAction.bind(null, ws, monitor.name)}
      />
    </>
  );
}
