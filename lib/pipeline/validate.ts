import { feedsItself, shortestPath, stepGraph, type StepGraph } from "@/lib/pipeline/graph-index";
import { checkDataRef, parseLiteral } from "@/lib/pipeline/literals";
import {
  IO_NAME_PATTERN,
  IO_NAME_RULE,
  STEP_ID_PATTERN,
  STEP_ID_RULE,
  describeNode,
  endpointName,
  isRequired,
  portsOf,
} from "@/lib/pipeline/nodes";
import { canConnect, isDataType, isValueType } from "@/lib/pipeline/port-types";
import { capitalised, loopText, withArticle } from "@/lib/pipeline/wording";
import type { NodePorts, PipelineEdge, PipelineGraph, Port, StepNode, ValidationIssue } from "@/lib/pipeline/types";

// Everything that keeps a graph from running, for the designer's validation panel and the submit check
// alike. Graphs come from the designer (whose edits refuse most of these) but also from YAML imports and
// old drafts, so every rule is checked here again. Issues come in node order, then port order, each with
// the node (and port or edge) to select. One pass over nodes and edges with maps: linear in the graph.

type Keyed = { issue: ValidationIssue; node: number; port: number; seq: number };

const NODE_LEVEL = -1;
const UNKNOWN_PORT = 1_000_000;

function indexOfPort(ports: readonly Port[], name: string): number {
  for (let i = 0; i < ports.length; i++) if (ports[i].name === name) return i;
  return -1;
}

export function validateGraph(graph: PipelineGraph): ValidationIssue[] {
  const found: Keyed[] = [];
  const add = (node: number, port: number, issue: ValidationIssue) =>
    found.push({ issue, node, port, seq: found.length });
  const nodes = graph.nodes;

  if (!nodes.some((n) => n.kind === "step")) {
    add(-2, 0, {
      code: "empty_pipeline",
      message: "The pipeline has no steps: drag a component from the palette onto the canvas.",
    });
  }

  // Names: ids unique over all nodes, input and output names unique among their kind, all usable in YAML.
  const byId = new Map<string, number>();
  const ports: NodePorts[] = new Array(nodes.length);
  const inputNames = new Set<string>();
  const outputNames = new Set<string>();
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    ports[i] = portsOf(node);
    if (byId.has(node.id)) {
      add(i, NODE_LEVEL, {
        code: "duplicate_name",
        message:
          node.kind === "step"
            ? `Two steps are named "${node.id}": step names must be unique.`
            : `Two nodes have the id "${node.id}".`,
        nodeId: node.id,
      });
    } else byId.set(node.id, i);
    if (node.kind === "step") {
      if (!STEP_ID_PATTERN.test(node.id))
        add(i, NODE_LEVEL, {
          code: "bad_name",
          message: `"${node.id}" cannot name a step: use ${STEP_ID_RULE}.`,
          nodeId: node.id,
        });
    } else {
      const names = node.kind === "input" ? inputNames : outputNames;
      if (names.has(node.name))
        add(i, NODE_LEVEL, {
          code: "duplicate_name",
          message: `Two pipeline ${node.kind}s are named "${node.name}".`,
          nodeId: node.id,
        });
      names.add(node.name);
      if (!IO_NAME_PATTERN.test(node.name))
        add(i, NODE_LEVEL, {
          code: "bad_name",
          message: `"${node.name}" cannot name a pipeline ${node.kind}: use ${IO_NAME_RULE}.`,
          nodeId: node.id,
        });
    }
  }

  // Edges: both ends exist and are ports of the right direction, and their types fit. The edges that do
  // reach an input port are kept by node and port index (`feeding[node][port]`).
  const feeding: (PipelineEdge[] | undefined)[][] = new Array(nodes.length);
  for (const edge of graph.edges) {
    const s = byId.get(edge.source);
    const t = byId.get(edge.target);
    const source = s === undefined ? undefined : nodes[s];
    const target = t === undefined ? undefined : nodes[t];
    if (!source || !target) {
      const missing = !source ? edge.source : edge.target;
      const from = source ? endpointName(source, edge.source, edge.sourcePort) : `${edge.source}.${edge.sourcePort}`;
      const to = target ? endpointName(target, edge.target, edge.targetPort) : `${edge.target}.${edge.targetPort}`;
      const message = `The connection from ${from} to ${to} names a node "${missing}" that is not in the pipeline.`;
      const p = t === undefined ? -1 : indexOfPort(ports[t].inputs, edge.targetPort);
      add(t ?? s ?? nodes.length, p === -1 ? UNKNOWN_PORT : p, {
        code: "unknown_node",
        message,
        nodeId: target?.id ?? source?.id,
        ...(p === -1 ? {} : { port: edge.targetPort }),
        edgeId: edge.id,
      });
      continue;
    }
    const sourcePort = ports[s!].outputs[indexOfPort(ports[s!].outputs, edge.sourcePort)];
    const p = indexOfPort(ports[t!].inputs, edge.targetPort);
    if (!sourcePort) {
      const why =
        source.kind === "output"
          ? `${describeNode(source)} has no output to connect from`
          : `${describeNode(source)} has no output "${edge.sourcePort}"`;
      add(t!, p === -1 ? UNKNOWN_PORT : p, {
        code: "unknown_port",
        message: `The connection into ${endpointName(target, edge.target, edge.targetPort)} comes from nowhere: ${why}.`,
        nodeId: target.id,
        port: edge.targetPort,
        edgeId: edge.id,
      });
      continue;
    }
    if (p === -1) {
      const why =
        target.kind === "input"
          ? `${describeNode(target)} takes no connection`
          : `${describeNode(target)} has no input "${edge.targetPort}"`;
      add(t!, UNKNOWN_PORT, {
        code: "unknown_port",
        message: `The connection from ${endpointName(source, edge.source, edge.sourcePort)} leads nowhere: ${why}.`,
        nodeId: target.id,
        port: edge.targetPort,
        edgeId: edge.id,
      });
      continue;
    }
    const fits = canConnect(sourcePort.type, ports[t!].inputs[p].type);
    if (!fits.ok) {
      const message = `The connection from ${endpointName(source, edge.source, edge.sourcePort)} to ${endpointName(target, edge.target, edge.targetPort)} does not fit. ${fits.reason}`;
      add(t!, p, { code: "type_mismatch", message, nodeId: target.id, port: edge.targetPort, edgeId: edge.id });
    }
    const byPort = (feeding[t!] ??= new Array(ports[t!].inputs.length));
    (byPort[p] ??= []).push(edge);
  }

  // Inputs: one source each; step inputs bound well or fed, required ones given; outputs fed; defaults fit.
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (byId.get(node.id) !== i) continue;
    const inputs = ports[i].inputs;
    for (let p = 0; p < inputs.length; p++) {
      const port = inputs[p];
      const fed = feeding[i]?.[p] ?? NONE;
      if (fed.length > 1) {
        const sources = fed.map((e) => endpointName(nodes[byId.get(e.source)!], e.source, e.sourcePort));
        const here =
          node.kind === "step" ? `Input "${port.name}" of step "${node.id}"` : capitalised(describeNode(node));
        add(i, p, {
          code: "input_fed_twice",
          message: `${here} has ${fed.length} sources (${sources.join(", ")}), and an input takes one: remove all but one connection.`,
          nodeId: node.id,
          port: port.name,
          edgeId: fed[1].id,
        });
      }
      if (node.kind === "step") checkStepInput(node, port, fed, i, p, add);
      else if (node.kind === "output" && fed.length === 0) {
        add(i, p, {
          code: "unbound_output",
          message: `Pipeline output "${node.name}" is not connected: connect the step output it should publish, or remove it.`,
          nodeId: node.id,
          port: port.name,
        });
      }
    }
    if (node.kind === "step") {
      for (const name in node.bindings) {
        if (Object.hasOwn(node.bindings, name) && indexOfPort(inputs, name) === -1) {
          add(i, UNKNOWN_PORT, {
            code: "bad_binding",
            message: `Step "${node.id}" sets an input "${name}" that its component ${node.component.name}:${node.component.version} does not have.`,
            nodeId: node.id,
            port: name,
          });
        }
      }
    } else if (node.kind === "input") {
      if (node.default !== undefined) {
        const parsed = isValueType(node.type)
          ? parseLiteral({ type: node.type }, node.default)
          : {
              ok: false as const,
              message: `${withArticle(node.type)} input takes a data asset as its default, not a literal value.`,
            };
        if (!parsed.ok)
          add(i, NODE_LEVEL, {
            code: "bad_literal",
            message: `Default of pipeline input "${node.name}": ${parsed.message}`,
            nodeId: node.id,
          });
      }
      if (node.defaultData !== undefined) {
        const checked = isDataType(node.type)
          ? checkDataRef(node.defaultData)
          : {
              ok: false as const,
              reason: `${withArticle(node.type)} input takes a literal default, not a data asset.`,
            };
        if (!checked.ok)
          add(i, NODE_LEVEL, {
            code: "bad_binding",
            message: `Default of pipeline input "${node.name}": ${checked.reason}`,
            nodeId: node.id,
          });
      }
    }
  }

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
        : `Steps ${loopText(names)} form a cycle: each waits for the one before it, so none of them can run.`;
    add(byId.get(first)!, NODE_LEVEL, { code: "cycle", message, nodeId: first, edgeId: closing?.id });
  }

  found.sort((a, b) => a.node - b.node || a.port - b.port || a.seq - b.seq);
  return found.map((k) => k.issue);
}

const NONE: readonly PipelineEdge[] = [];

type Add = (node: number, port: number, issue: ValidationIssue) => void;

function checkStepInput(node: StepNode, port: Port, fed: readonly PipelineEdge[], i: number, p: number, add: Add) {
  const binding = Object.hasOwn(node.bindings, port.name) ? node.bindings[port.name] : undefined;
  if (!binding) {
    if (fed.length === 0 && isRequired(port)) {
      const how = isDataType(port.type)
        ? "connect an output or a pipeline input to it, or choose a data asset"
        : "set a value, or connect a pipeline input to it";
      add(i, p, {
        code: "missing_input",
        message: `Step "${node.id}" needs its input "${port.name}" (${port.type}): ${how}.`,
        nodeId: node.id,
        port: port.name,
      });
    }
    return;
  }
  const label = `Input "${port.name}" of step "${node.id}"`;
  const where = { nodeId: node.id, port: port.name };
  if (fed.length > 0) {
    add(i, p, {
      code: "input_fed_twice",
      message: `${label} is connected and also has ${binding.kind === "literal" ? "a value" : "a data asset"} set: keep one of them.`,
      ...where,
    });
  }
  if (binding.kind === "literal") {
    if (isDataType(port.type)) {
      add(i, p, {
        code: "bad_binding",
        message: `${label} takes ${port.type} data, not a literal value: choose a data asset or connect an output.`,
        ...where,
      });
    } else {
      const parsed = parseLiteral(port, binding.value);
      if (!parsed.ok) add(i, p, { code: "bad_literal", message: `${label}: ${parsed.message}`, ...where });
    }
  } else if (!isDataType(port.type)) {
    add(i, p, {
      code: "bad_binding",
      message: `${label} takes ${withArticle(port.type)} value, not a data asset.`,
      ...where,
    });
  } else {
    const checked = checkDataRef(binding.ref);
    if (!checked.ok) add(i, p, { code: "bad_binding", message: `${label}: ${checked.reason}`, ...where });
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
    work.push({ v: root, next: steps.succStart[root] });
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.next < steps.succStart[frame.v + 1]) {
        const w = steps.succ[frame.next++];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push({ v: w, next: steps.succStart[w] });
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
        if (group.length > 1 || feedsItself(steps, frame.v)) groups.push(group);
      }
    }
  }
  const cycles = groups.map((group) => loopThrough(steps, group));
  return cycles.sort((a, b) => a[0] - b[0]);
}

/** The shortest loop from the group's first step back to it, staying inside the group (without the repeated step). */
function loopThrough(steps: StepGraph, group: number[]): number[] {
  let start = group[0];
  for (const g of group) if (g < start) start = g;
  const loop = shortestPath(steps, start, start, new Set(group));
  return loop ? loop.slice(0, -1) : group;
}
