import { describe, expect, it } from "vitest";
import { connect } from "@/lib/pipeline/graph-edit";
import { portKey } from "@/lib/pipeline/compatible-ports";
import { chain, component, graphOf, step } from "@/lib/pipeline/test-support";
import type { PipelineGraph } from "@/lib/pipeline/types";
import { createDesignerStore, draftVersion } from "@/components/designer/store";

const META = { name: "p", description: "", experimentName: "" };

function storeOf(graph: PipelineGraph, editable = true) {
  return createDesignerStore({ graph, meta: META, revision: 1, editable, focus: null });
}

/** What React Flow sends while a node is dragged to `x, y`. */
const moveTo = (id: string, x: number, y: number) => [{ type: "position" as const, id, position: { x, y } }];

describe("the designer's store", () => {
  it("makes each edit one undoable step, and validates again after it", () => {
    const store = storeOf(chain("a", "b"));
    const { actions } = store.getState();
    const before = store.getState();
    expect(before.issues).toEqual([]);
    expect(actions.apply((g) => connect(g, { source: "b", sourcePort: "out", target: "a", targetPort: "in" }))).toMatch(
      /would close a cycle/,
    );
    expect(store.getState()).toBe(before); // a refused edit changes nothing
    actions.deleteSelection(["a"], []);
    expect(store.getState().history.graph.nodes.map((n) => n.id)).toEqual(["b"]);
    expect(store.getState().issues.map((i) => i.nodeId)).toContain("b"); // b lost its source
    expect(store.getState().issueCounts.get("b")).toBeGreaterThan(0);
    actions.undo();
    expect(store.getState().history.graph).toBe(before.history.graph);
    expect(store.getState().issues).toEqual([]);
    actions.redo();
    expect(store.getState().history.graph.nodes).toHaveLength(1);
    expect(draftVersion(store.getState())).not.toBe(draftVersion(before));
  });

  it("makes a drag one undo step, and does not validate or rebuild other elements on its frames", () => {
    const store = storeOf(chain("a", "b", "c"));
    const { actions } = store.getState();
    const start = store.getState();
    actions.startDrag(["b"]);
    for (let x = 1; x <= 5; x++) actions.onNodesChange(moveTo("b", x * 10, 0));
    const moved = store.getState();
    actions.stopDrag();
    expect(moved.history.graph.nodes.find((n) => n.id === "b")!.position).toEqual({ x: 50, y: 0 });
    expect(moved.issues).toBe(start.issues);
    expect(moved.structuralGraph).toBe(start.structuralGraph);
    // Only the dragged node gets a new element; the others, and the edge list, keep theirs.
    const element = (s: typeof start, id: string) => s.flow.nodes.find((n) => n.id === id);
    expect(element(moved, "b")).not.toBe(element(start, "b"));
    expect(element(moved, "a")).toBe(element(start, "a"));
    expect(element(moved, "c")).toBe(element(start, "c"));
    expect(moved.flow.edges).toBe(start.flow.edges);
    expect(moved.history.past).toHaveLength(1);
    actions.undo();
    expect(store.getState().history.graph.nodes.find((n) => n.id === "b")!.position).toEqual({ x: 0, y: 0 });
  });

  it("keeps selection and measured sizes on the elements", () => {
    const store = storeOf(chain("a", "b"));
    const { actions } = store.getState();
    actions.onNodesChange([
      { type: "select", id: "a", selected: true },
      { type: "dimensions", id: "a", dimensions: { width: 300, height: 90 } },
    ]);
    const a = store.getState().flow.nodes.find((n) => n.id === "a")!;
    expect(a.selected).toBe(true);
    expect(a.measured).toEqual({ width: 300, height: 90 });
    const edge = store.getState().flow.edges[0];
    actions.onEdgesChange([{ type: "select", id: edge.id, selected: true }]);
    expect(store.getState().flow.edges[0].selected).toBe(true);
    actions.deleteSelected();
    expect(store.getState().history.graph.nodes.map((n) => n.id)).toEqual(["b"]);
    expect(store.getState().history.graph.edges).toEqual([]);
    expect(store.getState().selectedNodes.size).toBe(0);
  });

  it("changes nothing while it is read-only", () => {
    const store = storeOf(chain("a", "b"), false);
    const { actions } = store.getState();
    actions.onNodesChange(moveTo("a", 40, 40));
    actions.deleteSelection(["a"], []);
    actions.addComponent({ ...component("x", [], []), description: "" }, { x: 0, y: 0 });
    expect(store.getState().history.version).toBe(0);
    actions.setEditable(true);
    actions.onNodesChange(moveTo("a", 40, 40));
    expect(store.getState().history.version).toBe(1);
  });

  it("knows, while a connection is drawn, which ports it may end on", () => {
    const store = storeOf(graphOf([step("a"), step("b")]));
    const { actions } = store.getState();
    actions.startConnecting({ nodeId: "a", port: "out", side: "source" });
    expect([...store.getState().connecting!.compatible]).toEqual([portKey("b", "in")]);
    actions.stopConnecting();
    expect(store.getState().connecting).toBeNull();
  });

  it("adds a component centred where it is dropped, selected", () => {
    const store = storeOf(graphOf([]));
    store.getState().actions.addComponent({ ...component("train", [], []), description: "" }, { x: 500, y: 300 });
    const [node] = store.getState().history.graph.nodes;
    expect(node.position).toEqual({ x: 380, y: 260 });
    expect([...store.getState().selectedNodes]).toEqual([node.id]);
  });
});
