import { describe, expect, it } from "vitest";
import { generateGraph } from "@/lib/pipeline/generate-graph";
import { autoLayout, DEFAULT_NODE_SIZE, type Size } from "@/lib/pipeline/layout";
import { chain, component, graphOf, input, output, step } from "@/lib/pipeline/test-support";
import type { PipelineGraph, PipelineNode } from "@/lib/pipeline/types";

const JOIN = component(
  "join",
  [
    { name: "l", type: "uri_folder" },
    { name: "r", type: "uri_folder" },
  ],
  [{ name: "out", type: "uri_folder" }],
);

function pos(g: PipelineGraph, id: string) {
  return g.nodes.find((n) => n.id === id)!.position;
}

/** Every edge goes down (TB) or right (LR): its source ends before its target starts. */
function expectFlow(g: PipelineGraph, direction: "TB" | "LR", size: (n: PipelineNode) => Size) {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  for (const e of g.edges) {
    const s = byId.get(e.source)!;
    const t = byId.get(e.target)!;
    if (direction === "TB") expect(s.position.y + size(s).height, `${e.id}`).toBeLessThanOrEqual(t.position.y);
    else expect(s.position.x + size(s).width, `${e.id}`).toBeLessThanOrEqual(t.position.x);
  }
}

/** No two nodes overlap. */
function expectNoOverlap(g: PipelineGraph, size: (n: PipelineNode) => Size) {
  for (let i = 0; i < g.nodes.length; i++) {
    for (let j = i + 1; j < g.nodes.length; j++) {
      const a = g.nodes[i];
      const b = g.nodes[j];
      const apart =
        a.position.x + size(a).width <= b.position.x ||
        b.position.x + size(b).width <= a.position.x ||
        a.position.y + size(a).height <= b.position.y ||
        b.position.y + size(b).height <= a.position.y;
      expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
    }
  }
}

const fixed = () => DEFAULT_NODE_SIZE;

describe("autoLayout", () => {
  const pipeline = () =>
    graphOf(
      [
        output("model"),
        step("join", JOIN),
        step("right"),
        step("left"),
        step("top"),
        input("raw", "uri_folder"),
        input("unused", "string"),
        output("unfed"),
      ],
      ["input:raw.value>top", "top>left", "top>right", "left>join.l", "right>join.r", "join>output:model.value"],
    );

  it.each(["TB", "LR"] as const)(
    "puts parents before children (%s), inputs first and outputs last, without overlaps",
    (direction) => {
      const g = autoLayout(pipeline(), { direction });
      expectFlow(g, direction, fixed);
      expectNoOverlap(g, fixed);
      const along = (id: string) => (direction === "TB" ? pos(g, id).y : pos(g, id).x);
      const starts = g.nodes.map((n) => along(n.id));
      expect(along("input:unused")).toBe(Math.min(...starts));
      expect(along("output:unfed")).toBe(Math.max(...starts));
      expect(along("input:raw")).toBeLessThan(along("top"));
      expect(along("left")).toBe(along("right"));
    },
  );

  it("is deterministic and leaves its argument as it was", () => {
    const g = pipeline();
    const before = structuredClone(g);
    const a = autoLayout(g, { direction: "TB" });
    const b = autoLayout(structuredClone(g), { direction: "TB" });
    expect(a).toEqual(b);
    expect(g).toEqual(before);
    expect(a.edges).toBe(g.edges);
  });

  it("uses the node sizes it is given, per node", () => {
    const size = (n: PipelineNode): Size =>
      n.kind === "step" ? { width: 300, height: 120 } : { width: 120, height: 40 };
    const g = autoLayout(pipeline(), { direction: "TB", nodeSize: size, nodeSep: 10, rankSep: 20 });
    expectFlow(g, "TB", size);
    expectNoOverlap(g, size);
    expect(pos(g, "left").y - (pos(g, "top").y + 120)).toBe(20);
  });

  it("lays out a pipeline of only unconnected inputs and outputs in two rows", () => {
    const g = autoLayout(graphOf([input("a", "string"), input("b", "string"), output("c")]), { direction: "TB" });
    expect(g.nodes.map((n) => n.position)).toEqual([
      { x: 0, y: 0 },
      { x: DEFAULT_NODE_SIZE.width + 48, y: 0 },
      { x: 0, y: DEFAULT_NODE_SIZE.height + 72 },
    ]);
  });

  it("copes with cycles, self-loops, unknown nodes and an empty graph", () => {
    const cyclic = graphOf([step("a"), step("b")], ["a>b", "b>a.in2", "a>a.in3", "a>ghost"]);
    const g = autoLayout(cyclic, { direction: "LR" });
    expect(g.nodes.every((n) => Number.isFinite(n.position.x) && Number.isFinite(n.position.y))).toBe(true);
    expectNoOverlap(g, fixed);
    const empty = graphOf([]);
    expect(autoLayout(empty, { direction: "TB" })).toBe(empty);
  });

  it("lays out a long chain in ranks", () => {
    const g = autoLayout(chain("a", "b", "c", "d"), { direction: "TB" });
    expect(g.nodes.map((n) => n.position.y)).toEqual([0, 144, 288, 432]);
  });

  it("lays out a generated 500-node pipeline with every edge going down", () => {
    const g = generateGraph({ nodes: 500, edges: 600, seed: 3 });
    const started = performance.now();
    const laid = autoLayout(g, { direction: "TB" });
    const ms = performance.now() - started;
    expectFlow(laid, "TB", fixed);
    console.log(`autoLayout of 500 nodes / ${g.edges.length} edges: ${ms.toFixed(0)} ms`);
    // A correctness check on a big graph, not a timed one (bench/designer measures speed): a loaded
    // 2-core machine must not fail it.
  }, 60_000);
});
