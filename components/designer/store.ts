import { createStore, type StoreApi } from "zustand/vanilla";
import type { EdgeChange, NodeChange } from "@xyflow/react";
import { compatiblePorts, type PortEnd } from "@/lib/pipeline/compatible-ports";
import { addNode, disconnect, moveNodes, removeNodes, type EditResult } from "@/lib/pipeline/graph-edit";
import { initialHistory, reduceHistory, type GraphHistory, type HistoryAction } from "@/lib/pipeline/history";
import { autoLayout, DEFAULT_NODE_SIZE } from "@/lib/pipeline/layout";
import { newStepNode } from "@/lib/pipeline/nodes";
import type { PaletteComponent } from "@/lib/pipeline/catalog";
import type { PipelineGraph, PipelineNode, Position, ValidationIssue } from "@/lib/pipeline/types";
import { validateGraph } from "@/lib/pipeline/validate";
import {
  flowElements,
  NO_FLOW_ELEMENTS,
  type DesignerEdge,
  type DesignerNode,
  type FlowElements,
  type Size,
} from "@/components/designer/flow-elements";

// The designer's state in one store (zustand, as React Flow's own examples keep theirs): the graph with
// its undo history, the selection, the nodes' measured sizes, the drag and connection in progress, the
// pipeline's details and the save state. Every change goes through `update`, which derives what depends on
// it in the same step: validation when the structure changed (a move changes only positions), and React
// Flow's elements, reused where their sources did not change. Components subscribe to the slices they
// show, so a drag renders the canvas and the minimap, not the toolbar or the properties panel.

export type PipelineMeta = { name: string; description: string; experimentName: string };
export type SaveStatus = "saved" | "unsaved" | "saving" | "error" | "conflict";
export type SaveState = { status: SaveStatus; message: string | null; revision: number };
export type ApplyEdit = (edit: (graph: PipelineGraph) => EditResult | PipelineGraph) => string | null;

/** A connection being drawn: where it started, and the ports it may end on (as portKey). */
export type Connecting = { from: PortEnd; compatible: ReadonlySet<string> };

export type DesignerState = {
  /** Whether edits are allowed now: the role may write and the screen is wide enough. */
  editable: boolean;
  history: GraphHistory;
  /** The graph as of the last change other than a move: what validation and the properties panel see. */
  structuralGraph: PipelineGraph;
  issues: ValidationIssue[];
  issueCounts: ReadonlyMap<string, number>;
  meta: PipelineMeta;
  /** Counts changes of `meta`: with the history's version, what autosave compares. */
  metaVersion: number;
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  measured: ReadonlyMap<string, Size>;
  /** The nodes being dragged, and the graph's nodes when the drag began (the minimap's still picture). */
  drag: { ids: ReadonlySet<string>; before: readonly PipelineNode[] } | null;
  /** Whether the moves coming in belong to a drag whose start is already an undo step. */
  isDragStepped: boolean;
  connecting: Connecting | null;
  /** A refused edit, said above the canvas. */
  notice: string | null;
  save: SaveState;
  flow: FlowElements;
  actions: DesignerActions;
};

export type DesignerActions = {
  /** Applies a pure edit to the current graph as one undoable step; answers why it was refused, if it was. */
  apply: ApplyEdit;
  undo: () => void;
  redo: () => void;
  selectOnly: (nodeIds: readonly string[], edgeIds?: readonly string[]) => void;
  onNodesChange: (changes: NodeChange<DesignerNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<DesignerEdge>[]) => void;
  deleteSelection: (nodeIds: Iterable<string>, edgeIds: Iterable<string>) => void;
  /** Deletes the selected nodes and connections (those still in the graph). */
  deleteSelected: () => void;
  /** Adds a step made from `component`, centred on `at`, and selects it. */
  addComponent: (component: PaletteComponent, at: Position) => void;
  /** Lays the graph out by its connections (as one undoable step). */
  layout: () => void;
  startDrag: (ids: Iterable<string>) => void;
  stopDrag: () => void;
  startConnecting: (from: PortEnd) => void;
  stopConnecting: () => void;
  setNotice: (notice: string | null) => void;
  setMeta: (patch: Partial<PipelineMeta>) => void;
  setEditable: (editable: boolean) => void;
  setSave: (change: (save: SaveState) => SaveState) => void;
};

export type DesignerStore = StoreApi<DesignerState>;

/** What autosave compares: changes with every edit, undo, redo and change of the details. */
export function draftVersion(state: Pick<DesignerState, "history" | "metaVersion">): string {
  return `${state.history.version}.${state.metaVersion}`;
}

function countByNode(issues: readonly ValidationIssue[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const issue of issues) if (issue.nodeId) counts.set(issue.nodeId, (counts.get(issue.nodeId) ?? 0) + 1);
  return counts;
}

/** `next` with what depends on the changed parts derived again. */
function derive(previous: DesignerState | null, next: DesignerState): DesignerState {
  let state = next;
  if (!previous || previous.history.structure !== next.history.structure) {
    const issues = validateGraph(next.history.graph);
    state = { ...state, structuralGraph: next.history.graph, issues, issueCounts: countByNode(issues) };
  }
  const flow = flowElements(state.flow, {
    nodes: state.history.graph.nodes,
    edges: state.history.graph.edges,
    selectedNodes: state.selectedNodes,
    selectedEdges: state.selectedEdges,
    issueCounts: state.issueCounts,
    measured: state.measured,
  });
  return flow.nodes === state.flow.nodes && flow.edges === state.flow.edges && flow.input === state.flow.input
    ? state
    : { ...state, flow };
}

export type DesignerInit = {
  graph: PipelineGraph;
  meta: PipelineMeta;
  revision: number;
  editable: boolean;
  /** A node to open on, selected. */
  focus: string | null;
};

export function createDesignerStore(init: DesignerInit): DesignerStore {
  return createStore<DesignerState>()((set, get) => {
    /** Changes the state by `change` (null: no change), deriving what depends on it. */
    const update = (change: (state: DesignerState) => Partial<DesignerState> | null) =>
      set((state) => {
        const patch = change(state);
        return patch ? derive(state, { ...state, ...patch }) : state;
      }, true);
    const dispatch = (action: HistoryAction) =>
      update((s) => {
        const history = reduceHistory(s.history, action);
        return history === s.history ? null : { history };
      });

    const apply: ApplyEdit = (edit) => {
      const graph = get().history.graph;
      const result = edit(graph);
      if ("ok" in result && !result.ok) return result.reason;
      const next = "ok" in result ? result.graph : result;
      if (next === graph) return null;
      // One undoable step; a later move (arrow keys) is a step of its own.
      update((s) => ({
        isDragStepped: false,
        history: reduceHistory(s.history, { type: "edit", graph: next, mode: "push", isMove: false }),
      }));
      return null;
    };

    const selectOnly = (nodeIds: readonly string[], edgeIds: readonly string[] = []) =>
      update(() => ({ selectedNodes: new Set(nodeIds), selectedEdges: new Set(edgeIds) }));

    const deleteSelection = (nodeIds: Iterable<string>, edgeIds: Iterable<string>) => {
      if (!get().editable) return;
      apply((g) => disconnect(removeNodes(g, nodeIds), edgeIds));
      selectOnly([]);
    };

    const actions: DesignerActions = {
      apply,
      undo: () => dispatch({ type: "undo" }),
      redo: () => dispatch({ type: "redo" }),
      selectOnly,
      onNodesChange: (changes) =>
        update((s) => {
          const positions = new Map<string, Position>();
          let selection: Set<string> | null = null;
          let sizes: Map<string, Size> | null = null;
          for (const change of changes) {
            if (change.type === "position" && change.position) positions.set(change.id, change.position);
            else if (change.type === "select") {
              selection ??= new Set(s.selectedNodes);
              if (change.selected) selection.add(change.id);
              else selection.delete(change.id);
            } else if (change.type === "dimensions" && change.dimensions) {
              sizes ??= new Map(s.measured);
              sizes.set(change.id, { width: change.dimensions.width, height: change.dimensions.height });
            }
          }
          const patch: Partial<DesignerState> = {};
          if (positions.size && s.editable) {
            const next = moveNodes(s.history.graph, positions);
            if (next !== s.history.graph) {
              const mode = s.isDragStepped ? "replace" : "push";
              patch.history = reduceHistory(s.history, { type: "edit", graph: next, mode, isMove: true });
              patch.isDragStepped = true;
            }
          }
          if (selection) patch.selectedNodes = selection;
          if (sizes) patch.measured = sizes;
          return Object.keys(patch).length ? patch : null;
        }),
      onEdgesChange: (changes) =>
        update((s) => {
          let selection: Set<string> | null = null;
          for (const change of changes) {
            if (change.type !== "select") continue;
            selection ??= new Set(s.selectedEdges);
            if (change.selected) selection.add(change.id);
            else selection.delete(change.id);
          }
          return selection ? { selectedEdges: selection } : null;
        }),
      deleteSelection,
      deleteSelected: () => {
        const { structuralGraph, selectedNodes, selectedEdges } = get();
        deleteSelection(
          structuralGraph.nodes.filter((n) => selectedNodes.has(n.id)).map((n) => n.id),
          structuralGraph.edges.filter((e) => selectedEdges.has(e.id)).map((e) => e.id),
        );
      },
      addComponent: (component, at) => {
        if (!get().editable) return;
        let id = "";
        apply((g) => {
          const step = newStepNode(component, g.nodes, {
            x: Math.round(at.x - DEFAULT_NODE_SIZE.width / 2),
            y: Math.round(at.y - 40),
          });
          id = step.id;
          return addNode(g, step);
        });
        selectOnly([id]);
        update(() => ({ notice: null }));
      },
      layout: () => {
        const { measured } = get();
        apply((g) => autoLayout(g, { direction: "TB", nodeSize: (n) => measured.get(n.id) ?? DEFAULT_NODE_SIZE }));
      },
      startDrag: (ids) =>
        update((s) => ({ isDragStepped: false, drag: { ids: new Set(ids), before: s.history.graph.nodes } })),
      stopDrag: () => update(() => ({ isDragStepped: false, drag: null })),
      startConnecting: (from) =>
        update((s) => ({ connecting: { from, compatible: compatiblePorts(s.history.graph, from) } })),
      stopConnecting: () => update((s) => (s.connecting ? { connecting: null } : null)),
      setNotice: (notice) => update((s) => (s.notice === notice ? null : { notice })),
      setMeta: (patch) => update((s) => ({ meta: { ...s.meta, ...patch }, metaVersion: s.metaVersion + 1 })),
      setEditable: (editable) => update((s) => (s.editable === editable ? null : { editable })),
      setSave: (change) =>
        update((s) => {
          const save = change(s.save);
          return save === s.save ? null : { save };
        }),
    };

    const focus = init.focus && init.graph.nodes.some((n) => n.id === init.focus) ? init.focus : null;
    const history = initialHistory(init.graph);
    return derive(null, {
      editable: init.editable,
      history,
      structuralGraph: history.graph,
      issues: [],
      issueCounts: new Map(),
      meta: init.meta,
      metaVersion: 0,
      selectedNodes: new Set(focus ? [focus] : []),
      selectedEdges: new Set(),
      measured: new Map(),
      drag: null,
      isDragStepped: false,
      connecting: null,
      notice: null,
      save: { status: "saved", message: null, revision: init.revision },
      flow: NO_FLOW_ELEMENTS,
      actions,
    });
  });
}
