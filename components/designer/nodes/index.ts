import type { NodeTypes } from "@xyflow/react";
import type { PipelineNodeKind } from "@/lib/pipeline/types";
import { StepNodeView } from "@/components/designer/nodes/step-node";
import { PipelineInputNodeView } from "@/components/designer/nodes/pipeline-input-node";
import { PipelineOutputNodeView } from "@/components/designer/nodes/pipeline-output-node";

/** One view per node kind; a kind without a view fails to compile. */
export const designerNodeTypes = {
  step: StepNodeView,
  input: PipelineInputNodeView,
  output: PipelineOutputNodeView,
} satisfies Record<PipelineNodeKind, NodeTypes[string]>;
