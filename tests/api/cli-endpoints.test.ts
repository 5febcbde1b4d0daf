import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BASE_URL, get, newToken, request, uniqueName } from "./helpers";
import { studio } from "./cli-runner";

// Endpoints and deployments from Azure ML's YAML through `studio`, as a "deploy when a model is registered"
// pipeline runs them: create the endpoint, create the deployment (waiting for it), give it the traffic, invoke.

const EXAMPLE = join(process.cwd(), "examples/score-breast-cancer");

describe("studio online-endpoint and online-deployment", () => {
  it("create an endpoint and deployments from YAML (code folder, inline conda file, inline model), wait, route and invoke", async () => {
    const home = mkdtempSync(join(tmpdir(), "studio-cli-"));
    const token = await newToken("scientist");
    const env = { XDG_CONFIG_HOME: home, STUDIO_URL: BASE_URL, STUDIO_TOKEN: token };
    const endpoint = uniqueName("cli-ep").slice(0, 24);
    const folder = mkdtempSync(join(tmpdir(), "studio-cli-endpoint-"));
    mkdirSync(join(folder, "onlinescoring"));
    copyFileSync(join(EXAMPLE, "score.py"), join(folder, "onlinescoring", "score.py"));
    mkdirSync(join(folder, "environment"));
    writeFileSync(
      join(folder, "environment", "conda.yaml"),
      "name: scoring\ndependencies:\n  - python=3.11\n  - pip\n  - pip:\n      - numpy>=1.24\n      - scikit-learn>=1.2\n",
    );
    mkdirSync(join(folder, "model"));
    writeFileSync(join(folder, "model", "weights.txt"), "not a real model");
    writeFileSync(
      join(folder, "endpoint.yml"),
      [
        "$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineEndpoint.schema.json",
        `name: ${endpoint}`,
        "auth_mode: key",
        "description: made by the cli",
        "",
      ].join("\n"),
    );
    writeFileSync(
      join(folder, "blue.yml"),
      [
        "$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json",
        "name: blue",
        `endpoint_name: ${endpoint}`,
        "model: azureml:breast-cancer-tree:2",
        "code_configuration:",
        "  code: ./onlinescoring/",
        "  scoring_script: score.py",
        "environment:",
        "  image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:latest",
        "  conda_file: ./environment/conda.yaml",
        "instance_type: Standard_DS3_v2",
        "instance_count: 1",
        "request_settings:",
        "  request_timeout_ms: 3000",
        "data_collector:",
        "  collections:",
        "    model_inputs:",
        "      enabled: 'True'",
        "  sampling_rate: 0.5",
        "",
      ].join("\n"),
    );
    const created = await studio(
      ["online-endpoint", "create", "-f", join(folder, "endpoint.yml"), "-w", "dev", "-o", "json"],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      name: endpoint,
      kind: "online",
      description: "made by the cli",
    });
    expect(JSON.parse(created.stdout).keys.primaryKey).toMatch(/^mlk_/);

    const blue = await studio(
      ["online-deployment", "create", "-f", join(folder, "blue.yml"), "-w", "dev", "--all-traffic", "-o", "json"],
      env,
    );
    expect(blue.code, blue.stderr).toBe(0);
    expect(blue.stderr).toContain('"instance_type" is ignored');
    expect(JSON.parse(blue.stdout)).toMatchObject({
      name: "blue",
      state: "succeeded",
      scoringMethod: "python",
      requestTimeoutMs: 3000,
      dataCollectionPercent: 50,
      traffic: 100,
      environment: expect.stringMatching(/^anonymous-environment:\d+$/),
    });
    const invoked = await studio(
      [
        "online-endpoint",
        "invoke",
        "-n",
        endpoint,
        "-w",
        "dev",
        "--request-file",
        join(EXAMPLE, "sample-request.json"),
      ],
      env,
    );
    expect(invoked.code, invoked.stderr).toBe(0);
    expect(JSON.parse(invoked.stdout).predictions.length).toBeGreaterThan(0);

    // An inline model is registered first; an init() that raises fails the command with the reason.
    writeFileSync(
      join(folder, "onlinescoring", "broken.py"),
      "def init():\n    raise RuntimeError('no weights here')\n\ndef run(raw):\n    return 1\n",
    );
    writeFileSync(
      join(folder, "green.yml"),
      [
        "name: green",
        "model:",
        "  path: ./model",
        "  type: custom_model",
        "code_configuration:",
        "  code: ./onlinescoring",
        "  scoring_script: broken.py",
        "",
      ].join("\n"),
    );
    const green = await studio(
      ["online-deployment", "create", "-f", join(folder, "green.yml"), "-w", "dev", "-e", endpoint],
      env,
    );
    expect(green.code).toBe(1);
    expect(green.stderr).toMatch(new RegExp(`Registered the deployment's model as ${endpoint}-green:1`));
    expect(green.stderr).toMatch(/error: Deployment green failed: .*no weights here/);
    const model = await get(`/workspaces/dev/models/${endpoint}-green/versions/1`, token);
    expect(model.body.files.map((f: { path: string }) => f.path)).toEqual(["model/weights.txt"]);

    const listed = await studio(["online-deployment", "list", "-e", endpoint, "-w", "dev"], env);
    expect(listed.stdout).toMatch(/blue\s+breast-cancer-tree:2\s+python\s+succeeded\s+100%/);
    // A YAML for another endpoint is refused, with the reason.
    writeFileSync(
      join(folder, "other.yml"),
      "name: other\nendpoint_name: elsewhere\nmodel: azureml:breast-cancer-tree:2\n",
    );
    const other = await studio(
      ["online-deployment", "create", "-f", join(folder, "other.yml"), "-w", "dev", "-e", endpoint],
      env,
    );
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('endpoint_name is "elsewhere"');
    await request("DELETE", `/workspaces/dev/endpoints/${endpoint}`, { token });
  }, 180_000);

  it("creates a batch endpoint from its YAML", async () => {
    const home = mkdtempSync(join(tmpdir(), "studio-cli-"));
    const env = { XDG_CONFIG_HOME: home, STUDIO_URL: BASE_URL, STUDIO_TOKEN: await newToken("scientist") };
    const name = uniqueName("cli-batch").slice(0, 24);
    const folder = mkdtempSync(join(tmpdir(), "studio-cli-batch-"));
    writeFileSync(
      join(folder, "endpoint.yml"),
      `$schema: https://azuremlschemas.azureedge.net/latest/batchEndpoint.schema.json\nname: ${name}\nauth_mode: aad_token\n`,
    );
    const created = await studio(
      ["batch-endpoint", "create", "-f", join(folder, "endpoint.yml"), "-w", "dev", "-o", "json"],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ name, kind: "batch" });
    expect(created.stderr).toContain('auth_mode "aad_token" is not offered here');
    expect((await studio(["batch-endpoint", "list", "-w", "dev"], env)).stdout).toContain(name);
    const wrong = await studio(["online-endpoint", "create", "-f", join(folder, "endpoint.yml"), "-w", "dev"], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("batch endpoint's YAML");
  }, 60_000);
});
