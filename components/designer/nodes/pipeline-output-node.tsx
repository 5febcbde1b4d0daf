"use client";
import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { PipelineOutputNode } from "@/lib/pipeline/types";
import { pipelineOutputPorts } from "@/lib/pipeline/nodes/pipeline-output";
import type { DesignerNode } from "@/components/designer/flow-elements";
import { NodeFrame } from "@/components/designer/nodes/node-frame";
import { PortRow } from "@/components/designer/nodes/port-handles";
import { countRender } from "@/components/designer/render-probe";

/** A pipeline output: the step output that feeds its one port (at the top) is kept as the pipeline's. */
export const PipelineOutputNodeView = memo(function PipelineOutputNodeView({
  data,
  selected,
}: NodeProps<DesignerNode>) {
  const node = data.node as PipelineOutputNode;
  countRender(`node:${node.id}`);
  return (
    <NodeFrame
      kind="output"
      title={node.name}
      detail={`Pipeline output · ${node.type}`}
      selected={selected}
      issueCount={data.issueCount}
      top={<PortRow nodeId={node.id} ports={pipelineOutputPorts(node).inputs} side="in" />}
    />
  );
});
