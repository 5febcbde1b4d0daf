import { edgeId } from "@/lib/pipeline/graph-edit";
import type {
  ComponentInput,
  ComponentOutput,
  ComponentRef,
  DataPortType,
  PipelineEdge,
  PipelineGraph,
  PipelineInputNode,
  PipelineNode,
  PipelineOutputNode,
  PortType,
  StepNode,
} from "@/lib/pipeline/types";

// Small graph builders for the unit tests of lib/pipeline (not used by the app).

export function component(
  name: string,
  inputs: Array<Partial<ComponentInput> & { name: string; type: PortType }>,
  outputs: Array<ComponentOutput>,
  version = 1,
): ComponentRef {
  return {
    scopeKind: "workspace",
    scopeName: "demo",
    name,
    version,
    displayName: name.charAt(0).toUpperCase() + name.slice(1),
    inputs: inputs.map((i) => ({ optional: false, ...i })),
    outputs,
    isDeterministic: true,
  };
}

/** A component with one required folder input `in` and one folder output `out`. */
export const PASS = component("pass", [{ name: "in", type: "uri_folder" }], [{ name: "out", type: "uri_folder" }]);

export function step(id: string, ref: ComponentRef = PASS, bindings: StepNode["bindings"] = {}): StepNode {
  return { kind: "step", id, position: { x: 0, y: 0 }, component: ref, bindings };
}

export function input(name: string, type: PortType, extra: Partial<PipelineInputNode> = {}): PipelineInputNode {
  return { kind: "input", id: `input:${name}`, position: { x: 0, y: 0 }, name, type, optional: false, ...extra };
}

export function output(name: string, type: DataPortType = "uri_folder"): PipelineOutputNode {
  return { kind: "output", id: `output:${name}`, position: { x: 0, y: 0 }, name, type };
}

/** `"a.out>b.in"` → an edge (ports default to `out` and `in`: `"a>b"`). */
export function edge(spec: string): PipelineEdge {
  const [from, to] = spec.split(">");
  const [source, sourcePort = "out"] = splitPort(from);
  const [target, targetPort = "in"] = splitPort(to);
  const c = { source, sourcePort, target, targetPort };
  return { id: edgeId(c), ...c };
}

function splitPort(s: string): [string, string | undefined] {
  const dot = s.lastIndexOf(".");
  return dot === -1 ? [s, undefined] : [s.slice(0, dot), s.slice(dot + 1)];
}

export function graphOf(nodes: PipelineNode[], edges: Array<string | PipelineEdge> = []): PipelineGraph {
  return { nodes, edges: edges.map((e) => (typeof e === "string" ? edge(e) : e)), settings: {} };
}

/** A chain of PASS steps a → b → c … where the first one reads a data asset. */
export function chain(...ids: string[]): PipelineGraph {
  return graphOf(
    ids.map((id, i) => step(id, PASS, i === 0 ? { in: { kind: "data", ref: "raw:1" } } : {})),
    ids.slice(1).map((id, i) => `${ids[i]}>${id}`),
  );
}
