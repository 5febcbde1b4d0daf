import { describe, expect, it } from "vitest";
import { initialHistory, MAX_HISTORY, reduceHistory, type GraphHistory } from "@/lib/pipeline/history";
import { moveNodes } from "@/lib/pipeline/graph-edit";
import { newPipelineInputNode } from "@/lib/pipeline/nodes";
import type { PipelineGraph } from "@/lib/pipeline/types";

const empty: PipelineGraph = { nodes: [], edges: [], settings: {} };
const withInput = (graph: PipelineGraph, name: string): PipelineGraph => ({
  ...graph,
  nodes: [...graph.nodes, newPipelineInputNode("string", graph.nodes, { x: 0, y: 0 }, name)],
});
const edit = (state: GraphHistory, graph: PipelineGraph) =>
  reduceHistory(state, { type: "edit", graph, mode: "push", isMove: false });

describe("designer history", () => {
  it("undoes and redoes edits in order, and a new edit drops what could be redone", () => {
    const a = withInput(empty, "a");
    const ab = withInput(a, "b");
    let h = edit(edit(initialHistory(empty), a), ab);
    h = reduceHistory(h, { type: "undo" });
    expect(h.graph).toBe(a);
    h = reduceHistory(h, { type: "undo" });
    expect(h.graph).toBe(empty);
    expect(reduceHistory(h, { type: "undo" })).toBe(h); // nothing more to undo
    h = reduceHistory(h, { type: "redo" });
    expect(h.graph).toBe(a);
    const ac = withInput(a, "c");
    h = edit(h, ac);
    expect(h.future).toEqual([]);
    expect(reduceHistory(h, { type: "redo" }).graph).toBe(ac);
  });

  it("makes a whole drag one undo step, and counts it as a move that leaves the structure alone", () => {
    const a = withInput(empty, "a");
    let h = edit(initialHistory(empty), a);
    const structure = h.structure;
    const id = a.nodes[0].id;
    const frame1 = moveNodes(a, { [id]: { x: 10, y: 0 } });
    const frame2 = moveNodes(frame1, { [id]: { x: 20, y: 5 } });
    h = reduceHistory(h, { type: "edit", graph: frame1, mode: "push", isMove: true });
    h = reduceHistory(h, { type: "edit", graph: frame2, mode: "replace", isMove: true });
    expect(h.structure).toBe(structure);
    expect(h.graph.nodes[0].position).toEqual({ x: 20, y: 5 });
    h = reduceHistory(h, { type: "undo" });
    expect(h.graph).toBe(a);
  });

  it("keeps at most the last MAX_HISTORY steps", () => {
    let h = initialHistory(empty);
    let graph = empty;
    for (let i = 0; i < MAX_HISTORY + 20; i++) h = edit(h, (graph = withInput(graph, `i${i}`)));
    expect(h.past).toHaveLength(MAX_HISTORY);
    expect(h.past[0].nodes).toHaveLength(20); // the oldest steps went first
  });
});
