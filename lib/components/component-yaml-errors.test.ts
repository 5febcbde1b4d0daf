import { describe, expect, it } from "vitest";
import { parseComponentYaml } from "@/lib/components/component-yaml";
import { component } from "@/tests/support/component-yaml";

function errors(text: string) {
  const result = parseComponentYaml(text);
  if (result.ok) throw new Error("Expected errors, got a spec");
  return result.errors;
}

describe("parseComponentYaml refuses with the line and a reason", () => {
  it("reports YAML syntax errors with their line", () => {
    expect(errors("name: a\ncommand: run\ninputs:\n  x: [1, 2\n")).toEqual([
      { line: 5, message: expect.stringMatching(/^YAML syntax error: /) },
    ]);
    expect(errors("name: a\ncommand: run\nname: b\n")).toEqual([
      { line: 3, message: "A key is given twice in the same mapping (YAML keys must be unique)." },
    ]);
    expect(errors("name: a\n\tcommand: run\n")[0].line).toBe(2);
    expect(errors("name: a\ncommand: run\n---\nname: b\n")).toEqual([
      { line: 3, message: "The file holds more than one YAML document (separated by ---); give one." },
    ]);
  });

  it("refuses empty files, lists and oversized files", () => {
    expect(errors("   \n")).toEqual([{ line: null, message: "A component YAML is empty." }]);
    expect(errors("- name: a\n")).toEqual([
      {
        line: 1,
        message: 'A component YAML must be a mapping of keys (such as "name:" and "command:"); this one holds a list.',
      },
    ]);
    const big = `name: a\ncommand: run\ndescription: "${"x".repeat(300 * 1024)}"\n`;
    expect(errors(big)).toEqual([{ line: null, message: "A component YAML is at most 256 KiB; this one is 301 KiB." }]);
  });

  it("refuses an alias bomb", () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 12; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(", ")}]`,
      );
    expect(errors(`name: a\ncommand: run\n${lines.join("\n")}\n`)).toEqual([
      { line: null, message: "The YAML uses too many aliases (*name)." },
    ]);
  });

  it("refuses other component types with one error naming the type and what to do instead", () => {
    expect(errors("name: a\ntype: pipeline\ncommand: run\n")).toEqual([
      {
        line: 2,
        message:
          'This is a pipeline component ("pipeline"): register its steps as command components and connect them in the designer, or import a pipeline job YAML; only command components (type: command) are registered here.',
      },
    ]);
    expect(errors("name: a\ntype: spark\ncommand: run\n")[0].message).toContain('"spark"');
    expect(errors("name: a\ntype: sweepy\n")).toEqual([
      {
        line: 2,
        message: 'This is a "sweepy" component; only command components (type: command) are registered here.',
      },
    ]);
    // A parallel component has no command (it has a task): its one error is the type, not a missing command.
    const parallel = [
      "$schema: https://azuremlschemas.azureedge.net/latest/parallelComponent.schema.json",
      "type: parallel",
      "name: batch_score",
      "mini_batch_size: 10",
      "task:",
      "  type: run_function",
      "  entry_script: score.py",
    ].join("\n");
    expect(errors(parallel)).toEqual([{ line: 2, message: expect.stringMatching(/^This is a parallel component/) }]);
  });

  it("recognises a prompt flow (flow.dag.yaml) for what it is", () => {
    const flow = [
      "$schema: https://azuremlschemas.azureedge.net/promptflow/latest/Flow.schema.json",
      "inputs:",
      "  question: {type: string}",
      "outputs:",
      "  answer:",
      "    type: string",
      "    reference: ${answer.output}",
      "nodes:",
      "- name: answer",
      "  type: llm",
      "  source: {type: code, path: answer.jinja2}",
    ].join("\n");
    expect(errors(flow)).toEqual([
      {
        line: 1,
        message:
          "This is a prompt flow (flow.dag.yaml), not a component: prompt flows are not run here. Register a command component (type: command).",
      },
    ]);
    // Without its $schema, its nodes give it away.
    expect(errors(flow.split("\n").slice(1).join("\n"))[0]).toMatchObject({ line: 7 });
  });

  it("refuses a missing or malformed name", () => {
    expect(errors("command: run\n")).toEqual([{ line: null, message: 'The component has no "name:".' }]);
    expect(errors("name: my component\ncommand: run\n")).toEqual([
      {
        line: 1,
        message:
          "The name \"my component\" may hold letters, digits, '_', '-' and '.', start with a letter or digit, and be at most 255 characters.",
      },
    ]);
    expect(errors("name: [a]\ncommand: run\n")).toEqual([{ line: 1, message: "name must be text." }]);
  });

  it("refuses versions that are not whole numbers", () => {
    for (const version of ["1.0.0", '"1.2"', "0", "-3", "v2", "1.5", "true"]) {
      const found = errors(`name: a\nversion: ${version}\ncommand: run\n`);
      expect(found).toHaveLength(1);
      expect(found[0].line).toBe(2);
      expect(found[0].message).toContain("versions here are whole numbers");
    }
  });

  it("refuses a missing, empty or wrong command", () => {
    expect(errors("name: a\n")).toEqual([
      { line: null, message: 'The component has no "command:" (the command line it runs).' },
    ]);
    expect(errors("name: a\ncommand:\n")).toEqual([
      { line: 2, message: 'The component has no "command:" (the command line it runs).' },
    ]);
    expect(errors('name: a\ncommand: "  "\n')).toEqual([{ line: 2, message: "The command is empty." }]);
    expect(errors("name: a\ncommand: [run]\n")).toEqual([{ line: 2, message: "command must be text." }]);
    expect(errors(`name: a\ncommand: "${"x".repeat(10_001)}"\n`)).toEqual([
      { line: 2, message: "The command is at most 10,000 characters." },
    ]);
  });

  it("refuses placeholders that name no declared port, with the line of command:", () => {
    const text = [
      "name: a",
      "inputs:",
      "  data: {type: uri_folder}",
      "outputs:",
      "  model: {type: uri_folder}",
      "command: >-",
      "  python t.py",
      "  --data ${{inputs.dat}}",
      "  --out ${{ outputs.modle }}",
      "  --x ${{parent.inputs.y}}",
    ].join("\n");
    expect(errors(text)).toEqual([
      { line: 6, message: 'The command uses ${{inputs.dat}}, but the component declares no input "dat".' },
      { line: 6, message: 'The command uses ${{outputs.modle}}, but the component declares no output "modle".' },
      {
        line: 6,
        message:
          "The command uses ${{parent.inputs.y}}: a component's command may only use ${{inputs.<name>}} and ${{outputs.<name>}}.",
      },
    ]);
  });

  it("refuses malformed optional parts", () => {
    expect(
      errors("name: a\ninputs:\n  x: {type: string, optional: true}\ncommand: run $[[--x ${{inputs.x}}\n"),
    ).toEqual([
      { line: 4, message: 'The optional part "$[[--x ${{inputs.x}}" opens with $[[ but never closes with ]].' },
    ]);
    expect(errors("name: a\ncommand: run $[[ a $[[ b ]] ]]\n")[0]).toEqual({
      line: 2,
      message: 'The optional part "$[[ a $[[ b ]]" holds another $[[: optional parts cannot be nested.',
    });
  });

  it("refuses inputs with unknown types, bad names or no type", () => {
    expect(errors(component("inputs:", "  x:", "    type: float"))).toEqual([
      {
        line: 8,
        message:
          'Input "x" has type "float", which is not one of uri_file, uri_folder, mltable, custom_model, mlflow_model, path, triton_model, string, integer, number, boolean.',
      },
    ]);
    expect(errors(component("inputs:", "  1x: {type: string}"))).toEqual([
      {
        line: 7,
        message:
          "Input name \"1x\" may hold letters, digits and '_', not starting with a digit, at most 64 characters.",
      },
    ]);
    expect(errors(component("inputs:", "  x: {optional: true}"))).toEqual([
      {
        line: 7,
        message:
          'Input "x" has no "type:" (one of uri_file, uri_folder, mltable, custom_model, mlflow_model, path, triton_model, string, integer, number, boolean).',
      },
    ]);
    expect(errors(component("inputs:", "  x: string"))).toEqual([
      { line: 7, message: 'Input "x" must be a mapping with at least "type:".' },
    ]);
    expect(errors(component("inputs: [a, b]"))).toEqual([
      { line: 6, message: 'inputs must be a mapping (indented "name: value" lines).' },
    ]);
  });

  it("refuses defaults that do not fit their type, range or enum", () => {
    expect(errors(component("inputs:", "  n: {type: integer, default: 1.5}"))).toEqual([
      { line: 7, message: 'The default of input "n": 1.5 is not a whole number.' },
    ]);
    expect(errors(component("inputs:", "  n: {type: number, default: fast}"))).toEqual([
      { line: 7, message: 'The default of input "n": fast is not a number.' },
    ]);
    expect(errors(component("inputs:", "  n: {type: number, default: .inf}"))).toEqual([
      { line: 7, message: 'The default of input "n": .inf is not a number.' },
    ]);
    expect(errors(component("inputs:", "  b: {type: boolean, default: maybe}"))).toEqual([
      { line: 7, message: 'The default of input "b": maybe is not true or false.' },
    ]);
    expect(errors(component("inputs:", "  s: {type: string, default: [a]}"))).toEqual([
      { line: 7, message: 'The default of input "s": a plain text value is expected.' },
    ]);
    expect(errors(component("inputs:", "  d: {type: uri_folder, default: 3}"))).toEqual([
      {
        line: 7,
        message: 'The default of input "d": a uri_folder input takes a data reference (azureml:name:version), not 3.',
      },
    ]);
    expect(
      errors(component("inputs:", "  n:", "    type: integer", "    min: 1", "    max: 10", "    default: 11")),
    ).toEqual([{ line: 11, message: 'The default of input "n": 11 is above the maximum, 10.' }]);
    expect(errors(component("inputs:", "  n: {type: integer, min: 5, max: 1}"))).toEqual([
      { line: 7, message: 'Input "n" has min 5 above its max 1.' },
    ]);
    expect(errors(component("inputs:", "  n: {type: integer, min: 0.5}"))).toEqual([
      { line: 7, message: '"min" of input "n": 0.5 is not a whole number.' },
    ]);
    expect(errors(component("inputs:", "  s: {type: string, min: 1}"))).toEqual([
      { line: 7, message: '"min" of input "s" is only for integer and number inputs.' },
    ]);
    expect(errors(component("inputs:", "  s: {type: string, enum: [a, b], default: c}"))).toEqual([
      { line: 7, message: 'The default of input "s": "c" is not one of the allowed values: a, b.' },
    ]);
    expect(errors(component("inputs:", "  s: {type: integer, enum: [1, 2]}"))).toEqual([
      { line: 7, message: '"enum" of input "s" is only for string inputs.' },
    ]);
    expect(errors(component("inputs:", "  s: {type: string, optional: maybe}"))).toEqual([
      { line: 7, message: '"optional" of input "s" must be true or false.' },
    ]);
  });

  it("refuses outputs that are values, unknown types or clash with an input", () => {
    expect(errors(component("outputs:", "  acc: {type: number}"))).toEqual([
      {
        line: 7,
        message:
          'Output "acc" has type "number": outputs here are files or folders (uri_file, uri_folder, mltable, custom_model, mlflow_model, path, triton_model).',
      },
    ]);
    expect(errors(component("outputs:", "  acc: {type: blob}"))[0].message).toContain(
      "it is not a type Azure ML knows",
    );
    expect(errors(component("inputs:", "  x: {type: string}", "outputs:", "  x: {type: uri_folder}"))).toEqual([
      { line: 9, message: '"x" is both an input and an output.' },
    ]);
    expect(errors(component("outputs:", "  x: uri_folder"))).toEqual([
      { line: 7, message: 'Output "x" must be a mapping such as "type: uri_folder".' },
    ]);
  });

  it("refuses too many inputs or outputs", () => {
    const inputs = Array.from({ length: 51 }, (_, i) => `  i${i}: {type: string}`);
    expect(errors(component("inputs:", ...inputs))).toEqual([
      { line: 6, message: "A component has at most 50 inputs." },
    ]);
    const outputs = Array.from({ length: 21 }, (_, i) => `  o${i}: {type: uri_folder}`);
    expect(errors(component("outputs:", ...outputs))).toEqual([
      { line: 6, message: "A component has at most 20 outputs." },
    ]);
  });

  it("refuses malformed environments", () => {
    expect(errors(component().replace("azureml:env:1", "azureml:env:1.0.0"))).toEqual([
      {
        line: 5,
        message:
          'Version "1.0.0" in "azureml:env:1.0.0" is not supported: versions here are whole numbers (1, 2, 3 …).',
      },
    ]);
    expect(errors(component().replace("azureml:env:1", "azureml:env@stable"))).toEqual([
      { line: 5, message: 'The label "stable" in "azureml:env@stable" is not supported: the only label is latest.' },
    ]);
    expect(
      errors(component().replace("azureml:env:1", "azureml:/subscriptions/x/environments/e/versions/1"))[0].message,
    ).toContain("is an Azure resource ID");
    expect(
      errors(component().replace("azureml:env:1", "azureml://registries/r/models/e/versions/1"))[0].message,
    ).toContain("azureml://registries/<registry>/environments/<name>/versions/<version>");
    expect(
      errors(component().replace("azureml:env:1", "azureml://registries/Big_Reg/environments/e/versions/1"))[0].message,
    ).toContain("is not a registry name");
    expect(errors(component().replace("azureml:env:1", "'my env:1'"))[0].message).toBe(
      "\"my env\" in \"my env:1\" is not a name (letters, digits, '_', '-' and '.').",
    );
    expect(errors("name: a\ncommand: run\nenvironment:\n  name: x\n")).toEqual([
      { line: 3, message: 'An inline environment needs "image:" and/or "conda_file:".' },
    ]);
    expect(errors("name: a\ncommand: run\nenvironment:\n  conda_file: /etc/conda.yml\n")).toEqual([
      {
        line: 4,
        message:
          'The conda file "/etc/conda.yml" is an absolute path: give a path relative to the YAML\'s folder, such as ./src.',
      },
    ]);
  });

  it("refuses code folders outside the YAML's folder", () => {
    expect(errors(component("code: /home/me/src"))).toEqual([
      {
        line: 6,
        message:
          'The code folder "/home/me/src" is an absolute path: give a path relative to the YAML\'s folder, such as ./src.',
      },
    ]);
    expect(errors(component("code: ../shared/src"))).toEqual([
      {
        line: 6,
        message:
          'The code folder "../shared/src" climbs above the YAML\'s folder (..): only files inside the uploaded folder can be used.',
      },
    ]);
    expect(errors(component("code:", "  local_path: ./src/../../x"))).toEqual([
      {
        line: 7,
        message:
          'The code folder "./src/../../x" climbs above the YAML\'s folder (..): only files inside the uploaded folder can be used.',
      },
    ]);
    expect(errors(component("code: 'C:\\src'"))[0].message).toContain("is an absolute path");
    expect(errors(component("code: azureml:code:1"))[0].message).toBe(
      'The code folder "azureml:code:1" is not a local path: give a folder beside the YAML, such as ./src.',
    );
    expect(errors(component("code: https://github.com/x/y"))[0].message).toContain("is not a local path");
    expect(errors(component("code:", "  path: ./src"))).toEqual([
      { line: 6, message: 'The code mapping needs "local_path:" (the code folder, such as ./src).' },
    ]);
  });

  it("refuses bad tags and is_deterministic", () => {
    expect(errors(component("tags:", "  'a b': x"))).toEqual([
      { line: 7, message: 'Tag "a b": Tag names may only hold letters, digits and _ . - : / (1 to 128 characters).' },
    ]);
    expect(errors(component("tags:", "  a: [x]"))).toEqual([{ line: 7, message: 'Tag "a" must have a text value.' }]);
    expect(errors(component("is_deterministic: sometimes"))).toEqual([
      { line: 6, message: "is_deterministic must be true or false." },
    ]);
  });

  it("collects every error of a file, in line order", () => {
    const found = errors(
      [
        "name: bad name",
        "version: 1.2.3",
        "inputs:",
        "  x: {type: float}",
        "command: run ${{inputs.y}}",
        "code: ../up",
      ].join("\n"),
    );
    expect(found.map((e) => e.line)).toEqual([1, 2, 4, 5, 6]);
  });
});
