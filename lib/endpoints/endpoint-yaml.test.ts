import { describe, expect, it } from "vitest";
import { parseDeploymentYaml, parseEndpointYaml } from "@/lib/endpoints/endpoint-yaml";

// Shapes from Azure/azureml-examples cli/endpoints (online/managed/sample, batch/deploy-models).

describe("parseEndpointYaml", () => {
  it("reads an online endpoint; a non-key auth mode and other settings are warnings", () => {
    const read = parseEndpointYaml(
      [
        "$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineEndpoint.schema.json",
        "name: my-endpoint",
        "auth_mode: aml_token",
        "description: A demo",
        "public_network_access: disabled",
      ].join("\n"),
      "online",
    );
    expect(read.ok && read.value).toEqual({ name: "my-endpoint", description: "A demo", kind: "online" });
    const warnings = read.ok ? read.warnings.join("\n") : "";
    expect(warnings).toMatch(/Line 3: auth_mode "aml_token" is not offered here/);
    expect(warnings).toMatch(/Line 5: "public_network_access" is ignored/);
  });

  it("refuses a batch endpoint's YAML given as online, and a bad name", () => {
    const batch = parseEndpointYaml(
      "$schema: https://azuremlschemas.azureedge.net/latest/batchEndpoint.schema.json\nname: b1\n",
      "online",
    );
    expect(batch.ok === false && batch.errors[0]!.message).toMatch(/batch endpoint's YAML/);
    const bad = parseEndpointYaml("name: 1-bad\n", "online");
    expect(bad.ok === false && bad.errors[0]!.message).toMatch(/2 to 32 letters/);
  });
});

describe("parseDeploymentYaml", () => {
  it("reads a managed online deployment: model, code, environment, instances, timeout and data collection", () => {
    const read = parseDeploymentYaml(
      [
        "$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json",
        "name: blue",
        "endpoint_name: my-endpoint",
        "model: azureml:sklearn-model:2",
        "code_configuration:",
        "  code: ../../model-1/onlinescoring/",
        "  scoring_script: score.py",
        "environment: azureml:sklearn-env:2",
        "instance_type: Standard_DS3_v2",
        "instance_count: 2",
        "request_settings:",
        "  request_timeout_ms: 3000",
        "  max_concurrent_requests_per_instance: 1",
        "data_collector:",
        "  collections:",
        "    model_inputs:",
        "      enabled: 'True'",
        "    model_outputs:",
        "      enabled: 'True'",
        "  sampling_rate: 0.25",
        "liveness_probe:",
        "  initial_delay: 10",
      ].join("\n"),
      "online",
    );
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.value).toEqual({
      name: "blue",
      endpointName: "my-endpoint",
      description: "",
      model: "sklearn-model:2",
      code: { folder: "../../model-1/onlinescoring/", scoringScript: "score.py" },
      environment: expect.objectContaining({ kind: "reference", name: "sklearn-env", version: 2 }),
      instanceCount: 2,
      requestTimeoutMs: 3000,
      dataCollectionPercent: 25,
      miniBatchSize: null,
    });
    const warnings = read.warnings.join("\n");
    expect(warnings).toMatch(/"instance_type" is ignored/);
    expect(warnings).toMatch(/"request_settings.max_concurrent_requests_per_instance" is ignored/);
    expect(warnings).toMatch(/"liveness_probe" is ignored/);
  });

  it("reads a batch deployment's mini batch size and instance count; its output settings are warnings", () => {
    const read = parseDeploymentYaml(
      [
        "name: mnist-torch-dpl",
        "endpoint_name: mnist-batch",
        "model: azureml:mnist-classifier@latest",
        "code_configuration:",
        "  code: code",
        "  scoring_script: batch_driver.py",
        "compute: azureml:batch-cluster",
        "resources:",
        "  instance_count: 1",
        "mini_batch_size: 10",
        "output_action: append_row",
        "output_file_name: predictions.csv",
        "retry_settings:",
        "  max_retries: 3",
        "  timeout: 30",
        "error_threshold: -1",
      ].join("\n"),
      "batch",
    );
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.value).toMatchObject({ model: "mnist-classifier@latest", miniBatchSize: 10, instanceCount: 1 });
    expect(read.warnings.join("\n")).toMatch(/"output_action" is ignored[\s\S]*"retry_settings" is ignored/);
  });

  it("refuses an inline model, a missing model, bad numbers, each on its line", () => {
    const read = parseDeploymentYaml(
      [
        "name: blue",
        "model:",
        "  path: ../model",
        "instance_count: 0",
        "request_settings:",
        "  request_timeout_ms: fast",
      ].join("\n"),
      "online",
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors.map((e) => e.line)).toEqual([2, 4, 6]);
    expect(read.errors[0]!.message).toMatch(/register it first \(studio model create\)/);
    const none = parseDeploymentYaml("name: blue\n", "online");
    expect(none.ok === false && none.errors[0]!.message).toMatch(/no "model:"/);
  });
});
