import type { DataChoice } from "@/lib/pipeline/catalog";
import type { PipelineGraph, PipelineNode } from "@/lib/pipeline/types";
import type { ApplyEdit, PipelineMeta } from "@/components/designer/store";

// What every panel of the properties side panel is given. Every change is one of the pure edits of
// lib/pipeline/graph-edit.ts, through `apply`; a refused one says why beside the field and changes nothing.

export type PanelProps = {
  workspace: string;
  /** The graph as of its last structural change (the panels show no positions). */
  graph: PipelineGraph;
  dataChoices: DataChoice[];
  meta: PipelineMeta;
  /** Whether edits are allowed now (the role may write, the screen is wide enough). */
  canEdit: boolean;
  apply: ApplyEdit;
  onMeta: (patch: Partial<PipelineMeta>) => void;
  onSelect: (nodeId: string) => void;
};

/** Somewhere below everything, so a new node does not land on another. */
export function freeSpot(graph: PipelineGraph, dx = 0): { x: number; y: number } {
  if (!graph.nodes.length) return { x: dx, y: 0 };
  const bottom = Math.max(...graph.nodes.map((n) => n.position.y));
  const left = Math.min(...graph.nodes.map((n) => n.position.x));
  return { x: left + dx, y: bottom + 140 };
}

/** Where a node is in the current graph (the panel's copy may predate a move). */
export function positionIn(graph: PipelineGraph, node: PipelineNode) {
  return graph.nodes.find((n) => n.id === node.id)?.position ?? node.position;
}
