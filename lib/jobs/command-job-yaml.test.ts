import { describe, expect, it } from "vitest";
import { parseCommandJobYaml } from "@/lib/jobs/command-job-yaml";

// Shapes from Azure/azureml-examples cli/jobs/basics (hello-world-full, hello-iris-literal, hello-world-input …).

describe("parseCommandJobYaml", () => {
  it("reads a full hello-world job: variables, tags, display name; ignores compute and description with warnings", () => {
    const read = parseCommandJobYaml(
      [
        "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json",
        "command: echo $hello_str",
        "environment:",
        "  image: python:latest",
        "compute: azureml:cpu-cluster",
        "environment_variables:",
        '  hello_str: "hello world"',
        "  retries: 3",
        "tags:",
        "  hello: world",
        "display_name: hello-world-example",
        "experiment_name: hello",
        "description: |",
        "  # A job",
      ].join("\n"),
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.job).toEqual({
      experiment: "hello",
      displayName: "hello-world-example",
      command: "echo $hello_str",
      code: null,
      environment: { kind: "inline", image: "python:latest", condaFile: null },
      inputs: {},
      outputs: [],
      environmentVariables: { hello_str: "hello world", retries: "3" },
      tags: { hello: "world" },
    });
    expect(read.warnings.join("\n")).toMatch(/Line 5: "compute: azureml:cpu-cluster" is not here/);
    expect(read.warnings.join("\n")).toMatch(/Line 13: "description" is ignored/);
  });

  it("reads literal and data asset inputs, outputs, a code mapping and an environment reference", () => {
    const read = parseCommandJobYaml(
      [
        "command: python train.py ${{inputs.data}} ${{inputs.rate}} ${{outputs.model}}",
        "code:",
        "  local_path: src",
        "inputs:",
        "  data:",
        "    type: uri_file",
        "    path: azureml:iris:1",
        "  latest:",
        "    type: uri_folder",
        "    path: azureml:iris@latest",
        "  rate: 0.01",
        "  flag:",
        "    type: boolean",
        "    value: true",
        "outputs:",
        "  model:",
        "    type: uri_folder",
        "  report:",
        "environment: azureml:sklearn-env:2",
      ].join("\n"),
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.job.inputs).toEqual({
      data: { type: "data", asset: "iris:1" },
      latest: { type: "data", asset: "iris@latest" },
      rate: { type: "literal", value: 0.01 },
      flag: { type: "literal", value: true },
    });
    expect(read.job.outputs).toEqual(["model", "report"]);
    expect(read.job.code).toBe("src");
    expect(read.job.environment).toMatchObject({ kind: "reference", name: "sklearn-env", version: 2 });
  });

  it("refuses what cannot run here, each problem on its line", () => {
    const read = parseCommandJobYaml(
      [
        "command: echo",
        "inputs:",
        "  remote:",
        "    type: uri_file",
        "    path: https://example.org/iris.csv",
        "  local:",
        "    type: uri_folder",
        "    path: ./data",
        "environment_variables:",
        "  MLOPS_STUDIO_TOKEN: stolen",
        "  bad-name: x",
      ].join("\n"),
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors.map((e) => e.line)).toEqual([5, 8, 10, 11]);
    expect(read.errors[1]!.message).toMatch(/Register it first \(studio data create/);
    expect(read.errors[2]!.message).toMatch(/set by the studio for every job/);
  });

  it("says a pipeline is a pipeline, and that a job needs a command", () => {
    const pipeline = parseCommandJobYaml("type: pipeline\njobs: {}\n");
    expect(pipeline.ok === false && pipeline.errors[0]!.message).toMatch(/This is a pipeline job: import it/);
    const empty = parseCommandJobYaml("environment: azureml:e:1\n");
    expect(empty.ok === false && empty.errors[0]!.message).toMatch(/no "command:"/);
    const sweep = parseCommandJobYaml("type: sweep\ncommand: x\n");
    expect(sweep.ok === false && sweep.errors[0]!.message).toMatch(/"sweep" job is not run here/);
  });
});
