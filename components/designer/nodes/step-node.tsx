"use client";
import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { StepNode } from "@/lib/pipeline/types";
import { stepLabel } from "@/lib/pipeline/nodes/step";
import type { DesignerNode } from "@/components/designer/flow-elements";
import { NodeFrame } from "@/components/designer/nodes/node-frame";
import { PortRow } from "@/components/designer/nodes/port-handles";
import { countRender } from "@/components/designer/render-probe";

/** A component step: its inputs along the top, its outputs along the bottom. */
export const StepNodeView = memo(function StepNodeView({ data, selected }: NodeProps<DesignerNode>) {
  const node = data.node as StepNode;
  countRender(`node:${node.id}`);
  return (
    <NodeFrame
      kind="step"
      title={stepLabel(node)}
      detail={`${node.id} · ${node.component.scopeKind === "registry" ? `${node.component.scopeName}/` : ""}${node.component.name}${node.component.followsLatest ? "@latest" : `:${node.component.version}`}`}
      selected={selected}
      issueCount={data.issueCount}
      top={<PortRow nodeId={node.id} ports={node.component.inputs} side="in" />}
      bottom={<PortRow nodeId={node.id} ports={node.component.outputs} side="out" />}
    />
  );
});
