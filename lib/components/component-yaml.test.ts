import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { componentToYaml, parseComponentYaml, type ComponentYamlResult } from "@/lib/components/component-yaml";
import type { ComponentSpec } from "@/lib/pipeline/types";
import { component } from "@/tests/support/component-yaml";

const FIXTURES = join(__dirname, "..", "pipeline", "fixtures", "azureml-examples");
const fixture = (path: string) => readFileSync(join(FIXTURES, path), "utf8");
const COMPONENT_FIXTURES = [
  "1a_e2e_local_components/train.yml",
  "1a_e2e_local_components/score.yml",
  "1a_e2e_local_components/eval.yml",
  "2b_component_with_input_output/component.yml",
  "3a_basic_pipeline/componentA.yml",
];

function ok(result: ComponentYamlResult) {
  if (!result.ok) throw new Error(`Expected a spec, got ${JSON.stringify(result.errors)}`);
  return result;
}

describe("parseComponentYaml on the Azure samples", () => {
  it.each(COMPONENT_FIXTURES)("reads %s without errors or warnings", (path) => {
    const result = ok(parseComponentYaml(fixture(path)));
    expect(result.warnings).toEqual([]);
    expect(result.spec.type).toBe("command");
  });

  it("reads train.yml in full: types, defaults, folded command, environment @latest, code", () => {
    const { spec } = ok(parseComponentYaml(fixture("1a_e2e_local_components/train.yml")));
    expect(spec).toEqual({
      name: "train",
      version: 10,
      displayName: "Train",
      description: "",
      type: "command",
      tags: {},
      inputs: [
        { name: "training_data", type: "uri_folder", optional: false },
        { name: "max_epocs", type: "integer", optional: false },
        { name: "learning_rate", type: "number", optional: false, default: 0.01 },
        { name: "learning_rate_schedule", type: "string", optional: false, default: "time-based" },
      ],
      outputs: [{ name: "model_output", type: "uri_folder" }],
      command:
        "python train.py  --training_data ${{inputs.training_data}}  --max_epocs ${{inputs.max_epocs}}    --learning_rate ${{inputs.learning_rate}}  --learning_rate_schedule ${{inputs.learning_rate_schedule}}  --model_output ${{outputs.model_output}}",
      environment: {
        kind: "reference",
        reference: "azureml:AzureML-sklearn-0.24-ubuntu18.04-py37-cpu@latest",
        registry: null,
        name: "AzureML-sklearn-0.24-ubuntu18.04-py37-cpu",
        version: "latest",
      },
      code: "./train_src",
      isDeterministic: true,
    } satisfies ComponentSpec);
  });

  it("reads the other forms: uppercase names, type path, code.local_path, inline image, no inputs", () => {
    const score = ok(parseComponentYaml(fixture("1a_e2e_local_components/score.yml"))).spec;
    expect(score.name).toBe("Score");
    expect(score.inputs.map((i) => i.type)).toEqual(["path", "path"]);
    expect(score.code).toBe("./score_src");
    expect(score.environment).toEqual({
      kind: "reference",
      reference: "azureml:AzureML-sklearn-0.24-ubuntu18.04-py37-cpu:5",
      registry: null,
      name: "AzureML-sklearn-0.24-ubuntu18.04-py37-cpu",
      version: 5,
    });
    const hello = ok(parseComponentYaml(fixture("2b_component_with_input_output/component.yml"))).spec;
    expect(hello.environment).toEqual({ kind: "inline", image: "python", condaFile: null });
    expect(hello.inputs[1]).toEqual({
      name: "sample_input_string",
      type: "string",
      optional: false,
      default: "hello_python_world_default",
    });
    const a = ok(parseComponentYaml(fixture("3a_basic_pipeline/componentA.yml"))).spec;
    expect(a).toMatchObject({
      name: "componentA",
      version: 1,
      inputs: [],
      outputs: [],
      command: "python hello.py",
      code: "./componentA_src",
    });
  });

  it.each(COMPONENT_FIXTURES)("round-trips %s through componentToYaml", (path) => {
    const { spec } = ok(parseComponentYaml(fixture(path)));
    expect(ok(parseComponentYaml(componentToYaml(spec))).spec).toEqual(spec);
  });
});

describe("parseComponentYaml accepts what Azure users write", () => {
  it("takes the type as command when it is left out, and a version given as text", () => {
    const { spec } = ok(parseComponentYaml('name: a\nversion: "10"\ncommand: run\n'));
    expect(spec).toMatchObject({ type: "command", version: 10, displayName: "a", environment: null, code: null });
  });

  it("leaves the version null when none is given", () => {
    expect(ok(parseComponentYaml("name: a\ncommand: run\n")).spec.version).toBeNull();
  });

  it("reads every environment reference form", () => {
    const cases: [string, object][] = [
      ["azureml:sklearn:3", { registry: null, name: "sklearn", version: 3 }],
      ["azureml:sklearn@latest", { registry: null, name: "sklearn", version: "latest" }],
      ["sklearn:3", { registry: null, name: "sklearn", version: 3 }],
      ["sklearn@latest", { registry: null, name: "sklearn", version: "latest" }],
      [
        "azureml://registries/azureml/environments/sklearn-1.5/versions/7",
        { registry: "azureml", name: "sklearn-1.5", version: 7 },
      ],
      [
        "azureml://registries/shared/environments/sklearn-1.5/labels/latest",
        { registry: "shared", name: "sklearn-1.5", version: "latest" },
      ],
    ];
    for (const [reference, expected] of cases) {
      const { spec } = ok(parseComponentYaml(`name: a\ncommand: run\nenvironment: ${reference}\n`));
      expect(spec.environment).toEqual({ kind: "reference", reference, ...expected });
    }
  });

  it("keeps an inline conda file as YAML text, and a conda file path as a path", () => {
    const inline = ok(
      parseComponentYaml(
        "name: a\ncommand: run\nenvironment:\n  image: python:3.11\n  conda_file:\n    name: env\n    dependencies:\n      - python=3.11\n      - pip:\n          - scikit-learn\n",
      ),
    ).spec;
    expect(inline.environment).toEqual({
      kind: "inline",
      image: "python:3.11",
      condaFile: "name: env\ndependencies:\n  - python=3.11\n  - pip:\n      - scikit-learn\n",
    });
    expect(ok(parseComponentYaml(componentToYaml(inline))).spec).toEqual(inline);
    const path = ok(
      parseComponentYaml("name: a\ncommand: run\nenvironment:\n  image: python\n  conda_file: ./conda.yml\n"),
    ).spec;
    expect(path.environment).toEqual({
      kind: "inline",
      image: "python",
      condaFile: null,
      condaFilePath: "./conda.yml",
    });
    expect(ok(parseComponentYaml(componentToYaml(path))).spec).toEqual(path);
  });

  it("reads tags (numbers as text), is_deterministic, optional inputs, ranges and enums", () => {
    const text = [
      "name: tune",
      "version: 2",
      "display_name: Tune",
      "description: Tunes a model",
      "tags:",
      "  team: vision",
      "  release: 2",
      "is_deterministic: false",
      "inputs:",
      "  epochs: {type: integer, default: 5, min: 1, max: 100}",
      "  lr: {type: number, default: '0.1', min: 0.0001, max: 1, optional: true, description: Learning rate}",
      "  mode: {type: string, enum: [fast, slow, 10], default: slow}",
      "  verbose: {type: boolean, default: 'True'}",
      "  ratio: {type: string, default: 1.10}",
      "  model: {type: mlflow_model, optional: true, mode: ro_mount}",
      "  repo: {type: triton_model, optional: true}",
      "outputs:",
      "  scores: {type: uri_file, mode: upload, description: Scores}",
      "  folder:",
      "command: python tune.py --epochs ${{ inputs.epochs }} $[[--lr ${{inputs.lr}}]] --mode ${{inputs.mode}} $[[--model ${{inputs.model}}]] $[[ --repo ${{inputs.repo}} ]] --out ${{outputs.scores}}",
    ].join("\n");
    const result = ok(parseComponentYaml(text));
    expect(result.warnings).toEqual([]);
    expect(result.spec).toMatchObject({
      displayName: "Tune",
      description: "Tunes a model",
      tags: { team: "vision", release: "2" },
      isDeterministic: false,
      inputs: [
        { name: "epochs", type: "integer", default: 5, min: 1, max: 100, optional: false },
        { name: "lr", type: "number", default: 0.1, min: 0.0001, max: 1, optional: true, description: "Learning rate" },
        { name: "mode", type: "string", enum: ["fast", "slow", "10"], default: "slow", optional: false },
        { name: "verbose", type: "boolean", default: true, optional: false },
        { name: "ratio", type: "string", default: "1.10", optional: false },
        { name: "model", type: "mlflow_model", optional: true },
        { name: "repo", type: "triton_model", optional: true },
      ],
      outputs: [
        { name: "scores", type: "uri_file", description: "Scores" },
        { name: "folder", type: "uri_folder" },
      ],
    });
    expect(ok(parseComponentYaml(componentToYaml(result.spec))).spec).toEqual(result.spec);
  });

  it("round-trips commands that YAML must quote or write as a block", () => {
    const commands = [
      "python train.py \\\n  --data ${{inputs.data}}  \n  --note 'a: b # not a comment'\n",
      '- echo "quoted" && echo {braces} [brackets] & echo %percent @at `tick`',
      "#!/bin/bash\necho  two  spaces\ttab\n\n\nend   ",
      "  leading spaces then ${{inputs.data}}",
    ];
    for (const command of commands) {
      const spec: ComponentSpec = {
        name: "c",
        version: 1,
        displayName: "C",
        description: "line one\nline two",
        type: "command",
        tags: { n: "1" },
        inputs: [{ name: "data", type: "uri_folder", optional: false }],
        outputs: [],
        command,
        environment: null,
        code: null,
        isDeterministic: true,
      };
      expect(ok(parseComponentYaml(componentToYaml(spec))).spec).toEqual(spec);
    }
  });

  it("warns about keys it ignores, naming them with their line", () => {
    const result = ok(
      parseComponentYaml(
        component(
          "resources:",
          "  instance_count: 2",
          "distribution:",
          "  type: pytorch",
          "additional_includes:",
          "  - ../common",
          "flavour: mint",
          "inputs:",
          "  x: {type: string, widget: slider}",
          "code:",
          "  local_path: ./src",
          "  extra: 1",
        ),
      ),
    );
    expect(result.warnings).toEqual([
      'Line 6: "resources" is ignored: compute resources are chosen at submit here.',
      'Line 8: "distribution" is ignored: distributed training is not run here.',
      'Line 10: "additional_includes" is ignored: the files it names are not added to the code folder.',
      'Line 12: Unknown key "flavour" is ignored.',
      'Line 14: Unknown key "widget" of input "x" is ignored.',
      'Line 17: "code.extra" is ignored.',
    ]);
    expect(result.spec.code).toBe("./src");
  });

  it("warns about an optional input used outside $[[ ]] and an optional part without inputs", () => {
    const result = ok(
      parseComponentYaml(
        "name: a\ninputs:\n  x: {type: string, optional: true}\ncommand: run ${{inputs.x}} $[[ --always ]]\n",
      ),
    );
    expect(result.warnings).toEqual([
      'Line 4: Input "x" is optional but used outside $[[ … ]]: a run without a value for it fails.',
      'Line 4: The optional part "$[[ --always ]]" uses no input, so it is always kept.',
    ]);
  });

  it("accepts a code folder that climbs and comes back down, and ./ itself", () => {
    expect(ok(parseComponentYaml("name: a\ncommand: run\ncode: ./src/../lib\n")).spec.code).toBe("./src/../lib");
    expect(ok(parseComponentYaml("name: a\ncommand: run\ncode: .\n")).spec.code).toBe(".");
  });
});
