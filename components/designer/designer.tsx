"use client";
import "@xyflow/react/dist/style.css";
import { memo, useCallback, useEffect, useState } from "react";
import { ReactFlowProvider, useReactFlow, useStoreApi } from "@xyflow/react";
import type { DesignerCatalog, PaletteGroup } from "@/lib/pipeline/catalog";
import type { ValidationIssue } from "@/lib/pipeline/types";
import type { PipelineDto } from "@/lib/schemas/dto";
import { createAutosave } from "@/components/designer/autosave";
import { DesignerCanvas } from "@/components/designer/canvas";
import { Inspector } from "@/components/designer/inspector/inspector";
import { Palette } from "@/components/designer/palette";
import { createDesignerStore, type DesignerStore } from "@/components/designer/store";
import {
  DesignerStoreContext,
  useDesigner,
  useDesignerActions,
  useDesignerStore,
} from "@/components/designer/store-context";
import { ConflictBanner, DesignerHeader } from "@/components/designer/toolbar";
import { useNarrowScreen } from "@/components/designer/use-narrow-screen";
import { ValidationPanel } from "@/components/designer/validation-panel";

// The pipeline designer: palette, canvas, properties and validation, saving itself as it goes. Its state
// lives in one store (store.ts) made when it opens; the parts below subscribe to what they show.

/** `focus`: a node to open on, selected and shown at full size (a link to one step). */
type Props = { workspace: string; pipeline: PipelineDto; catalog: DesignerCatalog; canEdit: boolean; focus?: string };

export function PipelineDesigner(props: Props) {
  return (
    <ReactFlowProvider>
      <Designer {...props} />
    </ReactFlowProvider>
  );
}

function Designer({ workspace, pipeline, catalog, canEdit, focus }: Props) {
  const isNarrow = useNarrowScreen();
  const editable = canEdit && !isNarrow;
  const [store] = useState(() =>
    createDesignerStore({
      graph: pipeline.graph,
      meta: { name: pipeline.name, description: pipeline.description, experimentName: pipeline.experimentName ?? "" },
      revision: pipeline.revision,
      editable,
      focus: focus ?? null,
    }),
  );
  const [autosave] = useState(() =>
    createAutosave(store, {
      workspace,
      pipelineId: pipeline.id,
      revision: pipeline.revision,
      canEdit,
    }),
  );
  // Where the canvas opens: on the focused node, else on the whole saved graph.
  const [opening] = useState(() => ({
    focus: [...store.getState().selectedNodes][0] ?? null,
    hasNodes: pipeline.graph.nodes.length > 0,
  }));
  useEffect(() => autosave.start(), [autosave]);
  useEffect(() => store.getState().actions.setEditable(editable), [store, editable]);
  useUndoKeys(store);

  return (
    <DesignerStoreContext.Provider value={store}>
      <div className="-mx-4 -my-5 flex h-[calc(100vh-3rem)] min-h-[32rem] flex-col md:-mx-8">
        <DesignerHeader workspace={workspace} pipeline={pipeline} dataChoices={catalog.data} autosave={autosave} />
        <ConflictBanner workspace={workspace} />
        {canEdit && isNarrow ? (
          <p role="note" className="border-b border-border bg-surface-2 px-3 py-2 text-sm text-muted">
            Editing needs a wider screen: read-only here. Drag to pan, pinch to zoom.
          </p>
        ) : null}
        <div className="flex min-h-0 flex-1 flex-col md:flex-row">
          <div className="hidden w-60 shrink-0 border-r border-border bg-surface lg:block">
            <PaletteOnCanvas groups={catalog.palette} />
          </div>
          <DesignerCanvas palette={catalog.palette} focus={opening.focus} hasNodesAtStart={opening.hasNodes} />
          <div className="flex min-h-0 flex-[2] flex-col border-t border-border bg-surface md:w-80 md:flex-none md:shrink-0 md:border-l md:border-t-0">
            <div className="min-h-0 flex-[3] overflow-hidden">
              <Inspector workspace={workspace} dataChoices={catalog.data} />
            </div>
            <div className="min-h-0 flex-[2] overflow-hidden border-t border-border">
              <Validation />
            </div>
          </div>
        </div>
      </div>
    </DesignerStoreContext.Provider>
  );
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/** Undo and redo from the keyboard, unless a field has the focus (it has its own undo). */
function useUndoKeys(store: DesignerStore) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { editable, actions } = store.getState();
      if (!(e.ctrlKey || e.metaKey) || isTyping(e.target) || !editable) return;
      const key = e.key.toLowerCase();
      if (key === "z" && !e.shiftKey) {
        e.preventDefault();
        actions.undo();
      } else if ((key === "z" && e.shiftKey) || key === "y") {
        e.preventDefault();
        actions.redo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store]);
}

/** The palette; its + drops the component in the middle of the view. */
const PaletteOnCanvas = memo(function PaletteOnCanvas({ groups }: { groups: PaletteGroup[] }) {
  const actions = useDesignerActions();
  const flowStore = useStoreApi();
  const add = useCallback(
    (component: Parameters<typeof actions.addComponent>[0]) => {
      const { width, height, transform } = flowStore.getState();
      const [x, y, zoom] = transform;
      actions.addComponent(component, { x: (width / 2 - x) / zoom, y: (height / 2 - y) / zoom });
    },
    [actions, flowStore],
  );
  return <Palette groups={groups} onAdd={add} />;
});

/** The validation panel; a problem picked selects what it is about and brings it into view. */
function Validation() {
  const store = useDesignerStore();
  const flow = useReactFlow();
  const issues = useDesigner((s) => s.issues);
  const pick = useCallback(
    (issue: ValidationIssue) => {
      const { history, actions } = store.getState();
      const edge = issue.edgeId ? history.graph.edges.find((e) => e.id === issue.edgeId) : undefined;
      const nodeId = issue.nodeId ?? edge?.target;
      if (issue.nodeId) actions.selectOnly([issue.nodeId]);
      else if (edge) actions.selectOnly([], [edge.id]);
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
    [flow, store],
  );
  return <ValidationPanel issues={issues} onPick={pick} />;
}
