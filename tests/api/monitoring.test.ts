import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { expectError, get, request, tokenFor, uniqueName } from "./helpers";
import { score, waitForDeployments } from "./scoring-helpers";

// Model monitoring over HTTP with the seeded iris ONNX models: collected data in columns, the mirrored
// challenger's answers kept beside the live ones and compared.

const WS = "dev";
const IRIS = parse(readFileSync(join(process.cwd(), "prisma/seed-assets/data/iris/iris.csv"), "utf8"), {
  columns: true,
}) as Record<string, string>[];
const FEATURES = ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"];
const irisRow = (r: Record<string, string>) => FEATURES.map((f) => Number(r[f]));

const argmax = (p: number[]) => p.indexOf(Math.max(...p));

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
