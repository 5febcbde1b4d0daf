import dagre from "@dagrejs/dagre";

// Layered layout with dagre, for every graph the studio draws (the pipeline designer, lineage): ranks follow
// the edges, so each node sits after (below, or right of) every node that feeds it. Deterministic for a given
// insertion order. Positions are top-left corners, as React Flow takes them.

export type Size = { width: number; height: number };
export type Position = { x: number; y: number };

export function layeredPositions(
  nodes: readonly { id: string; size: Size }[],
  edges: readonly { source: string; target: string }[],
  options: { direction: "TB" | "LR"; nodeSep?: number; rankSep?: number },
): Map<string, Position> {
  const positions = new Map<string, Position>();
  if (!nodes.length) return positions;
  const g = new dagre.graphlib.Graph();
  g.setGraph({
    rankdir: options.direction,
    nodesep: options.nodeSep ?? 48,
    ranksep: options.rankSep ?? 72,
    marginx: 0,
    marginy: 0,
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) if (!g.hasNode(node.id)) g.setNode(node.id, { ...node.size });
  for (const edge of edges) {
    if (
      g.hasNode(edge.source) &&
      g.hasNode(edge.target) &&
      edge.source !== edge.target &&
      !g.hasEdge(edge.source, edge.target)
    )
      g.setEdge(edge.source, edge.target);
  }
  dagre.layout(g);
  for (const id of g.nodes()) {
    const { x = 0, y = 0, width, height } = g.node(id);
    positions.set(id, { x: Math.round(x - width / 2), y: Math.round(y - height / 2) });
  }
  return positions;
}
