import { describe, expect, it } from "vitest";
import { expectError, get, request, tokenFor } from "./helpers";

// Jobs run and logged from outside the studio, as a training script on a laptop would: open a job,
// log batches of metrics, params and tags, read a metric's history, finish the job.
async function openJob(json: unknown = {}) {
  const res = await request("POST", "/workspaces/dev/jobs", { token: await tokenFor("scientist"), json });
  expect(res.status, res.text).toBe(201);
  return res.body as { name: string };
}

const logBatch = async (job: string, json: unknown, user: "scientist" | "reviewer" = "scientist") =>
  request("POST", `/workspaces/dev/jobs/${job}/log-batch`, { token: await tokenFor(user), json });

describe("jobs API", () => {
  it("opens a job, logs into it, reads it back and finishes it", async () => {
    const token = await tokenFor("scientist");
    const job = await openJob({
      experiment: "api-tests",
      displayName: "laptop",
      params: { lr: "0.01" },
      git: { repository: "https://example.com/r.git", commit: "deadbeef" },
    });
    const logged = await logBatch(job.name, {
      metrics: [
        { key: "loss", value: 0.9, step: 0 },
        { key: "loss", value: 0.4, step: 1 },
        { key: "val/acc", value: 0.8, step: 1 },
      ],
      params: [{ key: "epochs", value: "2" }],
      tags: [{ key: "team", value: "vision" }],
    });
    expect(logged).toMatchObject({ status: 200, body: { logged: { metrics: 3, params: 1, tags: 1 } } });

    const read = await get(`/workspaces/dev/jobs/${job.name}`, token);
    expect(read.body).toMatchObject({
      name: job.name,
      experiment: "api-tests",
      status: "running",
      params: { epochs: "2", lr: "0.01" },
      tags: { team: "vision" },
      git: { repository: "https://example.com/r.git", commit: "deadbeef" },
    });
    expect(read.body.metrics).toEqual([
      { key: "loss", count: 2, last: 0.4, lastStep: 1, min: 0.4, minStep: 1, max: 0.9, maxStep: 0 },
      { key: "val/acc", count: 1, last: 0.8, lastStep: 1, min: 0.8, minStep: 1, max: 0.8, maxStep: 1 },
    ]);

    const history = await get(`/workspaces/dev/jobs/${job.name}/metrics/val/acc`, token);
    expect(history).toMatchObject({
      status: 200,
      body: { key: "val/acc", totalPoints: 1, points: [{ step: 1, value: 0.8 }] },
    });

    const finished = await request("PATCH", `/workspaces/dev/jobs/${job.name}`, {
      token,
      json: { status: "completed" },
    });
    expect(finished.body).toMatchObject({ status: "completed" });
    expectError(
      await request("PATCH", `/workspaces/dev/jobs/${job.name}`, { token, json: { status: "failed" } }),
      409,
      "conflict",
    );
  });

  it("downsamples a long history to maxPoints", async () => {
    const job = await openJob();
    for (let start = 0; start < 3000; start += 1000) {
      const metrics = Array.from({ length: 1000 }, (_, i) => ({
        key: "loss",
        value: 1 / (start + i + 1),
        step: start + i,
      }));
      expect((await logBatch(job.name, { metrics })).status).toBe(200);
    }
    const history = await get(
      `/workspaces/dev/jobs/${job.name}/metrics/loss?maxPoints=50`,
      await tokenFor("scientist"),
    );
    expect(history.body.totalPoints).toBe(3000);
    expect(history.body.points.length).toBeLessThanOrEqual(50);
    expect(history.body.points[0]).toMatchObject({ step: 0, value: 1 });
    expect(history.body.points.at(-1)).toMatchObject({ step: 2999 });
    expectError(
      await get(`/workspaces/dev/jobs/${job.name}/metrics/loss?maxPoints=2`, await tokenFor("scientist")),
      422,
      "invalid",
    );
  });

  it("refuses batches over the limits with 422, bodies over 1 MB with 413, malformed JSON with 400, and writes nothing", async () => {
    const job = await openJob();
    const tooMany = Array.from({ length: 1001 }, (_, step) => ({ key: "m", value: step, step }));
    expect(expectError(await logBatch(job.name, { metrics: tooMany }), 422, "invalid")).toContain(
      "At most 1000 metric points",
    );
    expect(
      expectError(
        await logBatch(job.name, { params: Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: "v" })) }),
        422,
        "invalid",
      ),
    ).toContain("At most 100 params");
    expect(
      expectError(
        await logBatch(job.name, { tags: Array.from({ length: 101 }, (_, i) => ({ key: `t${i}`, value: "v" })) }),
        422,
        "invalid",
      ),
    ).toContain("At most 100 tags");
    // Within every count limit, but 100 × 5000 + 100 × 6000 characters is over 1 MB.
    const body = {
      tags: Array.from({ length: 100 }, (_, i) => ({ key: `t${i}`, value: "y".repeat(5000) })),
      params: Array.from({ length: 100 }, (_, i) => ({ key: `p${i}`, value: "x".repeat(6000) })),
    };
    expect(JSON.stringify(body).length).toBeGreaterThan(1024 * 1024);
    expectError(await logBatch(job.name, body), 413, "too_large");
    const malformed = await request("POST", `/workspaces/dev/jobs/${job.name}/log-batch`, {
      token: await tokenFor("scientist"),
      body: "{nope",
      headers: { "content-type": "application/json" },
    });
    expectError(malformed, 400, "bad_request");
    expectError(await logBatch(job.name, { metrics: [{ key: "m", value: "high", step: 0 }] }), 422, "invalid");
    expectError(await logBatch(job.name, { unknown: [] }), 422, "invalid");
    const read = await get(`/workspaces/dev/jobs/${job.name}`, await tokenFor("scientist"));
    expect(read.body.metrics).toEqual([]);
    expect(read.body.params).toEqual({});
    expect(read.body.tags).toEqual({});
  });

  it("answers 409 when a param would change, and keeps the batch out entirely", async () => {
    const job = await openJob({ params: { lr: "0.01" } });
    const res = await logBatch(job.name, {
      params: [{ key: "lr", value: "0.1" }],
      metrics: [{ key: "loss", value: 1, step: 0 }],
    });
    expect(expectError(res, 409, "conflict")).toContain('Param "lr"');
    expect((await get(`/workspaces/dev/jobs/${job.name}`, await tokenFor("scientist"))).body.metrics).toEqual([]);
  });

  it("lets a reader read but not log (403), and hides jobs of other workspaces (404)", async () => {
    const admin = await tokenFor("admin");
    const res = await request("POST", "/workspaces/test/jobs", { token: admin, json: {} });
    expect(res.status).toBe(201);
    const reviewer = await tokenFor("reviewer");
    expect((await get(`/workspaces/test/jobs/${res.body.name}`, reviewer)).status).toBe(200);
    expectError(
      await request("POST", `/workspaces/test/jobs/${res.body.name}/log-batch`, {
        token: reviewer,
        json: { metrics: [{ key: "m", value: 1 }] },
      }),
      403,
      "forbidden",
    );
    expectError(await request("POST", "/workspaces/test/jobs", { token: reviewer, json: {} }), 403, "forbidden");
    expectError(await get(`/workspaces/prod/jobs/${res.body.name}`, await tokenFor("scientist")), 404, "not_found");
    expectError(await get("/workspaces/dev/jobs/job-doesnotexist", await tokenFor("scientist")), 404, "not_found");
    expectError(await get(`/workspaces/test/jobs/${res.body.name}/metrics/none`, reviewer), 404, "not_found");
    expectError(await get(`/workspaces/test/jobs/${res.body.name}`, null), 401, "unauthorized");
  });

  it("lists jobs with the filter syntax, and answers 422 with the parser's message for a malformed filter", async () => {
    const token = await tokenFor("scientist");
    const experiment = `list-${Date.now()}`;
    const good = await openJob({ experiment, params: { lr: "0.01" } });
    const bad = await openJob({ experiment, params: { lr: "0.5" } });
    await logBatch(good.name, { metrics: [{ key: "acc", value: 0.97, step: 1 }] });
    await logBatch(bad.name, { metrics: [{ key: "acc", value: 0.4, step: 1 }] });
    const query = new URLSearchParams({ experiment, filter: "metrics.acc > 0.9 and params.lr = 0.01" });
    const listed = await get(`/workspaces/dev/jobs?${query}`, token);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((j: { name: string }) => j.name)).toEqual([good.name]);
    const all = await get(`/workspaces/dev/jobs?${new URLSearchParams({ experiment })}`, token);
    expect(all.body.items.map((j: { name: string }) => j.name)).toEqual([bad.name, good.name]);
    const message = expectError(
      await get(`/workspaces/dev/jobs?${new URLSearchParams({ filter: "metrics.acc > high" })}`, token),
      422,
      "invalid",
    );
    expect(message).toContain("not one");
    expectError(await get("/workspaces/dev/jobs?status=sleeping", token), 422, "invalid");
  });

  it("refuses a job with bad input (422)", async () => {
    const token = await tokenFor("scientist");
    expectError(await request("POST", "/workspaces/dev/jobs", { token, json: { experiment: "../x" } }), 422, "invalid");
    expectError(
      await request("POST", "/workspaces/dev/jobs", { token, json: { git: { commit: "not-a-hash" } } }),
      422,
      "invalid",
    );
    expectError(await request("POST", "/workspaces/dev/jobs", { token, json: { colour: "red" } }), 422, "invalid");
  });
});

describe("jobs API: sorting the list", () => {
  it("sorts by a metric with jobs lacking it last, pages by cursor, and refuses a bad sort or cursor", async () => {
    const token = await tokenFor("scientist");
    const experiment = `sort-${Date.now().toString(36)}`;
    const accs = [0.5, 0.9, null, 0.7];
    const names: string[] = [];
    for (const [i, acc] of accs.entries()) {
      const job = await openJob({ experiment, displayName: `sorted ${i}`, params: { lr: String(10 ** -(i + 1)) } });
      names.push(job.name);
      if (acc !== null)
        expect((await logBatch(job.name, { metrics: [{ key: "acc", value: acc, step: 0 }] })).status).toBe(200);
    }
    const list = (query: string) => get(`/workspaces/dev/jobs?experiment=${experiment}&${query}`, token);
    const desc = await list("sort=metrics.acc:desc");
    expect(desc.status, desc.text).toBe(200);
    expect(desc.body.items.map((j: { displayName: string }) => j.displayName)).toEqual([
      "sorted 1",
      "sorted 3",
      "sorted 0",
      "sorted 2",
    ]);
    const asc = await list("sort=metrics.acc:asc");
    expect(asc.body.items.map((j: { displayName: string }) => j.displayName)).toEqual([
      "sorted 0",
      "sorted 3",
      "sorted 1",
      "sorted 2",
    ]);
    const byParam = await list("sort=params.lr:asc");
    expect(byParam.body.items.map((j: { displayName: string }) => j.displayName)).toEqual([
      "sorted 3",
      "sorted 2",
      "sorted 1",
      "sorted 0",
    ]);

    const seen: string[] = [];
    let cursor = "";
    for (let i = 0; i < 10; i++) {
      const page = await list(`sort=metrics.acc:desc&limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((j: { displayName: string }) => j.displayName));
      if (!page.body.nextCursor) break;
      cursor = page.body.nextCursor;
    }
    expect(seen).toEqual(["sorted 1", "sorted 3", "sorted 0", "sorted 2"]);

    const bad = await list("sort=colour:up");
    expectError(bad, 422, "invalid");
    expect(bad.body.error.message).toMatch(/^Sort:/);
    const byName = await list("sort=name&limit=1");
    expectError(await list(`sort=metrics.acc&cursor=${byName.body.nextCursor}`), 422, "invalid");
  });

  it("documents the sort parameter in OpenAPI", async () => {
    const doc = await get("/openapi.json");
    const params = doc.body.paths["/workspaces/{workspace}/jobs"].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toContain("sort");
  });
});
