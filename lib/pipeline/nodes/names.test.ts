import { describe, expect, it } from "vitest";
import { addNode, renameStep } from "@/lib/pipeline/graph-edit";
import { newStepNode } from "@/lib/pipeline/nodes";
import { pipelineDocToGraph } from "@/lib/pipeline/pipeline-yaml-graph";
import { parsePipelineYaml } from "@/lib/pipeline/pipeline-yaml-read";
import type { ComponentRef } from "@/lib/pipeline/types";
import { validateGraph } from "@/lib/pipeline/validate";
import { emptyPipelineGraph, pipelineGraphSchema } from "@/lib/schemas/pipelines";

// One rule for step names, used by the designer, YAML import, the save schema and validation (submit):
// a name one of them makes, the others take.

const component = (name: string): ComponentRef => ({
  scopeKind: "workspace",
  scopeName: "ws",
  name,
  version: 1,
  displayName: name,
  inputs: [{ name: "x", type: "number", optional: true }],
  outputs: [],
  isDeterministic: true,
});
const LONG = `s${"x".repeat(64)}`; // 65 characters, over the save schema's old limit of 64
const TOO_LONG = "x".repeat(256);

function yamlWithStep(step: string) {
  return `$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\ntype: pipeline\njobs:\n  ${step}:\n    type: command\n    component: azureml:model_2d:1\n    inputs:\n      x: 3\n`;
}

function graphFromYaml(step: string) {
  const parsed = parsePipelineYaml(yamlWithStep(step));
  if (!parsed.ok) return { ok: false as const, errors: parsed.errors };
  return pipelineDocToGraph(parsed.doc, { [step]: component("model_2d") });
}

describe("step names", () => {
  it("takes a step made from a component named 2d_model everywhere: designer, save, validation", () => {
    const graph = addNode(emptyPipelineGraph(), newStepNode(component("2d_model"), [], { x: 0, y: 0 }));
    expect(graph.nodes[0].id).toBe("2d_model");
    expect(pipelineGraphSchema.safeParse(graph).success).toBe(true);
    expect(validateGraph(graph).filter((issue) => issue.code === "bad_name")).toEqual([]);
    expect(validateGraph({ ...graph, nodes: [{ ...graph.nodes[0], id: TOO_LONG }] })).toContainEqual(
      expect.objectContaining({ code: "bad_name", message: expect.stringContaining("at most 255 characters") }),
    );
  });

  it.each([["2d_model"], [LONG]])("takes %s as a renamed step, from YAML, and in the save schema", (name) => {
    const start = addNode(emptyPipelineGraph(), newStepNode(component("train"), [], { x: 0, y: 0 }));
    const renamed = renameStep(start, "train", name);
    expect(renamed.ok).toBe(true);
    if (renamed.ok) expect(pipelineGraphSchema.safeParse(renamed.graph).success).toBe(true);
    const imported = graphFromYaml(name);
    expect(imported.ok).toBe(true);
    if (imported.ok) expect(pipelineGraphSchema.safeParse(imported.graph).success).toBe(true);
  });

  it("refuses a 256-character name in each, with the same rule", () => {
    const start = addNode(emptyPipelineGraph(), newStepNode(component("train"), [], { x: 0, y: 0 }));
    const renamed = renameStep(start, "train", TOO_LONG);
    expect(renamed).toMatchObject({ ok: false, reason: expect.stringContaining("at most 255 characters") });
    const imported = graphFromYaml(TOO_LONG);
    expect(imported).toMatchObject({
      ok: false,
      errors: [expect.objectContaining({ line: 4, message: expect.stringContaining("at most 255 characters") })],
    });
    const saved = pipelineGraphSchema.safeParse({ ...start, nodes: [{ ...start.nodes[0], id: TOO_LONG }] });
    expect(saved.success).toBe(false);
    if (!saved.success) expect(saved.error.issues[0].message).toContain("at most 255 characters");
  });
});
