import { describe, expect, it } from "vitest";
import {
  isRequired,
  kindLabel,
  labelOf,
  newPipelineInputNode,
  newPipelineOutputNode,
  newStepNode,
  portsOf,
  slugName,
  uniqueName,
} from "@/lib/pipeline/nodes";
import { component, input, output, step } from "@/lib/pipeline/test-support";
import type { PipelineNode } from "@/lib/pipeline/types";

const TRAIN = component(
  "Train Model",
  [
    { name: "data", type: "uri_folder" },
    { name: "epochs", type: "integer", default: 5 },
    { name: "notes", type: "string", optional: true },
  ],
  [{ name: "model", type: "mlflow_model" }],
);

describe("node kinds", () => {
  it("gives a step its component's ports, in declaration order", () => {
    const node = step("train", TRAIN);
    const ports = portsOf(node);
    expect(ports.inputs.map((p) => [p.name, p.type])).toEqual([
      ["data", "uri_folder"],
      ["epochs", "integer"],
      ["notes", "string"],
    ]);
    expect(ports.outputs.map((p) => [p.name, p.type])).toEqual([["model", "mlflow_model"]]);
    expect(ports.inputs.map(isRequired)).toEqual([true, false, false]);
  });

  it("gives a pipeline input one output port and a pipeline output one input port, named value", () => {
    expect(portsOf(input("lr", "number"))).toEqual({
      inputs: [],
      outputs: [{ name: "value", type: "number", description: undefined }],
    });
    expect(portsOf(output("model", "mlflow_model"))).toEqual({
      inputs: [{ name: "value", type: "mlflow_model", description: undefined, optional: false }],
      outputs: [],
    });
  });

  it("labels nodes by display name, then component display name; inputs and outputs by name", () => {
    expect(labelOf(step("train", TRAIN))).toBe("Train Model");
    expect(labelOf({ ...step("train", TRAIN), displayName: "Train (fast)" })).toBe("Train (fast)");
    expect(labelOf(input("lr", "number"))).toBe("lr");
    expect(labelOf(output("model"))).toBe("model");
    expect([step("a"), input("b", "string"), output("c")].map(kindLabel)).toEqual([
      "step",
      "pipeline input",
      "pipeline output",
    ]);
  });

  it("throws on a node kind it does not know (old or foreign data)", () => {
    expect(() => portsOf({ kind: "group" } as unknown as PipelineNode)).toThrow(/Unknown node kind: "group"/);
  });
});

describe("new nodes", () => {
  it("makes step ids from the component name, unique against every node id", () => {
    const nodes: PipelineNode[] = [];
    for (let i = 0; i < 3; i++) nodes.push(newStepNode(TRAIN, nodes, { x: i, y: 0 }));
    expect(nodes.map((n) => n.id)).toEqual(["train_model", "train_model_2", "train_model_3"]);
    expect(nodes[2]).toEqual({
      kind: "step",
      id: "train_model_3",
      position: { x: 2, y: 0 },
      component: TRAIN,
      bindings: {},
    });
  });

  it("fills the gap a removed step left, and does not collide with other node kinds", () => {
    const existing = [step("prep"), step("prep_3"), input("prep_2", "string")];
    const ref = component("Prep", [], []);
    expect(newStepNode(ref, existing, { x: 0, y: 0 }).id).toBe("prep_2");
    expect(newStepNode(ref, [...existing, { ...step("x"), id: "prep_2" }], { x: 0, y: 0 }).id).toBe("prep_4");
  });

  it("slugs names: lowercased, other characters to _, never empty", () => {
    expect(slugName("Train Model (v2)", "step")).toBe("train_model_v2");
    expect(slugName("prep-data", "step")).toBe("prep_data");
    expect(slugName("Évaluer le modèle", "step")).toBe("evaluer_le_modele");
    expect(slugName("训练", "step")).toBe("step");
    expect(slugName("---", "step")).toBe("step");
    expect(slugName("already_ok_1", "step")).toBe("already_ok_1");
    expect(uniqueName("a", new Set(["a", "a_2"]))).toBe("a_3");
  });

  it("names new pipeline inputs and outputs uniquely within their kind", () => {
    const nodes: PipelineNode[] = [];
    nodes.push(newPipelineInputNode("number", nodes, { x: 0, y: 0 }, "learning rate"));
    nodes.push(newPipelineInputNode("number", nodes, { x: 0, y: 0 }, "learning rate"));
    nodes.push(newPipelineInputNode("uri_folder", nodes, { x: 0, y: 0 }));
    nodes.push(newPipelineOutputNode("mlflow_model", nodes, { x: 0, y: 0 }, "learning_rate"));
    nodes.push(newPipelineOutputNode("uri_folder", nodes, { x: 0, y: 0 }));
    expect(nodes.map((n) => [n.id, n.kind === "step" ? n.id : n.name])).toEqual([
      ["input:learning_rate", "learning_rate"],
      ["input:learning_rate_2", "learning_rate_2"],
      ["input:uri_folder_input", "uri_folder_input"],
      ["output:learning_rate", "learning_rate"],
      ["output:uri_folder_output", "uri_folder_output"],
    ]);
    expect(nodes[0]).toMatchObject({ kind: "input", type: "number", optional: false });
  });

  it("keeps an input node's id unique even when a renamed node holds the id its name would give", () => {
    const renamed = { ...input("old", "string"), name: "other" };
    const made = newPipelineInputNode("string", [renamed], { x: 0, y: 0 }, "old");
    expect(made.name).toBe("old");
    expect(made.id).toBe("input:old_2");
  });
});
