import type { Edge, Node } from "@xyflow/react";
import type { PipelineEdge, PipelineNode } from "@/lib/pipeline/types";

// The graph as React Flow's nodes and edges. React Flow re-renders a node or edge only when its object
// changes, and the graph edits keep every untouched node's identity, so each element is kept with the
// graph object it came from (and its selection, problem count and size) and reused while they stay the
// same: while a node is dragged, only that node, and the edges that end at it, get new objects and render
// again. The store (store.ts) derives them after each change, from the previous answer.

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
export type Size = { width: number; height: number };

type NodeEntry = {
  source: PipelineNode;
  isSelected: boolean;
  issueCount: number;
  measured: Size | undefined;
  element: DesignerNode;
};
type EdgeEntry = { source: PipelineEdge; isSelected: boolean; element: DesignerEdge };

export type FlowInput = {
  nodes: readonly PipelineNode[];
  edges: readonly PipelineEdge[];
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  issueCounts: ReadonlyMap<string, number>;
  measured: ReadonlyMap<string, Size>;
};

/** The elements, with what they were made from (to reuse them next time). */
export type FlowElements = {
  nodes: DesignerNode[];
  edges: DesignerEdge[];
  input: FlowInput | null;
  nodeEntries: ReadonlyMap<string, NodeEntry>;
  edgeEntries: ReadonlyMap<string, EdgeEntry>;
};

export const NO_FLOW_ELEMENTS: FlowElements = {
  nodes: [],
  edges: [],
  input: null,
  nodeEntries: new Map(),
  edgeEntries: new Map(),
};

/** The elements for `input`, reusing every element of `previous` whose sources did not change. */
export function flowElements(previous: FlowElements, input: FlowInput): FlowElements {
  const before = previous.input;
  const isNodeInputSame =
    before !== null &&
    before.nodes === input.nodes &&
    before.selectedNodes === input.selectedNodes &&
    before.issueCounts === input.issueCounts &&
    before.measured === input.measured;
  const isEdgeInputSame =
    before !== null && before.edges === input.edges && before.selectedEdges === input.selectedEdges;
  const nodes = isNodeInputSame ? previous : flowNodes(previous, input);
  const edges = isEdgeInputSame ? previous : flowEdges(previous, input);
  return {
    nodes: nodes.nodes,
    nodeEntries: nodes.nodeEntries,
    edges: edges.edges,
    edgeEntries: edges.edgeEntries,
    input,
  };
}

function flowNodes(previous: FlowElements, input: FlowInput): Pick<FlowElements, "nodes" | "nodeEntries"> {
  const entries = new Map<string, NodeEntry>();
  let isListSame = previous.input !== null && previous.nodes.length === input.nodes.length;
  const nodes = input.nodes.map((node, i) => {
    const isSelected = input.selectedNodes.has(node.id);
    const issueCount = input.issueCounts.get(node.id) ?? 0;
    const size = input.measured.get(node.id);
    let entry = previous.nodeEntries.get(node.id);
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
    entries.set(node.id, entry);
    if (isListSame && previous.nodes[i] !== entry.element) isListSame = false;
    return entry.element;
  });
  // An unchanged list keeps its identity too, so React Flow skips its own pass over it.
  return { nodes: isListSame ? previous.nodes : nodes, nodeEntries: entries };
}

function flowEdges(previous: FlowElements, input: FlowInput): Pick<FlowElements, "edges" | "edgeEntries"> {
  const entries = new Map<string, EdgeEntry>();
  let isListSame = previous.input !== null && previous.edges.length === input.edges.length;
  const edges = input.edges.map((edge, i) => {
    const isSelected = input.selectedEdges.has(edge.id);
    let entry = previous.edgeEntries.get(edge.id);
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
    entries.set(edge.id, entry);
    if (isListSame && previous.edges[i] !== entry.element) isListSame = false;
    return entry.element;
  });
  return { edges: isListSame ? previous.edges : edges, edgeEntries: entries };
}
