import { describe, expect, it } from "vitest";
import { expectError, get, request, tokenFor } from "./helpers";

// One comparison across workspaces: a training run in dev (sample data) beside a retraining in test (full data).
// (Not prod: the e2e tests keep prod free of jobs to see its empty Home.)
describe("GET /api/v1/jobs/compare", () => {
  it("compares jobs of several workspaces in the order asked, and each workspace answers as it would alone", async () => {
    const admin = await tokenFor("admin");
    const dev = (await get("/workspaces/dev/jobs?experiment=iris-sklearn&status=completed&limit=1", admin)).body
      .items[0];
    const created = await request("POST", "/workspaces/test/jobs", {
      token: admin,
      json: { experiment: "iris-retrain", displayName: "full-data retrain", params: { lr: "0.05" } },
    });
    expect(created.status, created.text).toBe(201);
    const retrain = created.body.name as string;
    const logged = await request("POST", `/workspaces/test/jobs/${retrain}/log-batch`, {
      token: admin,
      json: {
        metrics: [0.91, 0.95, 0.97].map((value, step) => ({ key: "val_accuracy", value, step, timestamp: Date.now() })),
      },
    });
    expect(logged.status, logged.text).toBe(200);

    const res = await get(`/jobs/compare?jobs=${encodeURIComponent(`test/${retrain},dev/${dev.name}`)}`, admin);
    expect(res.status, res.text).toBe(200);
    expect(res.body.jobs.map((j: { workspace: string; name: string }) => `${j.workspace}/${j.name}`)).toEqual([
      `test/${retrain}`,
      `dev/${dev.name}`,
    ]);
    expect(res.body.histories[retrain].val_accuracy.points.map((p: { value: number }) => p.value)).toEqual([
      0.91, 0.95, 0.97,
    ]);
    expect(Object.keys(res.body.histories[dev.name])).toContain("val_accuracy");

    // The reviewer does not read dev: the same 404 as asking dev alone.
    expectError(
      await get(
        `/jobs/compare?jobs=${encodeURIComponent(`test/${retrain},dev/${dev.name}`)}`,
        await tokenFor("reviewer"),
      ),
      404,
      "not_found",
    );
    expectError(
      await get(`/jobs/compare?jobs=${encodeURIComponent(`${retrain},dev/${dev.name}`)}`, admin),
      422,
      "invalid",
    );
    expectError(await get(`/jobs/compare?jobs=${encodeURIComponent(`dev/${dev.name}`)}`, admin), 422, "invalid");
  });
});
