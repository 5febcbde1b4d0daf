import { describe, expect, it } from "vitest";
import { generateGraph, seededRandom } from "@/lib/pipeline/generate-graph";
import { edgeId } from "@/lib/pipeline/graph-edit";
import { topologicalOrder } from "@/lib/pipeline/order";
import { validateGraph } from "@/lib/pipeline/validate";
import type { PipelineGraph } from "@/lib/pipeline/types";

function stepEdges(g: PipelineGraph) {
  const steps = new Set(g.nodes.filter((n) => n.kind === "step").map((n) => n.id));
  return g.edges.filter((e) => steps.has(e.source) && steps.has(e.target));
}

/** The median of `runs` timings of `work`, after a few warm-up runs (for the JIT). */
function medianMs(runs: number, work: () => void): number {
  for (let i = 0; i < 5; i++) work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

describe("seededRandom", () => {
  it("repeats for a seed and differs between seeds, uniform in [0, 1)", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});

describe("generateGraph", () => {
  it("makes the same graph for the same seed, another for another seed", () => {
    expect(generateGraph({ nodes: 200, edges: 260, seed: 5 })).toEqual(
      generateGraph({ nodes: 200, edges: 260, seed: 5 }),
    );
    expect(generateGraph({ nodes: 200, edges: 260, seed: 6 }).edges).not.toEqual(
      generateGraph({ nodes: 200, edges: 260, seed: 5 }).edges,
    );
  });

  it("makes a small valid pipeline", () => {
    const g = generateGraph({ nodes: 12, edges: 14, seed: 1 });
    expect(g.nodes).toHaveLength(12);
    expect(g.edges).toHaveLength(14);
    expect(validateGraph(g)).toEqual([]);
    expect(topologicalOrder(g).ok).toBe(true);
  });

  describe("at 5,000 nodes and 6,000 edges", () => {
    const g = generateGraph({ nodes: 5000, edges: 6000, seed: 2024 });

    it("has the size asked for, unique ids and edge ids", () => {
      expect(g.nodes).toHaveLength(5000);
      expect(g.edges).toHaveLength(6000);
      expect(new Set(g.nodes.map((n) => n.id)).size).toBe(5000);
      expect(new Set(g.edges.map((e) => e.id)).size).toBe(6000);
      expect(g.edges.every((e) => e.id === edgeId(e))).toBe(true);
    });

    it("validates with no issue, and orders every step after the steps that feed it, in minimal levels", () => {
      expect(validateGraph(g)).toEqual([]);
      const order = topologicalOrder(g);
      if (!order.ok) throw new Error(`unexpected cycle ${order.cycle.join(" → ")}`);
      const steps = g.nodes.filter((n) => n.kind === "step").map((n) => n.id);
      expect([...order.order].sort()).toEqual([...steps].sort());
      expect(order.levels.flat()).toEqual(order.order);
      const level = new Map(order.levels.flatMap((ids, l) => ids.map((id) => [id, l] as const)));
      const parents = new Map<string, string[]>(steps.map((id) => [id, []]));
      for (const e of stepEdges(g)) {
        expect(level.get(e.source)!, e.id).toBeLessThan(level.get(e.target)!);
        parents.get(e.target)!.push(e.source);
      }
      // Each step is in the first level it can be: right after its deepest parent.
      for (const id of steps) {
        const deepest = Math.max(-1, ...parents.get(id)!.map((p) => level.get(p)!));
        expect(level.get(id), id).toBe(deepest + 1);
      }
      expect(order.levels.length).toBeGreaterThan(10);
    });

    it("finds the cycle one back edge closes, as steps each feeding the next", () => {
      const order = topologicalOrder(g);
      if (!order.ok) throw new Error("unexpected cycle");
      // From a step of the last level, walk up `data` edges to a root: an edge back to it closes a long cycle.
      const deep = order.levels[order.levels.length - 1][0];
      const fedBy = new Map(
        stepEdges(g)
          .filter((e) => e.targetPort === "data")
          .map((e) => [e.target, e.source]),
      );
      let root = deep;
      while (fedBy.has(root)) root = fedBy.get(root)!;
      const back = {
        id: edgeId({ source: deep, sourcePort: "result", target: root, targetPort: "extra_4" }),
        source: deep,
        sourcePort: "result",
        target: root,
        targetPort: "extra_4",
      };
      const cyclic = {
        ...g,
        edges: [...g.edges.filter((e) => !(e.target === root && e.targetPort === "extra_4")), back],
      };
      const result = topologicalOrder(cyclic);
      if (result.ok) throw new Error("expected a cycle");
      const edges = new Set(cyclic.edges.map((e) => `${e.source}>${e.target}`));
      const loop = [...result.cycle, result.cycle[0]];
      for (let i = 0; i + 1 < loop.length; i++)
        expect(edges.has(`${loop[i]}>${loop[i + 1]}`), `${loop[i]} → ${loop[i + 1]}`).toBe(true);
      expect(result.cycle).toContain(deep);
      expect(result.cycle).toContain(root);
      expect(validateGraph(cyclic).map((i) => i.code)).toEqual(["cycle"]);
    });

    it("validates and orders fast (figure reported, not asserted: the machine is shared)", () => {
      const validateMs = medianMs(15, () => validateGraph(g));
      const orderMs = medianMs(15, () => topologicalOrder(g));
      const bothMs = medianMs(15, () => {
        validateGraph(g);
        topologicalOrder(g);
      });
      console.log(
        `5,000 nodes / 6,000 edges: validateGraph ${validateMs.toFixed(1)} ms, topologicalOrder ${orderMs.toFixed(1)} ms, both ${bothMs.toFixed(1)} ms (median of 15)`,
      );
      expect(bothMs).toBeGreaterThan(0);
    });
  });
});
