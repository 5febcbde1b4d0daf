import { Badge } from "@/components/ui/misc";
import type { MonitorOutcome } from "@/lib/schemas/monitors";

const LOOK: Record<MonitorOutcome, { tone: "success" | "danger" | "warning" | "neutral"; text: string }> = {
  pass: { tone: "success", text: "pass" },
  alert: { tone: "danger", text: "alert" },
  insufficient_data: { tone: "warning", text: "not enough data" },
  failed: { tone: "danger", text: "run failed" },
};

/** A monitor run's outcome, or where a run stands while it has none yet. */
export function OutcomeBadge({ outcome, status }: { outcome: MonitorOutcome | null; status?: string }) {
  if (outcome) return <Badge tone={LOOK[outcome].tone}>{LOOK[outcome].text}</Badge>;
  if (status === "failed") return <Badge tone="danger">run failed</Badge>;
  if (status === "queued" || status === "running") return <Badge tone="accent">{status}…</Badge>;
  return <Badge>not run yet</Badge>;
}
