import { describe, expect, it } from "vitest";
import { validateGraph } from "@/lib/pipeline/validate";
import { chain, component, graphOf, input, output, step } from "@/lib/pipeline/test-support";
import type { InputBinding, LiteralValue, PipelineGraph, ValidationIssue } from "@/lib/pipeline/types";

const LOOP = component(
  "loop",
  [
    { name: "in", type: "uri_folder" },
    { name: "back", type: "uri_folder", optional: true },
  ],
  [{ name: "out", type: "uri_folder" }],
);
const TRAIN = component(
  "train",
  [
    { name: "data", type: "uri_folder" },
    { name: "epochs", type: "integer", min: 1, max: 100 },
    { name: "lr", type: "number", default: 0.1 },
    { name: "mode", type: "string", enum: ["fast", "full"], optional: true },
    { name: "shuffle", type: "boolean", optional: true },
    { name: "notes", type: "string" },
  ],
  [
    { name: "model", type: "mlflow_model" },
    { name: "report", type: "uri_file" },
  ],
);

function codes(g: PipelineGraph): string[] {
  return validateGraph(g).map((i) => i.code);
}

/** A train step with every required input given. */
function trained(extra: Record<string, InputBinding> = {}) {
  return step("train", TRAIN, {
    data: { kind: "data", ref: "iris:1" },
    epochs: { kind: "literal", value: 10 },
    notes: { kind: "literal", value: "" },
    ...extra,
  });
}

describe("validateGraph", () => {
  it("finds nothing wrong with a complete pipeline", () => {
    const g = graphOf(
      [
        input("raw", "uri_folder", { defaultData: "iris:1" }),
        input("epochs", "integer", { default: 5 }),
        step("prep", LOOP),
        step("train", TRAIN, { notes: { kind: "literal", value: "run 1" } }),
        output("model", "mlflow_model"),
      ],
      [
        "input:raw.value>prep.in",
        "prep.out>train.data",
        "input:epochs.value>train.epochs",
        "train.model>output:model.value",
      ],
    );
    expect(validateGraph(g)).toEqual([]);
  });

  it("says an empty pipeline has no steps", () => {
    expect(validateGraph(graphOf([]))).toEqual([
      {
        code: "empty_pipeline",
        message: "The pipeline has no steps: drag a component from the palette onto the canvas.",
      },
    ]);
    expect(codes(graphOf([input("x", "string")]))).toEqual(["empty_pipeline"]);
  });

  describe("cycles", () => {
    it("names a step that feeds itself", () => {
      const issues = validateGraph(graphOf([step("a", LOOP, { in: { kind: "data", ref: "x:1" } })], ["a>a.back"]));
      expect(issues).toEqual([
        {
          code: "cycle",
          message: 'Step "a" feeds its own input, so it would wait for itself forever.',
          nodeId: "a",
          edgeId: "e:a.out->a.back",
        },
      ]);
    });

    it.each([
      [2, ["a", "b"]],
      [3, ["a", "b", "c"]],
      [7, ["a", "b", "c", "d", "e", "f", "g"]],
    ])("names the %i steps of a cycle in running order", (_, ids) => {
      const last = ids[ids.length - 1];
      const g = graphOf(
        ids.map((id) => step(id, LOOP, id === "a" ? { in: { kind: "data", ref: "raw:1" } } : {})),
        [...ids.slice(1).map((id, i) => `${ids[i]}>${id}`), `${last}>a.back`],
      );
      expect(validateGraph(g)).toEqual([
        {
          code: "cycle",
          message: `Steps ${[...ids, "a"].join(" → ")} form a cycle: each waits for the one before it, so none of them can run.`,
          nodeId: "a",
          edgeId: `e:${last}.out->a.back`,
        },
      ]);
    });

    it("reports each separate cycle once, and not the steps that only wait behind one", () => {
      const g = graphOf(
        ["a", "b", "c", "d", "after"].map((id) => step(id, LOOP, { in: { kind: "data", ref: "x:1" } })),
        ["a>b.back", "b>a.back", "c>d.back", "d>c.back", "b>after.back"],
      );
      const cycles = validateGraph(g).filter((i) => i.code === "cycle");
      expect(cycles.map((c) => c.message)).toEqual([
        "Steps a → b → a form a cycle: each waits for the one before it, so none of them can run.",
        "Steps c → d → c form a cycle: each waits for the one before it, so none of them can run.",
      ]);
    });

    it("names one loop through a knot of cycles, the shortest from its first step", () => {
      // a → b → c → a and a → c → a: two loops through a; the shorter one is named.
      const g = graphOf(
        ["a", "b", "c"].map((id) =>
          step(
            id,
            component(
              "k",
              [
                { name: "x", type: "path", optional: true },
                { name: "y", type: "path", optional: true },
              ],
              [{ name: "out", type: "path" }],
            ),
          ),
        ),
        ["a.out>b.x", "b.out>c.x", "a.out>c.y", "c.out>a.x"],
      );
      expect(validateGraph(g)).toEqual([
        {
          code: "cycle",
          message: "Steps a → c → a form a cycle: each waits for the one before it, so none of them can run.",
          nodeId: "a",
          edgeId: "e:c.out->a.x",
        },
      ]);
    });

    it("accepts diamonds and several roots", () => {
      const JOIN = component(
        "join",
        [
          { name: "l", type: "uri_folder" },
          { name: "r", type: "uri_folder" },
        ],
        [{ name: "out", type: "uri_folder" }],
      );
      const g = graphOf(
        [
          step("r1", LOOP, { in: { kind: "data", ref: "x:1" } }),
          step("r2", LOOP, { in: { kind: "data", ref: "y:1" } }),
          step("l", LOOP),
          step("r", LOOP),
          step("join", JOIN),
        ],
        ["r1>l", "r1>r", "l>join.l", "r>join.r", "r2>r.back"],
      );
      expect(validateGraph(g)).toEqual([]);
    });
  });

  describe("required inputs", () => {
    it("lists each required input with no edge, binding or default, and not the optional or defaulted ones", () => {
      const issues = validateGraph(graphOf([step("train", TRAIN)]));
      expect(issues).toEqual([
        {
          code: "missing_input",
          message:
            'Step "train" needs its input "data" (uri_folder): connect an output or a pipeline input to it, or choose a data asset.',
          nodeId: "train",
          port: "data",
        },
        {
          code: "missing_input",
          message: 'Step "train" needs its input "epochs" (integer): set a value, or connect a pipeline input to it.',
          nodeId: "train",
          port: "epochs",
        },
        {
          code: "missing_input",
          message: 'Step "train" needs its input "notes" (string): set a value, or connect a pipeline input to it.',
          nodeId: "train",
          port: "notes",
        },
      ]);
    });

    it("counts an edge, a literal or a data asset as a source", () => {
      const g = graphOf(
        [
          input("e", "integer"),
          step("train", TRAIN, { data: { kind: "data", ref: "iris:1" }, notes: { kind: "literal", value: "x" } }),
        ],
        ["input:e.value>train.epochs"],
      );
      expect(validateGraph(g)).toEqual([]);
    });

    it("finds the input a removed step used to feed", () => {
      const g = chain("a", "b", "c");
      expect(
        validateGraph({
          ...g,
          nodes: g.nodes.filter((n) => n.id !== "b"),
          edges: g.edges.filter((e) => e.source !== "b" && e.target !== "b"),
        }),
      ).toEqual([
        {
          code: "missing_input",
          message:
            'Step "c" needs its input "in" (uri_folder): connect an output or a pipeline input to it, or choose a data asset.',
          nodeId: "c",
          port: "in",
        },
      ]);
    });
  });

  describe("edges", () => {
    it("finds edges whose types do not fit (from YAML or an old draft)", () => {
      const g = graphOf(
        [trained(), step("next", LOOP), input("lr", "string")],
        ["train.report>next.in", "input:lr.value>train.lr"],
      );
      g.nodes[0] = trained({ data: { kind: "data", ref: "iris:1" } });
      expect(validateGraph(g)).toEqual([
        {
          code: "type_mismatch",
          message:
            'The connection from pipeline input "lr" to train.lr does not fit. A string output cannot feed a number input: a number is expected.',
          nodeId: "train",
          port: "lr",
          edgeId: "e:input:lr.value->train.lr",
        },
        {
          code: "type_mismatch",
          message:
            "The connection from train.report to next.in does not fit. A uri_file output cannot feed a uri_folder input: a folder is expected.",
          nodeId: "next",
          port: "in",
          edgeId: "e:train.report->next.in",
        },
      ]);
    });

    it("finds edges to or from nodes and ports that do not exist", () => {
      const g = graphOf(
        [step("a", LOOP, { in: { kind: "data", ref: "x:1" } }), step("b", LOOP), input("p", "uri_folder"), output("o")],
        [
          "ghost.out>b.in",
          "a.nope>b.back",
          "a.out>b.nope",
          "b.out>input:p.value",
          "output:o.value>b.back",
          "a.out>phantom.in",
          "a.out>output:o.value",
        ],
      );
      expect(validateGraph(g)).toEqual([
        {
          code: "unknown_node",
          message: 'The connection from a.out to phantom.in names a node "phantom" that is not in the pipeline.',
          nodeId: "a",
          edgeId: "e:a.out->phantom.in",
        },
        {
          code: "unknown_node",
          message: 'The connection from ghost.out to b.in names a node "ghost" that is not in the pipeline.',
          nodeId: "b",
          port: "in",
          edgeId: "e:ghost.out->b.in",
        },
        {
          code: "missing_input",
          message:
            'Step "b" needs its input "in" (uri_folder): connect an output or a pipeline input to it, or choose a data asset.',
          nodeId: "b",
          port: "in",
        },
        {
          code: "unknown_port",
          message: 'The connection into b.back comes from nowhere: step "a" has no output "nope".',
          nodeId: "b",
          port: "back",
          edgeId: "e:a.nope->b.back",
        },
        {
          code: "unknown_port",
          message: 'The connection into b.back comes from nowhere: pipeline output "o" has no output to connect from.',
          nodeId: "b",
          port: "back",
          edgeId: "e:output:o.value->b.back",
        },
        {
          code: "unknown_port",
          message: 'The connection from a.out leads nowhere: step "b" has no input "nope".',
          nodeId: "b",
          port: "nope",
          edgeId: "e:a.out->b.nope",
        },
        {
          code: "unknown_port",
          message: 'The connection from b.out leads nowhere: pipeline input "p" takes no connection.',
          nodeId: "input:p",
          port: "value",
          edgeId: "e:b.out->input:p.value",
        },
      ]);
    });

    it("finds an input fed twice, naming both sources", () => {
      const g = graphOf(
        [
          step("a", LOOP, { in: { kind: "data", ref: "x:1" } }),
          step("b", LOOP, { in: { kind: "data", ref: "x:1" } }),
          step("c", LOOP),
        ],
        ["a>c", "b>c"],
      );
      expect(validateGraph(g)).toEqual([
        {
          code: "input_fed_twice",
          message:
            'Input "in" of step "c" has 2 sources (a.out, b.out), and an input takes one: remove all but one connection.',
          nodeId: "c",
          port: "in",
          edgeId: "e:b.out->c.in",
        },
      ]);
    });

    it("finds a pipeline output fed twice", () => {
      const g = graphOf(
        [
          step("a", LOOP, { in: { kind: "data", ref: "x:1" } }),
          step("b", LOOP, { in: { kind: "data", ref: "x:1" } }),
          output("o"),
        ],
        ["a>output:o.value", "b>output:o.value"],
      );
      expect(validateGraph(g)).toEqual([
        {
          code: "input_fed_twice",
          message:
            'Pipeline output "o" has 2 sources (a.out, b.out), and an input takes one: remove all but one connection.',
          nodeId: "output:o",
          port: "value",
          edgeId: "e:b.out->output:o.value",
        },
      ]);
    });

    it("finds an input both connected and bound", () => {
      const g = graphOf(
        [step("a", LOOP, { in: { kind: "data", ref: "x:1" } }), step("b", LOOP, { in: { kind: "data", ref: "y:1" } })],
        ["a>b"],
      );
      expect(validateGraph(g)).toEqual([
        {
          code: "input_fed_twice",
          message: 'Input "in" of step "b" is connected and also has a data asset set: keep one of them.',
          nodeId: "b",
          port: "in",
        },
      ]);
    });
  });

  describe("literals and bindings", () => {
    it.each<[string, LiteralValue, string]>([
      ["epochs", "3.5", 'Input "epochs" of step "train": "3.5" is not a whole number.'],
      ["epochs", 0, 'Input "epochs" of step "train": 0 is below the minimum, 1.'],
      ["epochs", 101, 'Input "epochs" of step "train": 101 is above the maximum, 100.'],
      ["lr", "fast", 'Input "lr" of step "train": "fast" is not a number.'],
      ["shuffle", "maybe", 'Input "shuffle" of step "train": "maybe" is not true or false.'],
      ["mode", "slow", 'Input "mode" of step "train": "slow" is not one of the allowed values: fast, full.'],
    ])("refuses %s = %j", (name, value, message) => {
      expect(validateGraph(graphOf([trained({ [name]: { kind: "literal", value } })]))).toEqual([
        { code: "bad_literal", message, nodeId: "train", port: name },
      ]);
    });

    it.each<[string, LiteralValue]>([
      ["epochs", "3"],
      ["epochs", 100],
      ["lr", "1e-4"],
      ["shuffle", "False"],
      ["mode", "full"],
      ["notes", 12],
    ])("accepts %s = %j", (name, value) => {
      expect(validateGraph(graphOf([trained({ [name]: { kind: "literal", value } })]))).toEqual([]);
    });

    it("refuses data assets on value inputs, literals on data inputs, malformed references, unknown inputs", () => {
      const g = graphOf([
        trained({
          data: { kind: "literal", value: "./iris" },
          epochs: { kind: "data", ref: "iris:1" },
          ghost: { kind: "literal", value: 1 },
        }),
        step("b", LOOP, { in: { kind: "data", ref: "iris:latest" } }),
      ]);
      expect(validateGraph(g)).toEqual([
        {
          code: "bad_binding",
          message:
            'Input "data" of step "train" takes uri_folder data, not a literal value: choose a data asset or connect an output.',
          nodeId: "train",
          port: "data",
        },
        {
          code: "bad_binding",
          message: 'Input "epochs" of step "train" takes an integer value, not a data asset.',
          nodeId: "train",
          port: "epochs",
        },
        {
          code: "bad_binding",
          message: 'Step "train" sets an input "ghost" that its component train:1 does not have.',
          nodeId: "train",
          port: "ghost",
        },
        {
          code: "bad_binding",
          message: 'Input "in" of step "b": "latest" is not a version number in "iris:latest".',
          nodeId: "b",
          port: "in",
        },
      ]);
    });

    it("checks pipeline input defaults against their type", () => {
      const g = graphOf([
        trained(),
        input("n", "integer", { default: "ten" }),
        input("d", "uri_folder", { default: "x", defaultData: "bad ref:1" }),
        input("s", "string", { defaultData: "iris:1" }),
      ]);
      expect(validateGraph(g)).toEqual([
        {
          code: "bad_literal",
          message: 'Default of pipeline input "n": "ten" is not a whole number.',
          nodeId: "input:n",
        },
        {
          code: "bad_literal",
          message:
            'Default of pipeline input "d": a uri_folder input takes a data asset as its default, not a literal value.',
          nodeId: "input:d",
        },
        {
          code: "bad_binding",
          message: expect.stringMatching(/^Default of pipeline input "d": "bad ref" is not an asset name/),
          nodeId: "input:d",
        },
        {
          code: "bad_binding",
          message: 'Default of pipeline input "s": a string input takes a literal default, not a data asset.',
          nodeId: "input:s",
        },
      ]);
    });
  });

  describe("names and outputs", () => {
    it("finds duplicate step ids and duplicate pipeline input or output names", () => {
      const g = graphOf(
        [
          trained(),
          trained(),
          input("x", "string"),
          { ...input("x", "string"), id: "input:x2" },
          output("o"),
          { ...output("o"), id: "output:o2" },
          output("x"),
        ],
        ["train.model>output:o.value", "train.model>output:o2.value", "train.model>output:x.value"],
      );
      expect(validateGraph(g)).toEqual([
        { code: "duplicate_name", message: 'Two steps are named "train": step names must be unique.', nodeId: "train" },
        { code: "duplicate_name", message: 'Two pipeline inputs are named "x".', nodeId: "input:x2" },
        { code: "duplicate_name", message: 'Two pipeline outputs are named "o".', nodeId: "output:o2" },
      ]);
    });

    it("finds names the YAML cannot carry", () => {
      const g = graphOf([
        { ...trained(), id: "train model" },
        { ...input("x", "string"), name: "1x" },
      ]);
      expect(codes(g)).toEqual(["bad_name", "bad_name"]);
      expect(validateGraph(g)[0]).toEqual({
        code: "bad_name",
        message: `"train model" cannot name a step: use letters, digits, '_' and '-', at most 255 characters.`,
        nodeId: "train model",
      });
    });

    it("finds pipeline outputs that nothing feeds", () => {
      expect(validateGraph(graphOf([trained(), output("model", "mlflow_model")]))).toEqual([
        {
          code: "unbound_output",
          message: 'Pipeline output "model" is not connected: connect the step output it should publish, or remove it.',
          nodeId: "output:model",
          port: "value",
        },
      ]);
    });
  });

  it("lists issues by node order, then port order, whatever the order they are found in", () => {
    const g = graphOf(
      [step("z", TRAIN, { epochs: { kind: "literal", value: "x" } }), step("a", LOOP), output("o")],
      ["a.out>z.notes"],
    );
    const issues: ValidationIssue[] = validateGraph(g);
    expect(issues.map((i) => [i.nodeId, i.port, i.code])).toEqual([
      ["z", "data", "missing_input"],
      ["z", "epochs", "bad_literal"],
      ["z", "notes", "type_mismatch"],
      ["a", "in", "missing_input"],
      ["output:o", "value", "unbound_output"],
    ]);
  });
});

describe("validateGraph on deep graphs", () => {
  it("handles a chain of 20,000 steps without overflowing the stack, and shortens the cycle it names", () => {
    const ids = Array.from({ length: 20000 }, (_, i) => `s${i}`);
    const g = chain(...ids);
    expect(validateGraph(g)).toEqual([]);
    const looped: PipelineGraph = {
      ...g,
      edges: [...g.edges, { id: "back", source: "s19999", sourcePort: "out", target: "s0", targetPort: "back" }],
    };
    looped.nodes[0] = step("s0", LOOP, { in: { kind: "data", ref: "raw:1" } });
    expect(validateGraph(looped)).toEqual([
      {
        code: "cycle",
        message:
          "Steps s0 → s1 → s2 → s3 → s4 → … (19992 more) → s19997 → s19998 → s19999 → s0 form a cycle: each waits for the one before it, so none of them can run.",
        nodeId: "s0",
        edgeId: "back",
      },
    ]);
  });
});
