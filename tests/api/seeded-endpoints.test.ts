import { parse } from "csv-parse/sync";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectError, get, request, tokenFor, uniqueName } from "./helpers";

// The endpoints the demo seed deploys: the online tumour model behind score.py and the iris batch endpoint,
// which come up by themselves when the studio starts.

const WS = "dev";
const TUMOURS = readFileSync(join(process.cwd(), "examples/score-breast-cancer/sample-request.json"), "utf8");

describe("the seeded endpoints", () => {
  it("come up by themselves and answer through the Test call", async () => {
    const token = await tokenFor("scientist");
    const deadline = Date.now() + 60_000;
    let body: { deployments: { state: string }[]; traffic: Record<string, number> } = { deployments: [], traffic: {} };
    while (Date.now() < deadline) {
      body = (await get(`/workspaces/${WS}/endpoints/tumor-online`, token)).body;
      if (body.deployments.every((d) => d.state === "succeeded")) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(body.traffic).toEqual({ "tree-v2": 100 });
    const tested = await request("POST", `/workspaces/${WS}/endpoints/tumor-online/test`, {
      token,
      json: { body: TUMOURS },
    });
    expect(tested.body).toMatchObject({ status: 200, deployment: "tree-v2", body: { predictions: [0, 1] } });
  });
});

describe("batch endpoints", () => {
  it("score the seeded iris data with the seeded batch endpoint and write the predictions as a data asset version", async () => {
    const token = await tokenFor("scientist");
    const deadline = Date.now() + 60_000;
    while ((await get(`/workspaces/${WS}/endpoints/iris-batch`, token)).body.deployments[0].state !== "succeeded") {
      if (Date.now() > deadline) throw new Error("the seeded batch deployment did not come up");
      await new Promise((r) => setTimeout(r, 300));
    }
    const output = uniqueName("preds");
    const invoked = await request("POST", `/workspaces/${WS}/endpoints/iris-batch/invoke`, {
      token,
      json: { input: "iris:1", output },
    });
    expect(invoked.status, invoked.text).toBe(201);
    // The runner wakes on commit, so the job may already have started when the answer is written.
    expect(invoked.body).toMatchObject({ status: expect.stringMatching(/^(queued|running)$/), kind: "command" });
    let jobs: { name: string; status: string; predictions: { name: string; version: number } | null }[] = [];
    const until = Date.now() + 90_000;
    while (Date.now() < until) {
      jobs = (await get(`/workspaces/${WS}/endpoints/iris-batch/jobs`, token)).body.items;
      const mine = jobs.find((j) => j.name === invoked.body.name);
      if (mine?.predictions || mine?.status === "failed") break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const mine = jobs.find((j) => j.name === invoked.body.name)!;
    expect(mine).toMatchObject({ status: "completed", predictions: { name: output, version: 1 } });
    const version = await get(`/workspaces/${WS}/data/${output}/versions/1`, token);
    expect(version.body).toMatchObject({
      spec: { type: "file", origin: "job", job: invoked.body.name },
      files: [{ path: "predictions.csv" }],
    });
    const csv = await get(`/workspaces/${WS}/data/${output}/versions/1/files/predictions.csv`, token);
    const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(150);
    expect(Object.keys(rows[0])).toEqual([
      "sepal_length_cm",
      "sepal_width_cm",
      "petal_length_cm",
      "petal_width_cm",
      "species",
      "output_0",
      "output_1",
      "output_2",
    ]);
  });

  it("refuses invocations that cannot run", async () => {
    const token = await tokenFor("scientist");
    expect(
      expectError(
        await request("POST", `/workspaces/${WS}/endpoints/iris-online/invoke`, { token, json: { input: "iris:1" } }),
        422,
        "invalid",
      ),
    ).toContain("online endpoint");
    expect(
      expectError(
        await request("POST", `/workspaces/${WS}/endpoints/iris-batch/invoke`, {
          token,
          json: { input: "diabetes:1" },
        }),
        422,
        "invalid",
      ),
    ).toContain("no .csv file");
    expectError(
      await request("POST", `/workspaces/${WS}/endpoints/iris-batch/invoke`, {
        token,
        json: { input: "no-such-data:1" },
      }),
      404,
      "not_found",
    );
    expectError(
      await request("POST", `/workspaces/${WS}/endpoints/iris-batch/invoke`, { token, json: {} }),
      422,
      "invalid",
    );
    expectError(
      await request("POST", `/workspaces/${WS}/endpoints/iris-batch/invoke`, {
        token: await tokenFor("reviewer"),
        json: { input: "iris:1" },
      }),
      404,
      "not_found",
    );
  });
});
