import { describe, expect, it } from "vitest";
import {
  addNode,
  connect,
  disconnect,
  edgeId,
  moveNodes,
  removeNodes,
  renameStep,
  setBinding,
  updateInputNode,
  updateOutputNode,
  updateStep,
  type EditResult,
} from "@/lib/pipeline/graph-edit";
import { chain, component, edge, graphOf, input, output, step } from "@/lib/pipeline/test-support";
import type { PipelineGraph } from "@/lib/pipeline/types";

const PREP = component(
  "prep",
  [{ name: "raw", type: "uri_file" }],
  [
    { name: "train_data", type: "uri_folder" },
    { name: "report", type: "uri_file" },
  ],
);
const TRAIN = component(
  "train",
  [
    { name: "data", type: "uri_folder" },
    { name: "epochs", type: "integer", min: 1, max: 100 },
    { name: "lr", type: "number", default: 0.1 },
    { name: "mode", type: "string", enum: ["fast", "full"], optional: true },
    { name: "shuffle", type: "boolean", optional: true },
  ],
  [{ name: "model", type: "mlflow_model" }],
);

function ok(result: EditResult): PipelineGraph {
  if (!result.ok) throw new Error(`Expected the edit to pass: ${result.reason}`);
  return result.graph;
}

function reason(result: EditResult): string {
  if (result.ok) throw new Error("Expected the edit to be refused");
  return result.reason;
}

/** A deep copy, to check an edit left its argument exactly as it was. */
function snapshot(graph: PipelineGraph): PipelineGraph {
  return structuredClone(graph);
}

describe("addNode, moveNodes", () => {
  it("adds a node without changing the old graph", () => {
    const g = chain("a");
    const before = snapshot(g);
    const next = addNode(g, step("b"));
    expect(next.nodes.map((n) => n.id)).toEqual(["a", "b"]);
    expect(g).toEqual(before);
  });

  it("throws on an id that is taken (the factories never make one)", () => {
    expect(() => addNode(chain("a"), step("a"))).toThrow(/already has a node "a"/);
  });

  it("moves only the named nodes and keeps the others (and the edges) as they were", () => {
    const g = chain("a", "b", "c");
    const before = snapshot(g);
    const next = moveNodes(g, { b: { x: 10, y: 20 } });
    expect(next.nodes[1].position).toEqual({ x: 10, y: 20 });
    expect(next.nodes[0]).toBe(g.nodes[0]);
    expect(next.nodes[2]).toBe(g.nodes[2]);
    expect(next.edges).toBe(g.edges);
    expect(g).toEqual(before);
    expect(
      moveNodes(
        g,
        new Map([
          ["a", { x: 1, y: 1 }],
          ["zzz", { x: 5, y: 5 }],
        ]),
      ).nodes[0].position,
    ).toEqual({ x: 1, y: 1 });
    expect(moveNodes(g, { a: { x: 0, y: 0 } })).toBe(g);
  });
});

describe("removeNodes, disconnect", () => {
  it("removes the nodes and every edge to or from them", () => {
    const g = graphOf(
      [input("raw", "uri_folder"), step("a"), step("b"), step("c"), output("out")],
      ["input:raw.value>a", "a>b", "b>c", "a>c.in2", "c>output:out.value"],
    );
    const before = snapshot(g);
    const next = removeNodes(g, ["a"]);
    expect(next.nodes.map((n) => n.id)).toEqual(["input:raw", "b", "c", "output:out"]);
    expect(next.edges.map((e) => e.id)).toEqual(["e:b.out->c.in", "e:c.out->output:out.value"]);
    expect(g).toEqual(before);
    const fewer = removeNodes(g, ["input:raw", "output:out"]);
    expect(fewer.edges.map((e) => e.id)).toEqual(["e:a.out->b.in", "e:b.out->c.in", "e:a.out->c.in2"]);
    expect(removeNodes(g, ["nothing"])).toBe(g);
  });

  it("disconnects edges by id and leaves the nodes", () => {
    const g = chain("a", "b", "c");
    const next = disconnect(g, ["e:a.out->b.in"]);
    expect(next.edges.map((e) => e.id)).toEqual(["e:b.out->c.in"]);
    expect(next.nodes).toBe(g.nodes);
    expect(disconnect(g, ["e:nope"])).toBe(g);
  });
});

describe("connect", () => {
  const base = () =>
    graphOf([
      input("raw", "uri_file"),
      input("epochs", "integer"),
      input("lr", "number"),
      step("prep", PREP),
      step("train", TRAIN),
      output("model", "mlflow_model"),
    ]);

  it("draws an edge with a deterministic id, from step to step, input node to step, step to output node", () => {
    let g = base();
    const before = snapshot(g);
    g = ok(connect(g, { source: "input:raw", sourcePort: "value", target: "prep", targetPort: "raw" }));
    g = ok(connect(g, { source: "prep", sourcePort: "train_data", target: "train", targetPort: "data" }));
    g = ok(connect(g, { source: "input:epochs", sourcePort: "value", target: "train", targetPort: "epochs" }));
    g = ok(connect(g, { source: "train", sourcePort: "model", target: "output:model", targetPort: "value" }));
    expect(g.edges.map((e) => e.id)).toEqual([
      "e:input:raw.value->prep.raw",
      "e:prep.train_data->train.data",
      "e:input:epochs.value->train.epochs",
      "e:train.model->output:model.value",
    ]);
    expect(g.edges[1]).toEqual({
      id: "e:prep.train_data->train.data",
      source: "prep",
      sourcePort: "train_data",
      target: "train",
      targetPort: "data",
    });
    expect(base()).toEqual(before);
  });

  it("lets an integer feed a number input", () => {
    const g = ok(connect(base(), { source: "input:epochs", sourcePort: "value", target: "train", targetPort: "lr" }));
    expect(g.edges).toHaveLength(1);
  });

  it("refuses incompatible types with the port-type reason", () => {
    expect(reason(connect(base(), { source: "prep", sourcePort: "report", target: "train", targetPort: "data" }))).toBe(
      "A uri_file output cannot feed a uri_folder input: a folder is expected.",
    );
    expect(
      reason(connect(base(), { source: "input:lr", sourcePort: "value", target: "train", targetPort: "epochs" })),
    ).toMatch(/^A number output cannot feed an integer input/);
    expect(
      reason(connect(base(), { source: "prep", sourcePort: "train_data", target: "train", targetPort: "epochs" })),
    ).toMatch(/is data and cannot feed an integer input/);
    expect(
      reason(connect(base(), { source: "prep", sourcePort: "report", target: "output:model", targetPort: "value" })),
    ).toBe(
      "A uri_file output cannot feed an mlflow_model input: an MLflow model (a folder holding an MLmodel file) is expected.",
    );
  });

  it("refuses a second edge into an input, naming what feeds it", () => {
    const g = ok(
      connect(base(), { source: "input:epochs", sourcePort: "value", target: "train", targetPort: "epochs" }),
    );
    const g2 = graphOf(
      [...g.nodes, step("other", component("other", [], [{ name: "n", type: "uri_folder" }]))],
      g.edges,
    );
    const g3 = ok(connect(g2, { source: "other", sourcePort: "n", target: "train", targetPort: "data" }));
    expect(reason(connect(g3, { source: "prep", sourcePort: "train_data", target: "train", targetPort: "data" }))).toBe(
      "train.data already takes its value from other.n, and an input takes one source. Remove that connection first.",
    );
    const epochsAgain = connect(g3, { source: "input:lr", sourcePort: "value", target: "train", targetPort: "epochs" });
    expect(reason(epochsAgain)).toMatch(/number output cannot feed an integer input/);
    const g4 = graphOf([...g3.nodes, input("epochs2", "integer")], g3.edges);
    expect(
      reason(connect(g4, { source: "input:epochs2", sourcePort: "value", target: "train", targetPort: "epochs" })),
    ).toBe(
      'train.epochs already takes its value from pipeline input "epochs", and an input takes one source. Remove that connection first.',
    );
  });

  it("accepts drawing the same edge again and changes nothing", () => {
    const g = chain("a", "b");
    const again = connect(g, { source: "a", sourcePort: "out", target: "b", targetPort: "in" });
    expect(again).toEqual({ ok: true, graph: g });
  });

  it("refuses a node to itself", () => {
    expect(reason(connect(chain("a"), { source: "a", sourcePort: "out", target: "a", targetPort: "in" }))).toBe(
      "A step cannot feed its own input: a would wait for itself.",
    );
  });

  it.each([
    [2, ["a", "b"]],
    [3, ["a", "b", "c"]],
    [6, ["a", "b", "c", "d", "e", "f"]],
  ])("refuses an edge that would close a cycle of %i steps, naming them", (_, ids) => {
    const LOOP = component(
      "loop",
      [
        { name: "in", type: "uri_folder" },
        { name: "back", type: "uri_folder", optional: true },
      ],
      [{ name: "out", type: "uri_folder" }],
    );
    const g = graphOf(
      ids.map((id) => step(id, LOOP)),
      ids.slice(1).map((id, i) => `${ids[i]}>${id}`),
    );
    const last = ids[ids.length - 1];
    expect(reason(connect(g, { source: last, sourcePort: "out", target: "a", targetPort: "back" }))).toBe(
      `Connecting ${last}.out to a.back would close a cycle: ${[...ids, "a"].join(" → ")}.`,
    );
  });

  it("allows a diamond: two paths that meet are not a cycle", () => {
    const JOIN = component(
      "join",
      [
        { name: "left", type: "uri_folder" },
        { name: "right", type: "uri_folder" },
      ],
      [{ name: "out", type: "uri_folder" }],
    );
    let g = graphOf([step("top"), step("l"), step("r"), step("join", JOIN)], ["top>l", "top>r", "l>join.left"]);
    g = ok(connect(g, { source: "r", sourcePort: "out", target: "join", targetPort: "right" }));
    expect(g.edges).toHaveLength(4);
  });

  it("refuses unknown nodes and ports, and connections in the wrong direction", () => {
    const g = base();
    expect(reason(connect(g, { source: "nope", sourcePort: "x", target: "train", targetPort: "data" }))).toBe(
      'There is no node "nope" to connect from.',
    );
    expect(reason(connect(g, { source: "prep", sourcePort: "train_data", target: "nope", targetPort: "x" }))).toBe(
      'There is no node "nope" to connect to.',
    );
    expect(reason(connect(g, { source: "prep", sourcePort: "nope", target: "train", targetPort: "data" }))).toBe(
      'Step "prep" has no output "nope".',
    );
    expect(reason(connect(g, { source: "prep", sourcePort: "train_data", target: "train", targetPort: "nope" }))).toBe(
      'Step "train" has no input "nope".',
    );
    expect(reason(connect(g, { source: "prep", sourcePort: "train_data", target: "train", targetPort: "model" }))).toBe(
      'Step "train" has no input "model".',
    );
    expect(reason(connect(g, { source: "train", sourcePort: "model", target: "input:raw", targetPort: "value" }))).toBe(
      'Pipeline input "raw" takes no connection: it is given when the pipeline is submitted.',
    );
    expect(
      reason(connect(g, { source: "output:model", sourcePort: "value", target: "train", targetPort: "data" })),
    ).toBe('Pipeline output "model" has no output to connect from: it receives a step\'s output.');
  });

  it("drops the literal or data binding of the input it now feeds, and only that one", () => {
    const g = graphOf([
      input("epochs", "integer"),
      step("train", TRAIN, { epochs: { kind: "literal", value: 3 }, data: { kind: "data", ref: "iris:1" } }),
    ]);
    const next = ok(connect(g, { source: "input:epochs", sourcePort: "value", target: "train", targetPort: "epochs" }));
    expect(next.nodes[1]).toMatchObject({ bindings: { data: { kind: "data", ref: "iris:1" } } });
    expect("epochs" in (next.nodes[1] as { bindings: object }).bindings).toBe(false);
    expect(g.nodes[1]).toMatchObject({ bindings: { epochs: { kind: "literal", value: 3 } } });
  });
});

describe("setBinding", () => {
  const g = () => graphOf([input("epochs", "integer"), step("train", TRAIN)], ["input:epochs.value>train.epochs"]);

  it("stores literals typed, after checking them against the input", () => {
    const next = ok(setBinding(graphOf([step("train", TRAIN)]), "train", "lr", { kind: "literal", value: "0.5" }));
    expect(next.nodes[0]).toMatchObject({ bindings: { lr: { kind: "literal", value: 0.5 } } });
    expect(reason(setBinding(next, "train", "epochs", { kind: "literal", value: "3.5" }))).toBe(
      'Input "epochs": "3.5" is not a whole number.',
    );
    expect(reason(setBinding(next, "train", "epochs", { kind: "literal", value: 500 }))).toBe(
      'Input "epochs": 500 is above the maximum, 100.',
    );
    expect(reason(setBinding(next, "train", "mode", { kind: "literal", value: "slow" }))).toBe(
      'Input "mode": "slow" is not one of the allowed values: fast, full.',
    );
    expect(reason(setBinding(next, "train", "shuffle", { kind: "literal", value: "maybe" }))).toBe(
      'Input "shuffle": "maybe" is not true or false.',
    );
    expect(ok(setBinding(next, "train", "shuffle", { kind: "literal", value: "true" })).nodes[0]).toMatchObject({
      bindings: { shuffle: { kind: "literal", value: true } },
    });
  });

  it("takes data assets for data inputs only, and literals for value inputs only", () => {
    const s = graphOf([step("train", TRAIN)]);
    expect(ok(setBinding(s, "train", "data", { kind: "data", ref: " iris:2 " })).nodes[0]).toMatchObject({
      bindings: { data: { kind: "data", ref: "iris:2" } },
    });
    expect(reason(setBinding(s, "train", "data", { kind: "literal", value: "./data" }))).toBe(
      'Input "data" takes uri_folder data: choose a data asset or connect an output, not a literal value.',
    );
    expect(reason(setBinding(s, "train", "epochs", { kind: "data", ref: "iris:2" }))).toBe(
      'Input "epochs" takes an integer value, not a data asset.',
    );
    expect(reason(setBinding(s, "train", "data", { kind: "data", ref: "iris:v2" }))).toBe(
      '"v2" is not a version number in "iris:v2".',
    );
  });

  it("replaces the edge that fed the input", () => {
    const next = ok(setBinding(g(), "train", "epochs", { kind: "literal", value: 7 }));
    expect(next.edges).toEqual([]);
    expect(next.nodes[1]).toMatchObject({ bindings: { epochs: { kind: "literal", value: 7 } } });
  });

  it("clears a binding with null, and refuses unknown nodes, inputs and non-steps", () => {
    const bound = ok(setBinding(graphOf([step("train", TRAIN)]), "train", "epochs", { kind: "literal", value: 7 }));
    const cleared = ok(setBinding(bound, "train", "epochs", null));
    expect(cleared.nodes[0]).toMatchObject({ bindings: {} });
    expect(ok(setBinding(cleared, "train", "epochs", null))).toBe(cleared);
    expect(reason(setBinding(bound, "nope", "epochs", null))).toBe('There is no node "nope".');
    expect(reason(setBinding(bound, "train", "nope", null))).toBe('Step "train" has no input "nope".');
    expect(reason(setBinding(g(), "input:epochs", "value", null))).toBe(
      'Only steps have input values; pipeline input "epochs" has none.',
    );
  });
});

describe("renameStep, updateStep", () => {
  it("renames a step and the edges to and from it", () => {
    const g = chain("a", "b", "c");
    const next = ok(renameStep(g, "b", "middle"));
    expect(next.nodes.map((n) => n.id)).toEqual(["a", "middle", "c"]);
    expect(next.edges).toEqual([edge("a>middle"), edge("middle>c")]);
    expect(next.edges[0].id).toBe(edgeId({ source: "a", sourcePort: "out", target: "middle", targetPort: "in" }));
    expect(g.nodes[1].id).toBe("b");
  });

  it("refuses a taken name, a name the YAML cannot carry, and unknown steps", () => {
    const g = graphOf([step("a"), step("b"), input("x", "string")]);
    expect(reason(renameStep(g, "a", "b"))).toBe('Another node is already named "b".');
    expect(reason(renameStep(g, "a", "input:x"))).toMatch(/cannot name a step/);
    expect(reason(renameStep(g, "a", "has space"))).toBe(
      `"has space" cannot name a step: use letters, digits, '_' and '-', at most 255 characters.`,
    );
    expect(reason(renameStep(g, "input:x", "y"))).toBe('There is no step "input:x".');
    expect(ok(renameStep(g, "a", "a"))).toBe(g);
  });

  it("sets and clears a display name", () => {
    const g = graphOf([step("a")]);
    const named = ok(updateStep(g, "a", { displayName: "  Clean data " }));
    expect(named.nodes[0]).toMatchObject({ displayName: "Clean data" });
    expect("displayName" in ok(updateStep(named, "a", { displayName: "" })).nodes[0]).toBe(false);
  });
});

describe("updateInputNode, updateOutputNode", () => {
  it("renames, refusing a name another pipeline input has, but not one an output has", () => {
    const g = graphOf([input("lr", "number"), input("epochs", "integer"), output("model")]);
    expect(reason(updateInputNode(g, "input:lr", { name: "epochs" }))).toBe(
      'Another pipeline input is named "epochs".',
    );
    expect(reason(updateInputNode(g, "input:lr", { name: "learning rate" }))).toBe(
      `"learning rate" cannot name a pipeline input: use letters, digits and '_', not starting with a digit, at most 255 characters.`,
    );
    expect(ok(updateInputNode(g, "input:lr", { name: "model" })).nodes[0]).toMatchObject({
      id: "input:lr",
      name: "model",
    });
    expect(reason(updateOutputNode(graphOf([output("a"), output("b")]), "output:a", { name: "b" }))).toBe(
      'Another pipeline output is named "b".',
    );
  });

  it("checks and types defaults, and clears them with null", () => {
    const g = graphOf([input("epochs", "integer")]);
    expect(ok(updateInputNode(g, "input:epochs", { default: "12" })).nodes[0]).toMatchObject({ default: 12 });
    expect(reason(updateInputNode(g, "input:epochs", { default: "3.5" }))).toBe(
      'Default of "epochs": "3.5" is not a whole number.',
    );
    const withDefault = ok(
      updateInputNode(g, "input:epochs", { default: 12, optional: true, description: "How long" }),
    );
    expect(withDefault.nodes[0]).toMatchObject({ default: 12, optional: true, description: "How long" });
    expect("default" in ok(updateInputNode(withDefault, "input:epochs", { default: null })).nodes[0]).toBe(false);
    const data = graphOf([input("raw", "uri_folder")]);
    expect(reason(updateInputNode(data, "input:raw", { default: "x" }))).toBe(
      "A uri_folder input takes a data asset as its default, not a literal value.",
    );
    expect(ok(updateInputNode(data, "input:raw", { defaultData: "iris@latest" })).nodes[0]).toMatchObject({
      defaultData: "iris@latest",
    });
    expect(reason(updateInputNode(g, "input:epochs", { defaultData: "iris:1" }))).toBe(
      "An integer input takes a literal default, not a data asset.",
    );
  });

  it("changes the type when the edges from it still fit, and drops a default that no longer does", () => {
    const g = graphOf([input("n", "integer", { default: 3 }), step("train", TRAIN)], ["input:n.value>train.lr"]);
    const asNumber = ok(updateInputNode(g, "input:n", { type: "number" }));
    expect(asNumber.nodes[0]).toMatchObject({ type: "number", default: 3 });
    expect(reason(updateInputNode(g, "input:n", { type: "string" }))).toBe(
      'Pipeline input "n" feeds train.lr. A string output cannot feed a number input: a number is expected. Remove that connection first.',
    );
    const loose = graphOf([input("n", "string", { default: "abc" })]);
    expect("default" in ok(updateInputNode(loose, "input:n", { type: "integer" })).nodes[0]).toBe(false);
    expect(
      ok(updateInputNode(graphOf([input("n", "string", { default: "42" })]), "input:n", { type: "integer" })).nodes[0],
    ).toMatchObject({ default: 42 });
    const data = graphOf([input("raw", "uri_folder", { defaultData: "iris:1" })]);
    expect("defaultData" in ok(updateInputNode(data, "input:raw", { type: "string" })).nodes[0]).toBe(false);
  });

  it("changes an output's type only when the edge into it still fits", () => {
    const g = graphOf([step("train", TRAIN), output("model", "mlflow_model")], ["train.model>output:model.value"]);
    expect(ok(updateOutputNode(g, "output:model", { type: "custom_model" })).nodes[1]).toMatchObject({
      type: "custom_model",
    });
    expect(reason(updateOutputNode(g, "output:model", { type: "uri_file" }))).toBe(
      'Pipeline output "model" is fed by train.model. An mlflow_model output cannot feed a uri_file input: a single file is expected. Remove that connection first.',
    );
    expect(reason(updateOutputNode(g, "output:model", { type: "string" as never }))).toBe(
      'A pipeline output carries data: "string" is not a data type.',
    );
    expect(reason(updateOutputNode(g, "train", { name: "x" }))).toBe('There is no pipeline output "train".');
  });
});
