import { newPipelineInputNode, pipelineInputLabel, pipelineInputPorts } from "@/lib/pipeline/nodes/pipeline-input";
import { newPipelineOutputNode, pipelineOutputLabel, pipelineOutputPorts } from "@/lib/pipeline/nodes/pipeline-output";
import { newStepNode, stepLabel, stepPorts } from "@/lib/pipeline/nodes/step";
import type { NodePorts, PipelineNode, Port } from "@/lib/pipeline/types";

// What every node kind provides, dispatched on `kind`. Adding a kind fails to compile until it is handled here.

export { newStepNode, newPipelineInputNode, newPipelineOutputNode };
export {
  IO_NAME_PATTERN,
  IO_NAME_RULE,
  PORT_NAME_PATTERN,
  PORT_NAME_RULE,
  STEP_ID_PATTERN,
  STEP_ID_RULE,
  slugName,
  uniqueName,
} from "@/lib/pipeline/nodes/names";

function unreachable(node: never): never {
  throw new Error(`Unknown node kind: ${JSON.stringify((node as { kind?: unknown }).kind)}`);
}

export function portsOf(node: PipelineNode): NodePorts {
  switch (node.kind) {
    case "step":
      return stepPorts(node);
    case "input":
      return pipelineInputPorts(node);
    case "output":
      return pipelineOutputPorts(node);
    default:
      return unreachable(node);
  }
}

export function labelOf(node: PipelineNode): string {
  switch (node.kind) {
    case "step":
      return stepLabel(node);
    case "input":
      return pipelineInputLabel(node);
    case "output":
      return pipelineOutputLabel(node);
    default:
      return unreachable(node);
  }
}

/** "step", "pipeline input", "pipeline output": how messages name a node's kind. */
export function kindLabel(node: PipelineNode): string {
  switch (node.kind) {
    case "step":
      return "step";
    case "input":
      return "pipeline input";
    case "output":
      return "pipeline output";
    default:
      return unreachable(node);
  }
}

/** How a sentence names a node: `step "train"`, `pipeline input "lr"`, `pipeline output "model"`. */
export function describeNode(node: PipelineNode): string {
  switch (node.kind) {
    case "step":
      return `step "${node.id}"`;
    case "input":
      return `pipeline input "${node.name}"`;
    case "output":
      return `pipeline output "${node.name}"`;
    default:
      return unreachable(node);
  }
}

/** How a sentence names one end of an edge: `train.model` for a step's port, the node itself for a pipeline input or output. */
export function endpointName(node: PipelineNode | undefined, nodeId: string, port: string): string {
  return node && node.kind !== "step" ? describeNode(node) : `${nodeId}.${port}`;
}

export function inputPort(node: PipelineNode, name: string): Port | undefined {
  return portsOf(node).inputs.find((p) => p.name === name);
}

export function outputPort(node: PipelineNode, name: string): Port | undefined {
  return portsOf(node).outputs.find((p) => p.name === name);
}

/** An input is required unless it is optional or has a default. */
export function isRequired(port: Port): boolean {
  return !port.optional && port.default === undefined;
}
