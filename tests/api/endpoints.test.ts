import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { expectError, get, modelForm, request, tokenFor, uniqueName } from "./helpers";
import { SCORING_URL, score as scoreOn, waitForDeployments } from "./scoring-helpers";

// Online endpoints over HTTP: the studio's API to set them up, and the scoring listener that answers
// predictions, with the seeded ONNX iris model and the seeded pickled tree behind score.py.

const WS = "dev";
const SCORE_PY = readFileSync(join(process.cwd(), "examples/score-breast-cancer/score.py"), "utf8");
const TUMOURS = readFileSync(join(process.cwd(), "examples/score-breast-cancer/sample-request.json"), "utf8");
const SETOSA = JSON.stringify({ data: [[5.1, 3.5, 1.4, 0.2]] });
const SLOW_PY = `
import json, time
def init():
    pass
def run(raw_data):
    data = json.loads(raw_data)
    if data.get("fail"):
        raise ValueError("cannot score: " + data["fail"])
    time.sleep(data.get("sleep", 0))
    return {"slept": data.get("sleep", 0)}
`;

const endpointName = () => uniqueName("ep").slice(0, 24);

const score = (endpoint: string, body: string, key: string | null, headers: Record<string, string> = {}) =>
  scoreOn(WS, endpoint, body, key, headers);

const waitForStates = (token: string, endpoint: string, timeoutMs = 60_000) =>
  waitForDeployments(token, WS, endpoint, timeoutMs);

describe("online endpoints", () => {
  let token: string;
  let readerToken: string; // the reviewer: a reader in test and prod, not a member of dev
  let adminToken: string;
  const name = endpointName();
  let keys: { primaryKey: string; secondaryKey: string };

  beforeAll(async () => {
    token = await tokenFor("scientist");
    readerToken = await tokenFor("reviewer");
    adminToken = await tokenFor("admin");
    const created = await request("POST", `/workspaces/${WS}/endpoints`, {
      token,
      json: { name, description: "API test" },
    });
    expect(created.status, created.text).toBe(201);
    keys = created.body.keys;
    const onnx = await request("POST", `/workspaces/${WS}/endpoints/${name}/deployments`, {
      token,
      json: { name: "blue", model: "iris-classifier:1" },
    });
    expect(onnx.status, onnx.text).toBe(201);
    expect(onnx.body).toMatchObject({
      name: "blue",
      state: "creating",
      scoringMethod: "onnx",
      model: { label: "iris-classifier:1" },
    });
    // A code folder as a browser sends it: the folder's name in front of each path.
    const form = modelForm([{ path: "src/score.py", content: SCORE_PY }], {
      spec: {
        name: "tree",
        model: "breast-cancer-tree:2",
        scoringMethod: "python",
        scoringScript: "score.py",
        environment: "sklearn-env:2",
        dataCollectionPercent: 100,
      },
    });
    const python = await request("POST", `/workspaces/${WS}/endpoints/${name}/deployments`, { token, body: form });
    expect(python.status, python.text).toBe(201);
    expect(python.body).toMatchObject({ codeFiles: [{ path: "score.py" }], environment: "sklearn-env:2" });
    const slow = await request("POST", `/workspaces/${WS}/endpoints/${name}/deployments`, {
      token,
      json: {
        name: "slow",
        model: "breast-cancer-tree:2",
        scoringMethod: "python",
        scoringScript: "score.py",
        code: { "score.py": SLOW_PY },
        requestTimeoutMs: 800,
      },
    });
    expect(slow.status, slow.text).toBe(201);
    const settled = await waitForStates(token, name);
    expect(settled.deployments.map((d: { name: string; state: string }) => [d.name, d.state])).toEqual([
      ["blue", "succeeded"],
      ["tree", "succeeded"],
      ["slow", "succeeded"],
    ]);
  });

  it("creates endpoints with two keys shown once, and refuses bad names, duplicates and readers", async () => {
    expect(keys.primaryKey).toMatch(/^mlk_/);
    const shown = await get(`/workspaces/${WS}/endpoints/${name}`, adminToken);
    expect(shown.status).toBe(200);
    expect(shown.text).not.toContain(keys.primaryKey);
    expect(shown.body.scoringUri).toMatch(new RegExp(`/${WS}/${name}/score$`));
    expectError(await request("POST", `/workspaces/${WS}/endpoints`, { token, json: { name } }), 409, "conflict");
    expect(
      expectError(
        await request("POST", `/workspaces/${WS}/endpoints`, { token, json: { name: "no" } }),
        422,
        "invalid",
      ),
    ).toContain("3 to 32");
    expectError(
      await request("POST", `/workspaces/${WS}/endpoints`, { token, json: { name: "x".repeat(33) } }),
      422,
      "invalid",
    );
    expectError(
      await request("POST", `/workspaces/${WS}/endpoints`, {
        token,
        body: "{oops",
        headers: { "content-type": "application/json" },
      }),
      400,
      "bad_request",
    );
    expectError(
      await request("POST", `/workspaces/test/endpoints`, { token: readerToken, json: { name: endpointName() } }),
      403,
      "forbidden",
    );
    expectError(
      await request("POST", `/workspaces/${WS}/endpoints`, { json: { name: endpointName() } }),
      401,
      "unauthorized",
    );
    const list = await get(`/workspaces/${WS}/endpoints`, adminToken);
    expect(list.body.items.map((e: { name: string }) => e.name)).toEqual(
      expect.arrayContaining([name, "iris-online", "tumor-online"]),
    );
  });

  it("scores by key on the scoring URL, names the deployment that answered, and reads the ONNX signature", async () => {
    const endpoint = (await get(`/workspaces/${WS}/endpoints/${name}`, token)).body;
    // The first deployment created takes all traffic once it is up.
    expect(endpoint.traffic).toEqual({ blue: 100, tree: 0, slow: 0 });
    expect(endpoint.deployments[0].signature.inputs).toEqual([{ name: "input", type: "float32", shape: ["N", 4] }]);
    expect(await score(name, SETOSA, keys.primaryKey)).toMatchObject({ status: 200, deployment: "blue" });
    // With no live traffic, only a named deployment answers.
    expect(
      (await request("PUT", `/workspaces/${WS}/endpoints/${name}/traffic`, { token, json: { traffic: { blue: 0 } } }))
        .status,
    ).toBe(200);
    const none = await score(name, SETOSA, keys.primaryKey);
    expect(none.status).toBe(503);
    expect(none.json.error.message).toContain("azureml-model-deployment");
    const direct = await score(name, SETOSA, keys.primaryKey, { "azureml-model-deployment": "blue" });
    expect(direct).toMatchObject({ status: 200, deployment: "blue" });
    expect(direct.json.output[0]).toHaveLength(3);
    const tumours = await score(name, TUMOURS, keys.secondaryKey, { "azureml-model-deployment": "tree" });
    expect(tumours).toMatchObject({ status: 200, deployment: "tree", json: { predictions: [0, 1] } });
    expect(tumours.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers every bad request with its own status and message", async () => {
    const wrongKey = await score(name, SETOSA, "mlk_not-a-key", { "azureml-model-deployment": "blue" });
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.headers.get("www-authenticate")).toContain("Bearer");
    expect((await score(name, SETOSA, null, { "azureml-model-deployment": "blue" })).status).toBe(401);
    const badJson = await score(name, '{"data": [[5.1, 3.5', keys.primaryKey, { "azureml-model-deployment": "blue" });
    expect(badJson).toMatchObject({ status: 400, json: { error: { code: "bad_request" } } });
    expect(badJson.json.error.message).toContain("not valid JSON");
    const badShape = await score(name, JSON.stringify({ data: [[1, 2, 3]] }), keys.primaryKey, {
      "azureml-model-deployment": "blue",
    });
    expect(badShape.status).toBe(400);
    expect(badShape.json.error.message).toContain("input");
    const scriptError = await score(name, JSON.stringify({ fail: "no petals" }), keys.primaryKey, {
      "azureml-model-deployment": "slow",
    });
    expect(scriptError).toMatchObject({
      status: 500,
      deployment: "slow",
      json: { error: { code: "script_error", message: "ValueError: cannot score: no petals" } },
    });
    const started = Date.now();
    const timeout = await score(name, JSON.stringify({ sleep: 20 }), keys.primaryKey, {
      "azureml-model-deployment": "slow",
    });
    expect(timeout).toMatchObject({ status: 504, json: { error: { code: "timeout" } } });
    expect(Date.now() - started).toBeLessThan(5000);
    // The instance stuck in the script was restarted and serves again.
    expect(
      (await score(name, JSON.stringify({ sleep: 0 }), keys.primaryKey, { "azureml-model-deployment": "slow" })).status,
    ).toBe(200);
    expect((await score(name, SETOSA, keys.primaryKey, { "azureml-model-deployment": "nope" })).status).toBe(404);
    expect((await score("no-such-endpoint", SETOSA, keys.primaryKey)).status).toBe(404);
    const getRes = await fetch(`${SCORING_URL}/${WS}/${name}/score`);
    expect(getRes.status).toBe(405);
    const tooBig = await score(name, JSON.stringify({ data: "x".repeat(1024 * 1024 + 10) }), keys.primaryKey, {
      "azureml-model-deployment": "blue",
    });
    expect(tooBig.status).toBe(413);
  });

  it("refuses traffic that does not sum to 100, a mirror above 50%, and a mirror on live traffic", async () => {
    const put = (json: unknown) => request("PUT", `/workspaces/${WS}/endpoints/${name}/traffic`, { token, json });
    expect(expectError(await put({ traffic: { blue: 80, tree: 10 } }), 422, "invalid")).toContain("adds up to 90%");
    expect(
      expectError(
        await put({ traffic: { blue: 80, tree: 20 }, mirror: { deployment: "slow", percent: 60 } }),
        422,
        "invalid",
      ),
    ).toContain("50");
    expect(
      expectError(
        await put({ traffic: { blue: 80, tree: 20 }, mirror: { deployment: "tree", percent: 10 } }),
        422,
        "invalid",
      ),
    ).toContain("live traffic");
    expect(expectError(await put({ traffic: { blue: 80, ghost: 20 } }), 422, "invalid")).toContain('"ghost"');
    expect(expectError(await put({ traffic: { blue: 80.5, tree: 19.5 } }), 422, "invalid")).toContain("whole");
    expectError(
      await request("PUT", `/workspaces/${WS}/endpoints/${name}/traffic`, {
        token: readerToken,
        json: { traffic: { blue: 100 } },
      }),
      404,
      "not_found",
    );
  });

  it("splits 10,000 requests 80/20 within a point, mirrors 10% to a third deployment, and keeps the history", async () => {
    const set = await request("PUT", `/workspaces/${WS}/endpoints/${name}/traffic`, {
      token,
      json: { traffic: { blue: 80, tree: 20 }, mirror: { deployment: "slow", percent: 10 }, reason: "A/B the tree" },
    });
    expect(set.status, set.text).toBe(200);
    expect(
      set.body.deployments.map((d: { name: string; traffic: number; mirrorTraffic: number }) => [
        d.name,
        d.traffic,
        d.mirrorTraffic,
      ]),
    ).toEqual([
      ["blue", 80, 0],
      ["tree", 20, 0],
      ["slow", 0, 10],
    ]);
    const counts: Record<string, number> = {};
    let next = 0;
    const TOTAL = 10_000;
    // Every request carries iris rows: blue scores them, the tree's script refuses them (500). Either way
    // the answer names the deployment the router chose, which is what is counted.
    const worker = async () => {
      while (next < TOTAL) {
        next++;
        const res = await fetch(`${SCORING_URL}/${WS}/${name}/score`, {
          method: "POST",
          headers: { authorization: `Bearer ${keys.primaryKey}`, "content-type": "application/json" },
          body: SETOSA,
        });
        await res.arrayBuffer();
        const who = res.headers.get("azureml-model-deployment") ?? `status ${res.status}`;
        counts[who] = (counts[who] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: 10 }, worker));
    expect(counts.blue + counts.tree).toBe(TOTAL);
    expect(Math.abs(counts.blue / TOTAL - 0.8)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(counts.tree / TOTAL - 0.2)).toBeLessThanOrEqual(0.01);

    const traffic = await get(`/workspaces/${WS}/endpoints/${name}/traffic`, adminToken);
    expect(traffic.body.history[0]).toMatchObject({
      traffic: { blue: 80, tree: 20, slow: 0 },
      mirror: { deployment: "slow", percent: 10 },
      reason: "A/B the tree",
      actor: expect.stringContaining("scientist"),
      models: { blue: "iris-classifier:1", tree: "breast-cancer-tree:2" },
    });

    // Counters reach the database every few seconds; the mirror's copies are counted apart.
    const deadline = Date.now() + 20_000;
    let totals: Record<
      string,
      { requests: number; errors: number; mirrored: number; mirrorErrors: number; p50Ms: number }
    > = {};
    while (Date.now() < deadline) {
      const monitoring = await get(`/workspaces/${WS}/endpoints/${name}/monitoring?hours=1`, adminToken);
      totals = Object.fromEntries(
        monitoring.body.deployments.map((d: { deployment: string; totals: unknown }) => [d.deployment, d.totals]),
      );
      if ((totals.slow?.mirrored ?? 0) >= 1000 && totals.blue.requests >= counts.blue) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(totals.slow.mirrored).toBe(1000);
    expect(totals.tree.errors).toBe(counts.tree); // iris rows are not tumour rows: the tree's script refuses them
    expect(totals.blue.p50Ms).toBeGreaterThan(0);
  });

  it("collects requests of a deployment that samples them, with their request ids, as JSON and as a CSV table", async () => {
    // The caller's own x-request-id is answered and kept; one that is not a plain token is replaced.
    const requestId = `order-${Date.now()}`;
    const scored = await score(name, TUMOURS, keys.primaryKey, {
      "azureml-model-deployment": "tree",
      "x-request-id": requestId,
    });
    expect(scored.requestId).toBe(requestId);
    const replaced = await score(name, SETOSA, keys.primaryKey, { "x-request-id": "not a token" });
    expect(replaced.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const deadline = Date.now() + 10_000;
    let items: { deployment: string; input: string; status: number; requestId: string | null }[] = [];
    while (Date.now() < deadline) {
      items = (await get(`/workspaces/${WS}/endpoints/${name}/collected?deployment=tree&limit=5`, adminToken)).body
        .items;
      if (items.some((i) => i.input === TUMOURS)) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(items.find((i) => i.input === TUMOURS)).toMatchObject({ deployment: "tree", status: 200, requestId });
    const csv = await get(`/workspaces/${WS}/endpoints/${name}/collected?deployment=tree&format=csv`, adminToken);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toContain(`${name}-collected.csv`);
    const rows = parse(csv.text, { columns: true }) as { deployment: string; input: string; request_id: string }[];
    expect(rows.some((r) => r.deployment === "tree" && r.input === TUMOURS && r.request_id === requestId)).toBe(true);
    expectError(await get(`/workspaces/${WS}/endpoints/${name}/collected?limit=0`, adminToken), 422, "invalid");
    expectError(
      await get(
        `/workspaces/${WS}/endpoints/${name}/collected?from=2026-12-07T10:00:00Z&to=2026-12-07T09:00:00Z`,
        adminToken,
      ),
      422,
      "invalid",
    );
    expectError(
      await get(`/workspaces/${WS}/endpoints/${name}/collected?deployment=nope`, adminToken),
      404,
      "not_found",
    );
  });

  it("names collected columns after the training data's, and exports one CSV column per feature and output", async () => {
    // The tree's inputs are a positional [N, 30] table: data_0 … data_29 until they are named.
    const settings = await request("PATCH", `/workspaces/${WS}/endpoints/${name}/deployments/tree`, {
      token,
      json: {
        featureNames: { data_0: "mean_radius", data_1: "mean_texture" },
        collectRetentionDays: 7,
        collectMaxRows: 5000,
      },
    });
    expect(settings.status, settings.text).toBe(200);
    expect(settings.body).toMatchObject({
      featureNames: { data_0: "mean_radius", data_1: "mean_texture" },
      collectRetentionDays: 7,
      collectMaxRows: 5000,
      state: "succeeded",
    });
    // A map that names a column the requests do not hold, or two columns alike, changes nothing.
    for (const featureNames of [{ data_99: "x" }, { data_0: "a", data_1: "a" }, ["too", "few"]]) {
      const refused = await request("PATCH", `/workspaces/${WS}/endpoints/${name}/deployments/tree`, {
        token,
        json: { featureNames },
      });
      expectError(refused, 422, "invalid");
    }
    expectError(
      await request("PATCH", `/workspaces/${WS}/endpoints/${name}/deployments/tree`, {
        token,
        json: { collectMaxRows: 5 },
      }),
      422,
      "invalid",
    );
    const csv = await get(`/workspaces/${WS}/endpoints/${name}/collected?deployment=tree&format=csv`, adminToken);
    const header = csv.text.split("\r\n")[0].split(",");
    expect(header.slice(0, 10)).toEqual([
      "request_id",
      "at",
      "deployment",
      "model_version",
      "row",
      "status",
      "latency_ms",
      "mean_radius",
      "mean_texture",
      "data_2",
    ]);
    expect(header).toContain("data_29");
    const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
    const sent = JSON.parse(TUMOURS).data as number[][];
    const ours = rows.filter((r) => r.input === TUMOURS);
    expect(ours.length % sent.length).toBe(0);
    expect(ours.slice(0, sent.length).map((r) => [r.row, Number(r.mean_radius), Number(r.data_29)])).toEqual(
      sent.map((values, i) => [String(i), values[0], values[29]]),
    );
    expect(ours[0]).toMatchObject({ model_version: "breast-cancer-tree:2", status: "200" });
    const listed = await get(`/workspaces/${WS}/endpoints/${name}/collected?deployment=tree&limit=1`, adminToken);
    expect(listed.body.items[0].inputs.columns.slice(0, 3)).toEqual(["mean_radius", "mean_texture", "data_2"]);
    // Back to the positional names.
    const cleared = await request("PATCH", `/workspaces/${WS}/endpoints/${name}/deployments/tree`, {
      token,
      json: { featureNames: null },
    });
    expect(cleared.body.featureNames).toBeNull();
  });

  it("regenerates a key: the old one is refused at once, the other keeps working", async () => {
    const regen = await request("POST", `/workspaces/${WS}/endpoints/${name}/keys/regenerate`, {
      token,
      json: { key: "primary" },
    });
    expect(regen.status, regen.text).toBe(200);
    expect(regen.body.secondaryKey).toBeNull();
    expect((await score(name, SETOSA, keys.primaryKey, { "azureml-model-deployment": "blue" })).status).toBe(401);
    expect((await score(name, SETOSA, regen.body.primaryKey, { "azureml-model-deployment": "blue" })).status).toBe(200);
    expect((await score(name, SETOSA, keys.secondaryKey, { "azureml-model-deployment": "blue" })).status).toBe(200);
    const reveal = await request("POST", `/workspaces/${WS}/endpoints/${name}/keys/reveal`, { token });
    expect(reveal.body).toEqual({ primaryKey: regen.body.primaryKey, secondaryKey: keys.secondaryKey });
    expectError(
      await request("POST", `/workspaces/${WS}/endpoints/${name}/keys/regenerate`, { token, json: { key: "third" } }),
      422,
      "invalid",
    );
    const events = await get(`/events?limit=50`, token);
    expect(events.text).not.toContain(regen.body.primaryKey);
    keys = { primaryKey: regen.body.primaryKey, secondaryKey: keys.secondaryKey };
  });

  it("tests an endpoint as the signed-in user, and lists logs per deployment", async () => {
    const tested = await request("POST", `/workspaces/${WS}/endpoints/${name}/test`, {
      token,
      json: { body: TUMOURS, deployment: "tree" },
    });
    expect(tested.status, tested.text).toBe(200);
    expect(tested.body).toMatchObject({ status: 200, deployment: "tree", body: { predictions: [0, 1] } });
    expect(tested.body.latencyMs).toBeGreaterThan(0);
    const routed = await request("POST", `/workspaces/${WS}/endpoints/${name}/test`, { token, json: { body: SETOSA } });
    expect(["blue", "tree"]).toContain(routed.body.deployment);
    expectError(
      await request("POST", `/workspaces/test/endpoints/${name}/test`, { token: readerToken, json: { body: "{}" } }),
      403,
      "forbidden",
    );
    expectError(
      await request("POST", `/workspaces/${WS}/endpoints/${name}/test`, { token: readerToken, json: { body: "{}" } }),
      404,
      "not_found",
    );
    const logs = await get(`/workspaces/${WS}/endpoints/${name}/deployments/tree/logs`, adminToken);
    expect(logs.status).toBe(200);
    const text = logs.body.lines.map((l: { text: string }) => l.text).join("");
    expect(text).toContain("Loaded DecisionTreeClassifier");
    expect(text).not.toContain(keys.primaryKey);
    const later = await get(
      `/workspaces/${WS}/endpoints/${name}/deployments/tree/logs?after=${logs.body.next}`,
      adminToken,
    );
    expect(later.body.lines.every((l: { id: number }) => l.id > logs.body.next)).toBe(true);
  });

  it("downloads a deployment as a package with its model, code, environment and Dockerfile", async () => {
    const res = await get(`/workspaces/${WS}/endpoints/${name}/deployments/tree/package`, adminToken);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toContain(`${name}-tree.zip`);
    const names = Object.keys(unzipSync(res.bytes))
      .map((n) => n.slice(`${name}-tree/`.length))
      .sort();
    expect(names).toEqual([
      "Dockerfile",
      "README.md",
      "code/score.py",
      "deployment.json",
      "environment/conda.yaml",
      "model/conda.yaml",
      "model/model.pkl",
      "serve.py",
    ]);
    const dockerfile = new TextDecoder().decode(unzipSync(res.bytes)[`${name}-tree/Dockerfile`]);
    expect(dockerfile).toContain("micromamba install -y -n base -f /tmp/conda.yaml");
    expectError(
      await get(`/workspaces/${WS}/endpoints/${name}/deployments/ghost/package`, adminToken),
      404,
      "not_found",
    );
  });

  it("keeps serving models safe: no deleting a model version or a deployment that serves", async () => {
    const modelDelete = await request("DELETE", `/workspaces/${WS}/models/breast-cancer-tree/versions/2`, {
      token: await tokenFor("admin"),
    });
    const message = expectError(modelDelete, 409, "conflict");
    expect(message).toContain(`deployment "tree" of endpoint "${name}"`);
    expect(modelDelete.body.error.details.deployments).toEqual(
      expect.arrayContaining([{ workspace: WS, endpoint: name, deployment: "tree", state: "succeeded" }]),
    );
    expect(
      expectError(
        await request("DELETE", `/workspaces/${WS}/endpoints/${name}/deployments/tree`, { token }),
        409,
        "conflict",
      ),
    ).toContain("20%");
    expect(
      expectError(
        await request("DELETE", `/workspaces/${WS}/endpoints/${name}/deployments/slow`, { token }),
        409,
        "conflict",
      ),
    ).toContain("mirror");
    const patched = await request("PATCH", `/workspaces/${WS}/endpoints/${name}/deployments/slow`, {
      token,
      json: { instanceCount: 2, requestTimeoutMs: 1000 },
    });
    expect(patched.body).toMatchObject({ instanceCount: 2, requestTimeoutMs: 1000 });
    expectError(
      await request("PATCH", `/workspaces/${WS}/endpoints/${name}/deployments/slow`, {
        token,
        json: { instanceCount: 0 },
      }),
      422,
      "invalid",
    );
    await request("PUT", `/workspaces/${WS}/endpoints/${name}/traffic`, { token, json: { traffic: { blue: 100 } } });
    expect((await request("DELETE", `/workspaces/${WS}/endpoints/${name}/deployments/slow`, { token })).status).toBe(
      204,
    );
    expectError(await get(`/workspaces/${WS}/endpoints/${name}/deployments/slow`, token), 404, "not_found");
  });

  it("refuses deployments that cannot serve before writing them", async () => {
    const post = (json: unknown) => request("POST", `/workspaces/${WS}/endpoints/${name}/deployments`, { token, json });
    expect(expectError(await post({ name: "pkl", model: "breast-cancer-tree:2" }), 422, "invalid")).toContain(".onnx");
    expect(
      expectError(
        await post({ name: "noscript", model: "breast-cancer-tree:2", scoringMethod: "python" }),
        422,
        "invalid",
      ),
    ).toContain("scoring script");
    expect(
      expectError(
        await post({
          name: "escape",
          model: "breast-cancer-tree:2",
          scoringMethod: "python",
          scoringScript: "score.py",
          code: { "../score.py": "x" },
        }),
        422,
        "invalid",
      ),
    ).toBeTruthy();
    expectError(await post({ name: "ghost", model: "no-such-model:1" }), 404, "not_found");
    expectError(await post({ name: "blue", model: "iris-classifier:1" }), 409, "conflict");
    expectError(await post({ name: "toolong", model: "iris-classifier:1", requestTimeoutMs: 10 }), 422, "invalid");
    const escaping = await request("POST", `/workspaces/${WS}/endpoints/${name}/deployments`, {
      token,
      body: modelForm([{ path: "../score.py", content: "x" }], {
        spec: { name: "evil", model: "breast-cancer-tree:2", scoringMethod: "python", scoringScript: "score.py" },
      }),
    });
    expectError(escaping, 422, "invalid");
    const endpoint = await get(`/workspaces/${WS}/endpoints/${name}`, token);
    expect(endpoint.body.deployments.map((d: { name: string }) => d.name)).toEqual(["blue", "tree"]);
  });

  it("deletes an endpoint, and its scoring URL stops answering", async () => {
    const doomed = endpointName();
    const created = await request("POST", `/workspaces/${WS}/endpoints`, { token, json: { name: doomed } });
    await request("POST", `/workspaces/${WS}/endpoints/${doomed}/deployments`, {
      token,
      json: { name: "only", model: "iris-classifier:1" },
    });
    const settled = await waitForStates(token, doomed);
    expect(settled.deployments[0].state, settled.deployments[0].stateReason).toBe("succeeded");
    expect(settled.traffic).toEqual({ only: 100 });
    expect((await score(doomed, SETOSA, created.body.keys.primaryKey)).status).toBe(200);
    expectError(
      await request("DELETE", `/workspaces/${WS}/endpoints/${doomed}`, { token: readerToken }),
      404,
      "not_found",
    );
    expect((await request("DELETE", `/workspaces/${WS}/endpoints/${doomed}?reason=done`, { token })).status).toBe(204);
    expect((await score(doomed, SETOSA, created.body.keys.primaryKey)).status).toBe(404);
    expectError(await get(`/workspaces/${WS}/endpoints/${doomed}`, token), 404, "not_found");
  });
});
