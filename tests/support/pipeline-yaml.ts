// Shared by the pipeline YAML unit tests (read, graph, write): the Azure samples, components made by hand,
// and the unwrapping of results that a test expects to succeed or to fail.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { parseComponentYaml } from "@/lib/components/component-yaml";
import { componentReferencesOf, type ParsePipelineResult, type PipelineDoc } from "@/lib/pipeline/pipeline-yaml-doc";
import { pipelineDocToGraph, type PipelineGraphResult } from "@/lib/pipeline/pipeline-yaml-graph";
import { parsePipelineYaml } from "@/lib/pipeline/pipeline-yaml-read";
import { graphToPipelineYaml } from "@/lib/pipeline/pipeline-yaml-write";
import type { ComponentInput, ComponentOutput, ComponentRef } from "@/lib/pipeline/types";

const FIXTURES = join(__dirname, "..", "..", "lib", "pipeline", "fixtures", "azureml-examples");
export const PIPELINES = ["1a_e2e_local_components", "2b_component_with_input_output", "3a_basic_pipeline"];
export const read = (folder: string, file: string) => readFileSync(join(FIXTURES, folder, file), "utf8");

export function doc(result: ParsePipelineResult): PipelineDoc {
  if (!result.ok) throw new Error(`Expected a pipeline, got ${JSON.stringify(result.errors)}`);
  return result.doc;
}

export function graphOf(result: PipelineGraphResult) {
  if (!result.ok) throw new Error(`Expected a graph, got ${JSON.stringify(result.errors)}`);
  return result;
}

export function parseErrors(text: string) {
  const result = parsePipelineYaml(text);
  if (result.ok) throw new Error("Expected errors, got a pipeline");
  return result.errors;
}

export function graphErrors(text: string, components: Record<string, ComponentRef>) {
  const result = pipelineDocToGraph(doc(parsePipelineYaml(text)), components);
  if (result.ok) throw new Error("Expected errors, got a graph");
  return result.errors;
}

/** The components of a fixture folder, by step name, as the server would resolve them (local files registered in workspace "ws"). */
export function resolveFixture(folder: string, parsed: PipelineDoc): Record<string, ComponentRef> {
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

export function ref(
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

export const PREP = ref(
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
export const TRAIN = ref(
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
export function roundTrip(text: string, components: Record<string, ComponentRef>) {
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
