import type { PipelineEdge, PipelineGraph, PipelineNode } from "@/lib/pipeline/types";

// Indexes built once per call, so checks over large graphs stay linear: nodes by id, edges by the input
// port they feed, and the step-to-step dependency graph by position (node order breaks every tie).

/** The key of an input port in `edgesInto`. */
export function portKey(nodeId: string, port: string): string {
  return `${nodeId}\u0000${port}`;
}

/** Nodes by id (the first node when ids repeat) and their index in `graph.nodes`. */
export function nodesById(graph: PipelineGraph): Map<string, { node: PipelineNode; index: number }> {
  const byId = new Map<string, { node: PipelineNode; index: number }>();
  graph.nodes.forEach((node, index) => {
    if (!byId.has(node.id)) byId.set(node.id, { node, index });
  });
  return byId;
}

/** Edges by the input port they end at, in edge order. */
export function edgesInto(graph: PipelineGraph): Map<string, PipelineEdge[]> {
  const into = new Map<string, PipelineEdge[]>();
  for (const edge of graph.edges) {
    const key = portKey(edge.target, edge.targetPort);
    const list = into.get(key);
    if (list) list.push(edge);
    else into.set(key, [edge]);
  }
  return into;
}

/**
 * The dependency graph between steps: `ids[i]` is the i-th step in node order; `succ[i]`/`pred[i]` are the
 * steps it feeds / is fed by (each once, in edge order; a step feeding itself lists itself). Edges to or
 * from pipeline inputs and outputs, or unknown nodes, do not order steps.
 */
export type StepGraph = { ids: string[]; indexOf: Map<string, number>; succ: number[][]; pred: number[][] };

export function stepGraph(graph: PipelineGraph): StepGraph {
  const ids: string[] = [];
  const indexOf = new Map<string, number>();
  for (const node of graph.nodes) {
    if (node.kind === "step" && !indexOf.has(node.id)) {
      indexOf.set(node.id, ids.length);
      ids.push(node.id);
    }
  }
  const succ: number[][] = ids.map(() => []);
  const pred: number[][] = ids.map(() => []);
  const seen = new Set<number>();
  const n = ids.length;
  for (const edge of graph.edges) {
    const s = indexOf.get(edge.source);
    const t = indexOf.get(edge.target);
    if (s === undefined || t === undefined) continue;
    const pair = s * n + t;
    if (seen.has(pair)) continue;
    seen.add(pair);
    succ[s].push(t);
    pred[t].push(s);
  }
  return { ids, indexOf, succ, pred };
}
