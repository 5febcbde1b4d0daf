import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createVersion, deleteEndpointViaApi, expectError, request, tokenFor, uniqueName } from "./helpers";
import { score, waitForDeployments } from "./scoring-helpers";

// MLflow models deploy without code, as Azure ML's no-code deployments: the seeded wine classifier's pickled
// scikit-learn model with an MLmodel that carries a column signature. Requests come in Azure ML's and MLflow's
// shapes; ones that do not fit the signature are a 400 naming what is wrong.

const FOLDER = join(process.cwd(), "prisma/seed-assets/wine-classifier-v1/model");
const COLUMNS = [
  "alcohol",
  "malic_acid",
  "ash",
  "alcalinity_of_ash",
  "magnesium",
  "total_phenols",
  "flavanoids",
  "nonflavanoid_phenols",
  "proanthocyanins",
  "color_intensity",
  "hue",
  "od280_od315_of_diluted_wines",
  "proline",
];
// The first wine of each class in scikit-learn's wine data.
const ROWS = [
  [14.23, 1.71, 2.43, 15.6, 127, 2.8, 3.06, 0.28, 2.29, 5.64, 1.04, 3.92, 1065],
  [12.37, 0.94, 1.36, 10.6, 88, 1.98, 0.57, 0.28, 0.42, 1.95, 1.05, 1.82, 520],
  [12.86, 1.35, 2.32, 18, 122, 1.51, 1.25, 0.21, 0.94, 4.1, 0.76, 1.29, 630],
];

function mlmodelWithSignature(): string {
  const inputs = JSON.stringify(COLUMNS.map((name) => ({ type: "double", name, required: true })));
  return `${readFileSync(join(FOLDER, "MLmodel"), "utf8")}signature:\n  inputs: '${inputs}'\n  outputs: '[{"type": "long", "required": true}]'\n  params: null\n`;
}

describe("MLflow models deployed without code", () => {
  it("serve a pickled scikit-learn model from its MLmodel, checking requests against its signature", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("wine-mlflow");
    await createVersion(token, "dev", name, [
      { path: "model/MLmodel", content: mlmodelWithSignature() },
      { path: "model/model.pkl", content: readFileSync(join(FOLDER, "model.pkl")) },
      { path: "model/conda.yaml", content: readFileSync(join(FOLDER, "conda.yaml")) },
    ]);
    const endpoint = uniqueName("wine").slice(0, 24);
    const created = await request("POST", "/workspaces/dev/endpoints", { token, json: { name: endpoint } });
    expect(created.status, created.text).toBe(201);
    const key = created.body.keys.primaryKey as string;

    // Code is not taken: the MLmodel says how to serve it.
    expectError(
      await request("POST", `/workspaces/dev/endpoints/${endpoint}/deployments`, {
        token,
        json: { name: "blue", model: `${name}:1`, scoringMethod: "mlflow", scoringScript: "score.py" },
      }),
      422,
      "invalid",
    );
    const deployed = await request("POST", `/workspaces/dev/endpoints/${endpoint}/deployments`, {
      token,
      json: { name: "blue", model: `${name}:1`, scoringMethod: "mlflow" },
    });
    expect(deployed.status, deployed.text).toBe(201);
    expect(deployed.body).toMatchObject({ scoringMethod: "mlflow", scoringScript: "mlflow_score.py" });
    const up = await waitForDeployments(token, "dev", endpoint);
    expect(up.deployments[0].state, JSON.stringify(up.deployments[0])).toBe("succeeded");

    // Azure ML's shape answers a list; MLflow's answers {"predictions"}.
    const azure = await score(
      "dev",
      endpoint,
      JSON.stringify({ input_data: { columns: COLUMNS, index: [0, 1, 2], data: ROWS } }),
      key,
    );
    expect(azure.status, azure.text).toBe(200);
    expect(azure.json).toEqual([0, 1, 2]);
    const split = await score(
      "dev",
      endpoint,
      JSON.stringify({ dataframe_split: { columns: COLUMNS, data: ROWS } }),
      key,
    );
    expect(split.json).toEqual({ predictions: [0, 1, 2] });
    const records = ROWS.map((row) => Object.fromEntries(COLUMNS.map((c, i) => [c, row[i]])));
    // Columns in another order are put in the signature's.
    const shuffled = records.map((r) => Object.fromEntries(Object.entries(r).reverse()));
    expect((await score("dev", endpoint, JSON.stringify({ dataframe_records: shuffled }), key)).json).toEqual({
      predictions: [0, 1, 2],
    });
    expect((await score("dev", endpoint, JSON.stringify({ input_data: ROWS }), key)).json).toEqual([0, 1, 2]);

    // What does not fit the signature is the caller's fault, said plainly.
    const missing = await score(
      "dev",
      endpoint,
      JSON.stringify({ dataframe_records: records.map(({ proline: _p, ...rest }) => rest) }),
      key,
    );
    expect(missing.status).toBe(400);
    expect(missing.json.error.message).toBe("The request lacks the column(s) proline of the model's signature.");
    const short = await score("dev", endpoint, JSON.stringify({ input_data: [ROWS[0]!.slice(1)] }), key);
    expect(short.status).toBe(400);
    expect(short.json.error.message).toMatch(/^Row 0 has 12 values; the model's signature has 13 columns/);
    const text = await score(
      "dev",
      endpoint,
      JSON.stringify({ input_data: { columns: COLUMNS, data: [["strong", ...ROWS[0]!.slice(1)]] } }),
      key,
    );
    expect(text.status).toBe(400);
    expect(text.json.error.message).toBe('Column "alcohol" is double in the model\'s signature; row 0 holds "strong".');
    const neither = await score("dev", endpoint, JSON.stringify({ rows: ROWS }), key);
    expect(neither.status).toBe(400);
    expect(neither.json.error.message).toMatch(/^Send exactly one of input_data/);
    await deleteEndpointViaApi({ workspace: "dev", endpoint });
  });

  it("refuse a model that is not an MLflow model, or whose flavor needs MLflow itself", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("not-mlflow");
    await createVersion(token, "dev", name, [{ path: "model.pkl", content: "weights" }]);
    await createVersion(token, "dev", name, [
      { path: "MLmodel", content: "flavors:\n  python_function:\n    loader_module: mlflow.pyfunc.model\n" },
    ]);
    const endpoint = uniqueName("refused").slice(0, 24);
    expect((await request("POST", "/workspaces/dev/endpoints", { token, json: { name: endpoint } })).status).toBe(201);
    const deploy = (version: number) =>
      request("POST", `/workspaces/dev/endpoints/${endpoint}/deployments`, {
        token,
        json: { name: "blue", model: `${name}:${version}`, scoringMethod: "mlflow" },
      });
    expect(expectError(await deploy(1), 422, "invalid")).toContain("has no MLmodel file");
    expect(expectError(await deploy(2), 422, "invalid")).toContain("No flavor the studio serves without code");
    await deleteEndpointViaApi({ workspace: "dev", endpoint });
  });
});
