import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { pages } from "@/lib/routes";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { getSchedule } from "@/server/schedules/manage-schedules";
import { Alert, PageHeader } from "@/components/ui/misc";
import { ScheduleForm } from "@/components/schedules/schedule-form";
import { loadScheduleFormChoices } from "@/app/(studio)/[scopeKind]/[scope]/schedules/load-choices";
import { scheduleToDraft } from "@/components/schedules/schedule-draft";
import { updateScheduleAction } from "@/app/(studio)/[scopeKind]/[scope]/schedules/actions";

export const metadata: Metadata = { title: "Edit schedule" };

type Params = { scopeKind: string; scope: string; id: string };

export default async function EditSchedulePage({ params }: { params: Promise<Params> }) {
  const p = await params;
  const { actor, scope } = await loadScopePage(p);
  if (scope.kind !== "workspace") notFound();
  const ws = scope.name;
  const schedule = await orNotFound(getSchedule(actor, ws, safeDecode(p.id)));
  const header = (
    <PageHeader
      title="Edit schedule"
      breadcrumbs={
        <>
          <Link href={pages.schedules(ws)} className="hover:underline">
            Schedules
          </Link>{" "}
          /{" "}
          <Link href={pages.schedule(ws, schedule.id)} className="hover:underline">
            {schedule.name}
          </Link>
        </>
      }
      subtitle={`In workspace ${scope.displayName}. The schedule runs in the name of ${schedule.createdBy}, who made it; its next run is worked out again from what you save.`}
    />
  );
  if (!schedule.canManage) {
    return (
      <>
        {header}
        <Alert tone="warning">
          Only {schedule.createdBy}, who made this schedule, or an owner of the workspace may change it.{" "}
          <Link href={pages.schedule(ws, schedule.id)} className="underline">
            Back to the schedule
          </Link>
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
        initial={scheduleToDraft(schedule)}
        anchor={Date.parse(schedule.createdAt)}
        submitLabel="Save changes"
        save={updateScheduleAction.bind(null, ws, schedule.id)}
      />
    </>
  );
}
