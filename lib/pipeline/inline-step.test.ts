import { describe, expect, it } from "vitest";
import { parseComponentYaml } from "@/lib/components/component-yaml";
import { parsePipelineYaml } from "@/lib/pipeline/pipeline-yaml-read";

// Inline steps (`command:` in the step), as Azure/azureml-examples' hello-pipeline samples write them.
const HELLO_IO = [
  "$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json",
  "type: pipeline",
  "inputs:",
  "  greeting: hello",
  "  rows:",
  "    type: integer",
  "    default: 3",
  "jobs:",
  "  hello_job:",
  '    command: echo "${{inputs.greeting}}" && echo "world" > ${{outputs.world_output}}/world.txt',
  "    environment: azureml:AzureML-sklearn-0.24-ubuntu18.04-py37-cpu@latest",
  "    compute: azureml:cpu-cluster",
  "    inputs:",
  "      greeting: ${{parent.inputs.greeting}}",
  "      rows: ${{parent.inputs.rows}}",
  "      rate: 0.5",
  "    outputs:",
  "      world_output:",
  "  world_job:",
  "    command: cat ${{inputs.world_input}}/world.txt",
  "    code: ./src",
  "    inputs:",
  "      world_input: ${{parent.jobs.hello_job.outputs.world_output}}",
  "",
].join("\n");

describe("inline pipeline steps", () => {
  it("become component files beside the pipeline, typed from what their inputs are bound to", () => {
    const read = parsePipelineYaml(HELLO_IO);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.doc.jobs.map((j) => j.component)).toEqual([
      { kind: "file", path: "hello_job.inline-component.yml", raw: "inline" },
      { kind: "file", path: "world_job.inline-component.yml", raw: "inline" },
    ]);
    // compute stays the step's (a warning later), not the component's.
    expect(read.doc.jobs[0]!.extras).toEqual({ compute: "azureml:cpu-cluster" });
    const hello = parseComponentYaml(read.doc.inlineComponents["hello_job.inline-component.yml"]!);
    if (!hello.ok) throw new Error(JSON.stringify(hello.errors));
    expect(hello.spec).toMatchObject({
      name: "hello_job",
      version: 1,
      command: 'echo "${{inputs.greeting}}" && echo "world" > ${{outputs.world_output}}/world.txt',
      environment: { kind: "reference", name: "AzureML-sklearn-0.24-ubuntu18.04-py37-cpu", version: "latest" },
    });
    expect(hello.spec.inputs.map((i) => [i.name, i.type])).toEqual([
      ["greeting", "string"],
      ["rows", "integer"],
      ["rate", "number"],
    ]);
    expect(hello.spec.outputs.map((o) => [o.name, o.type])).toEqual([["world_output", "uri_folder"]]);
    const world = parseComponentYaml(read.doc.inlineComponents["world_job.inline-component.yml"]!);
    if (!world.ok) throw new Error(JSON.stringify(world.errors));
    expect(world.spec).toMatchObject({ code: "./src", inputs: [{ name: "world_input", type: "uri_folder" }] });
  });

  it("reads the older ${{jobs.<step>.outputs.<name>}} spelling as a step's output (hello-pipeline-default-artifacts)", () => {
    const read = parsePipelineYaml(
      [
        "type: pipeline",
        "jobs:",
        "  hello_job:",
        "    command: echo world > ${{outputs.artifacts}}/world.txt",
        "    outputs:",
        "      artifacts:",
        "  world_job:",
        "    command: cat ${{inputs.world_input}}/world.txt",
        "    inputs:",
        "      world_input: ${{jobs.hello_job.outputs.artifacts}}",
      ].join("\n"),
    );
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.doc.jobs[1]!.inputs[0]!.value).toMatchObject({
      kind: "stepOutput",
      step: "hello_job",
      output: "artifacts",
    });
    const world = parseComponentYaml(read.doc.inlineComponents["world_job.inline-component.yml"]!);
    expect(world.ok && world.spec.inputs[0]!.type).toBe("uri_folder");
  });

  it("still refuses a step with code but neither a command nor a component", () => {
    const read = parsePipelineYaml("type: pipeline\njobs:\n  a:\n    code: ./src\n");
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors.map((e) => e.message).join("\n")).toMatch(/has no "component:"/);
  });
});
