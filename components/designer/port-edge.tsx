"use client";
import { memo } from "react";
import { BaseEdge, getBezierPath, type EdgeProps } from "@xyflow/react";
import type { DesignerEdge } from "@/components/designer/flow-elements";
import { countRender } from "@/components/designer/render-probe";

/** An edge from an output port to an input port; a selected one is drawn in the accent colour. */
export const PortEdge = memo(function PortEdge({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  selected,
  markerEnd,
}: EdgeProps<DesignerEdge>) {
  countRender(`edge:${id}`);
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return (
    <BaseEdge
      id={id}
      path={path}
      markerEnd={markerEnd}
      style={{ stroke: selected ? "var(--color-accent)" : "var(--color-muted)", strokeWidth: selected ? 2.5 : 1.5 }}
    />
  );
});

export const designerEdgeTypes = { port: PortEdge };
