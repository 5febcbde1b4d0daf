import { layeredPositions, type Size } from "@/lib/graph-layout";
import type { PipelineGraph, PipelineNode } from "@/lib/pipeline/types";

// Auto-layout with dagre: ranks follow the edges (a node below, or right of, every node that feeds it), so
// pipeline inputs sit above their consumers and outputs below their producers. Nodes with no edge would
// land in dagre's first rank among the steps: unconnected pipeline inputs get their own row above the
// graph and unconnected outputs one below it (columns left and right for "LR"). Dagre is deterministic
// for a given insertion order, and nodes and edges are inserted in graph order.

export type { Size } from "@/lib/graph-layout";

export type LayoutOptions = {
  direction: "TB" | "LR";
  /** The size each node is drawn at (one for all, or per node); positions are the top-left corners, as React Flow takes them. */
  nodeSize?: Size | ((node: PipelineNode) => Size);
  /** Space between nodes of one rank, and between ranks. */
  nodeSep?: number;
  rankSep?: number;
};

export const DEFAULT_NODE_SIZE: Size = { width: 240, height: 72 };

export function autoLayout(graph: PipelineGraph, options: LayoutOptions): PipelineGraph {
  if (graph.nodes.length === 0) return graph;
  const sizeOf =
    typeof options.nodeSize === "function"
      ? options.nodeSize
      : () => (options.nodeSize as Size | undefined) ?? DEFAULT_NODE_SIZE;
  const nodeSep = options.nodeSep ?? 48;
  const rankSep = options.rankSep ?? 72;
  const horizontal = options.direction === "LR";

  const ids = new Set(graph.nodes.map((n) => n.id));
  const connected = new Set<string>();
  for (const edge of graph.edges) {
    if (edge.source === edge.target || !ids.has(edge.source) || !ids.has(edge.target)) continue;
    connected.add(edge.source);
    connected.add(edge.target);
  }
  const sizes = new Map<string, Size>();
  const ranked: { id: string; size: Size }[] = [];
  const loose: { inputs: PipelineNode[]; outputs: PipelineNode[] } = { inputs: [], outputs: [] };
  for (const node of graph.nodes) {
    if (sizes.has(node.id)) continue;
    const size = sizeOf(node);
    sizes.set(node.id, size);
    if (!connected.has(node.id) && node.kind !== "step") loose[node.kind === "input" ? "inputs" : "outputs"].push(node);
    else ranked.push({ id: node.id, size });
  }

  const positions = layeredPositions(ranked, graph.edges, { direction: options.direction, nodeSep, rankSep });
  let min = { x: 0, y: 0 };
  let max = { x: 0, y: 0 };
  if (positions.size > 0) {
    min = { x: Infinity, y: Infinity };
    max = { x: -Infinity, y: -Infinity };
    for (const [id, topLeft] of positions) {
      const { width, height } = sizes.get(id)!;
      min = { x: Math.min(min.x, topLeft.x), y: Math.min(min.y, topLeft.y) };
      max = { x: Math.max(max.x, topLeft.x + width), y: Math.max(max.y, topLeft.y + height) };
    }
  }

  // A row (TB) or column (LR) of loose nodes, before the graph's first rank or after its last.
  const lineUp = (nodes: PipelineNode[], before: boolean) => {
    if (nodes.length === 0) return;
    const across = Math.max(...nodes.map((n) => (horizontal ? sizes.get(n.id)!.width : sizes.get(n.id)!.height)));
    const empty = positions.size === 0;
    let along = horizontal ? min.y : min.x;
    const at = empty
      ? 0
      : before
        ? (horizontal ? min.x : min.y) - rankSep - across
        : (horizontal ? max.x : max.y) + rankSep;
    for (const node of nodes) {
      const size = sizes.get(node.id)!;
      positions.set(node.id, horizontal ? { x: at, y: along } : { x: along, y: at });
      along += (horizontal ? size.height : size.width) + nodeSep;
    }
    if (empty || before) min = horizontal ? { x: at, y: min.y } : { x: min.x, y: at };
    if (empty || !before)
      max = horizontal ? { x: at + across, y: Math.max(max.y, along) } : { x: Math.max(max.x, along), y: at + across };
  };
  lineUp(loose.inputs, true);
  lineUp(loose.outputs, false);

  const nodes = graph.nodes.map((node) => {
    const p = positions.get(node.id);
    if (!p || (p.x === node.position.x && p.y === node.position.y)) return node;
    return { ...node, position: p };
  });
  return { ...graph, nodes };
}
