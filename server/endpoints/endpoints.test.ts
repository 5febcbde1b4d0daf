import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { createDeployment, deleteDeployment, deploymentLogs, updateDeployment } from "@/server/endpoints/deployments";
import { getEndpoint, listEndpoints } from "@/server/endpoints/get-endpoint";
import { regenerateEndpointKey, revealEndpointKeys } from "@/server/endpoints/endpoint-key-admin";
import { setTraffic } from "@/server/endpoints/traffic";
import { trafficHistory } from "@/server/endpoints/traffic-history";
import { deleteEndpoint } from "@/server/endpoints/change-endpoint";
import { collectedRequests, endpointMonitoring } from "@/server/endpoints/monitoring";
import { testEndpoint } from "@/server/endpoints/test-endpoint";
import { deleteModelVersion } from "@/server/models/delete-model-version";
import { registerModelVersion } from "@/server/models/register-model-version";
import { scoringService } from "@/server/runtime/scoring/scoring-service";
import { failureOf } from "@/tests/support/failures";
import { storeFiles, uniqueName, workspaceWithTeam } from "@/tests/support/factories";
import { waitFor } from "@/tests/support/wait";

// Endpoints end to end below HTTP: real ONNX and Python deployments brought up by the scoring service,
// requests routed by traffic and checked by key, and the rules that keep serving models safe.

const IRIS_ONNX = join(process.cwd(), "prisma/seed-assets/iris-classifier-v1/model.onnx");
const SETOSA = JSON.stringify({ data: [[5.1, 3.5, 1.4, 0.2]] });
const ECHO_PY = `
import json, os
def init():
    global tag
    tag = open(os.path.join(os.environ["AZUREML_MODEL_DIR"], "tag.txt")).read().strip()
def run(raw_data):
    data = json.loads(raw_data)
    if "boom" in data:
        raise KeyError(data["boom"])
    return {"tag": tag, "n": len(data.get("data", []))}
`;

const JS_SCORE = `
import { readFileSync } from "node:fs";
let tag;
export function init() { tag = readFileSync(process.env.AZUREML_MODEL_DIR + "/tag.txt", "utf8").trim(); }
export function run(raw) { const body = JSON.parse(raw); if (body.fail) throw new Error("refused by the JS scorer"); return { tag, rows: body.rows.length }; }
`;

const service = scoringService();
afterAll(async () => {
  await service.stop();
});

async function setup() {
  const team = await workspaceWithTeam();
  const onnxModel = await registerModelVersion(
    team.contributor,
    team.workspace,
    { name: uniqueName("iris"), type: "onnx" },
    await storeFiles({ "model.onnx": await readFile(IRIS_ONNX) }),
  );
  const pyModel = await registerModelVersion(
    team.contributor,
    team.workspace,
    { name: uniqueName("tagger"), type: "custom_model" },
    await storeFiles({ "tag.txt": "tag-7" }),
  );
  return { ...team, ws: team.workspace.name, onnxModel, pyModel };
}

async function untilSettled(actor: Parameters<typeof getEndpoint>[0], ws: string, endpoint: string) {
  return waitFor(
    async () => {
      await service.provision();
      return getEndpoint(actor, ws, endpoint);
    },
    (e) => e.deployments.every((d) => d.state !== "creating"),
    60_000,
  );
}

describe("online endpoints", () => {
  it("serves an ONNX model by key: the first deployment takes all traffic, inputs and outputs are read", async () => {
    const t = await setup();
    const name = uniqueName("ep").slice(0, 20);
    const { endpoint, keys } = await createEndpoint(t.contributor, t.ws, { name, description: "iris" });
    expect(endpoint.scoringUri).toMatch(new RegExp(`/${t.ws}/${name}/score$`));
    expect(keys.primaryKey).toMatch(/^mlk_/);
    expect(keys.primaryKey).not.toBe(keys.secondaryKey);
    await createDeployment(t.contributor, t.ws, name, { name: "blue", model: `${t.onnxModel.name}:1` });
    const settled = await untilSettled(t.contributor, t.ws, name);
    expect(settled.deployments[0]).toMatchObject({
      state: "succeeded",
      traffic: 100,
      signature: { inputs: [{ name: "input", type: "float32" }] },
    });
    expect(settled.traffic).toEqual({ blue: 100 });
    expect(await trafficHistory(t.reader, t.ws, name)).toEqual([
      expect.objectContaining({
        traffic: { blue: 100 },
        actor: "studio",
        reason: "The endpoint's first deployment takes all its traffic.",
        models: { blue: `${t.onnxModel.name}:1` },
      }),
    ]);

    const ok = await service.score({ workspace: t.ws, endpoint: name, body: SETOSA, key: keys.primaryKey });
    expect(ok).toMatchObject({ status: 200, deployment: "blue" });
    const probabilities = JSON.parse(ok.body).output[0] as number[];
    expect(probabilities.indexOf(Math.max(...probabilities))).toBe(0);
    expect(
      (await service.score({ workspace: t.ws, endpoint: name, body: SETOSA, key: keys.secondaryKey })).status,
    ).toBe(200);
    expect((await service.score({ workspace: t.ws, endpoint: name, body: SETOSA, key: "mlk_wrong" })).status).toBe(401);
    expect((await service.score({ workspace: t.ws, endpoint: name, body: SETOSA })).status).toBe(401);
    const badJson = await service.score({ workspace: t.ws, endpoint: name, body: "{not json", key: keys.primaryKey });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body).error.message).toContain("not valid JSON");
    const badShape = await service.score({
      workspace: t.ws,
      endpoint: name,
      body: JSON.stringify({ data: [[1, 2]] }),
      key: keys.primaryKey,
    });
    expect(badShape.status).toBe(400);

    // Regenerating a key ends the old one at once; the other key keeps working.
    const fresh = await regenerateEndpointKey(t.contributor, t.ws, name, { key: "primary" });
    expect((await service.score({ workspace: t.ws, endpoint: name, body: SETOSA, key: keys.primaryKey })).status).toBe(
      401,
    );
    expect((await service.score({ workspace: t.ws, endpoint: name, body: SETOSA, key: fresh.primaryKey })).status).toBe(
      200,
    );
    expect(await revealEndpointKeys(t.contributor, t.ws, name)).toEqual({
      primaryKey: fresh.primaryKey,
      secondaryKey: keys.secondaryKey,
    });
    expect(await failureOf(revealEndpointKeys(t.reader, t.ws, name))).toMatchObject({ code: "forbidden" });
    const events = await db.event.findMany({ where: { subjectLabel: name } });
    expect(JSON.stringify(events)).not.toContain(fresh.primaryKey!);
  });

  it("runs a Python entry script, answers its error with 500 and its message, and splits traffic exactly", async () => {
    const t = await setup();
    const name = uniqueName("split").slice(0, 20);
    const { keys } = await createEndpoint(t.contributor, t.ws, { name });
    await createDeployment(t.contributor, t.ws, name, { name: "blue", model: `${t.onnxModel.name}:1` });
    await createDeployment(t.contributor, t.ws, name, {
      name: "green",
      model: `${t.pyModel.name}:1`,
      scoringMethod: "python",
      scoringScript: "score.py",
      code: { "score.py": ECHO_PY },
    });
    await createDeployment(t.contributor, t.ws, name, {
      name: "shadow",
      model: `${t.pyModel.name}:1`,
      scoringMethod: "python",
      scoringScript: "score.py",
      code: { "score.py": ECHO_PY },
    });
    const settled = await untilSettled(t.contributor, t.ws, name);
    expect(settled.deployments.map((d) => d.state)).toEqual(["succeeded", "succeeded", "succeeded"]);

    const notHundred = await failureOf(setTraffic(t.contributor, t.ws, name, { traffic: { blue: 70, green: 20 } }));
    expect(notHundred).toMatchObject({ code: "invalid" });
    expect(notHundred.message).toContain("adds up to 90%");
    const mirrorTooBig = await failureOf(
      setTraffic(t.contributor, t.ws, name, {
        traffic: { blue: 80, green: 20 },
        mirror: { deployment: "shadow", percent: 60 },
      }),
    );
    expect(mirrorTooBig).toMatchObject({ code: "invalid" });
    const mirrorLive = await failureOf(
      setTraffic(t.contributor, t.ws, name, {
        traffic: { blue: 80, green: 20 },
        mirror: { deployment: "green", percent: 10 },
      }),
    );
    expect(mirrorLive.message).toContain("takes live traffic");

    await setTraffic(t.contributor, t.ws, name, {
      traffic: { blue: 80, green: 20 },
      mirror: { deployment: "shadow", percent: 10 },
      reason: "try green",
    });
    const answered: Record<string, number> = {};
    for (let i = 0; i < 200; i++) {
      const outcome = await service.score({ workspace: t.ws, endpoint: name, body: SETOSA, key: keys.primaryKey });
      expect(outcome.status).toBe(200);
      answered[outcome.deployment!] = (answered[outcome.deployment!] ?? 0) + 1;
    }
    expect(answered).toEqual({ blue: 160, green: 40 });

    const direct = await service.score({
      workspace: t.ws,
      endpoint: name,
      body: JSON.stringify({ data: [1, 2, 3] }),
      key: keys.primaryKey,
      deployment: "shadow",
    });
    expect(direct).toMatchObject({ status: 200, deployment: "shadow" });
    expect(JSON.parse(direct.body)).toEqual({ tag: "tag-7", n: 3 });
    const scriptError = await service.score({
      workspace: t.ws,
      endpoint: name,
      body: JSON.stringify({ boom: "petal" }),
      key: keys.primaryKey,
      deployment: "green",
    });
    expect(scriptError.status).toBe(500);
    expect(JSON.parse(scriptError.body).error).toEqual({ code: "script_error", message: "KeyError: 'petal'" });
    expect(
      (await service.score({ workspace: t.ws, endpoint: name, body: "{}", key: keys.primaryKey, deployment: "green" }))
        .status,
    ).toBe(200);

    // The mirror got its 10% (20 of 200), counted apart from live requests.
    await service.stats.flush();
    const monitoring = await endpointMonitoring(t.reader, t.ws, name, { hours: 1 });
    const byName = Object.fromEntries(monitoring.deployments.map((d) => [d.deployment, d.totals]));
    expect(byName.blue.requests).toBe(160);
    expect(byName.green).toMatchObject({ requests: 42, errors: 1 });
    expect(byName.shadow).toMatchObject({ requests: 1, mirrored: 20, mirrorErrors: 0 });
    expect(byName.blue.p50Ms).toBeGreaterThan(0);

    const history = await trafficHistory(t.reader, t.ws, name);
    expect(history[0]).toMatchObject({
      traffic: { blue: 80, green: 20, shadow: 0 },
      mirror: { deployment: "shadow", percent: 10 },
      reason: "try green",
      actor: expect.any(String),
    });
    expect(history[0].models).toEqual({
      blue: `${t.onnxModel.name}:1`,
      green: `${t.pyModel.name}:1`,
      shadow: `${t.pyModel.name}:1`,
    });
    // Blue, created first, took all traffic by itself when it came up.
    expect(history).toHaveLength(2);
    expect(history[1]).toMatchObject({ actor: "studio", traffic: { blue: 100 } });

    // Safety rules: no deleting a deployment with traffic, nor the model version it serves.
    expect(await failureOf(deleteDeployment(t.contributor, t.ws, name, "blue"))).toMatchObject({ code: "conflict" });
    expect(await failureOf(deleteDeployment(t.contributor, t.ws, name, "shadow"))).toMatchObject({ code: "conflict" });
    const modelDelete = await failureOf(deleteModelVersion(t.owner, t.workspace, t.pyModel.name, 1));
    expect(modelDelete).toMatchObject({ code: "conflict" });
    expect(modelDelete.message).toContain(`deployment "green" of endpoint "${name}"`);

    // The traceback reaches the deployment's logs (written a few times a second).
    const logText = await waitFor(
      async () => (await deploymentLogs(t.reader, t.ws, name, "green", {})).lines.map((l) => l.text).join(""),
      (text) => text.includes("KeyError"),
      5000,
    );
    expect(logText).toContain("Traceback");

    // Deleting the endpoint stops its instances: the Python processes end.
    const pids = (["green", "shadow"] as const).flatMap((d) =>
      service.runtimeOf(settled.deployments.find((x) => x.name === d)!.id)!.pids(),
    );
    expect(pids).toHaveLength(2);
    await deleteEndpoint(t.owner, t.ws, name);
    const isAlive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await waitFor(
      async () => pids.filter(isAlive),
      (alive) => alive.length === 0,
      5000,
    );
    expect(await failureOf(getEndpoint(t.reader, t.ws, name))).toMatchObject({ code: "not_found" });
    expect((await service.score({ workspace: t.ws, endpoint: name, body: "{}", key: keys.primaryKey })).status).toBe(
      404,
    );
    await deleteModelVersion(t.owner, t.workspace, t.pyModel.name, 1);
  });

  it("marks a deployment failed with init()'s error, and collects a sample of requests", async () => {
    const t = await setup();
    const name = uniqueName("fail").slice(0, 20);
    await createEndpoint(t.contributor, t.ws, { name });
    await createDeployment(t.contributor, t.ws, name, {
      name: "broken",
      model: `${t.pyModel.name}:1`,
      scoringMethod: "python",
      scoringScript: "score.py",
      code: { "score.py": "def init():\n    raise RuntimeError('weights missing')\ndef run(raw):\n    return 1\n" },
    });
    await createDeployment(t.contributor, t.ws, name, {
      name: "good",
      model: `${t.onnxModel.name}:1`,
      dataCollectionPercent: 50,
    });
    const settled = await untilSettled(t.contributor, t.ws, name);
    const broken = settled.deployments.find((d) => d.name === "broken")!;
    expect(broken).toMatchObject({ state: "failed" });
    expect(broken.stateReason).toContain("RuntimeError: weights missing");
    expect((await deploymentLogs(t.reader, t.ws, name, "broken", {})).lines.map((l) => l.text).join("")).toContain(
      "weights missing",
    );
    expect(await failureOf(setTraffic(t.contributor, t.ws, name, { traffic: { broken: 100 } }))).toMatchObject({
      code: "invalid",
    });
    // Changing a failed deployment's settings brings it up again (and here it fails again, for the same reason).
    expect(await updateDeployment(t.contributor, t.ws, name, "broken", { requestTimeoutMs: 2000 })).toMatchObject({
      state: "creating",
      stateReason: null,
    });
    const retried = await untilSettled(t.contributor, t.ws, name);
    expect(retried.deployments.find((d) => d.name === "broken")).toMatchObject({
      state: "failed",
      requestTimeoutMs: 2000,
      stateReason: expect.stringContaining("weights missing"),
    });
    await setTraffic(t.contributor, t.ws, name, { traffic: { good: 100 } });

    for (let i = 0; i < 10; i++) {
      const result = await testEndpoint(t.contributor, t.ws, name, { body: SETOSA });
      expect(result).toMatchObject({ status: 200, deployment: "good" });
    }
    expect(await failureOf(testEndpoint(t.reader, t.ws, name, { body: SETOSA }))).toMatchObject({ code: "forbidden" });
    await service.collector.flush();
    const collected = await collectedRequests(t.reader, t.ws, name, {});
    expect(collected).toHaveLength(5);
    expect(collected[0]).toMatchObject({
      deployment: "good",
      modelVersion: `${t.onnxModel.name}:1`,
      status: 200,
      input: SETOSA,
      truncated: false,
      inputs: { columns: ["input_0", "input_1", "input_2", "input_3"], totalRows: 1 },
      outputs: { columns: ["output_0", "output_1", "output_2"], totalRows: 1 },
    });
    expect(JSON.parse(collected[0].output).output).toHaveLength(1);

    // A JavaScript entry module, the same contract for Node.
    await createDeployment(t.contributor, t.ws, name, {
      name: "js-dep",
      model: `${t.pyModel.name}:1`,
      scoringMethod: "javascript",
      scoringScript: "score.mjs",
      code: { "score.mjs": JS_SCORE },
    });
    await untilSettled(t.contributor, t.ws, name);
    const js = await testEndpoint(t.contributor, t.ws, name, { body: '{"rows": [1, 2]}', deployment: "js-dep" });
    expect(js).toMatchObject({ status: 200, deployment: "js-dep", body: { tag: "tag-7", rows: 2 } });
    const jsError = await testEndpoint(t.contributor, t.ws, name, { body: '{"fail": true}', deployment: "js-dep" });
    expect(jsError).toMatchObject({
      status: 500,
      body: { error: { code: "script_error", message: "Error: refused by the JS scorer" } },
    });

    const updated = await updateDeployment(t.contributor, t.ws, name, "good", {
      dataCollectionPercent: 0,
      instanceCount: 2,
    });
    expect(updated).toMatchObject({ dataCollectionPercent: 0, instanceCount: 2 });
    expect((await listEndpoints(t.reader, t.ws)).map((e) => e.name)).toContain(name);
  });

  it("validates names, models and code before writing anything", async () => {
    const t = await setup();
    expect(await failureOf(createEndpoint(t.contributor, t.ws, { name: "ab" }))).toMatchObject({ code: "invalid" });
    expect(await failureOf(createEndpoint(t.contributor, t.ws, { name: "9lives" }))).toMatchObject({ code: "invalid" });
    expect(await failureOf(createEndpoint(t.reader, t.ws, { name: "reader-ep" }))).toMatchObject({ code: "forbidden" });
    const name = uniqueName("val").slice(0, 20);
    await createEndpoint(t.contributor, t.ws, { name });
    expect(await failureOf(createEndpoint(t.contributor, t.ws, { name }))).toMatchObject({ code: "conflict" });
    expect(
      await failureOf(createDeployment(t.contributor, t.ws, name, { name: "dep-x1", model: `${t.pyModel.name}:1` })),
    ).toMatchObject({ code: "invalid", message: expect.stringContaining("no .onnx file") });
    expect(
      await failureOf(createDeployment(t.contributor, t.ws, name, { name: "dep-x2", model: "nope:1" })),
    ).toMatchObject({ code: "not_found" });
    expect(
      await failureOf(
        createDeployment(t.contributor, t.ws, name, {
          name: "dep-x3",
          model: `${t.pyModel.name}:1`,
          scoringMethod: "python",
          scoringScript: "score.py",
          code: { "main.py": "" },
        }),
      ),
    ).toMatchObject({ code: "invalid", message: expect.stringContaining('no file "score.py"') });
    expect(
      await failureOf(
        createDeployment(t.contributor, t.ws, name, {
          name: "dep-x4",
          model: `${t.pyModel.name}:1`,
          scoringMethod: "python",
          scoringScript: "score.py",
          code: { "../score.py": "" },
        }),
      ),
    ).toMatchObject({ code: "invalid" });
    expect(
      await failureOf(
        createDeployment(t.contributor, t.ws, name, {
          name: "dep-x5",
          model: `${t.onnxModel.name}:1`,
          instanceCount: 99,
        }),
      ),
    ).toMatchObject({ code: "invalid" });
    expect((await getEndpoint(t.reader, t.ws, name)).deployments).toEqual([]);
  });
});
