import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseComponentYaml } from "@/lib/components/component-yaml";
import {
  componentReferencesOf,
  graphToPipelineYaml,
  parsePipelineYaml,
  pipelineDocToGraph,
  type ParsePipelineResult,
  type PipelineDoc,
  type PipelineGraphResult,
} from "@/lib/pipeline/pipeline-yaml";
import type { ComponentInput, ComponentOutput, ComponentRef, PipelineGraph } from "@/lib/pipeline/types";

const FIXTURES = join(__dirname, "fixtures", "azureml-examples");
const PIPELINES = ["1a_e2e_local_components", "2b_component_with_input_output", "3a_basic_pipeline"];
const read = (folder: string, file: string) => readFileSync(join(FIXTURES, folder, file), "utf8");

function doc(result: ParsePipelineResult): PipelineDoc {
  if (!result.ok) throw new Error(`Expected a pipeline, got ${JSON.stringify(result.errors)}`);
  return result.doc;
}

function graphOf(result: PipelineGraphResult) {
  if (!result.ok) throw new Error(`Expected a graph, got ${JSON.stringify(result.errors)}`);
  return result;
}

function parseErrors(text: string) {
  const result = parsePipelineYaml(text);
  if (result.ok) throw new Error("Expected errors, got a pipeline");
  return result.errors;
}

function graphErrors(text: string, components: Record<string, ComponentRef>) {
  const result = pipelineDocToGraph(doc(parsePipelineYaml(text)), components);
  if (result.ok) throw new Error("Expected errors, got a graph");
  return result.errors;
}

/** The components of a fixture folder, by step name, as the server would resolve them (local files registered in workspace "ws"). */
function resolveFixture(folder: string, parsed: PipelineDoc): Record<string, ComponentRef> {
  const components: Record<string, ComponentRef> = {};
  for (const ref of componentReferencesOf(parsed)) {
    if (ref.kind !== "file") throw new Error("fixtures name files");
    const result = parseComponentYaml(read(folder, ref.path));
    if (!result.ok) throw new Error(`${ref.path}: ${JSON.stringify(result.errors)}`);
    const { spec } = result;
    for (const step of ref.steps)
      components[step] = {
        scopeKind: "workspace",
        scopeName: "ws",
        name: spec.name,
        version: spec.version!,
        displayName: spec.displayName,
        inputs: spec.inputs,
        outputs: spec.outputs,
        isDeterministic: spec.isDeterministic,
      };
  }
  return components;
}

function ref(
  name: string,
  inputs: ComponentInput[],
  outputs: ComponentOutput[],
  scope: { kind: "workspace" | "registry"; name: string } = { kind: "workspace", name: "ws" },
  version = 1,
): ComponentRef {
  return {
    scopeKind: scope.kind,
    scopeName: scope.name,
    name,
    version,
    displayName: name,
    inputs,
    outputs,
    isDeterministic: true,
  };
}

const PREP = ref(
  "prep",
  [
    { name: "raw", type: "uri_file", optional: false },
    { name: "ratio", type: "number", optional: false, default: 0.2 },
  ],
  [
    { name: "train", type: "uri_folder" },
    { name: "test", type: "uri_folder" },
  ],
);
const TRAIN = ref(
  "train",
  [
    { name: "data", type: "uri_folder", optional: false },
    { name: "epochs", type: "integer", optional: false },
    { name: "lr", type: "number", optional: true },
    { name: "tag", type: "string", optional: true },
    { name: "fast", type: "boolean", optional: true },
  ],
  [{ name: "model", type: "mlflow_model" }],
  { kind: "registry", name: "shared" },
  3,
);

/** Parse, build the graph, export, parse the export and build again: both graphs must be equal. */
function roundTrip(text: string, components: Record<string, ComponentRef>) {
  const first = graphOf(pipelineDocToGraph(doc(parsePipelineYaml(text)), components));
  const exported = graphToPipelineYaml(first.graph, {
    name: first.displayName ?? "pipeline",
    description: first.description,
    experimentName: first.experimentName,
  });
  const second = graphOf(pipelineDocToGraph(doc(parsePipelineYaml(exported)), components));
  expect(second.graph).toEqual(first.graph);
  expect([second.displayName, second.description, second.experimentName]).toEqual([
    first.displayName,
    first.description,
    first.experimentName,
  ]);
  return { first, exported, second };
}

describe("parsePipelineYaml on the Azure samples", () => {
  it.each(PIPELINES)("reads %s/pipeline.yml without errors or warnings", (folder) => {
    const result = parsePipelineYaml(read(folder, "pipeline.yml"));
    expect(result.ok && result.warnings).toEqual([]);
  });

  it("reads 1a in full: literal inputs, outputs, bindings, local data, extras", () => {
    const parsed = doc(parsePipelineYaml(read("1a_e2e_local_components", "pipeline.yml")));
    expect(parsed.displayName).toBe("1a_e2e_local_components");
    expect(parsed.description).toBe("Dummy train-score-eval pipeline with local components");
    expect(parsed.experimentName).toBeNull();
    expect(parsed.inputs).toEqual([
      { name: "pipeline_job_training_max_epocs", line: 8, optional: false, value: 20, text: "20" },
      { name: "pipeline_job_training_learning_rate", line: 9, optional: false, value: 1.8, text: "1.8" },
      {
        name: "pipeline_job_learning_rate_schedule",
        line: 10,
        optional: false,
        value: "time-based",
        text: "time-based",
      },
    ]);
    expect(parsed.outputs).toEqual([
      { name: "pipeline_job_trained_model", line: 13 },
      { name: "pipeline_job_evaluation_report", line: 15 },
    ]);
    expect(parsed.jobs.map((j) => [j.name, j.component, j.extras])).toEqual([
      ["train_job", { kind: "file", path: "train.yml", raw: "./train.yml" }, { compute: "azureml:cpu-cluster" }],
      ["score_job", { kind: "file", path: "score.yml", raw: "./score.yml" }, { compute: "azureml:cpu-cluster" }],
      ["evaluate_job", { kind: "file", path: "eval.yml", raw: "./eval.yml" }, { compute: "azureml:cpu-cluster" }],
    ]);
    expect(parsed.jobs[0].inputs).toEqual([
      { name: "training_data", line: 24, value: { kind: "localPath", path: "./data", line: 26 } },
      {
        name: "max_epocs",
        line: 27,
        value: { kind: "parentInput", name: "pipeline_job_training_max_epocs", line: 27 },
      },
      {
        name: "learning_rate",
        line: 28,
        value: { kind: "parentInput", name: "pipeline_job_training_learning_rate", line: 28 },
      },
      {
        name: "learning_rate_schedule",
        line: 29,
        value: { kind: "parentInput", name: "pipeline_job_learning_rate_schedule", line: 29 },
      },
    ]);
    expect(parsed.jobs[1].inputs[0]).toEqual({
      name: "model_input",
      line: 38,
      value: { kind: "stepOutput", step: "train_job", output: "model_output", line: 38 },
    });
    expect(parsed.jobs[1].outputs).toEqual([
      { name: "score_output", line: 43, value: { kind: "settings", settings: { mode: "upload" }, line: 43 } },
    ]);
    expect(parsed.jobs[2].outputs).toEqual([
      {
        name: "eval_output",
        line: 53,
        value: { kind: "parentOutput", name: "pipeline_job_evaluation_report", line: 53 },
      },
    ]);
  });

  it("keeps every setting of 2b and 3a, and 3a's step limits", () => {
    expect(doc(parsePipelineYaml(read("2b_component_with_input_output", "pipeline.yml"))).settings).toEqual({
      default_compute: "azureml:serverless",
    });
    const basic = doc(parsePipelineYaml(read("3a_basic_pipeline", "pipeline.yml")));
    expect(basic.settings).toEqual({
      default_datestore: "azureml:workspaceblobstore",
      default_compute: "azureml:serverless",
    });
    expect(basic.jobs[0].extras).toEqual({ limits: { timeout: 3600 } });
  });
});

describe("componentReferencesOf", () => {
  it("lists 3a's three component files, including the two that are not in the folder", () => {
    expect(componentReferencesOf(doc(parsePipelineYaml(read("3a_basic_pipeline", "pipeline.yml"))))).toEqual([
      { kind: "file", path: "componentA.yml", steps: ["component_a"] },
      { kind: "file", path: "componentB.yml", steps: ["component_b"] },
      { kind: "file", path: "componentC.yml", steps: ["component_c"] },
    ]);
  });

  it("lists each component once, files normalised, registered ones by name and version", () => {
    const text = [
      "type: pipeline",
      "jobs:",
      "  a: {component: ./components/train.yml}",
      "  b: {component: 'file:components/./train.yml'}",
      "  c: {component: ./components/sub/../train.yml}",
      "  d: {component: 'azureml:score:2'}",
      "  e: {component: 'azureml:score@latest'}",
      "  f: {component: 'azureml:score'}",
      "  g: {component: 'azureml://registries/shared/components/score/versions/2'}",
      "  h: {component: 'azureml:score:2'}",
    ].join("\n");
    expect(componentReferencesOf(doc(parsePipelineYaml(text)))).toEqual([
      { kind: "file", path: "components/train.yml", steps: ["a", "b", "c"] },
      { kind: "asset", registry: null, name: "score", version: 2, steps: ["d", "h"] },
      { kind: "asset", registry: null, name: "score", version: "latest", steps: ["e", "f"] },
      { kind: "asset", registry: "shared", name: "score", version: 2, steps: ["g"] },
    ]);
  });
});

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

describe("parsePipelineYaml refuses with the line and a reason", () => {
  it("reports YAML syntax errors with their line", () => {
    expect(parseErrors("type: pipeline\njobs:\n  a: {component: ./a.yml\n")[0]).toEqual({
      line: 4,
      message: expect.stringMatching(/^YAML syntax error/),
    });
    expect(parseErrors("type: pipeline\njobs:\n  a: {component: ./a.yml}\n  a: {component: ./b.yml}\n")).toEqual([
      { line: 4, message: "A key is given twice in the same mapping (YAML keys must be unique)." },
    ]);
  });

  it("refuses what is not a pipeline job, and a pipeline without steps", () => {
    expect(parseErrors("type: command\nname: a\ncommand: run\n")).toEqual([
      {
        line: 1,
        message:
          "This is a command component or job (type: command), not a pipeline job (type: pipeline): register it as a component.",
      },
    ]);
    expect(parseErrors("type: sweep\njobs: {a: {component: ./a.yml}}\n")).toEqual([
      { line: 1, message: 'This is a "sweep" YAML; only pipeline jobs (type: pipeline) can be imported here.' },
    ]);
    expect(parseErrors("type: pipeline\n")).toEqual([
      { line: null, message: 'The pipeline has no "jobs:" (its steps).' },
    ]);
    expect(parseErrors("type: pipeline\njobs: {}\n")).toEqual([
      { line: 2, message: "The pipeline has no steps under jobs:." },
    ]);
    expect(parseErrors("type: pipeline\njobs:\n")).toEqual([
      { line: 2, message: "The pipeline has no steps under jobs:." },
    ]);
    expect(parseErrors(`type: pipeline\ndescription: "${"x".repeat(1024 * 1024)}"\n`)[0].message).toBe(
      "A pipeline YAML is at most 1024 KiB; this one is 1025 KiB.",
    );
  });

  it("refuses references to unknown pipeline inputs, outputs and steps, by name", () => {
    const text = [
      "type: pipeline",
      "inputs:",
      "  lr: 0.1",
      "outputs:",
      "  model: {mode: upload}",
      "jobs:",
      "  train:",
      "    component: ./train.yml",
      "    inputs:",
      "      lr: ${{parent.inputs.learning_rate}}",
      "      data: ${{parent.jobs.nope.outputs.x}}",
      "    outputs:",
      "      model: ${{parent.outputs.modle}}",
    ].join("\n");
    expect(parseErrors(text)).toEqual([
      {
        line: 10,
        message:
          'Input "lr" of step "train" uses ${{parent.inputs.learning_rate}}, but the pipeline has no input "learning_rate" (its inputs: lr).',
      },
      {
        line: 11,
        message:
          'Input "data" of step "train" uses ${{parent.jobs.nope.outputs.x}}, but the pipeline has no step "nope" (its steps: train).',
      },
      {
        line: 13,
        message:
          'Output "model" of step "train" goes to ${{parent.outputs.modle}}, but the pipeline has no output "modle" (its outputs: model).',
      },
    ]);
  });

  it("refuses a pipeline output fed twice", () => {
    const text = [
      "type: pipeline",
      "outputs:",
      "  model:",
      "jobs:",
      "  a:",
      "    component: ./a.yml",
      "    outputs: {m: '${{parent.outputs.model}}'}",
      "  b:",
      "    component: ./b.yml",
      "    outputs: {m: '${{parent.outputs.model}}'}",
    ].join("\n");
    expect(parseErrors(text)).toEqual([
      {
        line: 10,
        message:
          'Pipeline output "model" is already fed by output "m" of step "a"; a pipeline output takes one step output.',
      },
    ]);
  });

  it("refuses bindings that are not whole references, or that read a pipeline output", () => {
    const text = [
      "type: pipeline",
      "inputs: {x: 1}",
      "outputs: {o: {}}",
      "jobs:",
      "  a:",
      "    component: ./a.yml",
      "    inputs:",
      "      p: run_${{parent.inputs.x}}",
      "      q: ${{parent.outputs.o}}",
      "      r: ${{inputs.x}}",
      "      s: [1, 2]",
      "      t:",
      "    outputs:",
      "      u: ./out",
    ].join("\n");
    expect(parseErrors(text)).toEqual([
      {
        line: 8,
        message:
          'Input "p" of step "a" is "run_${{parent.inputs.x}}": an input takes a whole ${{parent.inputs.<name>}} or ${{parent.jobs.<step>.outputs.<name>}}, or a plain value.',
      },
      {
        line: 9,
        message:
          'Input "q" of step "a" is ${{parent.outputs.o}}: a step input cannot read a pipeline output; connect the step output that feeds it (${{parent.jobs.<step>.outputs.<name>}}).',
      },
      {
        line: 10,
        message:
          'Input "r" of step "a" is "${{inputs.x}}": an input takes a whole ${{parent.inputs.<name>}} or ${{parent.jobs.<step>.outputs.<name>}}, or a plain value.',
      },
      { line: 11, message: 'Input "s" of step "a" is a list: give one value.' },
      { line: 12, message: 'Input "t" of step "a" has no value.' },
      {
        line: 14,
        message: 'Output "u" of step "a" must be ${{parent.outputs.<name>}} or a mapping (such as "mode: upload").',
      },
    ]);
  });

  it("refuses steps that are not command steps, inline components, commands and bad component references", () => {
    const text = [
      "type: pipeline",
      "jobs:",
      "  sweep_step:",
      "    type: sweep",
      "    component: ./a.yml",
      "  inline:",
      "    component:",
      "      command: echo hi",
      "  up:",
      "    component: ../shared/a.yml",
      "  folder:",
      "    component: ./components",
      "  dotted:",
      "    component: azureml:train:1.0",
      "  own_command:",
      "    component: ./a.yml",
      "    command: echo hi",
      "  none:",
      "    compute: local",
      "  'bad name':",
      "    component: ./a.yml",
    ].join("\n");
    expect(parseErrors(text)).toEqual([
      { line: 4, message: 'Step "sweep_step" is a sweep job: only command steps (type: command) are supported here.' },
      {
        line: 7,
        message:
          'Step "inline" defines its component inline: put the component in its own YAML file and name it (component: ./inline.yml).',
      },
      {
        line: 10,
        message:
          'Step "up": The component file "../shared/a.yml" climbs above the YAML\'s folder (..): only files inside the uploaded folder can be used.',
      },
      {
        line: 12,
        message:
          'Step "folder" has component "./components": give a component YAML file (./component.yml) or a registered component (azureml:<name>:<version>).',
      },
      {
        line: 14,
        message:
          'Step "dotted": Version "1.0" in "azureml:train:1.0" is not supported: versions here are whole numbers (1, 2, 3 …).',
      },
      {
        line: 17,
        message:
          'Step "own_command" sets "command": a step here runs its component\'s command and code; put them in the component.',
      },
      { line: 18, message: 'Step "none" has no "component:" (./component.yml or azureml:<name>:<version>).' },
      { line: 20, message: "Step name \"bad name\" may hold letters, digits, '_' and '-', at most 255 characters." },
    ]);
  });

  it("refuses malformed pipeline inputs, outputs and settings", () => {
    const text = [
      "type: pipeline",
      "inputs:",
      "  empty:",
      "  lr: {type: number, path: 'azureml:x:1'}",
      "  data: {type: uri_folder, value: 3}",
      "  typo: {type: float}",
      "  nothing: {optional: true}",
      "  ref: ${{parent.inputs.lr}}",
      "  bad_asset: {type: uri_file, path: 'azureml:x:v2'}",
      "outputs:",
      "  score: {type: number}",
      "  list: [1]",
      "settings:",
      "  continue_on_step_failure: sometimes",
      "jobs:",
      "  a: {component: ./a.yml}",
    ].join("\n");
    expect(parseErrors(text)).toEqual([
      { line: 3, message: 'Pipeline input "empty" has no value: give one (20, \'text\') or a mapping with "type:".' },
      { line: 4, message: 'Pipeline input "lr" is a number input: "path:" is for data inputs; give "value:".' },
      {
        line: 5,
        message: 'Pipeline input "data" is a uri_folder input: give a data asset with "path:", not "value:".',
      },
      {
        line: 6,
        message:
          'Pipeline input "typo" has type "float", which is not one of uri_file, uri_folder, mltable, custom_model, mlflow_model, path, triton_model, string, integer, number, boolean.',
      },
      { line: 7, message: 'Pipeline input "nothing" needs "type:" (or a value to take its type from).' },
      {
        line: 8,
        message: 'Pipeline input "ref" is ${{parent.inputs.lr}}: a pipeline input takes a value, not a reference.',
      },
      {
        line: 9,
        message:
          'Pipeline input "bad_asset": Version "v2" in "azureml:x:v2" is not supported: versions here are whole numbers (1, 2, 3 …).',
      },
      {
        line: 11,
        message:
          'Pipeline output "score" has type "number": outputs here are files or folders (uri_file, uri_folder, mltable, custom_model, mlflow_model, path, triton_model).',
      },
      { line: 12, message: 'Pipeline output "list" must be a mapping (such as "mode: upload" or "type: uri_folder").' },
      { line: 14, message: "settings.continue_on_step_failure must be true or false." },
    ]);
  });

  it("warns about top-level keys it ignores", () => {
    const result = parsePipelineYaml(
      "type: pipeline\nname: run-1\ncompute: azureml:cpu\ntags: {a: b}\nschedule: daily\njobs:\n  a: {component: ./a.yml, inputs: {x: {path: ./d, mode: ro_mount, cache: true}}}\n",
    );
    expect(result.ok && result.warnings).toEqual([
      'Line 2: "name" is ignored: each submit names its own job.',
      'Line 3: "compute" is ignored: steps run on the local compute here.',
      'Line 4: "tags" is ignored: tags are given at submit.',
      'Line 5: Unknown key "schedule" is ignored.',
      'Line 7: Unknown key "cache" of input "x" of step "a" is ignored.',
    ]);
  });
});

describe("graphToPipelineYaml and back", () => {
  it.each(["1a_e2e_local_components", "2b_component_with_input_output"])(
    "round-trips %s: parse, graph, export, parse, graph",
    (folder) => {
      const parsed = doc(parsePipelineYaml(read(folder, "pipeline.yml")));
      const { exported } = roundTrip(read(folder, "pipeline.yml"), resolveFixture(folder, parsed));
      expect(exported).toContain(
        "$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\ntype: pipeline\n",
      );
    },
  );

  it("round-trips 3a once its missing components are found, with registry components and extras", () => {
    const components = {
      component_a: ref("componentA", [], []),
      component_b: ref("componentB", [], [], { kind: "registry", name: "shared" }, 2),
      component_c: ref("componentC", [], []),
    };
    const { first, exported } = roundTrip(read("3a_basic_pipeline", "pipeline.yml"), components);
    expect(first.graph.settings).toEqual({
      default_datestore: "azureml:workspaceblobstore",
      defaultCompute: "azureml:serverless",
    });
    expect(exported).toContain("component: azureml://registries/shared/components/componentB/versions/2\n");
    expect(exported).toContain("component: azureml:componentA:1\n    limits:\n      timeout: 3600\n");
  });

  it("writes the 1a graph as Azure writes pipelines", () => {
    const parsed = doc(parsePipelineYaml(read("1a_e2e_local_components", "pipeline.yml")));
    const { graph } = graphOf(pipelineDocToGraph(parsed, resolveFixture("1a_e2e_local_components", parsed)));
    expect(
      graphToPipelineYaml(graph, { name: "Dummy", description: "Train, score, eval", experimentName: "demo" }),
    ).toBe(
      [
        "$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json",
        "type: pipeline",
        "display_name: Dummy",
        "description: Train, score, eval",
        "experiment_name: demo",
        "inputs:",
        "  pipeline_job_training_max_epocs: 20",
        "  pipeline_job_training_learning_rate: 1.8",
        "  pipeline_job_learning_rate_schedule: time-based",
        "outputs:",
        "  pipeline_job_trained_model:",
        "    type: uri_folder",
        "  pipeline_job_evaluation_report:",
        "    type: path",
        "jobs:",
        "  train_job:",
        "    type: command",
        "    component: azureml:train:10",
        "    compute: azureml:cpu-cluster",
        "    inputs:",
        "      max_epocs: ${{parent.inputs.pipeline_job_training_max_epocs}}",
        "      learning_rate: ${{parent.inputs.pipeline_job_training_learning_rate}}",
        "      learning_rate_schedule: ${{parent.inputs.pipeline_job_learning_rate_schedule}}",
        "    outputs:",
        "      model_output: ${{parent.outputs.pipeline_job_trained_model}}",
        "  score_job:",
        "    type: command",
        "    component: azureml:Score:10",
        "    compute: azureml:cpu-cluster",
        "    inputs:",
        "      model_input: ${{parent.jobs.train_job.outputs.model_output}}",
        "    outputs:",
        "      score_output:",
        "        mode: upload",
        "  evaluate_job:",
        "    type: command",
        "    component: azureml:Eval:10",
        "    compute: azureml:cpu-cluster",
        "    inputs:",
        "      scoring_result: ${{parent.jobs.score_job.outputs.score_output}}",
        "    outputs:",
        "      eval_output: ${{parent.outputs.pipeline_job_evaluation_report}}",
        "",
      ].join("\n"),
    );
  });

  it("round-trips a designer graph: typed inputs, data and literal bindings, optional and described inputs, settings", () => {
    const graph: PipelineGraph = {
      nodes: [
        {
          kind: "input",
          id: "input:raw",
          position: { x: 10, y: 20 },
          name: "raw",
          type: "uri_file",
          defaultData: "registries/shared/churn:2",
          optional: false,
          description: "Raw data",
        },
        {
          kind: "input",
          id: "input:ratio",
          position: { x: 0, y: 0 },
          name: "ratio",
          type: "number",
          default: 1,
          optional: false,
        },
        {
          kind: "input",
          id: "input:epochs",
          position: { x: 0, y: 0 },
          name: "epochs",
          type: "integer",
          optional: true,
        },
        {
          kind: "input",
          id: "input:note",
          position: { x: 0, y: 0 },
          name: "note",
          type: "string",
          default: "20",
          optional: false,
        },
        {
          kind: "input",
          id: "input:unused",
          position: { x: 0, y: 0 },
          name: "unused",
          type: "number",
          default: 3,
          optional: false,
        },
        { kind: "step", id: "prep", position: { x: 5, y: 5 }, component: PREP, displayName: "Prepare", bindings: {} },
        {
          kind: "step",
          id: "train-1",
          position: { x: 0, y: 0 },
          component: TRAIN,
          bindings: {
            lr: { kind: "literal", value: 0.01 },
            tag: { kind: "literal", value: "1.10" },
            fast: { kind: "literal", value: false },
          },
          yamlExtras: {
            compute: "azureml:gpu",
            resources: { instance_count: 2 },
            outputs: { model: { mode: "upload" } },
          },
        },
        {
          kind: "step",
          id: "train-2",
          position: { x: 0, y: 0 },
          component: TRAIN,
          bindings: {
            data: { kind: "data", ref: "churn-train@latest" },
            tag: { kind: "literal", value: "${{not a binding" },
          },
        },
        {
          kind: "output",
          id: "output:model",
          position: { x: 0, y: 0 },
          name: "model",
          type: "mlflow_model",
          description: "The model",
        },
      ],
      edges: [
        {
          id: "e:input:raw.value->prep.raw",
          source: "input:raw",
          sourcePort: "value",
          target: "prep",
          targetPort: "raw",
        },
        {
          id: "e:input:ratio.value->prep.ratio",
          source: "input:ratio",
          sourcePort: "value",
          target: "prep",
          targetPort: "ratio",
        },
        {
          id: "e:prep.train->train-1.data",
          source: "prep",
          sourcePort: "train",
          target: "train-1",
          targetPort: "data",
        },
        {
          id: "e:input:epochs.value->train-1.epochs",
          source: "input:epochs",
          sourcePort: "value",
          target: "train-1",
          targetPort: "epochs",
        },
        {
          id: "e:input:epochs.value->train-2.epochs",
          source: "input:epochs",
          sourcePort: "value",
          target: "train-2",
          targetPort: "epochs",
        },
        {
          id: "e:train-2.model->output:model.value",
          source: "train-2",
          sourcePort: "model",
          target: "output:model",
          targetPort: "value",
        },
      ],
      settings: { defaultCompute: "local", continueOnStepFailure: true, force_rerun: false },
    };
    const yaml = graphToPipelineYaml(graph, { name: "Churn", description: null, experimentName: null });
    const parsed = doc(parsePipelineYaml(yaml));
    const back = graphOf(pipelineDocToGraph(parsed, { prep: PREP, "train-1": TRAIN, "train-2": TRAIN }));
    expect(back.warnings).toEqual([]);
    const atOrigin = (g: PipelineGraph) => ({ ...g, nodes: g.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) });
    expect(back.graph).toEqual(atOrigin(graph));
    expect(back.displayName).toBe("Churn");
    expect(yaml).toContain(
      "settings:\n  default_compute: local\n  continue_on_step_failure: true\n  force_rerun: false\n",
    );
    expect(yaml).toContain(
      "  raw:\n    type: uri_file\n    path: azureml://registries/shared/data/churn/versions/2\n    description: Raw data\n",
    );
    expect(yaml).toContain("  ratio: 1\n  epochs:\n    type: integer\n    optional: true\n");
    expect(yaml).toContain("  unused:\n    type: number\n    value: 3\n");
    expect(yaml).toContain('  note: "20"\n');
    expect(yaml).toContain("      data:\n        type: uri_folder\n        path: azureml:churn-train@latest\n");
  });
});
