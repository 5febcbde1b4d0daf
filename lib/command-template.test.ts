import { describe, expect, it } from "vitest";
import {
  firstProgram,
  ioVariable,
  placeholdersIn,
  renderCommand,
  shellQuote,
  splitOptionalParts,
} from "@/lib/command-template";
import { commandPlaceholders, submitCommandJobSchema } from "@/lib/schemas/jobs";
import { execFileSync } from "node:child_process";

describe("renderCommand", () => {
  it("replaces inputs and outputs with quoted values", () => {
    expect(
      renderCommand(
        "python train.py --data ${{inputs.data}} --lr ${{ inputs.lr }} --out ${{outputs.model}}",
        { data: "/w/in/data.csv", lr: "0.1" },
        { model: "/w/out/model" },
      ),
    ).toBe("python train.py --data '/w/in/data.csv' --lr '0.1' --out '/w/out/model'");
  });

  it("keeps hostile values one inert argument when bash runs them", () => {
    const hostile = `a b'; echo pwned; '$(id)`;
    const command = renderCommand("printf '%s|' ${{inputs.x}}", { x: hostile }, {});
    expect(execFileSync("bash", ["-c", command], { encoding: "utf8" })).toBe(`${hostile}|`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it("refuses a placeholder with no value", () => {
    expect(() => renderCommand("run ${{outputs.missing}}", {}, {})).toThrow(/No output named "missing"/);
  });
});

describe("renderCommand with optional parts", () => {
  const command =
    "python train.py --data ${{inputs.data}} $[[--lr ${{inputs.lr}}]] $[[ --seed ${{inputs.seed}} --log ${{outputs.log}} ]] --out ${{outputs.model}}";
  const outputs = { model: "/w/out/model", log: "/w/out/log" };

  it("keeps an optional part, without its brackets, when every input in it has a value", () => {
    expect(renderCommand(command, { data: "d.csv", lr: "0.1", seed: "7" }, outputs)).toBe(
      "python train.py --data 'd.csv' --lr '0.1'  --seed '7' --log '/w/out/log'  --out '/w/out/model'",
    );
  });

  it("drops an optional part when one of its inputs has no value", () => {
    expect(renderCommand(command, { data: "d.csv", lr: "0.1" }, outputs)).toBe(
      "python train.py --data 'd.csv' --lr '0.1'  --out '/w/out/model'",
    );
    expect(renderCommand(command, { data: "d.csv" }, outputs)).toBe(
      "python train.py --data 'd.csv'   --out '/w/out/model'",
    );
  });

  it("keeps an empty string as a value (only a missing input drops its part)", () => {
    expect(renderCommand("run $[[--tag ${{inputs.tag}}]]", { tag: "" }, {})).toBe("run --tag ''");
  });

  it("refuses an input with no value outside an optional part, naming it", () => {
    expect(() => renderCommand(command, { lr: "0.1" }, outputs)).toThrow('No input named "data" (${{inputs.data}}).');
  });

  it("quotes values inside optional parts so that bash runs nothing from them", () => {
    const hostile = `x'; touch pwned; '$(id)`;
    const rendered = renderCommand("printf '%s|' $[[ ${{inputs.x}} ]]", { x: hostile }, {});
    expect(execFileSync("bash", ["-c", rendered], { encoding: "utf8" })).toBe(`${hostile}|`);
  });

  it("does not take an inherited property for a value", () => {
    expect(renderCommand("run $[[--c ${{inputs.constructor}}]]", {}, {})).toBe("run ");
    expect(() => renderCommand("run ${{inputs.toString}}", {}, {})).toThrow('No input named "toString"');
  });

  it("refuses unclosed and nested optional parts", () => {
    expect(() => renderCommand("run $[[--lr ${{inputs.lr}}", { lr: "1" }, {})).toThrow(
      "opens with $[[ but never closes with ]]",
    );
    expect(() => renderCommand("run $[[ a $[[ b ]] ]]", {}, {})).toThrow("optional parts cannot be nested");
  });

  it("leaves bash's own [[ … ]] alone", () => {
    expect(renderCommand("[[ -f ${{inputs.f}} ]] && cat ${{inputs.f}}", { f: "a b" }, {})).toBe(
      "[[ -f 'a b' ]] && cat 'a b'",
    );
  });
});

describe("splitOptionalParts and placeholdersIn", () => {
  it("splits a command into plain and optional parts", () => {
    expect(splitOptionalParts("a $[[b ${{inputs.x}}]] c $[[d]]")).toEqual({
      ok: true,
      parts: [
        { optional: false, text: "a " },
        { optional: true, text: "b ${{inputs.x}}" },
        { optional: false, text: " c " },
        { optional: true, text: "d" },
      ],
    });
    expect(splitOptionalParts("")).toEqual({ ok: true, parts: [] });
  });

  it("lists placeholders in order", () => {
    expect(placeholdersIn("${{ inputs.a }} ${{outputs.b}} ${{parent.inputs.c}}")).toEqual([
      { kind: "inputs", name: "a" },
      { kind: "outputs", name: "b" },
    ]);
  });
});

describe("firstProgram", () => {
  it("finds the program past variable assignments", () => {
    expect(firstProgram("python3 train.py --epochs 3")).toBe("python3");
    expect(firstProgram("  LR=0.1 SEED=2 ./run.sh x")).toBe("./run.sh");
    expect(firstProgram("nosuchtool && echo")).toBe("nosuchtool");
  });
});

describe("ioVariable", () => {
  it("names variables after inputs and outputs", () => {
    expect(ioVariable("input", "train_data")).toBe("STUDIO_INPUT_TRAIN_DATA");
    expect(ioVariable("output", "model")).toBe("STUDIO_OUTPUT_MODEL");
  });
});

describe("submitCommandJobSchema", () => {
  it("lists placeholders in order", () => {
    expect(commandPlaceholders("a ${{inputs.x}} ${{outputs.y}}")).toEqual([
      { kind: "inputs", name: "x" },
      { kind: "outputs", name: "y" },
    ]);
  });

  it("refuses placeholders that name no declared input or output", () => {
    const result = submitCommandJobSchema.safeParse({
      command: "python t.py ${{inputs.data}} ${{outputs.model}}",
      outputs: [],
    });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message);
    expect(messages).toContain('The command uses ${{inputs.data}}, but the job has no input "data".');
    expect(messages).toContain('The command uses ${{outputs.model}}, but the job has no output "model".');
  });

  it("refuses a malformed optional part", () => {
    const result = submitCommandJobSchema.safeParse({
      command: "python t.py $[[--lr ${{inputs.lr}}",
      inputs: { lr: { type: "literal", value: 1 } },
    });
    expect(result.error?.issues[0].message).toMatch(/never closes with \]\]/);
  });

  it("refuses duplicate outputs, names used twice, other computes and empty commands", () => {
    expect(submitCommandJobSchema.safeParse({ command: "x", outputs: ["a", "a"] }).error?.issues[0].message).toBe(
      "Output names must be unique.",
    );
    expect(
      submitCommandJobSchema.safeParse({ command: "x", inputs: { a: { type: "literal", value: 1 } }, outputs: ["a"] })
        .error?.issues[0].message,
    ).toBe('"a" is both an input and an output.');
    expect(submitCommandJobSchema.safeParse({ command: "x", compute: "gpu-cluster" }).success).toBe(false);
    expect(submitCommandJobSchema.safeParse({ command: "   " }).error?.issues[0].message).toBe(
      "A command is required.",
    );
    expect(submitCommandJobSchema.safeParse({ command: "x", outputs: ["bad-name"] }).success).toBe(false);
  });

  it("accepts a full job", () => {
    const job = submitCommandJobSchema.parse({
      command: "python train.py --data ${{inputs.data}} --epochs ${{inputs.epochs}} --out ${{outputs.model}}",
      inputs: { data: { type: "data", asset: "iris:1" }, epochs: { type: "literal", value: 20 } },
      outputs: ["model"],
      environment: "sklearn-env@latest",
      experiment: "iris",
    });
    expect(job.compute).toBe("local");
    expect(job.tags).toEqual({});
  });
});
