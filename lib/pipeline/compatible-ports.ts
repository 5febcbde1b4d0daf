import { stepGraph } from "@/lib/pipeline/graph-index";
import { inputPort, outputPort, portsOf } from "@/lib/pipeline/nodes";
import { canConnect } from "@/lib/pipeline/port-types";
import type { PipelineEdge, PipelineGraph } from "@/lib/pipeline/types";

// While an edge is dragged from a port, the designer lights up the ports it may end on. This answers, for
// every port at once, what connect() (graph-edit.ts) answers for one pair: the types fit, the input takes
// no other source, no step feeds itself and no cycle closes. One walk up (or down) from the dragged port's
// step replaces a path search per candidate, so it stays linear in the graph.

/** A port a connection is dragged from: an output (`source`) or an input (`target`). */
export type PortEnd = { nodeId: string; port: string; side: "source" | "target" };

/** How a port is named in the answer of compatiblePorts. */
export function portKey(nodeId: string, port: string): string {
  return `${nodeId}\u0000${port}`;
}

/** The ports (as portKey) a connection dragged from `from` may end on: inputs for an output, and back. */
export function compatiblePorts(graph: PipelineGraph, from: PortEnd): Set<string> {
  const result = new Set<string>();
  const fromNode = graph.nodes.find((n) => n.id === from.nodeId);
  if (!fromNode) return result;
  const isFromOutput = from.side === "source";
  const fromPort = isFromOutput ? outputPort(fromNode, from.port) : inputPort(fromNode, from.port);
  if (!fromPort) return result;
  // The steps an edge from this port must not reach: from an output, the steps upstream of its step (an
  // edge into one would close a cycle); from an input, the steps downstream of its step.
  const blocked = fromNode.kind === "step" ? stepsReachable(graph, fromNode.id, isFromOutput ? "up" : "down") : null;
  // The edge that feeds each input (the first, as connect() finds it).
  const feeding = new Map<string, PipelineEdge>();
  for (const edge of graph.edges) {
    const key = portKey(edge.target, edge.targetPort);
    if (!feeding.has(key)) feeding.set(key, edge);
  }
  const fromFed = isFromOutput ? undefined : feeding.get(portKey(fromNode.id, fromPort.name));
  const seen = new Set<string>([fromNode.id]);
  for (const node of graph.nodes) {
    if (seen.has(node.id)) continue; // the node itself, or a repeated id (connect() finds the first)
    seen.add(node.id);
    const mayCycle = blocked !== null && node.kind === "step" && blocked.has(node.id);
    if (isFromOutput) {
      for (const port of portsOf(node).inputs) {
        if (!canConnect(fromPort.type, port.type).ok) continue;
        const fed = feeding.get(portKey(node.id, port.name));
        const fits = fed ? fed.source === fromNode.id && fed.sourcePort === fromPort.name : !mayCycle;
        if (fits) result.add(portKey(node.id, port.name));
      }
    } else {
      for (const port of portsOf(node).outputs) {
        if (!canConnect(port.type, fromPort.type).ok) continue;
        const fits = fromFed ? fromFed.source === node.id && fromFed.sourcePort === port.name : !mayCycle;
        if (fits) result.add(portKey(node.id, port.name));
      }
    }
  }
  return result;
}

/** The ids of the steps upstream (`up`) or downstream (`down`) of step `id`. */
function stepsReachable(graph: PipelineGraph, id: string, direction: "up" | "down"): Set<string> {
  const steps = stepGraph(graph);
  const reached = new Set<string>();
  const start = steps.indexOf.get(id);
  if (start === undefined) return reached;
  const [starts, next] = direction === "up" ? [steps.predStart, steps.pred] : [steps.succStart, steps.succ];
  const visited = new Uint8Array(steps.ids.length);
  visited[start] = 1;
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head];
    for (let k = starts[at]; k < starts[at + 1]; k++) {
      const step = next[k];
      if (visited[step]) continue;
      visited[step] = 1;
      queue.push(step);
      reached.add(steps.ids[step]);
    }
  }
  return reached;
}
