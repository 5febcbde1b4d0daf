import { slugName, uniqueName } from "@/lib/pipeline/nodes/names";
import type { ComponentRef, NodePorts, PipelineNode, Position, StepNode } from "@/lib/pipeline/types";

// A component step: its ports are its component's inputs and outputs, as copied into the node.

export function stepPorts(node: StepNode): NodePorts {
  return { inputs: node.component.inputs, outputs: node.component.outputs };
}

export function stepLabel(node: StepNode): string {
  return node.displayName || node.component.displayName || node.component.name || node.id;
}

/**
 * A new step for `component` at `position`, its id made from the component's name and unique among the
 * ids of `existing` (`train`, `train_2` …). Inputs start unbound: defaults apply, the rest need a source.
 */
export function newStepNode(component: ComponentRef, existing: readonly PipelineNode[], position: Position): StepNode {
  const taken = new Set(existing.map((n) => n.id));
  return {
    kind: "step",
    id: uniqueName(slugName(component.name, "step"), taken),
    position: { x: position.x, y: position.y },
    component,
    bindings: {},
  };
}
