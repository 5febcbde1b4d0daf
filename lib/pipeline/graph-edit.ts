import { checkDataRef, parseLiteral } from "@/lib/pipeline/literals";
import { shortestPath, stepGraph } from "@/lib/pipeline/graph-index";
import {
  IO_NAME_PATTERN,
  IO_NAME_RULE,
  STEP_ID_PATTERN,
  STEP_ID_RULE,
  describeNode,
  endpointName,
  inputPort,
  outputPort,
} from "@/lib/pipeline/nodes";
import { canConnect, isDataType, isValueType } from "@/lib/pipeline/port-types";
import { capitalised, loopText, withArticle } from "@/lib/pipeline/wording";
import type {
  DataPortType,
  InputBinding,
  LiteralValue,
  PipelineEdge,
  PipelineGraph,
  PipelineInputNode,
  PipelineNode,
  PipelineOutputNode,
  PortType,
  Position,
  StepNode,
} from "@/lib/pipeline/types";

// The edits the designer makes, as pure functions: each returns a new graph and leaves its argument as it
// was (undo keeps the old one). Nodes and edges an edit does not touch keep their identity, so a canvas
// re-renders only what changed; an edit that changes nothing returns the same graph. Edits a user can
// get wrong return `{ ok: false, reason }` with a sentence to show, and change nothing.

export type EditResult = { ok: true; graph: PipelineGraph } | { ok: false; reason: string };

export type Connection = { source: string; sourcePort: string; target: string; targetPort: string };

/** `e:<source>.<port>-><target>.<port>`: one edge per pair of ports, the same id whoever draws it. */
export function edgeId(c: Connection): string {
  return `e:${c.source}.${c.sourcePort}->${c.target}.${c.targetPort}`;
}

function refuse(reason: string): EditResult {
  return { ok: false, reason };
}

function findNode(graph: PipelineGraph, id: string): PipelineNode | undefined {
  return graph.nodes.find((n) => n.id === id);
}

function replaceNode(graph: PipelineGraph, id: string, next: PipelineNode): PipelineNode[] {
  return graph.nodes.map((n) => (n.id === id ? next : n));
}

function withoutBinding(node: StepNode, input: string): StepNode {
  if (!Object.hasOwn(node.bindings, input)) return node;
  const bindings = { ...node.bindings };
  delete bindings[input];
  return { ...node, bindings };
}

/** Adds a node. Its id must be new (the `new…Node` factories make it so); a taken id is a programming error and throws. */
export function addNode(graph: PipelineGraph, node: PipelineNode): PipelineGraph {
  if (graph.nodes.some((n) => n.id === node.id)) throw new Error(`The graph already has a node "${node.id}".`);
  return { ...graph, nodes: [...graph.nodes, node] };
}

/** Moves the nodes named in `positions`; the others keep their identity. */
export function moveNodes(
  graph: PipelineGraph,
  positions: ReadonlyMap<string, Position> | Readonly<Record<string, Position>>,
): PipelineGraph {
  const get =
    positions instanceof Map
      ? (id: string) => positions.get(id)
      : (id: string) => (Object.hasOwn(positions, id) ? (positions as Record<string, Position>)[id] : undefined);
  let changed = false;
  const nodes = graph.nodes.map((n) => {
    const p = get(n.id);
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: p.x, y: p.y } };
  });
  return changed ? { ...graph, nodes } : graph;
}

/**
 * Removes the nodes and every edge to or from them. Nothing else refers to a node: the inputs those
 * edges fed are left unbound (the validator then says which still need a source).
 */
export function removeNodes(graph: PipelineGraph, ids: Iterable<string>): PipelineGraph {
  const gone = new Set(ids);
  const nodes = graph.nodes.filter((n) => !gone.has(n.id));
  const edges = graph.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target));
  if (nodes.length === graph.nodes.length && edges.length === graph.edges.length) return graph;
  return { ...graph, nodes, edges };
}

/** Removes edges by id. */
export function disconnect(graph: PipelineGraph, edgeIds: Iterable<string>): PipelineGraph {
  const gone = new Set(edgeIds);
  const edges = graph.edges.filter((e) => !gone.has(e.id));
  return edges.length === graph.edges.length ? graph : { ...graph, edges };
}

/**
 * Draws an edge from an output port to an input port. Refused, with the reason: unknown nodes or ports, a
 * node to itself, types that do not fit (`canConnect`), an input that already has a source, an edge that
 * would close a cycle. A literal or data binding on the input is dropped: the edge now feeds it.
 * Drawing an edge that exists already changes nothing.
 */
export function connect(graph: PipelineGraph, c: Connection): EditResult {
  const source = findNode(graph, c.source);
  const target = findNode(graph, c.target);
  if (!source) return refuse(`There is no node "${c.source}" to connect from.`);
  if (!target) return refuse(`There is no node "${c.target}" to connect to.`);
  if (c.source === c.target) return refuse(`A step cannot feed its own input: ${c.source} would wait for itself.`);
  const from = outputPort(source, c.sourcePort);
  if (!from) {
    return refuse(
      source.kind === "output"
        ? `${capitalised(describeNode(source))} has no output to connect from: it receives a step's output.`
        : `${capitalised(describeNode(source))} has no output "${c.sourcePort}".`,
    );
  }
  const to = inputPort(target, c.targetPort);
  if (!to) {
    return refuse(
      target.kind === "input"
        ? `${capitalised(describeNode(target))} takes no connection: it is given when the pipeline is submitted.`
        : `${capitalised(describeNode(target))} has no input "${c.targetPort}".`,
    );
  }
  const fits = canConnect(from.type, to.type);
  if (!fits.ok) return refuse(fits.reason);
  const feeding = graph.edges.find((e) => e.target === c.target && e.targetPort === c.targetPort);
  if (feeding) {
    if (feeding.source === c.source && feeding.sourcePort === c.sourcePort) return { ok: true, graph };
    const feeder = endpointName(findNode(graph, feeding.source), feeding.source, feeding.sourcePort);
    return refuse(
      `${endpointName(target, c.target, c.targetPort)} already takes its value from ${feeder}, and an input takes one source. Remove that connection first.`,
    );
  }
  if (source.kind === "step" && target.kind === "step") {
    const steps = stepGraph(graph);
    const back = shortestPath(steps, steps.indexOf.get(c.target)!, steps.indexOf.get(c.source)!);
    if (back) {
      const loop = loopText(back.map((i) => steps.ids[i]));
      return refuse(
        `Connecting ${endpointName(source, c.source, c.sourcePort)} to ${endpointName(target, c.target, c.targetPort)} would close a cycle: ${loop}.`,
      );
    }
  }
  const edge: PipelineEdge = {
    id: edgeId(c),
    source: c.source,
    sourcePort: c.sourcePort,
    target: c.target,
    targetPort: c.targetPort,
  };
  const nodes =
    target.kind === "step" && Object.hasOwn(target.bindings, c.targetPort)
      ? replaceNode(graph, target.id, withoutBinding(target, c.targetPort))
      : graph.nodes;
  return { ok: true, graph: { ...graph, nodes, edges: [...graph.edges, edge] } };
}

/**
 * Sets (or with null, clears) how a step input gets its value when no edge feeds it: a literal for a value
 * input (stored typed: `"3"` for an integer input is kept as 3), a data asset version for a data input.
 * A binding replaces the edge that fed the input, if any.
 */
export function setBinding(
  graph: PipelineGraph,
  nodeId: string,
  input: string,
  binding: InputBinding | null,
): EditResult {
  const node = findNode(graph, nodeId);
  if (!node) return refuse(`There is no node "${nodeId}".`);
  if (node.kind !== "step") return refuse(`Only steps have input values; ${describeNode(node)} has none.`);
  const port = inputPort(node, input);
  if (!port) return refuse(`Step "${nodeId}" has no input "${input}".`);
  if (binding === null) {
    const next = withoutBinding(node, input);
    return { ok: true, graph: next === node ? graph : { ...graph, nodes: replaceNode(graph, nodeId, next) } };
  }
  let stored: InputBinding;
  if (binding.kind === "literal") {
    if (!isValueType(port.type))
      return refuse(
        `Input "${input}" takes ${port.type} data: choose a data asset or connect an output, not a literal value.`,
      );
    const parsed = parseLiteral(port, binding.value);
    if (!parsed.ok) return refuse(`Input "${input}": ${parsed.message}`);
    stored = { kind: "literal", value: parsed.value };
  } else {
    if (!isDataType(port.type))
      return refuse(`Input "${input}" takes ${withArticle(port.type)} value, not a data asset.`);
    const ref = binding.ref.trim();
    const checked = checkDataRef(ref);
    if (!checked.ok) return refuse(checked.reason);
    stored = { kind: "data", ref };
  }
  const next: StepNode = { ...node, bindings: { ...node.bindings, [input]: stored } };
  const edges = graph.edges.filter((e) => !(e.target === nodeId && e.targetPort === input));
  return {
    ok: true,
    graph: {
      ...graph,
      nodes: replaceNode(graph, nodeId, next),
      edges: edges.length === graph.edges.length ? graph.edges : edges,
    },
  };
}

function renameEdges(edges: PipelineEdge[], from: string, to: string): PipelineEdge[] {
  return edges.map((e) => {
    if (e.source !== from && e.target !== from) return e;
    const moved = { ...e, source: e.source === from ? to : e.source, target: e.target === from ? to : e.target };
    return { ...moved, id: edgeId(moved) };
  });
}

/** Renames a step (its id, the step name in the YAML) and the edges to and from it. */
export function renameStep(graph: PipelineGraph, id: string, newId: string): EditResult {
  const node = findNode(graph, id);
  if (!node || node.kind !== "step") return refuse(`There is no step "${id}".`);
  if (newId === id) return { ok: true, graph };
  if (!STEP_ID_PATTERN.test(newId)) return refuse(`"${newId}" cannot name a step: use ${STEP_ID_RULE}.`);
  if (graph.nodes.some((n) => n.id === newId)) return refuse(`Another node is already named "${newId}".`);
  return {
    ok: true,
    graph: {
      ...graph,
      nodes: replaceNode(graph, id, { ...node, id: newId }),
      edges: renameEdges(graph.edges, id, newId),
    },
  };
}

/** Sets or clears (null or "") a step's display name. */
export function updateStep(graph: PipelineGraph, id: string, patch: { displayName?: string | null }): EditResult {
  const node = findNode(graph, id);
  if (!node || node.kind !== "step") return refuse(`There is no step "${id}".`);
  if (patch.displayName === undefined) return { ok: true, graph };
  const next: StepNode = { ...node };
  const name = patch.displayName?.trim();
  if (name) next.displayName = name;
  else delete next.displayName;
  return { ok: true, graph: { ...graph, nodes: replaceNode(graph, id, next) } };
}

/** Whether the edges from `nodeId` still fit when its output type becomes `type`; the first that does not, said. */
function outgoingFit(graph: PipelineGraph, node: PipelineNode, type: PortType): string | null {
  for (const e of graph.edges) {
    if (e.source !== node.id) continue;
    const target = findNode(graph, e.target);
    const port = target && inputPort(target, e.targetPort);
    if (!port) continue;
    const fits = canConnect(type, port.type);
    if (!fits.ok)
      return `${capitalised(describeNode(node))} feeds ${endpointName(target, e.target, e.targetPort)}. ${fits.reason} Remove that connection first.`;
  }
  return null;
}

function incomingFit(graph: PipelineGraph, node: PipelineNode, type: PortType): string | null {
  for (const e of graph.edges) {
    if (e.target !== node.id) continue;
    const source = findNode(graph, e.source);
    const port = source && outputPort(source, e.sourcePort);
    if (!port) continue;
    const fits = canConnect(port.type, type);
    if (!fits.ok)
      return `${capitalised(describeNode(node))} is fed by ${endpointName(source, e.source, e.sourcePort)}. ${fits.reason} Remove that connection first.`;
  }
  return null;
}

function checkIoName(graph: PipelineGraph, node: PipelineInputNode | PipelineOutputNode, name: string): string | null {
  if (!IO_NAME_PATTERN.test(name)) return `"${name}" cannot name a pipeline ${node.kind}: use ${IO_NAME_RULE}.`;
  if (graph.nodes.some((n) => n.kind === node.kind && n.id !== node.id && n.name === name))
    return `Another pipeline ${node.kind} is named "${name}".`;
  return null;
}

/** Sets (a text), clears (null or blank) or leaves (undefined) the description of a node being rebuilt. */
function setDescription(next: { description?: string }, description: string | null | undefined) {
  if (description === undefined) return;
  if (description === null || description.trim() === "") delete next.description;
  else next.description = description;
}

export type InputNodePatch = {
  name?: string;
  type?: PortType;
  /** A literal default for a value input; null clears it. */
  default?: LiteralValue | null;
  /** A data asset version for a data input (`name:3`, `name@latest`); null clears it. */
  defaultData?: string | null;
  optional?: boolean;
  description?: string | null;
};

/**
 * Changes a pipeline input. Refused: a name that is taken or not an identifier, a type that an edge from
 * it no longer fits, a default that does not fit the type. When the type changes, a default that no longer
 * fits it is dropped (a literal for a data type, a data asset for a value type, "abc" for an integer).
 */
export function updateInputNode(graph: PipelineGraph, id: string, patch: InputNodePatch): EditResult {
  const node = findNode(graph, id);
  if (!node || node.kind !== "input") return refuse(`There is no pipeline input "${id}".`);
  const next: PipelineInputNode = { ...node };
  if (patch.name !== undefined && patch.name !== node.name) {
    const bad = checkIoName(graph, node, patch.name);
    if (bad) return refuse(bad);
    next.name = patch.name;
  }
  if (patch.type !== undefined && patch.type !== node.type) {
    const bad = outgoingFit(graph, node, patch.type);
    if (bad) return refuse(bad);
    next.type = patch.type;
    if (next.default !== undefined) {
      const kept = isValueType(patch.type) ? parseLiteral({ type: patch.type }, next.default) : null;
      if (kept?.ok) next.default = kept.value;
      else delete next.default;
    }
    if (next.defaultData !== undefined && !isDataType(patch.type)) delete next.defaultData;
  }
  if (patch.default !== undefined) {
    if (patch.default === null) delete next.default;
    else {
      if (!isValueType(next.type))
        return refuse(
          `${capitalised(withArticle(next.type))} input takes a data asset as its default, not a literal value.`,
        );
      const parsed = parseLiteral({ type: next.type }, patch.default);
      if (!parsed.ok) return refuse(`Default of "${next.name}": ${parsed.message}`);
      next.default = parsed.value;
    }
  }
  if (patch.defaultData !== undefined) {
    if (patch.defaultData === null || patch.defaultData.trim() === "") delete next.defaultData;
    else {
      if (!isDataType(next.type))
        return refuse(`${capitalised(withArticle(next.type))} input takes a literal default, not a data asset.`);
      const checked = checkDataRef(patch.defaultData.trim());
      if (!checked.ok) return refuse(checked.reason);
      next.defaultData = patch.defaultData.trim();
    }
  }
  if (patch.optional !== undefined) next.optional = patch.optional;
  setDescription(next, patch.description);
  return { ok: true, graph: { ...graph, nodes: replaceNode(graph, id, next) } };
}

export type OutputNodePatch = { name?: string; type?: DataPortType; description?: string | null };

/** Changes a pipeline output. Refused: a name that is taken or not an identifier, a type the edge into it no longer fits. */
export function updateOutputNode(graph: PipelineGraph, id: string, patch: OutputNodePatch): EditResult {
  const node = findNode(graph, id);
  if (!node || node.kind !== "output") return refuse(`There is no pipeline output "${id}".`);
  const next: PipelineOutputNode = { ...node };
  if (patch.name !== undefined && patch.name !== node.name) {
    const bad = checkIoName(graph, node, patch.name);
    if (bad) return refuse(bad);
    next.name = patch.name;
  }
  if (patch.type !== undefined && patch.type !== node.type) {
    if (!isDataType(patch.type)) return refuse(`A pipeline output carries data: "${patch.type}" is not a data type.`);
    const bad = incomingFit(graph, node, patch.type);
    if (bad) return refuse(bad);
    next.type = patch.type;
  }
  setDescription(next, patch.description);
  return { ok: true, graph: { ...graph, nodes: replaceNode(graph, id, next) } };
}
