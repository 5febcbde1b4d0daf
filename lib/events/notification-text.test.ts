import { describe, expect, it } from "vitest";
import { notificationTitle } from "@/lib/events/notification-text";

describe("notificationTitle", () => {
  const about = (type: string, subjectLabel: string, data: Record<string, unknown> = {}) =>
    notificationTitle({ type, subjectLabel, data, scopeName: "dev" });

  it("says what happened to what, and where", () => {
    expect(about("model.version.registered", "iris:3")).toBe("Model version iris:3 registered in dev");
    expect(about("deployment.succeeded", "iris-online/blue")).toBe("Deployment iris-online/blue is up in dev");
    expect(about("deployment.failed", "iris-online/blue")).toBe("Deployment iris-online/blue failed in dev");
    expect(about("data.version.profiled", "iris:2", { profileStatus: "failed" })).toBe(
      "Data asset iris:2 could not be profiled in dev",
    );
    expect(about("model.version.shared", "iris:3", { registry: "shared" })).toBe("iris:3 shared to registry shared");
  });

  it("names jobs by their display name", () => {
    expect(about("job.failed", "job-abc", { displayName: "iris lr=0.05" })).toBe("Job iris lr=0.05 failed in dev");
    expect(about("job.running", "job-abc", {})).toBe("Job job-abc is running in dev");
    expect(about("pipeline_job.completed", "job-p", { displayName: "nightly" })).toBe(
      "Pipeline job nightly completed in dev",
    );
  });
});
