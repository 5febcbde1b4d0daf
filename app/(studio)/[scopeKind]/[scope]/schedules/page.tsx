import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Plus } from "lucide-react";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import { loadScopePage } from "@/server/http/pages";
import { listPipelines } from "@/server/pipelines/list-pipelines";
import { listSchedules } from "@/server/schedules/manage-schedules";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/misc";
import { ScheduleTable } from "@/components/schedules/schedule-table";

export const metadata: Metadata = { title: "Schedules" };

export default async function SchedulesPage({ params }: { params: Promise<{ scopeKind: string; scope: string }> }) {
  const { actor, scope } = await loadScopePage(await params);
  // Schedules are a workspace's: a registry runs nothing.
  if (scope.kind !== "workspace") notFound();
  const ws = scope.name;
  const { items } = await listSchedules(actor, ws);
  // Targets name pipelines by id: read their names only when a schedule runs one.
  const pipelines = items.some((s) => s.target.kind === "pipeline")
    ? await listPipelines(actor, ws, { limit: 200 })
    : [];
  const canCreate = roleAllows(scope.role, "write");
  return (
    <>
      <PageHeader
        title="Schedules"
        subtitle={`Workspace ${scope.displayName}: pipelines and jobs run again on a timetable (cron or recurrence, in a time zone), in the name of whoever made the schedule.`}
        actions={
          canCreate ? (
            <ButtonLink href={pages.newSchedule(ws)} variant="primary">
              <Plus size={14} aria-hidden /> New schedule
            </ButtonLink>
          ) : null
        }
      />
      {items.length === 0 ? (
        <EmptyState title="No schedules yet">
          <p>
            A schedule runs a pipeline, or a job again, at set times: every night at 03:00, each Monday at 08:30, on the
            first day of the month… read in the time zone you choose, as Azure ML&apos;s job schedules do.
          </p>
          <p className="mt-1">
            {canCreate ? "Make one with New schedule." : "Contributors and owners of this workspace make them."}
          </p>
        </EmptyState>
      ) : (
        <ScheduleTable
          workspace={ws}
          schedules={items}
          pipelineNames={Object.fromEntries(pipelines.map((p) => [p.id, p.name]))}
        />
      )}
    </>
  );
}
