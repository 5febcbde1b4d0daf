import type { PipelineGraph } from "@/lib/pipeline/types";

// The step-to-step dependency graph, built once per call in flat arrays so that checks over large graphs
// stay linear and allocate little: step i's successors are succ[succStart[i] .. succStart[i + 1]).

/**
 * `ids[i]` is the i-th step in node order (the first node when ids repeat). An edge between two steps
 * makes the source a predecessor of the target; two edges between the same steps count twice (harmless
 * for ordering and cycles). Edges to or from pipeline inputs and outputs, or unknown nodes, do not order steps.
 */
export type StepGraph = {
  ids: string[];
  indexOf: Map<string, number>;
  succStart: Int32Array;
  succ: Int32Array;
  predStart: Int32Array;
  pred: Int32Array;
};

export function stepGraph(graph: PipelineGraph): StepGraph {
  const ids: string[] = [];
  const indexOf = new Map<string, number>();
  for (const node of graph.nodes) {
    if (node.kind === "step" && !indexOf.has(node.id)) {
      indexOf.set(node.id, ids.length);
      ids.push(node.id);
    }
  }
  const n = ids.length;
  const from: number[] = [];
  const to: number[] = [];
  for (const edge of graph.edges) {
    const s = indexOf.get(edge.source);
    if (s === undefined) continue;
    const t = indexOf.get(edge.target);
    if (t === undefined) continue;
    from.push(s);
    to.push(t);
  }
  const m = from.length;
  const succStart = new Int32Array(n + 1);
  const predStart = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    succStart[from[e] + 1]++;
    predStart[to[e] + 1]++;
  }
  for (let i = 0; i < n; i++) {
    succStart[i + 1] += succStart[i];
    predStart[i + 1] += predStart[i];
  }
  const succ = new Int32Array(m);
  const pred = new Int32Array(m);
  const succFill = succStart.slice(0, n);
  const predFill = predStart.slice(0, n);
  // In edge order within each list, so every walk (and the cycle it names) follows the graph's order.
  for (let e = 0; e < m; e++) {
    succ[succFill[from[e]]++] = to[e];
    pred[predFill[to[e]]++] = from[e];
  }
  return { ids, indexOf, succStart, succ, predStart, pred };
}

/** Whether step `i` feeds itself. */
export function feedsItself(steps: StepGraph, i: number): boolean {
  for (let k = steps.succStart[i]; k < steps.succStart[i + 1]; k++) if (steps.succ[k] === i) return true;
  return false;
}

/**
 * The shortest path of steps from `from` to `to` along edges, both included, or null; with `from === to`,
 * the shortest loop back to it. `within` limits the steps the path may pass through.
 */
export function shortestPath(
  steps: StepGraph,
  from: number,
  to: number,
  within?: ReadonlySet<number>,
): number[] | null {
  const cameFrom = new Map<number, number>();
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head];
    for (let e = steps.succStart[at]; e < steps.succStart[at + 1]; e++) {
      const next = steps.succ[e];
      if (next === to) {
        const path = [to, at];
        for (let p = at; p !== from;) {
          p = cameFrom.get(p)!;
          path.push(p);
        }
        return path.reverse();
      }
      if (next !== from && !cameFrom.has(next) && (!within || within.has(next))) {
        cameFrom.set(next, at);
        queue.push(next);
      }
    }
  }
  return null;
}
