import { slugName, uniqueName } from "@/lib/pipeline/nodes/names";
import {
  VALUE_PORT,
  type DataPortType,
  type NodePorts,
  type PipelineNode,
  type PipelineOutputNode,
  type Position,
} from "@/lib/pipeline/types";

// A pipeline-level output: the step output that feeds its one port is what the pipeline job outputs.

export function pipelineOutputPorts(node: PipelineOutputNode): NodePorts {
  return {
    inputs: [{ name: VALUE_PORT, type: node.type, description: node.description, optional: false }],
    outputs: [],
  };
}

export function pipelineOutputLabel(node: PipelineOutputNode): string {
  return node.name;
}

/** A new pipeline output of `type`, named like a new pipeline input (unique among the outputs), id `output:<name>`. */
export function newPipelineOutputNode(
  type: DataPortType,
  existing: readonly PipelineNode[],
  position: Position,
  name?: string,
): PipelineOutputNode {
  const names = new Set(existing.filter((n) => n.kind === "output").map((n) => n.name));
  const unique = uniqueName(slugName(name ?? `${type}_output`, "output"), names);
  const id = uniqueName(`output:${unique}`, new Set(existing.map((n) => n.id)));
  return { kind: "output", id, position: { x: position.x, y: position.y }, name: unique, type };
}
