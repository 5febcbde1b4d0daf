import { describe, expect, it } from "vitest";
import { parseComponentYaml } from "@/lib/components/component-yaml";
import { pipelineDocToGraph } from "@/lib/pipeline/pipeline-yaml-graph";
import { parsePipelineYaml } from "@/lib/pipeline/pipeline-yaml-read";
import { graphToPipelineYaml } from "@/lib/pipeline/pipeline-yaml-write";
import type { PipelineGraph } from "@/lib/pipeline/types";
import { PREP, TRAIN, doc, graphErrors, graphOf, read, ref, resolveFixture } from "@/tests/support/pipeline-yaml";

describe("pipelineDocToGraph", () => {
  it("turns 1a into inputs, steps, outputs and edges, warning about its local data", () => {
    const parsed = doc(parsePipelineYaml(read("1a_e2e_local_components", "pipeline.yml")));
    const result = graphOf(pipelineDocToGraph(parsed, resolveFixture("1a_e2e_local_components", parsed)));
    expect(result.warnings).toEqual([
      'Line 26: Input "training_data" of step "train_job" reads the local path ./data, which is not imported: bind a data asset to it in the designer.',
      'Line 41: Input "test_data" of step "score_job" reads the local path ./data, which is not imported: bind a data asset to it in the designer.',
    ]);
    const { nodes, edges, settings } = result.graph;
    expect(nodes.map((n) => n.id)).toEqual([
      "input:pipeline_job_training_max_epocs",
      "input:pipeline_job_training_learning_rate",
      "input:pipeline_job_learning_rate_schedule",
      "train_job",
      "score_job",
      "evaluate_job",
      "output:pipeline_job_trained_model",
      "output:pipeline_job_evaluation_report",
    ]);
    expect(nodes.every((n) => n.position.x === 0 && n.position.y === 0)).toBe(true);
    expect(nodes.slice(0, 3)).toEqual([
      {
        kind: "input",
        id: "input:pipeline_job_training_max_epocs",
        position: { x: 0, y: 0 },
        name: "pipeline_job_training_max_epocs",
        type: "integer",
        default: 20,
        optional: false,
      },
      {
        kind: "input",
        id: "input:pipeline_job_training_learning_rate",
        position: { x: 0, y: 0 },
        name: "pipeline_job_training_learning_rate",
        type: "number",
        default: 1.8,
        optional: false,
      },
      {
        kind: "input",
        id: "input:pipeline_job_learning_rate_schedule",
        position: { x: 0, y: 0 },
        name: "pipeline_job_learning_rate_schedule",
        type: "string",
        default: "time-based",
        optional: false,
      },
    ]);
    expect(nodes[4]).toMatchObject({
      kind: "step",
      id: "score_job",
      bindings: {},
      yamlExtras: { compute: "azureml:cpu-cluster", outputs: { score_output: { mode: "upload" } } },
    });
    expect(nodes.slice(6)).toEqual([
      {
        kind: "output",
        id: "output:pipeline_job_trained_model",
        position: { x: 0, y: 0 },
        name: "pipeline_job_trained_model",
        type: "uri_folder",
      },
      {
        kind: "output",
        id: "output:pipeline_job_evaluation_report",
        position: { x: 0, y: 0 },
        name: "pipeline_job_evaluation_report",
        type: "path",
      },
    ]);
    expect(edges).toEqual([
      {
        id: "e:input:pipeline_job_training_max_epocs.value->train_job.max_epocs",
        source: "input:pipeline_job_training_max_epocs",
        sourcePort: "value",
        target: "train_job",
        targetPort: "max_epocs",
      },
      {
        id: "e:input:pipeline_job_training_learning_rate.value->train_job.learning_rate",
        source: "input:pipeline_job_training_learning_rate",
        sourcePort: "value",
        target: "train_job",
        targetPort: "learning_rate",
      },
      {
        id: "e:input:pipeline_job_learning_rate_schedule.value->train_job.learning_rate_schedule",
        source: "input:pipeline_job_learning_rate_schedule",
        sourcePort: "value",
        target: "train_job",
        targetPort: "learning_rate_schedule",
      },
      {
        id: "e:train_job.model_output->output:pipeline_job_trained_model.value",
        source: "train_job",
        sourcePort: "model_output",
        target: "output:pipeline_job_trained_model",
        targetPort: "value",
      },
      {
        id: "e:train_job.model_output->score_job.model_input",
        source: "train_job",
        sourcePort: "model_output",
        target: "score_job",
        targetPort: "model_input",
      },
      {
        id: "e:score_job.score_output->evaluate_job.scoring_result",
        source: "score_job",
        sourcePort: "score_output",
        target: "evaluate_job",
        targetPort: "scoring_result",
      },
      {
        id: "e:evaluate_job.eval_output->output:pipeline_job_evaluation_report.value",
        source: "evaluate_job",
        sourcePort: "eval_output",
        target: "output:pipeline_job_evaluation_report",
        targetPort: "value",
      },
    ]);
    expect(settings).toEqual({});
    expect([result.displayName, result.description, result.experimentName]).toEqual([
      "1a_e2e_local_components",
      "Dummy train-score-eval pipeline with local components",
      null,
    ]);
  });

  it("turns 2b's settings into graph settings", () => {
    const parsed = doc(parsePipelineYaml(read("2b_component_with_input_output", "pipeline.yml")));
    const result = graphOf(pipelineDocToGraph(parsed, resolveFixture("2b_component_with_input_output", parsed)));
    expect(result.graph.settings).toEqual({ defaultCompute: "azureml:serverless" });
    expect(result.graph.edges.map((e) => e.id)).toEqual([
      "e:hello_python_world_job.sample_output_data->output:pipeline_sample_output_data.value",
    ]);
  });

  it("reports 3a's missing components by step and file, all at once", () => {
    const parsed = doc(parsePipelineYaml(read("3a_basic_pipeline", "pipeline.yml")));
    const a = parseComponentYaml(read("3a_basic_pipeline", "componentA.yml"));
    if (!a.ok) throw new Error("componentA parses");
    const result = pipelineDocToGraph(parsed, { component_a: ref(a.spec.name, a.spec.inputs, a.spec.outputs) });
    expect(result).toEqual({
      ok: false,
      errors: [
        { line: 17, message: 'Step "component_b" names component "./componentB.yml", which was not found.' },
        { line: 20, message: 'Step "component_c" names component "./componentC.yml", which was not found.' },
      ],
    });
  });

  it("turns literals and data assets into bindings, and infers input types from what they feed", () => {
    const text = [
      "type: pipeline",
      "experiment_name: churn",
      "inputs:",
      "  raw: {type: uri_file, path: 'azureml:churn-raw:4', description: Raw export}",
      "  split: 0.25",
      "  epochs: '20'",
      "  flag: {type: boolean, optional: true}",
      "jobs:",
      "  prep:",
      "    component: azureml:prep:1",
      "    inputs:",
      "      raw: ${{parent.inputs.raw}}",
      "      ratio: ${{ parent.inputs.split }}",
      "  train:",
      "    display_name: Train it",
      "    component: azureml://registries/shared/components/train/versions/3",
      "    environment_variables: {SEED: '1'}",
      "    inputs:",
      "      data: ${{parent.jobs.prep.outputs.train}}",
      "      epochs: ${{parent.inputs.epochs}}",
      "      lr: 0.5",
      "      tag: 10",
      "      fast: ${{parent.inputs.flag}}",
    ].join("\n");
    const result = graphOf(pipelineDocToGraph(doc(parsePipelineYaml(text)), { prep: PREP, train: TRAIN }));
    expect(result.warnings).toEqual([]);
    expect(result.experimentName).toBe("churn");
    expect(result.graph.nodes.slice(0, 4)).toEqual([
      {
        kind: "input",
        id: "input:raw",
        position: { x: 0, y: 0 },
        name: "raw",
        type: "uri_file",
        defaultData: "churn-raw:4",
        optional: false,
        description: "Raw export",
      },
      {
        kind: "input",
        id: "input:split",
        position: { x: 0, y: 0 },
        name: "split",
        type: "number",
        default: 0.25,
        optional: false,
      },
      {
        kind: "input",
        id: "input:epochs",
        position: { x: 0, y: 0 },
        name: "epochs",
        type: "integer",
        default: 20,
        optional: false,
      },
      { kind: "input", id: "input:flag", position: { x: 0, y: 0 }, name: "flag", type: "boolean", optional: true },
    ]);
    expect(result.graph.nodes[5]).toEqual({
      kind: "step",
      id: "train",
      position: { x: 0, y: 0 },
      component: TRAIN,
      displayName: "Train it",
      bindings: { lr: { kind: "literal", value: 0.5 }, tag: { kind: "literal", value: "10" } },
      yamlExtras: { environment_variables: { SEED: "1" } },
    });
  });

  it("takes azureml: data in a step input, in either form, as a data binding", () => {
    const text = [
      "type: pipeline",
      "jobs:",
      "  prep:",
      "    component: azureml:prep:1",
      "    inputs:",
      "      raw: {type: uri_file, path: 'azureml:churn@latest', mode: download}",
    ].join("\n");
    expect(graphOf(pipelineDocToGraph(doc(parsePipelineYaml(text)), { prep: PREP })).graph.nodes[0]).toMatchObject({
      bindings: { raw: { kind: "data", ref: "churn@latest" } },
    });
    const short = [
      "type: pipeline",
      "jobs:",
      "  prep:",
      "    component: azureml:prep:1",
      "    inputs:",
      "      raw: azureml://registries/shared/data/churn/versions/2",
    ].join("\n");
    expect(graphOf(pipelineDocToGraph(doc(parsePipelineYaml(short)), { prep: PREP })).graph.nodes[0]).toMatchObject({
      bindings: { raw: { kind: "data", ref: "registries/shared/churn:2" } },
    });
  });

  it("takes a ${{parent.…}} reference given as a path", () => {
    const text = [
      "type: pipeline",
      "inputs:",
      "  raw: {type: uri_file, path: 'azureml:churn:1'}",
      "jobs:",
      "  prep:",
      "    component: azureml:prep:1",
      "    inputs:",
      "      raw: {type: uri_file, path: '${{parent.inputs.raw}}', mode: download}",
    ].join("\n");
    expect(
      graphOf(pipelineDocToGraph(doc(parsePipelineYaml(text)), { prep: PREP })).graph.edges.map((e) => e.id),
    ).toEqual(["e:input:raw.value->prep.raw"]);
  });

  it("never lets a step's extras override its component or bindings on export", () => {
    const graph: PipelineGraph = {
      nodes: [
        {
          kind: "step",
          id: "prep",
          position: { x: 0, y: 0 },
          component: PREP,
          bindings: { raw: { kind: "data", ref: "churn:1" } },
          yamlExtras: { component: "azureml:evil:1", inputs: { raw: "x" }, compute: "local" },
        },
      ],
      edges: [],
      settings: {},
    };
    const yaml = graphToPipelineYaml(graph, { name: "p" });
    expect(yaml).toContain(
      "    component: azureml:prep:1\n    compute: local\n    inputs:\n      raw:\n        type: uri_file\n        path: azureml:churn:1\n",
    );
    expect(yaml).not.toContain("evil");
  });

  it("names datastore paths, URLs and cloud storage for what they are in its warnings, not local paths", () => {
    const text = [
      "type: pipeline",
      "inputs:",
      "  a: {type: uri_folder, path: azureml://datastores/workspaceblobstore/paths/iris/}",
      "  b: {type: uri_file, path: https://azuremlexamples.blob.core.windows.net/datasets/iris.csv}",
      "  c: {type: uri_folder, path: wasbs://data@account.blob.core.windows.net/iris/}",
      "jobs:",
      "  prep:",
      "    component: azureml:prep:1",
      "    inputs:",
      "      raw: ${{parent.inputs.a}}",
    ].join("\n");
    const result = graphOf(pipelineDocToGraph(doc(parsePipelineYaml(text)), { prep: PREP }));
    expect(result.warnings).toEqual([
      'Line 3: Pipeline input "a" reads the datastore path iris/ (datastore workspaceblobstore, azureml://datastores/workspaceblobstore/paths/iris/), which is not imported: choose a data asset for it in the designer or at submit.',
      'Line 4: Pipeline input "b" reads the URL https://azuremlexamples.blob.core.windows.net/datasets/iris.csv, which is not imported: choose a data asset for it in the designer or at submit.',
      'Line 5: Pipeline input "c" reads the cloud storage URI wasbs://data@account.blob.core.windows.net/iris/, which is not imported: choose a data asset for it in the designer or at submit.',
    ]);
  });

  it("warns when a pipeline input feeds inputs of different types, or reads a local path", () => {
    const text = [
      "type: pipeline",
      "inputs:",
      "  n: 5",
      "  raw: {type: uri_file, path: ./raw.csv}",
      "jobs:",
      "  prep:",
      "    component: azureml:prep:1",
      "    inputs:",
      "      raw: ${{parent.inputs.raw}}",
      "      ratio: ${{parent.inputs.n}}",
      "  train:",
      "    component: azureml:train:3",
      "    inputs:",
      "      epochs: ${{parent.inputs.n}}",
    ].join("\n");
    const result = graphOf(pipelineDocToGraph(doc(parsePipelineYaml(text)), { prep: PREP, train: TRAIN }));
    expect(result.warnings).toEqual([
      'Line 3: Pipeline input "n" feeds inputs of types number, integer; it is taken as integer (declare "type:" to choose).',
      'Line 4: Pipeline input "raw" reads the local path ./raw.csv, which is not imported: choose a data asset for it in the designer or at submit.',
    ]);
    expect(result.graph.nodes[1]).toEqual({
      kind: "input",
      id: "input:raw",
      position: { x: 0, y: 0 },
      name: "raw",
      type: "uri_file",
      optional: false,
    });
  });

  it("refuses step inputs and outputs the component does not declare, naming them", () => {
    const text = [
      "type: pipeline",
      "jobs:",
      "  prep:",
      "    component: azureml:prep:1",
      "    inputs:",
      "      raw: azureml:churn:1",
      "      rows: 10",
      "    outputs:",
      "      valid: {mode: upload}",
    ].join("\n");
    expect(graphErrors(text, { prep: PREP })).toEqual([
      {
        line: 7,
        message: 'Step "prep" sets input "rows", but component prep:1 has no input "rows" (it has raw, ratio).',
      },
      {
        line: 9,
        message: 'Step "prep" sets output "valid", but component prep:1 has no output "valid" (it has train, test).',
      },
    ]);
  });

  it("refuses a reference to another step's undeclared output, literals that do not fit and data on a value input", () => {
    const text = [
      "type: pipeline",
      "inputs:",
      "  epochs: 1.5",
      "jobs:",
      "  prep:",
      "    component: azureml:prep:1",
      "    inputs:",
      "      raw: 12",
      "      ratio: {type: uri_folder, path: 'azureml:x:1'}",
      "  train:",
      "    component: azureml:train:3",
      "    inputs:",
      "      data: ${{parent.jobs.prep.outputs.validation}}",
      "      epochs: ${{parent.inputs.epochs}}",
      "      fast: maybe",
    ].join("\n");
    expect(graphErrors(text, { prep: PREP, train: TRAIN })).toEqual([
      { line: 3, message: 'Pipeline input "epochs" is an integer input: 1.5 is not a whole number.' },
      { line: 8, message: 'Input "raw" of step "prep" is a uri_file input; it takes data, not the value 12.' },
      { line: 9, message: 'Input "ratio" of step "prep" is a number input; it cannot take the data asset x:1.' },
      {
        line: 13,
        message:
          'Input "data" of step "train" uses ${{parent.jobs.prep.outputs.validation}}, but step "prep" (component prep:1) has no output "validation" (it has train, test).',
      },
      { line: 15, message: 'Input "fast" of step "train" is a boolean input: "maybe" is not true or false.' },
    ]);
  });
});

describe("literal step inputs follow the component's constraints, as the designer and submit check them", () => {
  const TUNE = ref(
    "tune",
    [
      { name: "epochs", type: "integer", optional: false, min: 1, max: 100 },
      { name: "mode", type: "string", optional: true, enum: ["fast", "full"] },
      { name: "shuffle", type: "boolean", optional: true },
    ],
    [],
  );
  const pipeline = (...inputs: string[]) =>
    [
      "type: pipeline",
      "jobs:",
      "  tune:",
      "    component: azureml:tune:1",
      "    inputs:",
      ...inputs.map((i) => `      ${i}`),
    ].join("\n");

  it("refuses a value outside min and max, or not in the enum, at its line", () => {
    expect(graphErrors(pipeline("epochs: 0", "mode: slow"), { tune: TUNE })).toEqual([
      { line: 6, message: 'Input "epochs" of step "tune" is an integer input: 0 is below the minimum, 1.' },
      {
        line: 7,
        message: 'Input "mode" of step "tune" is a string input: "slow" is not one of the allowed values: fast, full.',
      },
    ]);
  });

  it("reads YAML 1.1 booleans (yes/no, on/off) as booleans", () => {
    const { graph } = graphOf(
      pipelineDocToGraph(doc(parsePipelineYaml(pipeline("epochs: 5", "shuffle: 'yes'"))), { tune: TUNE }),
    );
    expect(graph.nodes.find((n) => n.kind === "step")).toMatchObject({
      bindings: { epochs: { kind: "literal", value: 5 }, shuffle: { kind: "literal", value: true } },
    });
  });
});
