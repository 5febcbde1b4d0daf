import { describe, expect, it } from "vitest";
import { mlflowRunStatus, studioStatusCondition, updatableStatus } from "@/lib/mlflow/run-status";
import type { JobFilterCondition } from "@/lib/job-filter";

const status = (op: JobFilterCondition["op"], value: JobFilterCondition["value"]): JobFilterCondition => ({
  field: { kind: "attribute", key: "status" },
  op,
  value,
});

describe("MLflow run statuses", () => {
  it("name every studio status as MLflow does; waiting and queued are both SCHEDULED", () => {
    expect(["waiting", "queued", "running", "completed", "failed", "canceled"].map((s) => mlflowRunStatus(s))).toEqual([
      "SCHEDULED",
      "SCHEDULED",
      "RUNNING",
      "FINISHED",
      "FAILED",
      "KILLED",
    ]);
  });

  it("take what runs/update may set, by name or proto number, and refuse SCHEDULED and unknown values", () => {
    expect(["RUNNING", "FINISHED", "FAILED", "KILLED", "1", "3", "4", "5"].map(updatableStatus)).toEqual([
      "running",
      "completed",
      "failed",
      "canceled",
      "running",
      "completed",
      "failed",
      "canceled",
    ]);
    for (const bad of ["SCHEDULED", "2", "DONE", "running", ""]) expect(updatableStatus(bad), bad).toBeNull();
  });

  it("rewrite status conditions of runs/search in the studio's statuses", () => {
    expect(studioStatusCondition(status("=", "FINISHED"))).toEqual(status("=", "completed"));
    expect(studioStatusCondition(status("=", "SCHEDULED"))).toEqual(status("IN", ["waiting", "queued"]));
    expect(studioStatusCondition(status("!=", "SCHEDULED"))).toEqual(status("NOT IN", ["waiting", "queued"]));
    expect(studioStatusCondition(status("IN", ["KILLED", "SCHEDULED"]))).toEqual(
      status("IN", ["canceled", "waiting", "queued"]),
    );
    // Unknown names and other attributes pass through untouched.
    expect(studioStatusCondition(status("=", "BOGUS"))).toEqual(status("=", "BOGUS"));
    const other: JobFilterCondition = { field: { kind: "attribute", key: "display_name" }, op: "=", value: "FINISHED" };
    expect(studioStatusCondition(other)).toBe(other);
  });
});
