"use client";
import { memo, useCallback, useMemo, type DragEvent } from "react";
import {
  Background,
  Controls,
  ReactFlow,
  useReactFlow,
  type Connection as FlowConnection,
  type OnConnectEnd,
  type OnConnectStart,
} from "@xyflow/react";
import { X } from "lucide-react";
import { connect, type Connection } from "@/lib/pipeline/graph-edit";
import type { PaletteGroup } from "@/lib/pipeline/catalog";
import { useDarkTheme } from "@/components/ui/use-dark-theme";
import type { DesignerEdge, DesignerNode } from "@/components/designer/flow-elements";
import { DesignerMinimap } from "@/components/designer/minimap";
import { designerNodeTypes } from "@/components/designer/nodes";
import { PALETTE_MIME, paletteKey } from "@/components/designer/palette";
import { designerEdgeTypes } from "@/components/designer/port-edge";
import { useDesigner, useDesignerActions, useDesignerStore } from "@/components/designer/store-context";
import { FIT_VIEW, OPEN_VIEW } from "@/components/designer/view";

// The canvas: React Flow on the store's elements, with drops from the palette, connections drawn between
// ports (refused ones say why) and the minimap.

const toConnection = (c: FlowConnection): Connection => ({
  source: c.source,
  sourcePort: c.sourceHandle ?? "",
  target: c.target,
  targetPort: c.targetHandle ?? "",
});

/** `focus`: a node to open on at full size; else a saved graph opens fitted, an empty one at 100%. */
export const DesignerCanvas = memo(function DesignerCanvas({
  palette,
  focus,
  hasNodesAtStart,
}: {
  palette: PaletteGroup[];
  focus: string | null;
  hasNodesAtStart: boolean;
}) {
  const store = useDesignerStore();
  const actions = useDesignerActions();
  const flow = useReactFlow<DesignerNode, DesignerEdge>();
  const isDark = useDarkTheme();
  const nodes = useDesigner((s) => s.flow.nodes);
  const edges = useDesigner((s) => s.flow.edges);
  const editable = useDesigner((s) => s.editable);
  const isEmpty = useDesigner((s) => s.history.graph.nodes.length === 0);

  const onConnect = useCallback(
    (c: FlowConnection) => {
      const problem = actions.apply((g) => connect(g, toConnection(c)));
      actions.setNotice(problem ? `Not connected: ${problem}` : null);
    },
    [actions],
  );
  const isValidConnection = useCallback(
    (c: FlowConnection | DesignerEdge) => connect(store.getState().history.graph, toConnection(c as FlowConnection)).ok,
    [store],
  );
  const onConnectStart: OnConnectStart = useCallback(
    (_event, { nodeId, handleId, handleType }) => {
      if (nodeId && handleId && handleType) actions.startConnecting({ nodeId, port: handleId, side: handleType });
    },
    [actions],
  );
  // A drop on a port that refused the connection: say why (React Flow only marks it invalid).
  const onConnectEnd: OnConnectEnd = useCallback(
    (_event, state) => {
      actions.stopConnecting();
      if (state.isValid !== false || !state.fromHandle || !state.toHandle || !state.fromNode || !state.toNode) return;
      const fromIsOutput = state.fromHandle.type === "source";
      const c: Connection = fromIsOutput
        ? {
            source: state.fromNode.id,
            sourcePort: state.fromHandle.id ?? "",
            target: state.toNode.id,
            targetPort: state.toHandle.id ?? "",
          }
        : {
            source: state.toNode.id,
            sourcePort: state.toHandle.id ?? "",
            target: state.fromNode.id,
            targetPort: state.fromHandle.id ?? "",
          };
      const result = connect(store.getState().history.graph, c);
      if (!result.ok) actions.setNotice(`Not connected: ${result.reason}`);
    },
    [actions, store],
  );

  const onDelete = useCallback(
    ({ nodes, edges }: { nodes: DesignerNode[]; edges: DesignerEdge[] }) =>
      actions.deleteSelection(
        nodes.map((n) => n.id),
        edges.map((e) => e.id),
      ),
    [actions],
  );
  const startNodeDrag = useCallback(
    (_event: unknown, _node: DesignerNode, nodes: DesignerNode[]) => actions.startDrag(nodes.map((n) => n.id)),
    [actions],
  );
  const startSelectionDrag = useCallback(
    (_event: unknown, nodes: DesignerNode[]) => actions.startDrag(nodes.map((n) => n.id)),
    [actions],
  );
  const clearSelection = useCallback(() => actions.selectOnly([]), [actions]);

  const components = useMemo(
    () => new Map(palette.flatMap((g) => g.components.map((c) => [paletteKey(c), c] as const))),
    [palette],
  );
  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(PALETTE_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
    }
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const key = e.dataTransfer.getData(PALETTE_MIME);
      const component = key ? components.get(key) : undefined;
      if (!component) return;
      e.preventDefault();
      actions.addComponent(component, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
    },
    [actions, components, flow],
  );

  return (
    <div className="relative min-h-0 min-w-0 flex-[3] md:flex-1" onDragOver={onDragOver} onDrop={onDrop}>
      <Notice />
      {isEmpty ? (
        <div className="pointer-events-none absolute inset-0 z-[1] flex items-center justify-center">
          <p className="rounded-md bg-surface/80 px-4 py-3 text-sm text-muted">
            {editable
              ? "Drag a component from the palette onto the canvas to start."
              : "This pipeline has no steps yet."}
          </p>
        </div>
      ) : null}
      <ReactFlow<DesignerNode, DesignerEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={designerNodeTypes}
        edgeTypes={designerEdgeTypes}
        onNodesChange={actions.onNodesChange}
        onEdgesChange={actions.onEdgesChange}
        onConnect={onConnect}
        onConnectStart={onConnectStart}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onDelete={onDelete}
        onNodeDragStart={startNodeDrag}
        onNodeDragStop={actions.stopDrag}
        onSelectionDragStart={startSelectionDrag}
        onSelectionDragStop={actions.stopDrag}
        onPaneClick={clearSelection}
        nodesDraggable={editable}
        nodesConnectable={editable}
        deleteKeyCode={editable ? ["Delete", "Backspace"] : null}
        multiSelectionKeyCode={["Meta", "Control", "Shift"]}
        selectionKeyCode="Shift"
        colorMode={isDark ? "dark" : "light"}
        // Fit a saved graph (or the focused node, at 100%) into view once; an empty draft starts at 100%
        // and stays put as nodes arrive.
        fitView={hasNodesAtStart}
        fitViewOptions={focus ? { nodes: [{ id: focus }], minZoom: 1, maxZoom: 1 } : OPEN_VIEW}
        // Only what is on screen is mounted: a drag costs the same in a 50- or a 500-node pipeline.
        onlyRenderVisibleElements
        minZoom={0.05}
        proOptions={{ hideAttribution: true }}
        aria-label="Pipeline canvas"
      >
        <Background gap={16} />
        <Controls showInteractive={false} fitViewOptions={FIT_VIEW} />
        <Minimap />
      </ReactFlow>
    </div>
  );
});

/** A refused edit, above the canvas until dismissed or the next edit. */
function Notice() {
  const notice = useDesigner((s) => s.notice);
  const { setNotice } = useDesignerActions();
  if (!notice) return null;
  return (
    <div
      role="alert"
      className="absolute left-1/2 top-3 z-10 flex max-w-[90%] -translate-x-1/2 items-start gap-2 rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger shadow"
    >
      <span>{notice}</span>
      <button
        type="button"
        aria-label="Dismiss"
        onClick={() => setNotice(null)}
        className="shrink-0 rounded p-0.5 hover:bg-danger/10"
      >
        <X size={14} aria-hidden />
      </button>
    </div>
  );
}

/** The minimap; during a drag the still nodes are the graph from before it, drawn once. */
function Minimap() {
  const drag = useDesigner((s) => s.drag);
  const nodes = useDesigner((s) => s.history.graph.nodes);
  const measured = useDesigner((s) => s.measured);
  const issueCounts = useDesigner((s) => s.issueCounts);
  const moving = useMemo(() => (drag ? nodes.filter((n) => drag.ids.has(n.id)) : []), [drag, nodes]);
  return (
    <DesignerMinimap nodes={drag ? drag.before : nodes} moving={moving} measured={measured} issueCounts={issueCounts} />
  );
}
