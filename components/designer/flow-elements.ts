"use client";
import { useRef } from "react";
import type { Edge, Node } from "@xyflow/react";
import type { PipelineEdge, PipelineNode } from "@/lib/pipeline/types";

// The graph as React Flow's nodes and edges. React Flow re-renders a node or edge only when its object
// changes, and the graph edits keep every untouched node's identity, so each element is cached by the
// graph object it came from (and its selection and problem count): while a node is dragged, only that
// node, and the edges that end at it, get new objects and render again.

export type DesignerNodeData = { node: PipelineNode; issueCount: number };
/** React Flow's own styles target the node types "input", "output" and "default": ours are named apart. */
export const FLOW_NODE_TYPE = {
  step: "step",
  input: "pipeline-input",
  output: "pipeline-output",
} as const satisfies Record<PipelineNode["kind"], string>;
export type DesignerNode = Node<DesignerNodeData, (typeof FLOW_NODE_TYPE)[PipelineNode["kind"]]>;
export type DesignerEdgeData = { edge: PipelineEdge };
export type DesignerEdge = Edge<DesignerEdgeData, "port">;

type NodeEntry = {
  source: PipelineNode;
  isSelected: boolean;
  issueCount: number;
  measured: Size | undefined;
  element: DesignerNode;
};
type EdgeEntry = { source: PipelineEdge; isSelected: boolean; element: DesignerEdge };
type Size = { width: number; height: number };

export function useFlowElements(
  nodes: readonly PipelineNode[],
  edges: readonly PipelineEdge[],
  selectedNodes: ReadonlySet<string>,
  selectedEdges: ReadonlySet<string>,
  issueCounts: ReadonlyMap<string, number>,
  measured: ReadonlyMap<string, Size>,
): { flowNodes: DesignerNode[]; flowEdges: DesignerEdge[] } {
  const nodeCache = useRef(new Map<string, NodeEntry>());
  const edgeCache = useRef(new Map<string, EdgeEntry>());
  const previous = useRef<{
    nodes: readonly PipelineNode[];
    edges: readonly PipelineEdge[];
    flowNodes: DesignerNode[];
    flowEdges: DesignerEdge[];
  } | null>(null);

  const nextNodeCache = new Map<string, NodeEntry>();
  let isNodeListSame = previous.current !== null && previous.current.flowNodes.length === nodes.length;
  const flowNodes = nodes.map((node, i) => {
    const isSelected = selectedNodes.has(node.id);
    const issueCount = issueCounts.get(node.id) ?? 0;
    const size = measured.get(node.id);
    let entry = nodeCache.current.get(node.id);
    if (
      !entry ||
      entry.source !== node ||
      entry.isSelected !== isSelected ||
      entry.issueCount !== issueCount ||
      entry.measured !== size
    ) {
      entry = {
        source: node,
        isSelected,
        issueCount,
        measured: size,
        element: {
          id: node.id,
          type: FLOW_NODE_TYPE[node.kind],
          position: node.position,
          selected: isSelected,
          data: { node, issueCount },
          ...(size ? { measured: size } : {}),
        },
      };
    }
    nextNodeCache.set(node.id, entry);
    if (isNodeListSame && previous.current!.flowNodes[i] !== entry.element) isNodeListSame = false;
    return entry.element;
  });
  nodeCache.current = nextNodeCache;

  const nextEdgeCache = new Map<string, EdgeEntry>();
  let isEdgeListSame = previous.current !== null && previous.current.flowEdges.length === edges.length;
  const flowEdges = edges.map((edge, i) => {
    const isSelected = selectedEdges.has(edge.id);
    let entry = edgeCache.current.get(edge.id);
    if (!entry || entry.source !== edge || entry.isSelected !== isSelected) {
      entry = {
        source: edge,
        isSelected,
        element: {
          id: edge.id,
          type: "port",
          source: edge.source,
          sourceHandle: edge.sourcePort,
          target: edge.target,
          targetHandle: edge.targetPort,
          selected: isSelected,
          data: { edge },
        },
      };
    }
    nextEdgeCache.set(edge.id, entry);
    if (isEdgeListSame && previous.current!.flowEdges[i] !== entry.element) isEdgeListSame = false;
    return entry.element;
  });
  edgeCache.current = nextEdgeCache;

  // Unchanged lists keep their identity too, so React Flow skips its own pass over them.
  const result = {
    flowNodes: isNodeListSame ? previous.current!.flowNodes : flowNodes,
    flowEdges: isEdgeListSame ? previous.current!.flowEdges : flowEdges,
  };
  previous.current = { nodes, edges, ...result };
  return result;
}
