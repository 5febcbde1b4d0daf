import type { NodeTypes } from "@xyflow/react";
import { FLOW_NODE_TYPE } from "@/components/designer/flow-elements";
import { StepNodeView } from "@/components/designer/nodes/step-node";
import { PipelineInputNodeView } from "@/components/designer/nodes/pipeline-input-node";
import { PipelineOutputNodeView } from "@/components/designer/nodes/pipeline-output-node";

/** One view per node kind; a kind without a view fails to compile. */
export const designerNodeTypes = {
  [FLOW_NODE_TYPE.step]: StepNodeView,
  [FLOW_NODE_TYPE.input]: PipelineInputNodeView,
  [FLOW_NODE_TYPE.output]: PipelineOutputNodeView,
} satisfies Record<(typeof FLOW_NODE_TYPE)[keyof typeof FLOW_NODE_TYPE], NodeTypes[string]>;
