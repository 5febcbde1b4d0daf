import type { JobFilterCondition } from "@/lib/job-filter";
import type { JobStatus } from "@/lib/schemas/jobs";

// MLflow's RunStatus (service.proto: RUNNING = 1, SCHEDULED = 2, FINISHED = 3, FAILED = 4, KILLED = 5) and the
// studio's job statuses, both ways, in one table: a studio job waiting for its inputs or queued for the runner is
// SCHEDULED to MLflow.

const TO_MLFLOW = {
  waiting: "SCHEDULED",
  queued: "SCHEDULED",
  running: "RUNNING",
  completed: "FINISHED",
  failed: "FAILED",
  canceled: "KILLED",
} as const satisfies Record<JobStatus, string>;

export type MlflowRunStatus = (typeof TO_MLFLOW)[JobStatus];

export function mlflowRunStatus(status: string): MlflowRunStatus {
  return TO_MLFLOW[status as JobStatus] ?? "RUNNING";
}

/** The studio statuses an MLflow status stands for (SCHEDULED is two). */
export function studioStatusesOf(status: string): JobStatus[] {
  return (Object.keys(TO_MLFLOW) as JobStatus[]).filter((s) => TO_MLFLOW[s] === status);
}

const NUMBERS: Record<string, string> = {
  "1": "RUNNING",
  "2": "SCHEDULED",
  "3": "FINISHED",
  "4": "FAILED",
  "5": "KILLED",
};

/**
 * The status runs/update may set (by name or proto number): where a run's client may take it. SCHEDULED is not
 * one: the studio's runner decides when a job is queued.
 */
export function updatableStatus(given: string): "running" | "completed" | "failed" | "canceled" | null {
  const name = NUMBERS[given] ?? given;
  const [status] = studioStatusesOf(name);
  return status === "running" || status === "completed" || status === "failed" || status === "canceled" ? status : null;
}

/** A runs/search condition on `attributes.status` in MLflow's names, rewritten in the studio's. */
export function studioStatusCondition(c: JobFilterCondition): JobFilterCondition {
  if (c.field.kind !== "attribute" || c.field.key !== "status") return c;
  const expand = (v: string) => (studioStatusesOf(v).length ? studioStatusesOf(v) : [v]);
  if (Array.isArray(c.value)) return { ...c, value: c.value.flatMap(expand) };
  if (typeof c.value !== "string" || (c.op !== "=" && c.op !== "!=")) return c;
  const statuses = expand(c.value);
  if (statuses.length === 1) return { ...c, value: statuses[0]! };
  return { ...c, op: c.op === "=" ? "IN" : "NOT IN", value: statuses };
}
