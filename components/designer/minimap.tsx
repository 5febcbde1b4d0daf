"use client";
import { memo, useCallback, useMemo, useRef, type PointerEvent } from "react";
import { Panel, useReactFlow, useStore } from "@xyflow/react";
import { DEFAULT_NODE_SIZE } from "@/lib/pipeline/layout";
import type { PipelineNode } from "@/lib/pipeline/types";

// An overview of the whole pipeline with the visible part outlined; press or drag in it to move the view
// there. React Flow's own minimap subscribes one component per node to its store, so every frame of a
// drag checked all of them (most of a drag's cost at 500 nodes); this one draws every node as part of two
// SVG paths, rebuilt in one pass when the graph changes, and follows the viewport with one subscription.

const WIDTH = 200;
const HEIGHT = 150;
/** Room around the picture, as a share of its larger side. */
const MARGIN = 0.05;

type Size = { width: number; height: number };
type Box = { x: number; y: number; width: number; height: number };

/** Every node's rectangle as one path (`M x y h w v h h -w z` each), problem nodes apart; `skip` left out. */
function nodePaths(
  nodes: readonly PipelineNode[],
  measured: ReadonlyMap<string, Size>,
  issueCounts: ReadonlyMap<string, number>,
  skip?: ReadonlySet<string>,
) {
  let fine = "";
  let faulty = "";
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of nodes) {
    if (skip?.has(node.id)) continue;
    const { width, height } = measured.get(node.id) ?? DEFAULT_NODE_SIZE;
    const { x, y } = node.position;
    const rect = `M${x} ${y}h${width}v${height}h${-width}z`;
    if (issueCounts.get(node.id)) faulty += rect;
    else fine += rect;
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + width);
    maxY = Math.max(maxY, y + height);
  }
  const bounds: Box | null = Number.isFinite(minX)
    ? { x: minX, y: minY, width: maxX - minX, height: maxY - minY }
    : null;
  return { fine, faulty, bounds };
}

function union(a: Box | null, b: Box | null): Box | null {
  if (!a || !b) return a ?? b;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/**
 * `nodes` as they stand; during a drag, `moving` are the dragged nodes as they move, and `nodes` may be
 * the graph from before the drag: the still part of the picture is then drawn once, not on every frame.
 */
export const DesignerMinimap = memo(function DesignerMinimap({
  nodes,
  moving,
  measured,
  issueCounts,
}: {
  nodes: readonly PipelineNode[];
  moving: readonly PipelineNode[];
  measured: ReadonlyMap<string, Size>;
  issueCounts: ReadonlyMap<string, number>;
}) {
  const flow = useReactFlow();
  const [tx, ty, zoom, paneWidth, paneHeight] = useStore(
    (s) => [s.transform[0], s.transform[1], s.transform[2], s.width, s.height] as const,
    (a, b) => a.every((v, i) => v === b[i]),
  );
  const movingIds = useMemo(() => new Set(moving.map((n) => n.id)), [moving]);
  const still = useMemo(
    () => nodePaths(nodes, measured, issueCounts, movingIds),
    [nodes, measured, issueCounts, movingIds],
  );
  const moved = nodePaths(moving, measured, issueCounts);
  const bounds = union(still.bounds, moved.bounds);
  const view: Box = { x: -tx / zoom, y: -ty / zoom, width: paneWidth / zoom, height: paneHeight / zoom };
  const all = bounds
    ? {
        x: Math.min(bounds.x, view.x),
        y: Math.min(bounds.y, view.y),
        width: Math.max(bounds.x + bounds.width, view.x + view.width) - Math.min(bounds.x, view.x),
        height: Math.max(bounds.y + bounds.height, view.y + view.height) - Math.min(bounds.y, view.y),
      }
    : view;
  // One minimap unit per `scale` flow units, so the picture with its margin fits; the viewBox keeps the
  // SVG's own proportions, so a point in the SVG maps linearly to the flow.
  const margin = MARGIN * Math.max(all.width, all.height);
  const scale = Math.max((all.width + 2 * margin) / WIDTH, (all.height + 2 * margin) / HEIGHT) || 1;
  const origin = { x: all.x + all.width / 2 - (WIDTH * scale) / 2, y: all.y + all.height / 2 - (HEIGHT * scale) / 2 };
  const viewBox = `${origin.x} ${origin.y} ${WIDTH * scale} ${HEIGHT * scale}`;

  const svg = useRef<SVGSVGElement>(null);
  const moveTo = useCallback(
    (e: PointerEvent<SVGSVGElement>) => {
      const rect = svg.current?.getBoundingClientRect();
      if (!rect) return;
      const x = origin.x + ((e.clientX - rect.left) / rect.width) * WIDTH * scale;
      const y = origin.y + ((e.clientY - rect.top) / rect.height) * HEIGHT * scale;
      void flow.setCenter(x, y, { zoom });
    },
    [flow, origin.x, origin.y, scale, zoom],
  );

  return (
    <Panel position="bottom-right" className="!m-3 max-md:!hidden">
      <svg
        ref={svg}
        role="img"
        aria-label="Minimap: the whole pipeline, with the visible part outlined; press in it to move the view there"
        width={WIDTH}
        height={HEIGHT}
        viewBox={viewBox}
        className="cursor-pointer rounded-md border border-border bg-surface shadow-sm"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          moveTo(e);
        }}
        onPointerMove={(e) => {
          if (e.buttons === 1) moveTo(e);
        }}
      >
        {/* The still nodes' paths keep their text during a drag, so the browser leaves them alone. */}
        <path d={still.fine} fill="var(--color-muted)" fillOpacity={0.55} />
        <path d={still.faulty} fill="var(--color-danger)" fillOpacity={0.8} />
        <path d={moved.fine} fill="var(--color-muted)" fillOpacity={0.55} />
        <path d={moved.faulty} fill="var(--color-danger)" fillOpacity={0.8} />
        <rect
          x={view.x}
          y={view.y}
          width={view.width}
          height={view.height}
          fill="var(--color-accent)"
          fillOpacity={0.08}
          stroke="var(--color-accent)"
          strokeWidth={2 * scale}
        />
      </svg>
    </Panel>
  );
});
