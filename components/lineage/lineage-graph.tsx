"use client";

import "@xyflow/react/dist/style.css";
import { Background, Controls, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from "@xyflow/react";
import Link from "next/link";
import { memo, useMemo } from "react";
import { layeredPositions } from "@/lib/graph-layout";
import type { LineageGraph, LineageNode, LineageNodeKind } from "@/lib/schemas/lineage";
import { useDarkTheme } from "@/components/ui/use-dark-theme";

const SIZE = { width: 224, height: 64 };

const KIND_TONE: Record<LineageNodeKind, string> = {
  data: "border-sky-500/70",
  job: "border-violet-500/70",
  model: "border-accent",
  deployment: "border-success",
  endpoint: "border-warning",
};

type NodeData = LineageNode & { isRoot: boolean };

const LineageNodeView = memo(function LineageNodeView({ data }: NodeProps<Node<NodeData>>) {
  const alert = data.status?.includes("alert") || data.status?.includes("failed");
  const body = (
    <div
      className={`w-56 rounded-lg border-2 bg-surface px-3 py-1.5 text-left shadow-sm ${data.isVisible ? KIND_TONE[data.kind] : "border-dashed border-border text-muted"} ${data.isRoot ? "ring-2 ring-accent/50" : ""}`}
      data-kind={data.kind}
      data-visible={data.isVisible}
    >
      <div className="text-[10px] uppercase tracking-wide text-muted">
        {data.kind}
        {data.scope ? ` · ${data.scope.kind === "registry" ? "registry " : ""}${data.scope.name}` : ""}
      </div>
      <div className="truncate text-sm font-medium">{data.label}</div>
      {data.status ? (
        <div className={`truncate text-xs ${alert ? "text-danger" : "text-muted"}`}>{data.status}</div>
      ) : null}
    </div>
  );
  return (
    <>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      {data.href ? (
        <Link href={data.href} aria-label={`${data.kind} ${data.label}`} className="block">
          {body}
        </Link>
      ) : (
        <div aria-label={`${data.kind} ${data.label}, not open to you`}>{body}</div>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </>
  );
});

const nodeTypes = { lineage: LineageNodeView };

/** The lineage graph, laid out left to right (sources first) with the designer's layout, read-only. */
export function LineageGraphView({ graph }: { graph: LineageGraph }) {
  const isDark = useDarkTheme();
  const { nodes, edges } = useMemo(() => {
    const roots = new Set(graph.roots);
    const positions = layeredPositions(
      graph.nodes.map((n) => ({ id: n.id, size: SIZE })),
      graph.edges.map((e) => ({ source: e.from, target: e.to })),
      { direction: "LR", nodeSep: 16, rankSep: 64 },
    );
    const nodes: Node<NodeData>[] = graph.nodes.map((n) => ({
      id: n.id,
      type: "lineage",
      position: positions.get(n.id) ?? { x: 0, y: 0 },
      data: { ...n, isRoot: roots.has(n.id) },
      // Read-only nodes would not take the pointer: their links must.
      style: { pointerEvents: "all" },
    }));
    const edges: Edge[] = graph.edges.map((e) => ({ id: `${e.from}>${e.to}`, source: e.from, target: e.to }));
    return { nodes, edges };
  }, [graph]);
  return (
    <div className="h-[36rem] rounded-lg border border-border bg-surface" role="figure" aria-label="Lineage graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        colorMode={isDark ? "dark" : "light"}
        fitView
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        proOptions={{ hideAttribution: true }}
        minZoom={0.05}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
