import { slugName, uniqueName } from "@/lib/pipeline/nodes/names";
import {
  VALUE_PORT,
  type NodePorts,
  type PipelineInputNode,
  type PipelineNode,
  type PortType,
  type Position,
} from "@/lib/pipeline/types";

// A pipeline-level input: a value or data given at submit time, fed to steps from its one port.

export function pipelineInputPorts(node: PipelineInputNode): NodePorts {
  return { inputs: [], outputs: [{ name: VALUE_PORT, type: node.type, description: node.description }] };
}

export function pipelineInputLabel(node: PipelineInputNode): string {
  return node.name;
}

/**
 * A new pipeline input of `type`, named from `name` (default: the type, `learning_rate`…) and unique
 * among the pipeline inputs of `existing`; its id `input:<name>` is unique among all node ids.
 */
export function newPipelineInputNode(
  type: PortType,
  existing: readonly PipelineNode[],
  position: Position,
  name?: string,
): PipelineInputNode {
  const names = new Set(existing.filter((n) => n.kind === "input").map((n) => n.name));
  const unique = uniqueName(slugName(name ?? `${type}_input`, "input"), names);
  const id = uniqueName(`input:${unique}`, new Set(existing.map((n) => n.id)));
  return { kind: "input", id, position: { x: position.x, y: position.y }, name: unique, type, optional: false };
}
