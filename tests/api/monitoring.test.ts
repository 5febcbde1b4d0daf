import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, get, request, tokenFor, uniqueName } from "./helpers";
import { score, waitForDeployments } from "./scoring-helpers";
import { WebhookReceiver } from "@/tests/support/webhook-receiver";
import { waitFor } from "@/tests/support/wait";

// Model monitoring over HTTP with the seeded iris ONNX models: a monitor against the training data that
// flags the one feature moved, its alert delivered to a webhook and answered by an automation rule; the
// mirrored challenger's answers kept beside the live ones and compared.

const WS = "dev";
const IRIS = parse(readFileSync(join(process.cwd(), "prisma/seed-assets/data/iris/iris.csv"), "utf8"), {
  columns: true,
}) as Record<string, string>[];
const FEATURES = ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"];
const irisRow = (r: Record<string, string>) => FEATURES.map((f) => Number(r[f]));

const argmax = (p: number[]) => p.indexOf(Math.max(...p));
/** The population standard deviation of iris petal length (cm). */
const PETAL_SD = 1.7591;

const receiver = new WebhookReceiver();
beforeAll(async () => {
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
});

describe("model monitors", () => {
  it("flag drift on the moved feature only, alert a webhook, and let a rule submit the retraining pipeline", async () => {
    const token = await tokenFor("scientist");
    const admin = await tokenFor("admin");
    const endpoint = uniqueName("mon").slice(0, 24);
    const created = await request("POST", `/workspaces/${WS}/endpoints`, { token, json: { name: endpoint } });
    expect(created.status, created.text).toBe(201);
    const deployed = await request("POST", `/workspaces/${WS}/endpoints/${endpoint}/deployments`, {
      token,
      json: { name: "blue", model: "iris-classifier:1", dataCollectionPercent: 100 },
    });
    expect(deployed.status, deployed.text).toBe(201);
    expect((await waitForDeployments(token, WS, endpoint)).deployments[0].state).toBe("succeeded");

    // The training rows themselves, with petal length moved by 0.65 standard deviations: replaying the
    // baseline exactly keeps the other features' distance at 0 (random resamples of 150 rows would not).
    const moved = IRIS.map((r) => irisRow(r).map((v, i) => (i === 2 ? v + 0.65 * PETAL_SD : v)));
    const predicted: number[] = [];
    for (let i = 0; i < moved.length; i += 50) {
      const answer = await score(
        WS,
        endpoint,
        JSON.stringify({ data: moved.slice(i, i + 50) }),
        created.body.keys.primaryKey,
        { "x-request-id": `${endpoint}-${i}` },
      );
      expect(answer.status).toBe(200);
      predicted.push(...(answer.json.output as number[][]).map(argmax));
    }
    await waitFor(
      async () => (await get(`/workspaces/${WS}/endpoints/${endpoint}/collected?limit=10`, token)).body.items.length,
      (n) => n >= 3,
    );

    // Who hears of an alert: a webhook, and a rule that submits the seeded pipeline.
    const path = `/${uniqueName("alerts")}`;
    const hook = await request("POST", `/workspaces/${WS}/webhooks`, {
      token: admin,
      json: { url: receiver.url + path, events: ["monitor.alert"], subjectPrefix: `monitors/${endpoint}` },
    });
    expect(hook.status, hook.text).toBe(201);
    const pipelines = await get(`/workspaces/${WS}/pipelines?q=${encodeURIComponent("Iris: prepare")}`, token);
    const pipeline = pipelines.body.items[0].id as string;
    const rule = await request("POST", `/workspaces/${WS}/automations`, {
      token,
      json: {
        name: uniqueName("retrain on drift"),
        trigger: { eventTypes: ["monitor.alert"], subjectPattern: `monitors/${endpoint}-*` },
        // Two epochs: a quick retrain, whose steps (but the split) no other test's run can reuse.
        actions: [{ type: "submit_pipeline", pipeline, version: "draft", inputs: { epochs: "2" } }],
      },
    });
    expect(rule.status, rule.text).toBe(201);

    // Ground truth for the first request's 50 rows, as CSV; the species sort as the model's classes do.
    const species = [...new Set(IRIS.map((r) => r.species))].sort();
    const csv = ["request_id,row,label", ...IRIS.slice(0, 50).map((r, row) => `${endpoint}-0,${row},${r.species}`)];
    const feedback = await request("POST", `/workspaces/${WS}/endpoints/${endpoint}/feedback`, {
      token,
      body: csv.join("\n"),
      headers: { "content-type": "text/csv" },
    });
    expect(feedback.status, feedback.text).toBe(200);
    expect(feedback.body).toEqual({ accepted: 50, replaced: 0 });
    const expectedAccuracy = IRIS.slice(0, 50).filter((r, row) => species[predicted[row]] === r.species).length / 50;

    // One click's worth: a deployment and the training data; the rest is defaults.
    const monitor = await request("POST", `/workspaces/${WS}/monitors`, {
      token,
      json: { endpoint, deployment: "blue", baseline: { data: "iris:1" }, window: "PT1H", runNow: false },
    });
    expect(monitor.status, monitor.text).toBe(201);
    expect(monitor.body).toMatchObject({
      name: `${endpoint}-blue`,
      baseline: { kind: "data", data: "iris:1", targetColumn: "species" },
      featureNames: { input_2: "petal_length_cm" },
      signals: { dataDrift: { method: "default", enabled: true } },
    });
    const run = await request("POST", `/workspaces/${WS}/monitors/${monitor.body.name}/run?wait=60`, {
      token,
      timeoutMs: 90_000,
    });
    expect(run.status, run.text).toBe(201);
    expect(run.body).toMatchObject({ status: "succeeded", outcome: "alert", productionRows: 150, baselineRows: 150 });
    const drift = (
      run.body.results as { signal: string; feature: string; isBreached: boolean; value: number }[]
    ).filter((r) => r.signal === "data_drift");
    expect(drift.filter((r) => r.isBreached).map((r) => r.feature)).toEqual(["petal_length_cm"]);
    expect(drift.find((r) => r.feature === "petal_length_cm")!.value).toBeCloseTo(0.65, 2);
    expect(drift.filter((r) => r.feature !== "petal_length_cm").map((r) => r.value)).toEqual([0, 0, 0]);
    // Prediction drift against the training data as the deployment scores it (quietly: no counters, no rows).
    const predictedClass = run.body.results.find(
      (r: { signal: string; feature: string }) => r.signal === "prediction_drift" && r.feature === "prediction",
    );
    expect(predictedClass).toMatchObject({
      status: "ok",
      featureType: "categorical",
      metric: "jensen_shannon_distance",
    });
    expect(predictedClass.details.histogram.categories.sort()).toEqual(["setosa", "versicolor", "virginica"]);
    const collectedRows = await get(`/workspaces/${WS}/endpoints/${endpoint}/collected?limit=1000`, token);
    expect(collectedRows.body.items).toHaveLength(3);
    const accuracy = run.body.results.find((r: { metric: string }) => r.metric === "accuracy");
    expect(accuracy).toMatchObject({ signal: "model_performance", status: "ok", threshold: 0.9 });
    expect(accuracy.value).toBeCloseTo(expectedAccuracy, 12);
    expect(accuracy.details.matched).toBe(50);

    const [delivery] = await waitFor(
      async () => receiver.at(path),
      (list) => list.length >= 1,
    );
    const event = JSON.parse(delivery.body);
    expect(event).toMatchObject({
      type: "io.mlopsstudio.monitor.alert",
      subject: `monitors/${endpoint}-blue`,
      data: { deployment: "blue", model: "iris-classifier:1", productionRows: 150 },
    });
    // Drift first, then data quality (the moved values also leave the baseline's range).
    expect(event.data.breaches[0]).toMatchObject({
      signal: "data_drift",
      feature: "petal_length_cm",
      metric: "normalized_wasserstein_distance",
      threshold: 0.1,
    });
    const firings = await waitFor(
      async () => (await get(`/workspaces/${WS}/automations/${rule.body.id}/firings`, token)).body.items as any[],
      (items) => items.some((f) => f.status === "succeeded" || f.status === "failed"),
      60_000,
    );
    expect(firings[0], JSON.stringify(firings[0])).toMatchObject({ status: "succeeded", eventType: "monitor.alert" });
    const link = firings[0].results[0].link as string;
    expect(link).toMatch(/^\/workspaces\/dev\/jobs\//);
    // The retraining pipeline really runs (and is done before other tests use the same pipeline).
    const retrained = await waitFor(
      async () => (await get(link, token)).body,
      (job) => !["waiting", "queued", "running"].includes(job.status),
      180_000,
    );
    expect(retrained).toMatchObject({ status: "completed", kind: "pipeline" });

    const listed = await get(`/workspaces/${WS}/monitors?endpoint=${endpoint}`, token);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0].lastRun).toMatchObject({ outcome: "alert" });
  }, 300_000);

  it("refuses bad definitions with 4xx and changes nothing", async () => {
    const token = await tokenFor("scientist");
    const reviewer = await tokenFor("reviewer");
    const before = (await get(`/workspaces/${WS}/monitors`, token)).body.items.length;
    const bad: [unknown, number][] = [
      [{ endpoint: "iris-online", deployment: "blue", baseline: { data: "iris:1" }, window: "P1M" }, 422],
      [{ endpoint: "iris-online", deployment: "blue", baseline: { data: "no-such-data:1" } }, 404],
      [{ endpoint: "iris-online", deployment: "nope", baseline: { data: "iris:1" } }, 404],
      [{ endpoint: "iris-online", deployment: "blue", baseline: { data: "iris:1", targetColumn: "colour" } }, 422],
      [{ endpoint: "iris-online", deployment: "blue" }, 422],
      [
        {
          endpoint: "iris-online",
          deployment: "blue",
          baseline: { window: "P7D" },
          signals: { dataDrift: { method: "magic" } },
        },
        422,
      ],
    ];
    for (const [json, status] of bad) {
      const res = await request("POST", `/workspaces/${WS}/monitors`, { token, json });
      expect(res.status, `${JSON.stringify(json)} → ${res.text}`).toBe(status);
    }
    expectError(await request("POST", `/workspaces/${WS}/monitors`, { token, body: "{not json" }), 400, "bad_request");
    expectError(await get(`/workspaces/${WS}/monitors`, reviewer), 404, "not_found");
    expectError(await get(`/workspaces/${WS}/monitors/nope/runs`, token), 404, "not_found");
    // Feedback: malformed bodies, a reader-less stranger, and too many labels.
    const feedback = `/workspaces/${WS}/endpoints/iris-online/feedback`;
    expectError(await request("POST", feedback, { token, json: [{ requestId: "x" }] }), 422, "invalid");
    expectError(
      await request("POST", feedback, { token, body: "{", headers: { "content-type": "application/json" } }),
      400,
      "bad_request",
    );
    expectError(
      await request("POST", feedback, {
        token,
        body: 'request_id,label\n"a,b',
        headers: { "content-type": "text/csv" },
      }),
      400,
      "bad_request",
    );
    expectError(
      await request("POST", feedback, { token: reviewer, json: [{ requestId: "x", label: 1 }] }),
      404,
      "not_found",
    );
    const many = Array.from({ length: 10_001 }, (_, i) => ({ requestId: `r${i}`, label: 1 }));
    expectError(await request("POST", feedback, { token, json: many }), 422, "invalid");
    expect((await get(`/workspaces/${WS}/monitors`, token)).body.items.length).toBe(before);
  });
});

describe("the challenger comparison", () => {
  let token: string;
  let reviewerToken: string; // a reader in test and prod, not a member of dev
  let key: string;
  const endpoint = uniqueName("cmp").slice(0, 24);

  beforeAll(async () => {
    token = await tokenFor("scientist");
    reviewerToken = await tokenFor("reviewer");
    const created = await request("POST", `/workspaces/${WS}/endpoints`, { token, json: { name: endpoint } });
    expect(created.status, created.text).toBe(201);
    key = created.body.keys.primaryKey;
    for (const [name, model] of [
      ["blue", "iris-classifier:1"],
      ["green", "iris-classifier:2"],
    ])
      expect(
        (await request("POST", `/workspaces/${WS}/endpoints/${endpoint}/deployments`, { token, json: { name, model } }))
          .status,
      ).toBe(201);
    const settled = await waitForDeployments(token, WS, endpoint);
    expect(settled.deployments.map((d: { state: string }) => d.state)).toEqual(["succeeded", "succeeded"]);
  });

  it("keeps the challenger's answer beside the live one for each mirrored request, and compares them", async () => {
    const traffic = await request("PUT", `/workspaces/${WS}/endpoints/${endpoint}/traffic`, {
      token,
      json: { traffic: { blue: 100 }, mirror: { deployment: "green", percent: 20 }, reason: "try C=10" },
    });
    expect(traffic.status, traffic.text).toBe(200);
    // What each model answers to each row, asked by name (a named deployment is never mirrored).
    const rows = IRIS.slice(0, 100).map(irisRow);
    const top: Record<string, { blue: number; green: number }> = {};
    for (let i = 0; i < rows.length; i++) {
      const body = JSON.stringify({ data: [rows[i]] });
      const blue = await score(WS, endpoint, body, key, { "azureml-model-deployment": "blue" });
      const green = await score(WS, endpoint, body, key, { "azureml-model-deployment": "green" });
      top[`row-${i}`] = { blue: argmax(blue.json.output[0]), green: argmax(green.json.output[0]) };
    }
    // The same rows through the endpoint's traffic: exactly one request in five is mirrored.
    for (let i = 0; i < rows.length; i++) {
      const answer = await score(WS, endpoint, JSON.stringify({ data: [rows[i]] }), key, {
        "x-request-id": `${endpoint}-${i}`,
      });
      expect(answer.status).toBe(200);
      expect(answer.requestId).toBe(`${endpoint}-${i}`);
    }
    let paired: { requestId: string; challenger: { deployment: string; status: number } | null }[] = [];
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const collected = await get(`/workspaces/${WS}/endpoints/${endpoint}/collected?limit=1000`, token);
      expect(collected.status, collected.text).toBe(200);
      paired = collected.body.items.filter((i: { challenger: unknown }) => i.challenger);
      if (paired.length >= 20) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(paired).toHaveLength(20);
    expect(paired.every((p) => p.challenger?.deployment === "green" && p.challenger.status === 200)).toBe(true);
    const expected = paired.map((p) => top[`row-${p.requestId.slice(endpoint.length + 1)}`]);
    const agreeing = expected.filter((t) => t.blue === t.green).length;

    const comparison = await get(`/workspaces/${WS}/endpoints/${endpoint}/comparison?window=PT1H`, token);
    expect(comparison.status, comparison.text).toBe(200);
    expect(comparison.body).toMatchObject({
      kind: "classification",
      output: "output",
      live: ["blue"],
      challenger: ["green"],
      pairedRequests: 20,
      comparedRows: 20,
      agreement: agreeing / 20,
      errorRate: { live: 0, challenger: 0 },
      mirror: { deployment: "green", percent: 20 },
    });
    const confusion = comparison.body.confusion as { labels: string[]; counts: number[][] };
    for (const t of expected)
      confusion.counts[confusion.labels.indexOf(String(t.blue))][confusion.labels.indexOf(String(t.green))]--;
    expect(confusion.counts.flat().every((n) => n === 0)).toBe(true);
    expect(comparison.body.disagreements).toHaveLength(20 - agreeing);
    expect(comparison.body.latencyMs.challenger.p95).toBeGreaterThan(0);
    expect(comparison.body.criteria).toBeNull();

    // Promotion criteria: not met while more rows are needed, met (once, with an event) when they are there.
    const criteria = `/workspaces/${WS}/endpoints/${endpoint}/challenger-criteria`;
    const strict = await request("PUT", criteria, {
      token,
      json: { window: "PT1H", minCompared: 21, minAgreement: agreeing / 20 },
    });
    expect(strict.status, strict.text).toBe(200);
    expect(strict.body.criteria).toMatchObject({ meets: false, metAt: null });
    expect(strict.body.criteria.checks.find((c: { name: string }) => c.name === "compared rows")).toMatchObject({
      isMet: false,
      actual: "20",
    });
    const met = await request("PUT", criteria, {
      token,
      json: { window: "PT1H", minCompared: 20, minAgreement: agreeing / 20 },
    });
    expect(met.body.criteria).toMatchObject({ meets: true, metAt: expect.any(String) });
    const recorded = await get(`/events?${new URLSearchParams({ action: "endpoint.challenger.criteria_met" })}`, token);
    expect(recorded.status, recorded.text).toBe(200);
    expect(
      recorded.body.items.filter((e: { subject: { label: string } }) => e.subject.label === endpoint),
    ).toHaveLength(1);
    expectError(await request("PUT", criteria, { token, json: { minCompared: 5 } }), 422, "invalid");
    expectError(await request("PUT", criteria, { token: reviewerToken, json: null }), 404, "not_found");
    expect((await request("PUT", criteria, { token, json: null })).body.criteria).toBeNull();
  });

  it("refuses a window that is not an ISO 8601 span, and hides the comparison from non-members", async () => {
    expectError(await get(`/workspaces/${WS}/endpoints/${endpoint}/comparison?window=P1M`, token), 422, "invalid");
    expectError(
      await get(`/workspaces/${WS}/endpoints/${endpoint}/comparison?window=yesterday`, token),
      422,
      "invalid",
    );
    expectError(await get(`/workspaces/${WS}/endpoints/${endpoint}/comparison`, reviewerToken), 404, "not_found");
    expect((await get(`/workspaces/${WS}/endpoints/${endpoint}/comparison`, "")).status).toBe(401);
  });
});
