import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { isLiveStatus } from "@/lib/job-display";
import { pages } from "@/lib/routes";
import type { JobStatus } from "@/lib/schemas/jobs";
import type { ScheduleDto } from "@/lib/schemas/schedules";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { getJob } from "@/server/jobs/get-job";
import { getPipeline } from "@/server/pipelines/get-pipeline";
import { getSchedule, listScheduleRuns } from "@/server/schedules/manage-schedules";
import { Alert, Badge, Card, DetailRow, EmptyState, PageHeader } from "@/components/ui/misc";
import { RefreshWhileRunning } from "@/components/schedules/runs-live";
import { ScheduleActions } from "@/components/schedules/schedule-actions";
import { ScheduleRunTable } from "@/components/schedules/schedule-run-table";
import { ScheduleTargetText } from "@/components/schedules/schedule-target";
import { ZonedTime } from "@/components/schedules/zoned-time";
import {
  deleteScheduleAction,
  runScheduleNowAction,
  setScheduleEnabledAction,
} from "@/app/(studio)/[scopeKind]/[scope]/schedules/actions";

export const metadata: Metadata = { title: "Schedule" };

type Params = { scopeKind: string; scope: string; id: string };

const RUNS_SHOWN = 50;
/** The newest runs whose job's status is read (one lookup each). */
const JOB_STATUSES_READ = 20;

/** The trigger as it is set, beside the summary in words. */
function triggerText(trigger: ScheduleDto["trigger"]): string {
  if (trigger.type === "cron") return `cron ${trigger.expression}`;
  const s = trigger.schedule ?? {};
  const parts = [`frequency ${trigger.frequency}`, `interval ${trigger.interval}`];
  if (s.hours) parts.push(`hours ${s.hours.join(", ")}`);
  if (s.minutes) parts.push(`minutes ${s.minutes.join(", ")}`);
  if (s.weekDays) parts.push(`week days ${s.weekDays.join(", ")}`);
  if (s.monthDays) parts.push(`month days ${s.monthDays.join(", ")}`);
  return `recurrence: ${parts.join("; ")}`;
}

/** Null for what is gone or hidden (a deleted pipeline or job): the page shows the id instead. */
async function orNull<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

export default async function SchedulePage({ params }: { params: Promise<Params> }) {
  const p = await params;
  const { actor, scope } = await loadScopePage(p);
  if (scope.kind !== "workspace") notFound();
  const ws = scope.name;
  const schedule = await orNotFound(getSchedule(actor, ws, safeDecode(p.id)));
  const { target } = schedule;
  const [{ items: runs }, pipeline] = await Promise.all([
    listScheduleRuns(actor, ws, schedule.id, { limit: RUNS_SHOWN }),
    target.kind === "pipeline" ? orNull(getPipeline(actor, ws, target.pipeline)) : null,
  ]);
  const jobNames = [...new Set(runs.flatMap((r) => (r.job ? [r.job] : [])))].slice(0, JOB_STATUSES_READ);
  const jobs = await Promise.all(jobNames.map((name) => orNull(getJob(actor, ws, name))));
  const jobStatuses: Record<string, JobStatus> = Object.fromEntries(
    jobs.flatMap((j) => (j ? [[j.name, j.status] as const] : [])),
  );
  const isLive =
    runs.some((r) => r.status === "firing") || Object.values(jobStatuses).some((status) => isLiveStatus(status));
  const zone = schedule.timeZone;
  return (
    <>
      <PageHeader
        breadcrumbs={
          <Link href={pages.schedules(ws)} className="hover:underline">
            Schedules
          </Link>
        }
        title={<span className="break-words">{schedule.name}</span>}
        subtitle={schedule.description || `Made by ${schedule.createdBy} on ${formatDateTime(schedule.createdAt)}`}
      />
      <div className="flex flex-col gap-6">
        {!schedule.isEnabled ? (
          <Alert tone="warning" title="This schedule is disabled">
            It starts no runs until it is enabled again (then from its next time on: what it missed is not made up).
            {schedule.canManage ? " Run now still works." : ""}
          </Alert>
        ) : null}
        {schedule.canManage ? (
          <ScheduleActions
            workspace={ws}
            isEnabled={schedule.isEnabled}
            editHref={pages.editSchedule(ws, schedule.id)}
            actions={{
              runNow: runScheduleNowAction.bind(null, ws, schedule.id),
              setEnabled: setScheduleEnabledAction.bind(null, ws, schedule.id),
              remove: deleteScheduleAction.bind(null, ws, schedule.id),
            }}
          />
        ) : (
          <p className="text-sm text-muted">
            Only {schedule.createdBy}, who made this schedule, or an owner of the workspace may run, change or delete
            it. It runs in {schedule.createdBy}&apos;s name.
          </p>
        )}
        <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <Card title="Settings">
            <dl className="text-sm">
              <DetailRow label="When">
                <span data-testid="schedule-summary">{schedule.summary}</span>
                <p className="break-words font-mono text-xs text-muted">{triggerText(schedule.trigger)}</p>
              </DetailRow>
              <DetailRow label="Time zone">{zone}</DetailRow>
              <DetailRow label="Start">
                {schedule.startAt ? (
                  <ZonedTime iso={schedule.startAt} zone={zone} />
                ) : schedule.trigger.type === "recurrence" ? (
                  "none; the recurrence counts from when the schedule was made"
                ) : (
                  "none"
                )}
              </DetailRow>
              <DetailRow label="End">
                {schedule.endAt ? <ZonedTime iso={schedule.endAt} zone={zone} /> : "none"}
              </DetailRow>
              <DetailRow label="What it runs">
                <ScheduleTargetText workspace={ws} target={target} pipelineName={pipeline?.name} />
              </DetailRow>
              <DetailRow label="Overlap">
                {schedule.allowOverlap
                  ? "allowed: a run starts even while the previous one is still going"
                  : "no: a time is skipped while the previous run is still queued or running"}
              </DetailRow>
              <DetailRow label="After downtime">
                {schedule.catchUp ? "catches up with one run" : "missed times are recorded, not made up"}
              </DetailRow>
              <DetailRow label="Status">
                {schedule.isEnabled ? <Badge tone="success">enabled</Badge> : <Badge tone="warning">disabled</Badge>}
              </DetailRow>
              <DetailRow label="Last fired">
                {schedule.lastFiredAt ? <ZonedTime iso={schedule.lastFiredAt} zone={zone} /> : "never"}
              </DetailRow>
              <DetailRow label="Created by">
                {schedule.createdBy}, {formatDateTime(schedule.createdAt)}
              </DetailRow>
            </dl>
          </Card>
          <Card title="Next runs">
            {schedule.upcoming.length ? (
              <ol aria-label="Next runs" className="flex flex-col gap-1 text-sm">
                {schedule.upcoming.map((iso) => (
                  <li key={iso}>
                    <ZonedTime iso={iso} zone={zone} />
                  </li>
                ))}
              </ol>
            ) : (
              <p className="text-sm text-muted">
                {schedule.isEnabled ? "None: its end has passed." : "None while it is disabled."}
              </p>
            )}
          </Card>
        </div>
        <Card title="Runs">
          {runs.length === 0 ? (
            <EmptyState title="No runs yet">
              {schedule.nextFireAt ? (
                <>
                  The first is due <ZonedTime iso={schedule.nextFireAt} zone={zone} />
                  {schedule.canManage ? ", or start one with Run now" : ""}.
                </>
              ) : (
                "Each time it fires, or is run by hand, the run and its job show here."
              )}
            </EmptyState>
          ) : (
            <>
              <RefreshWhileRunning isLive={isLive} />
              <ScheduleRunTable workspace={ws} zone={zone} runs={runs} jobStatuses={jobStatuses} />
              {runs.length === RUNS_SHOWN ? (
                <p className="mt-2 text-xs text-muted">The last {RUNS_SHOWN} runs are shown.</p>
              ) : null}
            </>
          )}
        </Card>
      </div>
    </>
  );
}
