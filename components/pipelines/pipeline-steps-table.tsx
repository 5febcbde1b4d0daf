"use client";
import Link from "next/link";
import type { JobDto } from "@/lib/schemas/dto";
import { formatJobDuration } from "@/lib/job-display";
import { pages } from "@/lib/routes";
import { Badge } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { useLiveJob } from "@/components/jobs/job-live";
import { useNow } from "@/components/ui/use-now";

/** The steps of a pipeline job with their live status, duration and reuse. */
export function PipelineStepsTable({ workspace, job }: { workspace: string; job: JobDto }) {
  const live = useLiveJob(workspace, job);
  const now = useNow({ isTicking: live.steps.some((s) => s.status === "running") });
  return (
    <Table aria-label="Steps">
      <thead>
        <tr>
          <Th>Step</Th>
          <Th>Status</Th>
          <Th>Duration</Th>
          <Th>Note</Th>
        </tr>
      </thead>
      <tbody>
        {live.steps.map((s) => (
          <Tr key={s.job}>
            <Td>
              <Link className="text-accent hover:underline" href={pages.job(workspace, s.job)}>
                {s.displayName}
              </Link>
              {s.displayName !== s.step ? <span className="ml-1 font-mono text-xs text-muted">{s.step}</span> : null}
            </Td>
            <Td>
              <span className="flex items-center gap-1">
                <JobStatusBadge status={s.status} />
                {s.reusedFrom ? <Badge tone="success">reused</Badge> : null}
              </span>
            </Td>
            <Td className="tabular-nums">{formatJobDuration({ ...s, createdAt: s.startedAt ?? "" }, now)}</Td>
            <Td className="text-xs text-muted">
              {s.reusedFrom ? (
                <>
                  outputs of{" "}
                  <Link className="text-accent hover:underline" href={pages.job(workspace, s.reusedFrom)}>
                    {s.reusedFrom}
                  </Link>
                </>
              ) : (
                (s.failureReason ?? "")
              )}
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
