import { stepGraph, type StepGraph } from "@/lib/pipeline/graph-index";
import type { PipelineGraph } from "@/lib/pipeline/types";

// The order steps run in: Kahn's algorithm by levels. A level holds the steps whose every upstream step is
// in an earlier level, so the steps of one level can run side by side. Ties follow node order, so the
// designer, the validator and the runner all see the same order. Pipeline input and output nodes are
// not steps and are not ordered.

export type TopologicalOrder = { ok: true; order: string[]; levels: string[][] } | { ok: false; cycle: string[] };

export function topologicalOrder(graph: PipelineGraph): TopologicalOrder {
  return orderSteps(stepGraph(graph));
}

export function orderSteps(steps: StepGraph): TopologicalOrder {
  const { ids, succStart, succ, predStart } = steps;
  const n = ids.length;
  const waiting = new Int32Array(n);
  for (let i = 0; i < n; i++) waiting[i] = predStart[i + 1] - predStart[i];
  const levels: string[][] = [];
  const order: string[] = [];
  let level: number[] = [];
  for (let i = 0; i < n; i++) if (waiting[i] === 0) level.push(i);
  while (level.length > 0) {
    const names: string[] = new Array(level.length);
    const next: number[] = [];
    for (let k = 0; k < level.length; k++) {
      const i = level[k];
      names[k] = ids[i];
      order.push(ids[i]);
      for (let e = succStart[i]; e < succStart[i + 1]; e++) if (--waiting[succ[e]] === 0) next.push(succ[e]);
    }
    levels.push(names);
    level = next.sort((a, b) => a - b);
  }
  if (order.length === n) return { ok: true, order, levels };
  return { ok: false, cycle: findCycle(steps, waiting).map((i) => ids[i]) };
}

/**
 * One cycle among the steps Kahn's algorithm could not order (`waiting[i] > 0`): each of them still waits
 * for another of them, so walking to a waiting predecessor must come back to a step already seen.
 * Returned in running order (each step feeds the next, the last feeds the first), from its first step in node order.
 */
function findCycle(steps: StepGraph, waiting: Int32Array): number[] {
  const start = waiting.findIndex((w) => w > 0);
  const seenAt = new Map<number, number>();
  const walk: number[] = [];
  let at = start;
  while (!seenAt.has(at)) {
    seenAt.set(at, walk.length);
    walk.push(at);
    let p = -1;
    for (let e = steps.predStart[at]; e < steps.predStart[at + 1]; e++) {
      if (waiting[steps.pred[e]] > 0) {
        p = steps.pred[e];
        break;
      }
    }
    at = p;
  }
  const cycle = walk.slice(seenAt.get(at)).reverse();
  return rotateToSmallest(cycle);
}

export function rotateToSmallest(cycle: number[]): number[] {
  let min = 0;
  for (let i = 1; i < cycle.length; i++) if (cycle[i] < cycle[min]) min = i;
  return [...cycle.slice(min), ...cycle.slice(0, min)];
}

function reachable(start: Int32Array, list: Int32Array, from: number): Set<number> {
  const seen = new Set<number>();
  const stack: number[] = [from];
  while (stack.length > 0) {
    const i = stack.pop()!;
    for (let e = start[i]; e < start[i + 1]; e++) {
      const j = list[e];
      if (!seen.has(j)) {
        seen.add(j);
        stack.push(j);
      }
    }
  }
  return seen;
}

function related(graph: PipelineGraph, stepId: string, direction: "succ" | "pred"): string[] {
  const steps = stepGraph(graph);
  const start = steps.indexOf.get(stepId);
  if (start === undefined) return [];
  const found =
    direction === "succ"
      ? reachable(steps.succStart, steps.succ, start)
      : reachable(steps.predStart, steps.pred, start);
  found.delete(start);
  return [...found].sort((a, b) => a - b).map((i) => steps.ids[i]);
}

/** The steps `stepId` depends on, directly or not, in node order (not itself). */
export function upstreamOf(graph: PipelineGraph, stepId: string): string[] {
  return related(graph, stepId, "pred");
}

/** The steps that depend on `stepId`, directly or not, in node order (not itself): those a failure stops. */
export function downstreamOf(graph: PipelineGraph, stepId: string): string[] {
  return related(graph, stepId, "succ");
}
