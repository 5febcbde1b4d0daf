"use client";
import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { PipelineInputNode } from "@/lib/pipeline/types";
import { pipelineInputPorts } from "@/lib/pipeline/nodes/pipeline-input";
import type { DesignerNode } from "@/components/designer/flow-elements";
import { NodeFrame } from "@/components/designer/nodes/node-frame";
import { PortRow } from "@/components/designer/nodes/port-handles";
import { countRender } from "@/components/designer/render-probe";

/** A pipeline input: a value or data given at submit, fed to steps from its one port at the bottom. */
export const PipelineInputNodeView = memo(function PipelineInputNodeView({ data, selected }: NodeProps<DesignerNode>) {
  const node = data.node as PipelineInputNode;
  countRender(`node:${node.id}`);
  const fallback =
    node.default !== undefined ? ` = ${String(node.default)}` : node.defaultData ? ` = ${node.defaultData}` : "";
  return (
    <NodeFrame
      kind="input"
      title={node.name}
      detail={`Pipeline input · ${node.type}${node.optional ? " (optional)" : ""}${fallback}`}
      selected={selected}
      issueCount={data.issueCount}
      bottom={<PortRow nodeId={node.id} ports={pipelineInputPorts(node).outputs} side="out" />}
    />
  );
});
