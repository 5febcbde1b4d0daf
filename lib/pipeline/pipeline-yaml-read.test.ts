import { describe, expect, it } from "vitest";
import { componentReferencesOf } from "@/lib/pipeline/pipeline-yaml-doc";
import { parsePipelineYaml } from "@/lib/pipeline/pipeline-yaml-read";
import { PIPELINES, doc, parseErrors, read } from "@/tests/support/pipeline-yaml";

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
