import { describeNode, endpointName } from "@/lib/pipeline/graph-edit";
import { portKey, stepGraph, type StepGraph } from "@/lib/pipeline/graph-index";
import { checkDataRef, parseLiteral } from "@/lib/pipeline/literals";
import { IO_NAME_PATTERN, STEP_ID_PATTERN, isRequired, portsOf } from "@/lib/pipeline/nodes";
import { canConnect, isDataType, isValueType, withArticle } from "@/lib/pipeline/port-types";
import type { NodePorts, PipelineEdge, PipelineGraph, PipelineNode, Port, ValidationIssue } from "@/lib/pipeline/types";

// Everything that keeps a graph from running, for the designer's validation panel and the submit check
// alike. Graphs come from the designer (whose edits refuse most of these) but also from YAML imports and
// old drafts, so every rule is checked here again. Issues come in node order, then port order, each with
// the node (and port or edge) to select. One pass over nodes and edges with maps: linear in the graph.

type Keyed = { issue: ValidationIssue; node: number; port: number; seq: number };

const NODE_LEVEL = -1;
const UNKNOWN_PORT = 1_000_000;

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function validateGraph(graph: PipelineGraph): ValidationIssue[] {
  const found: Keyed[] = [];
  const add = (node: number, port: number, issue: ValidationIssue) => found.push({ issue, node, port, seq: found.length });

  const byId = new Map<string, number>();
  const ports: NodePorts[] = graph.nodes.map(portsOf);
  const inputIndex: Map<string, number>[] = ports.map((p) => new Map(p.inputs.map((port, i) => [port.name, i])));
  const outputIndex: Map<string, Port>[] = ports.map((p) => new Map(p.outputs.map((port) => [port.name, port])));

  if (!graph.nodes.some((n) => n.kind === "step")) {
    add(-2, 0, { code: "empty_pipeline", message: "The pipeline has no steps: drag a component from the palette onto the canvas." });
  }

  // Names: ids unique over all nodes, input and output names unique among their kind, all usable in YAML.
  const inputNames = new Set<string>();
  const outputNames = new Set<string>();
  graph.nodes.forEach((node, i) => {
    if (byId.has(node.id)) {
      add(i, NODE_LEVEL, { code: "duplicate_name", message: node.kind === "step" ? `Two steps are named "${node.id}": step names must be unique.` : `Two nodes have the id "${node.id}".`, nodeId: node.id });
    } else byId.set(node.id, i);
    if (node.kind === "step") {
      if (!STEP_ID_PATTERN.test(node.id)) add(i, NODE_LEVEL, { code: "bad_name", message: `"${node.id}" cannot name a step: use letters, digits, _ and -.`, nodeId: node.id });
    } else {
      const names = node.kind === "input" ? inputNames : outputNames;
      if (names.has(node.name)) add(i, NODE_LEVEL, { code: "duplicate_name", message: `Two pipeline ${node.kind}s are named "${node.name}".`, nodeId: node.id });
      names.add(node.name);
      if (!IO_NAME_PATTERN.test(node.name)) add(i, NODE_LEVEL, { code: "bad_name", message: `"${node.name}" cannot name a pipeline ${node.kind}: use letters, digits and _, not starting with a digit.`, nodeId: node.id });
    }
  });

  // Edges: both ends exist and are ports of the right direction, and their types fit.
  const feeding = new Map<string, PipelineEdge[]>();
  for (const edge of graph.edges) {
    const s = byId.get(edge.source);
    const t = byId.get(edge.target);
    const at = t ?? s ?? graph.nodes.length;
    const source = s === undefined ? undefined : graph.nodes[s];
    const target = t === undefined ? undefined : graph.nodes[t];
    const from = `${edge.source}.${edge.sourcePort}`;
    const to = `${edge.target}.${edge.targetPort}`;
    if (!source || !target) {
      const missing = !source ? edge.source : edge.target;
      const message = `The connection from ${source ? endpointName(source, edge.source, edge.sourcePort) : from} to ${target ? endpointName(target, edge.target, edge.targetPort) : to} names a node "${missing}" that is not in the pipeline.`;
      const port = t === undefined ? undefined : inputIndex[t].get(edge.targetPort);
      add(at, port ?? UNKNOWN_PORT, { code: "unknown_node", message, nodeId: target?.id ?? source?.id, ...(port === undefined ? {} : { port: edge.targetPort }), edgeId: edge.id });
      continue;
    }
    const sourcePort = outputIndex[s!].get(edge.sourcePort);
    const targetPortIndex = inputIndex[t!].get(edge.targetPort);
    if (!sourcePort) {
      const why = source.kind === "output" ? `${describeNode(source)} has no output to connect from` : `${describeNode(source)} has no output "${edge.sourcePort}"`;
      add(t!, targetPortIndex ?? UNKNOWN_PORT, { code: "unknown_port", message: `The connection into ${endpointName(target, edge.target, edge.targetPort)} comes from nowhere: ${why}.`, nodeId: target.id, port: edge.targetPort, edgeId: edge.id });
      continue;
    }
    if (targetPortIndex === undefined) {
      const why = target.kind === "input" ? `${describeNode(target)} takes no connection` : `${describeNode(target)} has no input "${edge.targetPort}"`;
      add(t!, UNKNOWN_PORT, { code: "unknown_port", message: `The connection from ${endpointName(source, edge.source, edge.sourcePort)} leads nowhere: ${why}.`, nodeId: target.id, port: edge.targetPort, edgeId: edge.id });
      continue;
    }
    const targetPort = ports[t!].inputs[targetPortIndex];
    const fits = canConnect(sourcePort.type, targetPort.type);
    if (!fits.ok) {
      const message = `The connection from ${endpointName(source, edge.source, edge.sourcePort)} to ${endpointName(target, edge.target, edge.targetPort)} does not fit. ${fits.reason}`;
      add(t!, targetPortIndex, { code: "type_mismatch", message, nodeId: target.id, port: edge.targetPort, edgeId: edge.id });
    }
    const key = portKey(edge.target, edge.targetPort);
    const list = feeding.get(key);
    if (list) list.push(edge);
    else feeding.set(key, [edge]);
  }

  // Inputs: one source each; step inputs bound well or fed, required ones given; outputs fed; defaults fit.
  graph.nodes.forEach((node, i) => {
    if (byId.get(node.id) !== i) return;
    ports[i].inputs.forEach((port, p) => {
      const fed = feeding.get(portKey(node.id, port.name)) ?? [];
      if (fed.length > 1) {
        const sources = fed.map((e) => endpointName(graph.nodes[byId.get(e.source)!], e.source, e.sourcePort));
        const here = node.kind === "step" ? `Input "${port.name}" of step "${node.id}"` : capitalised(describeNode(node));
        add(i, p, { code: "input_fed_twice", message: `${here} has ${fed.length} sources (${sources.join(", ")}), and an input takes one: remove all but one connection.`, nodeId: node.id, port: port.name, edgeId: fed[1].id });
      }
      if (node.kind === "step") checkStepInput(node, port, fed, i, p, add);
      else if (node.kind === "output" && fed.length === 0) {
        add(i, p, { code: "unbound_output", message: `Pipeline output "${node.name}" is not connected: connect the step output it should publish, or remove it.`, nodeId: node.id, port: port.name });
      }
    });
    if (node.kind === "step") {
      const declared = new Set(node.component.inputs.map((port) => port.name));
      for (const name of Object.keys(node.bindings)) {
        if (!declared.has(name)) {
          add(i, UNKNOWN_PORT, { code: "bad_binding", message: `Step "${node.id}" sets an input "${name}" that its component ${node.component.name}:${node.component.version} does not have.`, nodeId: node.id, port: name });
        }
      }
    }
    if (node.kind === "input") {
      if (node.default !== undefined) {
        const parsed = isValueType(node.type) ? parseLiteral({ type: node.type }, node.default) : { ok: false as const, reason: `${withArticle(node.type)} input takes a data asset as its default, not a literal value.` };
        if (!parsed.ok) add(i, NODE_LEVEL, { code: "bad_literal", message: `Default of pipeline input "${node.name}": ${parsed.reason}`, nodeId: node.id });
      }
      if (node.defaultData !== undefined) {
        const checked = isDataType(node.type) ? checkDataRef(node.defaultData) : { ok: false as const, reason: `${withArticle(node.type)} input takes a literal default, not a data asset.` };
        if (!checked.ok) add(i, NODE_LEVEL, { code: "bad_binding", message: `Default of pipeline input "${node.name}": ${checked.reason}`, nodeId: node.id });
      }
    }
  });

  // Cycles: one issue per strongly connected group of steps, naming one loop through it.
  const steps = stepGraph(graph);
  for (const cycle of cyclesOf(steps)) {
    const names = cycle.map((c) => steps.ids[c]);
    const first = names[0];
    const last = names[names.length - 1];
    const closing = graph.edges.find((e) => e.source === last && e.target === first);
    const message =
      names.length === 1
        ? `Step "${first}" feeds its own input, so it would wait for itself forever.`
        : `Steps ${[...names, first].join(" → ")} form a cycle: each waits for the one before it, so none of them can run.`;
    add(byId.get(first)!, NODE_LEVEL, { code: "cycle", message, nodeId: first, edgeId: closing?.id });
  }

  found.sort((a, b) => a.node - b.node || a.port - b.port || a.seq - b.seq);
  return found.map((k) => k.issue);
}

type Add = (node: number, port: number, issue: ValidationIssue) => void;

function checkStepInput(node: Extract<PipelineNode, { kind: "step" }>, port: Port, fed: PipelineEdge[], i: number, p: number, add: Add) {
  const binding = Object.hasOwn(node.bindings, port.name) ? node.bindings[port.name] : undefined;
  const where = { nodeId: node.id, port: port.name };
  const label = `Input "${port.name}" of step "${node.id}"`;
  if (binding && fed.length > 0) {
    add(i, p, { code: "input_fed_twice", message: `${label} is connected and also has ${binding.kind === "literal" ? "a value" : "a data asset"} set: keep one of them.`, ...where });
  }
  if (binding?.kind === "literal") {
    if (isDataType(port.type)) {
      add(i, p, { code: "bad_binding", message: `${label} takes ${port.type} data, not a literal value: choose a data asset or connect an output.`, ...where });
    } else {
      const parsed = parseLiteral(port, binding.value);
      if (!parsed.ok) add(i, p, { code: "bad_literal", message: `${label}: ${parsed.reason}`, ...where });
    }
  } else if (binding?.kind === "data") {
    if (!isDataType(port.type)) {
      add(i, p, { code: "bad_binding", message: `${label} takes ${withArticle(port.type)} value, not a data asset.`, ...where });
    } else {
      const checked = checkDataRef(binding.ref);
      if (!checked.ok) add(i, p, { code: "bad_binding", message: `${label}: ${checked.reason}`, ...where });
    }
  }
  if (!binding && fed.length === 0 && isRequired(port)) {
    const how = isDataType(port.type) ? "connect an output or a pipeline input to it, or choose a data asset" : "set a value, or connect a pipeline input to it";
    add(i, p, { code: "missing_input", message: `Step "${node.id}" needs its input "${port.name}" (${port.type}): ${how}.`, ...where });
  }
}

/**
 * One loop per group of steps that reach each other (Tarjan's strongly connected components, iterative so
 * deep graphs do not overflow the stack): the shortest loop through the group's first step in node order,
 * listed from that step. Groups come in the order of their first step.
 */
export function cyclesOf(steps: StepGraph): number[][] {
  const n = steps.ids.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const groups: number[][] = [];
  let counter = 0;
  const work: { v: number; next: number }[] = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    work.push({ v: root, next: 0 });
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const succ = steps.succ[frame.v];
      if (frame.next < succ.length) {
        const w = succ[frame.next++];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push({ v: w, next: 0 });
        } else if (onStack[w]) low[frame.v] = Math.min(low[frame.v], index[w]);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].v;
        low[parent] = Math.min(low[parent], low[frame.v]);
      }
      if (low[frame.v] === index[frame.v]) {
        const group: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          group.push(w);
        } while (w !== frame.v);
        if (group.length > 1 || steps.succ[frame.v].includes(frame.v)) groups.push(group);
      }
    }
  }
  const cycles = groups.map((group) => loopThrough(steps, group));
  return cycles.sort((a, b) => a[0] - b[0]);
}

/** The shortest loop from the group's smallest step back to it, staying inside the group. */
function loopThrough(steps: StepGraph, group: number[]): number[] {
  const members = new Set(group);
  const start = Math.min(...group);
  if (steps.succ[start].includes(start)) return [start];
  const cameFrom = new Map<number, number>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head];
    for (const next of steps.succ[at]) {
      if (!members.has(next)) continue;
      if (next === start) {
        const loop = [at];
        for (let p = at; p !== start; ) {
          p = cameFrom.get(p)!;
          loop.push(p);
        }
        return loop.reverse();
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, at);
        queue.push(next);
      }
    }
  }
  return group;
}
