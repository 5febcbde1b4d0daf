"use client";
import { memo, useCallback, type ReactNode } from "react";
import { Trash2 } from "lucide-react";
import type { DataChoice } from "@/lib/pipeline/catalog";
import type { PipelineEdge, PipelineNode } from "@/lib/pipeline/types";
import { Button } from "@/components/ui/button";
import { useDesigner, useDesignerActions } from "@/components/designer/store-context";
import { Section } from "@/components/designer/inspector/fields";
import { InputPanel } from "@/components/designer/inspector/input-panel";
import { OutputPanel } from "@/components/designer/inspector/output-panel";
import type { PanelProps } from "@/components/designer/inspector/panel-props";
import { PipelinePanel } from "@/components/designer/inspector/pipeline-panel";
import { StepPanel } from "@/components/designer/inspector/step-panel";

// The side panel: what the selection is and how to change it, one panel per kind of selection.

/** Rendered again when the graph's structure, the selection or the pipeline's details change (not on moves). */
export const Inspector = memo(function Inspector({
  workspace,
  dataChoices,
}: {
  workspace: string;
  dataChoices: DataChoice[];
}) {
  const graph = useDesigner((s) => s.structuralGraph);
  const selectedNodeIds = useDesigner((s) => s.selectedNodes);
  const selectedEdgeIds = useDesigner((s) => s.selectedEdges);
  const meta = useDesigner((s) => s.meta);
  const canEdit = useDesigner((s) => s.editable);
  const actions = useDesignerActions();
  const onSelect = useCallback((id: string) => actions.selectOnly([id]), [actions]);
  const props: PanelProps = {
    workspace,
    graph,
    dataChoices,
    meta,
    canEdit,
    apply: actions.apply,
    onMeta: actions.setMeta,
    onSelect,
  };
  const selectedNodes = [...selectedNodeIds]
    .map((id) => graph.nodes.find((n) => n.id === id))
    .filter((n): n is PipelineNode => n !== undefined);
  const selectedEdges = graph.edges.filter((e) => selectedEdgeIds.has(e.id));
  let body: ReactNode;
  if (selectedNodes.length === 1 && selectedEdges.length === 0) {
    const node = selectedNodes[0];
    body =
      node.kind === "step" ? (
        <StepPanel key={node.id} {...props} node={node} />
      ) : node.kind === "input" ? (
        <InputPanel key={node.id} {...props} node={node} />
      ) : (
        <OutputPanel key={node.id} {...props} node={node} />
      );
  } else if (selectedNodes.length + selectedEdges.length > 0) {
    body = (
      <SelectionPanel nodes={selectedNodes} edges={selectedEdges} canEdit={canEdit} onDelete={actions.deleteSelected} />
    );
  } else {
    body = <PipelinePanel {...props} />;
  }
  return (
    <aside aria-label="Properties" className="flex h-full min-h-0 flex-col overflow-y-auto">
      {body}
    </aside>
  );
});

/** Several things selected: how many, and a button to delete them. */
function SelectionPanel({
  nodes,
  edges,
  canEdit,
  onDelete,
}: {
  nodes: PipelineNode[];
  edges: PipelineEdge[];
  canEdit: boolean;
  onDelete: () => void;
}) {
  const parts = [
    nodes.length ? `${nodes.length} node${nodes.length === 1 ? "" : "s"}` : "",
    edges.length ? `${edges.length} connection${edges.length === 1 ? "" : "s"}` : "",
  ].filter(Boolean);
  return (
    <Section title="Selection">
      <p className="text-sm">{parts.join(" and ")} selected.</p>
      {edges.length === 1 && nodes.length === 0 ? (
        <p className="text-sm text-muted">
          From {edges[0].source}.{edges[0].sourcePort} to {edges[0].target}.{edges[0].targetPort}
        </p>
      ) : null}
      {canEdit ? (
        <Button variant="danger" size="sm" onClick={onDelete}>
          <Trash2 size={14} aria-hidden /> Delete
        </Button>
      ) : null}
      <p className="text-xs text-muted">Delete or Backspace removes the selection too.</p>
    </Section>
  );
}
