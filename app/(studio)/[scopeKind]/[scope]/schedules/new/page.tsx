import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import { loadScopePage } from "@/server/http/pages";
import { Alert, PageHeader } from "@/components/ui/misc";
import { ScheduleForm } from "@/components/schedules/schedule-form";
import { loadScheduleFormChoices } from "@/app/(studio)/[scopeKind]/[scope]/schedules/load-choices";
import { createScheduleAction } from "@/app/(studio)/[scopeKind]/[scope]/schedules/actions";

export const metadata: Metadata = { title: "New schedule" };

export default async function NewSchedulePage({ params }: { params: Promise<{ scopeKind: string; scope: string }> }) {
  const { actor, scope } = await loadScopePage(await params);
  if (scope.kind !== "workspace") notFound();
  const ws = scope.name;
  const header = (
    <PageHeader
      title="New schedule"
      breadcrumbs={
        <Link href={pages.schedules(ws)} className="hover:underline">
          Schedules
        </Link>
      }
      subtitle={`In workspace ${scope.displayName}. The schedule runs in your name: what it runs, you may run.`}
    />
  );
  if (!roleAllows(scope.role, "write")) {
    return (
      <>
        {header}
        <Alert tone="warning">
          Your role in this workspace is {scope.role}; making schedules needs contributor or owner.
        </Alert>
      </>
    );
  }
  const choices = await loadScheduleFormChoices(actor, ws);
  return (
    <>
      {header}
      <ScheduleForm
        workspace={ws}
        renderedAt={Date.now()}
        choices={choices}
        save={createScheduleAction.bind(null, ws)}
      />
    </>
  );
}
