import Link from "next/link";
import { pages } from "@/lib/routes";
import type { JobStatus } from "@/lib/schemas/jobs";
import type { ScheduleRunDto } from "@/lib/schemas/schedules";
import { Badge } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { ZonedTime } from "@/components/schedules/zoned-time";

type Status = ScheduleRunDto["status"];
const TONE: Record<Status, "neutral" | "accent" | "success" | "warning" | "danger"> = {
  firing: "accent",
  submitted: "success",
  skipped: "warning",
  failed: "danger",
};
const TRIGGER_TEXT: Record<ScheduleRunDto["trigger"], string> = {
  schedule: "schedule",
  manual: "by hand",
  catch_up: "catch-up",
};

export function ScheduleRunStatusBadge({ status }: { status: Status }) {
  return (
    <Badge tone={TONE[status]} className="gap-1">
      {status === "firing" ? <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-current" /> : null}
      {status}
    </Badge>
  );
}

/** A schedule's runs, newest first: the time it was for, how it was set off, and the job it submitted. */
export function ScheduleRunTable({
  workspace,
  zone,
  runs,
  jobStatuses,
}: {
  workspace: string;
  /** The schedule's time zone, which the times are shown in. */
  zone: string;
  runs: ScheduleRunDto[];
  /** The status of each run's job, where it was read. */
  jobStatuses: Record<string, JobStatus>;
}) {
  return (
    <Table aria-label="Runs">
      <thead>
        <tr>
          <Th>Scheduled for</Th>
          <Th>Fired at</Th>
          <Th>Trigger</Th>
          <Th>Status</Th>
          <Th>Job</Th>
          <Th>Reason</Th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <Tr key={r.id}>
            <Td className="whitespace-nowrap text-muted">
              <ZonedTime iso={r.scheduledFor} zone={zone} />
            </Td>
            <Td className="whitespace-nowrap text-muted">
              <ZonedTime iso={r.firedAt} zone={zone} />
            </Td>
            <Td className="whitespace-nowrap">{TRIGGER_TEXT[r.trigger]}</Td>
            <Td>
              <ScheduleRunStatusBadge status={r.status} />
            </Td>
            <Td className="min-w-40">
              {r.job ? (
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <Link
                    href={pages.job(workspace, r.job)}
                    className="break-all font-mono text-xs text-accent hover:underline"
                  >
                    {r.job}
                  </Link>
                  {jobStatuses[r.job] ? <JobStatusBadge status={jobStatuses[r.job]} /> : null}
                </div>
              ) : (
                <span className="text-muted">—</span>
              )}
            </Td>
            <Td className="min-w-48 max-w-96 break-words text-muted">{r.reason ?? ""}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
