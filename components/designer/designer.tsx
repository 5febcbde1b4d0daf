"use client";
import "@xyflow/react/dist/style.css";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import {
  Background,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection as FlowConnection,
  type EdgeChange,
  type NodeChange,
  type OnConnectEnd,
} from "@xyflow/react";
import { LayoutGrid, Maximize, Play, Redo2, Undo2, X } from "lucide-react";
import {
  addNode,
  connect,
  disconnect,
  moveNodes,
  removeNodes,
  type Connection,
  type EditResult,
} from "@/lib/pipeline/graph-edit";
import { newStepNode } from "@/lib/pipeline/nodes";
import { autoLayout, DEFAULT_NODE_SIZE } from "@/lib/pipeline/layout";
import { validateGraph } from "@/lib/pipeline/validate";
import type { PipelineGraph, PipelineInputNode, PipelineNode, Position, ValidationIssue } from "@/lib/pipeline/types";
import type { DesignerCatalog, PaletteComponent } from "@/lib/pipeline/catalog";
import type { PipelineDto } from "@/lib/schemas/dto";
import { useGraphHistory } from "@/components/designer/use-graph-history";
import { useFlowElements, type DesignerEdge, type DesignerNode } from "@/components/designer/flow-elements";
import { designerNodeTypes } from "@/components/designer/nodes";
import { designerEdgeTypes } from "@/components/designer/port-edge";
import { Palette, PALETTE_MIME, paletteKey } from "@/components/designer/palette";
import { Inspector, type PipelineMeta } from "@/components/designer/inspector";
import { ValidationPanel } from "@/components/designer/validation-panel";
import { DesignerMinimap } from "@/components/designer/minimap";
import { SubmitDialog } from "@/components/designer/submit-dialog";
import { useAutosave, type SaveState } from "@/components/designer/use-autosave";
import {
  clonePipelineRequest,
  createPipelineRequest,
  deletePipelineRequest,
} from "@/components/pipelines/pipeline-requests";
import { api, pages } from "@/lib/routes";
import { Button } from "@/components/ui/button";
import { ActionMenu } from "@/components/ui/menu";
import { cn } from "@/components/ui/cn";
import { useDarkTheme } from "@/components/ui/use-dark-theme";

/** `focus`: a node to open on, selected and shown at full size (a link to one step). */
type Props = { workspace: string; pipeline: PipelineDto; catalog: DesignerCatalog; canEdit: boolean; focus?: string };

/** The pipeline designer: palette, canvas, properties and validation, saving itself as it goes. */
export function PipelineDesigner(props: Props) {
  return (
    <ReactFlowProvider>
      <Designer {...props} />
    </ReactFlowProvider>
  );
}

type Size = { width: number; height: number };

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

function Designer({ workspace, pipeline, catalog, canEdit, focus }: Props) {
  const router = useRouter();
  const flow = useReactFlow<DesignerNode, DesignerEdge>();
  const isDark = useDarkTheme();
  const history = useGraphHistory(pipeline.graph);
  const { graph, commit, move, undo, redo } = history;
  const graphRef = useRef(graph);
  graphRef.current = graph;

  const [meta, setMeta] = useState<PipelineMeta>({
    name: pipeline.name,
    description: pipeline.description,
    experimentName: pipeline.experimentName ?? "",
  });
  const [metaVersion, setMetaVersion] = useState(0);
  const focusNode = useRef(focus && pipeline.graph.nodes.some((n) => n.id === focus) ? focus : null);
  const [selectedNodes, setSelectedNodes] = useState<ReadonlySet<string>>(
    () => new Set(focusNode.current ? [focusNode.current] : []),
  );
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(() => new Set());
  const [measured, setMeasured] = useState<ReadonlyMap<string, Size>>(() => new Map());
  const [notice, setNotice] = useState<string | null>(null);
  /** The nodes being dragged, and the graph's nodes when the drag began (the minimap's still picture). */
  const [drag, setDrag] = useState<{ ids: ReadonlySet<string>; before: readonly PipelineNode[] } | null>(null);
  const isDragging = drag !== null;
  const [isSubmitOpen, setIsSubmitOpen] = useState(false);
  /** Whether the moves coming in belong to a drag whose start is already an undo step. */
  const dragStarted = useRef(false);
  const canvasRef = useRef<HTMLDivElement>(null);
  const hasNodesAtStart = useRef(pipeline.graph.nodes.length > 0);
  // The callbacks below read the latest state through refs, so they keep their identity for React Flow.
  const selectedNodesRef = useRef(selectedNodes);
  selectedNodesRef.current = selectedNodes;
  const measuredRef = useRef(measured);
  measuredRef.current = measured;
  const selectedEdgesRef = useRef(selectedEdges);
  selectedEdgesRef.current = selectedEdges;

  // Positions never change what the validator says: it runs again only when something else changed.
  const issues = useMemo(() => validateGraph(graph), [history.structure]);
  const issueCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const issue of issues) if (issue.nodeId) counts.set(issue.nodeId, (counts.get(issue.nodeId) ?? 0) + 1);
    return counts;
  }, [issues]);
  // The properties panel shows no positions: it renders again after edits, not on every frame of a drag.
  const structuralGraph = useMemo(() => graph, [history.structure]);
  const { flowNodes, flowEdges } = useFlowElements(
    graph.nodes,
    graph.edges,
    selectedNodes,
    selectedEdges,
    issueCounts,
    measured,
  );

  const draft = useMemo(
    () => ({ graph, meta, version: `${history.version}.${metaVersion}` }),
    [graph, meta, history.version, metaVersion],
  );
  const autosave = useAutosave({
    workspace,
    pipelineId: pipeline.id,
    revision: pipeline.revision,
    draft,
    isPaused: isDragging,
    canEdit,
  });

  /** Applies a pure edit to the current graph as one undoable step; answers why it was refused, if it was. */
  const apply = useCallback(
    (edit: (g: PipelineGraph) => EditResult | PipelineGraph): string | null => {
      const result = edit(graphRef.current);
      if ("ok" in result && !result.ok) return result.reason;
      const next = "ok" in result ? result.graph : result;
      if (next !== graphRef.current) {
        graphRef.current = next;
        commit(next);
        dragStarted.current = false; // a later move (arrow keys) is a step of its own
      }
      return null;
    },
    [commit],
  );

  const selectOnly = useCallback((nodeIds: string[], edgeIds: string[] = []) => {
    setSelectedNodes(new Set(nodeIds));
    setSelectedEdges(new Set(edgeIds));
  }, []);

  const onNodesChange = useCallback(
    (changes: NodeChange<DesignerNode>[]) => {
      const positions = new Map<string, Position>();
      let selection: Set<string> | null = null;
      let sizes: Map<string, Size> | null = null;
      for (const change of changes) {
        if (change.type === "position" && change.position) positions.set(change.id, change.position);
        else if (change.type === "select") {
          selection ??= new Set(selectedNodesRef.current);
          if (change.selected) selection.add(change.id);
          else selection.delete(change.id);
        } else if (change.type === "dimensions" && change.dimensions) {
          sizes ??= new Map(measuredRef.current);
          sizes.set(change.id, { width: change.dimensions.width, height: change.dimensions.height });
        }
      }
      if (positions.size && canEdit) {
        const next = moveNodes(graphRef.current, positions);
        if (next !== graphRef.current) {
          graphRef.current = next;
          move(next, dragStarted.current ? "replace" : "push");
          dragStarted.current = true;
        }
      }
      if (selection) setSelectedNodes(selection);
      if (sizes) setMeasured(sizes);
    },
    [canEdit, move],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<DesignerEdge>[]) => {
    let selection: Set<string> | null = null;
    for (const change of changes) {
      if (change.type !== "select") continue;
      selection ??= new Set(selectedEdgesRef.current);
      if (change.selected) selection.add(change.id);
      else selection.delete(change.id);
    }
    if (selection) setSelectedEdges(selection);
  }, []);

  const toConnection = (c: FlowConnection): Connection => ({
    source: c.source,
    sourcePort: c.sourceHandle ?? "",
    target: c.target,
    targetPort: c.targetHandle ?? "",
  });
  const onConnect = useCallback(
    (c: FlowConnection) => {
      const problem = apply((g) => connect(g, toConnection(c)));
      setNotice(problem ? `Not connected: ${problem}` : null);
    },
    [apply],
  );
  const isValidConnection = useCallback(
    (c: FlowConnection | DesignerEdge) => connect(graphRef.current, toConnection(c as FlowConnection)).ok,
    [],
  );
  // A drop on a port that refused the connection: say why (React Flow only marks it invalid).
  const onConnectEnd: OnConnectEnd = useCallback((_event, state) => {
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
    const result = connect(graphRef.current, c);
    if (!result.ok) setNotice(`Not connected: ${result.reason}`);
  }, []);

  const deleteSelection = useCallback(
    (nodeIds: Iterable<string>, edgeIds: Iterable<string>) => {
      if (!canEdit) return;
      apply((g) => disconnect(removeNodes(g, nodeIds), edgeIds));
      selectOnly([]);
    },
    [apply, canEdit, selectOnly],
  );
  const onDelete = useCallback(
    ({ nodes, edges }: { nodes: DesignerNode[]; edges: DesignerEdge[] }) =>
      deleteSelection(
        nodes.map((n) => n.id),
        edges.map((e) => e.id),
      ),
    [deleteSelection],
  );

  const components = useMemo(
    () => new Map(catalog.palette.flatMap((g) => g.components.map((c) => [paletteKey(c), c] as const))),
    [catalog.palette],
  );
  const addComponent = useCallback(
    (component: PaletteComponent, at: Position) => {
      if (!canEdit) return;
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
      setNotice(null);
    },
    [apply, canEdit, selectOnly],
  );
  const viewCenter = useCallback((): Position => {
    const box = canvasRef.current?.getBoundingClientRect();
    return box
      ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 })
      : { x: 0, y: 0 };
  }, [flow]);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const key = e.dataTransfer.getData(PALETTE_MIME);
      const component = key ? components.get(key) : undefined;
      if (!component) return;
      e.preventDefault();
      addComponent(component, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
    },
    [addComponent, components, flow],
  );

  const layout = useCallback(() => {
    apply((g) =>
      autoLayout(g, { direction: "TB", nodeSize: (n) => measuredRef.current.get(n.id) ?? DEFAULT_NODE_SIZE }),
    );
    requestAnimationFrame(() => void flow.fitView({ padding: 0.15, duration: 200 }));
  }, [apply, flow]);

  const pickIssue = useCallback(
    (issue: ValidationIssue) => {
      const edge = issue.edgeId ? graphRef.current.edges.find((e) => e.id === issue.edgeId) : undefined;
      const nodeId = issue.nodeId ?? edge?.target;
      if (issue.nodeId) selectOnly([issue.nodeId]);
      else if (edge) selectOnly([], [edge.id]);
      const node = nodeId ? flow.getInternalNode(nodeId) : undefined;
      if (node) {
        const size = node.measured;
        void flow.setCenter(
          node.internals.positionAbsolute.x + (size.width ?? 0) / 2,
          node.internals.positionAbsolute.y + (size.height ?? 0) / 2,
          { zoom: Math.max(flow.getZoom(), 0.9), duration: 250 },
        );
      }
    },
    [flow, selectOnly],
  );

  // Undo and redo from the keyboard, unless a field has the focus (it has its own undo).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isTyping(e.target) || !canEdit) return;
      const key = e.key.toLowerCase();
      if (key === "z" && !e.shiftKey) {
        e.preventDefault();
        undo();
      } else if ((key === "z" && e.shiftKey) || key === "y") {
        e.preventDefault();
        redo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [undo, redo, canEdit]);

  const onMeta = useCallback((patch: Partial<PipelineMeta>) => {
    setMeta((m) => ({ ...m, ...patch }));
    setMetaVersion((v) => v + 1);
  }, []);

  const clone = async () => {
    if (!(await autosave.flush())) return setNotice("Save the draft before cloning it: it could not be saved.");
    const result = await clonePipelineRequest(workspace, pipeline.id);
    if (!result.ok) return setNotice(result.message);
    router.push(pages.pipeline(workspace, result.value.id));
  };
  const remove = async () => {
    if (!window.confirm(`Delete the draft "${meta.name}"? Its submitted jobs stay.`)) return;
    const result = await deletePipelineRequest(workspace, pipeline.id);
    if (!result.ok) return setNotice(result.message);
    router.push(pages.pipelines(workspace));
  };
  const keepMineAsCopy = async () => {
    const result = await createPipelineRequest(workspace, {
      name: `${meta.name} (my changes)`.slice(0, 200),
      description: meta.description,
      ...(meta.experimentName ? { experimentName: meta.experimentName } : {}),
      graph: graphRef.current,
    });
    if (!result.ok) return setNotice(result.message);
    window.location.assign(pages.pipeline(workspace, result.value.id));
  };

  const selectedNodeIds = useMemo(
    () => [...selectedNodes].filter((id) => structuralGraph.nodes.some((n) => n.id === id)),
    [selectedNodes, structuralGraph],
  );
  const selectedEdgeIds = useMemo(
    () => [...selectedEdges].filter((id) => structuralGraph.edges.some((e) => e.id === id)),
    [selectedEdges, structuralGraph],
  );
  const pipelineInputs = graph.nodes.filter((n): n is PipelineInputNode => n.kind === "input");
  const selectNode = useCallback((id: string) => selectOnly([id]), [selectOnly]);
  const startDrag = useCallback((nodes: DesignerNode[]) => {
    dragStarted.current = false;
    setDrag({ ids: new Set(nodes.map((n) => n.id)), before: graphRef.current.nodes });
  }, []);
  const startNodeDrag = useCallback(
    (_event: unknown, _node: DesignerNode, nodes: DesignerNode[]) => startDrag(nodes),
    [startDrag],
  );
  const startSelectionDrag = useCallback((_event: unknown, nodes: DesignerNode[]) => startDrag(nodes), [startDrag]);
  const stopDrag = useCallback(() => {
    dragStarted.current = false;
    setDrag(null);
  }, []);
  const minimapStill = drag ? drag.before : graph.nodes;
  const minimapMoving = useMemo(() => (drag ? graph.nodes.filter((n) => drag.ids.has(n.id)) : []), [drag, graph.nodes]);
  const deleteSelected = useCallback(
    () => deleteSelection(selectedNodeIds, selectedEdgeIds),
    [deleteSelection, selectedNodeIds, selectedEdgeIds],
  );

  return (
    <div className="-mx-4 -my-5 flex h-[calc(100vh-3rem)] min-h-[32rem] flex-col md:-mx-8">
      <div className="flex flex-wrap items-center gap-2 border-b border-border bg-surface px-3 py-2">
        <div className="min-w-0 flex-1">
          <div className="text-xs text-muted">
            <Link href={pages.pipelines(workspace)} className="hover:underline">
              Pipelines
            </Link>{" "}
            / draft
            {pipeline.clonedFrom ? (
              <>
                {" "}
                · cloned from{" "}
                <Link className="hover:underline" href={pages.pipeline(workspace, pipeline.clonedFrom.id)}>
                  {pipeline.clonedFrom.name ?? "a deleted draft"}
                </Link>
              </>
            ) : null}
            {pipeline.clonedFromJob ? (
              <>
                {" "}
                · cloned from job{" "}
                <Link className="hover:underline" href={pages.job(workspace, pipeline.clonedFromJob)}>
                  {pipeline.clonedFromJob}
                </Link>
              </>
            ) : null}
          </div>
          <h1 className="truncate text-base font-semibold">{meta.name}</h1>
        </div>
        <SaveIndicator state={autosave.saveState} canEdit={canEdit} />
        <div className="flex items-center gap-1" role="toolbar" aria-label="Designer tools">
          <Button
            size="sm"
            variant="ghost"
            aria-label="Undo"
            title="Undo (Ctrl+Z)"
            disabled={!history.canUndo || !canEdit}
            onClick={undo}
          >
            <Undo2 size={16} aria-hidden />
          </Button>
          <Button
            size="sm"
            variant="ghost"
            aria-label="Redo"
            title="Redo (Ctrl+Shift+Z)"
            disabled={!history.canRedo || !canEdit}
            onClick={redo}
          >
            <Redo2 size={16} aria-hidden />
          </Button>
          <Button
            size="sm"
            variant="ghost"
            title="Lay the graph out by its connections"
            disabled={!canEdit || graph.nodes.length === 0}
            onClick={layout}
          >
            <LayoutGrid size={16} aria-hidden /> Auto-layout
          </Button>
          <Button size="sm" variant="ghost" onClick={() => void flow.fitView({ padding: 0.15, duration: 200 })}>
            <Maximize size={16} aria-hidden /> Fit view
          </Button>
        </div>
        <Link href={pages.pipelineHistory(workspace, pipeline.id)} className="text-sm text-accent hover:underline">
          Versions ({pipeline.versionCount}) &amp; clones
        </Link>
        {canEdit ? (
          <Button
            size="sm"
            variant="primary"
            disabled={issues.length > 0}
            title={issues.length ? "Fix the problems listed under Validation first" : undefined}
            onClick={() => setIsSubmitOpen(true)}
          >
            <Play size={14} aria-hidden /> Submit
          </Button>
        ) : null}
        <ActionMenu
          label="Pipeline actions"
          items={[
            ...(canEdit ? [{ label: "Clone", onSelect: () => void clone() }] : []),
            {
              label: "Export YAML",
              onSelect: () => window.location.assign(api.exportPipeline(workspace, pipeline.id)),
            },
            ...(canEdit ? [{ label: "Delete draft", onSelect: () => void remove(), isDanger: true }] : []),
          ]}
        />
      </div>
      {autosave.saveState.status === "conflict" ? (
        <div
          role="alert"
          className="flex flex-wrap items-center gap-2 border-b border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger"
        >
          <span className="min-w-0 flex-1">{autosave.saveState.message} Your changes here are not saved.</span>
          <Button size="sm" onClick={() => window.location.reload()}>
            Reload the saved version
          </Button>
          <Button size="sm" onClick={() => void keepMineAsCopy()}>
            Keep mine as a new draft
          </Button>
        </div>
      ) : null}
      <div className="flex min-h-0 flex-1">
        <div className="hidden w-60 shrink-0 border-r border-border bg-surface lg:block">
          <Palette groups={catalog.palette} onAdd={(c) => addComponent(c, viewCenter())} />
        </div>
        <div
          className="relative min-w-0 flex-1"
          ref={canvasRef}
          onDragOver={(e) => {
            if (e.dataTransfer.types.includes(PALETTE_MIME)) {
              e.preventDefault();
              e.dataTransfer.dropEffect = "copy";
            }
          }}
          onDrop={onDrop}
        >
          {notice ? (
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
          ) : null}
          {graph.nodes.length === 0 ? (
            <div className="pointer-events-none absolute inset-0 z-[1] flex items-center justify-center">
              <p className="rounded-md bg-surface/80 px-4 py-3 text-sm text-muted">
                Drag a component from the palette onto the canvas to start.
              </p>
            </div>
          ) : null}
          <ReactFlow<DesignerNode, DesignerEdge>
            nodes={flowNodes}
            edges={flowEdges}
            nodeTypes={designerNodeTypes}
            edgeTypes={designerEdgeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onConnectEnd={onConnectEnd}
            isValidConnection={isValidConnection}
            onDelete={onDelete}
            onNodeDragStart={startNodeDrag}
            onNodeDragStop={stopDrag}
            onSelectionDragStart={startSelectionDrag}
            onSelectionDragStop={stopDrag}
            onPaneClick={() => selectOnly([])}
            nodesDraggable={canEdit}
            nodesConnectable={canEdit}
            deleteKeyCode={canEdit ? ["Delete", "Backspace"] : null}
            multiSelectionKeyCode={["Meta", "Control", "Shift"]}
            selectionKeyCode="Shift"
            colorMode={isDark ? "dark" : "light"}
            // Fit a saved graph (or the focused node, at 100%) into view once; an empty draft starts at 100%
            // and stays put as nodes arrive.
            fitView={hasNodesAtStart.current}
            fitViewOptions={
              focusNode.current
                ? { nodes: [{ id: focusNode.current }], minZoom: 1, maxZoom: 1 }
                : { padding: 0.15, maxZoom: 1 }
            }
            // Only what is on screen is mounted: a drag costs the same in a 50- or a 500-node pipeline.
            onlyRenderVisibleElements
            minZoom={0.05}
            proOptions={{ hideAttribution: true }}
            aria-label="Pipeline canvas"
          >
            <Background gap={16} />
            <Controls showInteractive={false} />
            <DesignerMinimap
              nodes={minimapStill}
              moving={minimapMoving}
              measured={measured}
              issueCounts={issueCounts}
            />
          </ReactFlow>
        </div>
        <div className="flex w-80 shrink-0 flex-col border-l border-border bg-surface">
          <div className="min-h-0 flex-[3] overflow-hidden">
            <Inspector
              workspace={workspace}
              graph={structuralGraph}
              selectedNodeIds={selectedNodeIds}
              selectedEdgeIds={selectedEdgeIds}
              dataChoices={catalog.data}
              meta={meta}
              canEdit={canEdit}
              apply={apply}
              onMeta={onMeta}
              onSelect={selectNode}
              onDeleteSelection={deleteSelected}
            />
          </div>
          <div className="min-h-0 flex-[2] overflow-hidden border-t border-border">
            <ValidationPanel issues={issues} onPick={pickIssue} />
          </div>
        </div>
      </div>
      {isSubmitOpen ? (
        <SubmitDialog
          open
          onClose={() => setIsSubmitOpen(false)}
          workspace={workspace}
          pipelineId={pipeline.id}
          inputs={pipelineInputs}
          defaultExperiment={meta.experimentName || meta.name}
          dataChoices={catalog.data}
          save={autosave.flush}
          revision={autosave.revision}
        />
      ) : null}
    </div>
  );
}

function SaveIndicator({ state, canEdit }: { state: SaveState; canEdit: boolean }) {
  if (!canEdit) return <span className="text-xs text-muted">Read only</span>;
  const text: Record<SaveState["status"], string> = {
    saved: "Saved",
    unsaved: "Unsaved changes",
    saving: "Saving…",
    error: "Not saved",
    conflict: "Saved elsewhere",
  };
  return (
    <span
      role="status"
      aria-live="polite"
      title={state.message ?? `Revision ${state.revision}`}
      className={cn("text-xs", state.status === "error" || state.status === "conflict" ? "text-danger" : "text-muted")}
      data-save-status={state.status}
    >
      {text[state.status]}
      {state.status === "error" && state.message ? `: ${state.message}` : ""}
    </span>
  );
}
