import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/lib/format";
import { isClonable } from "@/lib/job-clone";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import { loadScopePage } from "@/server/http/pages";
import { listJobs } from "@/server/jobs/list-jobs";
import { listPipelines } from "@/server/pipelines/list-pipelines";
import { Alert, PageHeader } from "@/components/ui/misc";
import { ScheduleForm } from "@/components/schedules/schedule-form";
import { createScheduleAction } from "@/app/(studio)/[scopeKind]/[scope]/schedules/actions";

export const metadata: Metadata = { title: "New schedule" };

/** How many recent jobs the "job to run again" field suggests. */
const RECENT_JOBS = 100;

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
  const [pipelines, jobs] = await Promise.all([
    listPipelines(actor, ws, { limit: 200 }),
    listJobs(actor, ws, { limit: RECENT_JOBS }),
  ]);
  // Jobs that can run again: command jobs the studio ran, and pipeline jobs (steps are not listed).
  const runnable = jobs.items.filter((j) => isClonable(j) || (j.kind === "pipeline" && !j.parent));
  return (
    <>
      {header}
      <ScheduleForm
        workspace={ws}
        renderedAt={Date.now()}
        choices={{
          pipelines: pipelines
            .map((p) => ({ id: p.id, name: p.name, versionCount: p.versionCount }))
            .sort((a, b) => a.name.localeCompare(b.name)),
          jobs: runnable.map((j) => ({
            name: j.name,
            label: `${j.displayName || j.name} · ${j.kind} · ${j.experiment} · ${j.status} · ${formatDateTime(j.createdAt)}`,
          })),
        }}
        save={createScheduleAction.bind(null, ws)}
      />
    </>
  );
}
