import type { JobStatus } from "@/lib/schemas/jobs";
import { Badge } from "@/components/ui/misc";

const TONES: Record<JobStatus, "neutral" | "accent" | "success" | "warning" | "danger"> = {
  waiting: "neutral",
  queued: "neutral",
  running: "accent",
  completed: "success",
  failed: "danger",
  canceled: "warning",
};

export function JobStatusBadge({ status }: { status: JobStatus }) {
  return (
    <Badge tone={TONES[status]} className="gap-1">
      {status === "running" ? <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-current" /> : null}
      <span data-testid="job-status">{status}</span>
    </Badge>
  );
}
