import { stringify } from "yaml";
import { formatComponentAssetReference, formatDataReference } from "@/lib/components/azure-refs";
import {
  DATA_TYPES,
  PIPELINE_SCHEMA_URL,
  STEP_KEYS,
  literalType,
  settingsToYaml,
} from "@/lib/pipeline/pipeline-yaml-doc";
import type {
  PipelineEdge,
  PipelineGraph,
  PipelineInputNode,
  PipelineNode,
  PipelineOutputNode,
  PortType,
  StepNode,
} from "@/lib/pipeline/types";

export type PipelineYamlMeta = { name: string; description?: string | null; experimentName?: string | null };

/**
 * The graph as an Azure ML CLI v2 pipeline job YAML: components referenced as `azureml:<name>:<version>`
 * (registry ones by their registry URI), bindings as `${{parent.…}}`, step extras and settings as they
 * were imported. Reading it back with the same components gives the same graph (positions aside).
 */
export function graphToPipelineYaml(graph: PipelineGraph, meta: PipelineYamlMeta): string {
  const doc: Record<string, unknown> = { $schema: PIPELINE_SCHEMA_URL, type: "pipeline", display_name: meta.name };
  if (meta.description) doc.description = meta.description;
  if (meta.experimentName) doc.experiment_name = meta.experimentName;

  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const fedTypes = new Map<string, Set<PortType>>();
  for (const edge of graph.edges) {
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (source?.kind !== "input" || target?.kind !== "step") continue;
    const port = target.component.inputs.find((i) => i.name === edge.targetPort);
    if (!port) continue;
    const set = fedTypes.get(source.id) ?? new Set<PortType>();
    set.add(port.type);
    fedTypes.set(source.id, set);
  }

  const inputs: Record<string, unknown> = {};
  for (const node of graph.nodes) {
    if (node.kind !== "input") continue;
    inputs[node.name] = pipelineInputToYaml(node, fedTypes.get(node.id) ?? new Set());
  }
  if (Object.keys(inputs).length > 0) doc.inputs = inputs;

  const outputs: Record<string, unknown> = {};
  for (const node of graph.nodes) {
    if (node.kind !== "output") continue;
    outputs[node.name] =
      node.description === undefined ? { type: node.type } : { type: node.type, description: node.description };
  }
  if (Object.keys(outputs).length > 0) doc.outputs = outputs;

  const settings = settingsToYaml(graph.settings);
  if (Object.keys(settings).length > 0) doc.settings = settings;

  // The edge into each step input and the pipeline output fed by each step output (the first, when a
  // graph that does not validate has more).
  const into = new Map<string, PipelineEdge>();
  const toOutput = new Map<string, PipelineOutputNode>();
  for (const edge of graph.edges) {
    const key = `${edge.target}\u0000${edge.targetPort}`;
    if (!into.has(key)) into.set(key, edge);
    const target = nodes.get(edge.target);
    const from = `${edge.source}\u0000${edge.sourcePort}`;
    if (target?.kind === "output" && !toOutput.has(from)) toOutput.set(from, target);
  }
  const jobs: Record<string, unknown> = {};
  for (const node of graph.nodes) {
    if (node.kind !== "step") continue;
    jobs[node.id] = stepToYaml(node, nodes, into, toOutput);
  }
  doc.jobs = jobs;
  return stringify(doc, { lineWidth: 0 });
}

function pipelineInputToYaml(node: PipelineInputNode, fed: Set<PortType>): unknown {
  if (DATA_TYPES.includes(node.type)) {
    const out: Record<string, unknown> = { type: node.type };
    if (node.defaultData !== undefined) out.path = formatDataReference(node.defaultData);
    if (node.optional) out.optional = true;
    if (node.description !== undefined) out.description = node.description;
    return out;
  }
  // A bare literal when reading it back infers this very type; else a mapping that declares it.
  const inferred =
    node.default === undefined
      ? undefined
      : fed.size > 0
        ? fed.size === 1
          ? [...fed][0]
          : undefined
        : literalType(node.default);
  if (node.default !== undefined && inferred === node.type && !node.optional && node.description === undefined)
    return node.default;
  const out: Record<string, unknown> = { type: node.type };
  if (node.default !== undefined) out.value = node.default;
  if (node.optional) out.optional = true;
  if (node.description !== undefined) out.description = node.description;
  return out;
}

function stepToYaml(
  node: StepNode,
  nodes: Map<string, PipelineNode>,
  into: Map<string, PipelineEdge>,
  toOutput: Map<string, PipelineOutputNode>,
): Record<string, unknown> {
  const { component } = node;
  const out: Record<string, unknown> = { type: "command" };
  if (node.displayName !== undefined) out.display_name = node.displayName;
  out.component = formatComponentAssetReference({
    registry: component.scopeKind === "registry" ? component.scopeName : null,
    name: component.name,
    version: component.followsLatest ? "latest" : component.version,
  });
  const { outputs: outputSettings, ...extras } = node.yamlExtras ?? {};
  // Extras never override what the graph says (a hand-edited draft could hold a `component` extra).
  for (const [key, value] of Object.entries(extras)) if (!STEP_KEYS.has(key)) out[key] = value;

  const inputs: Record<string, unknown> = {};
  for (const port of component.inputs) {
    const edge = into.get(`${node.id}\u0000${port.name}`);
    const source = edge ? nodes.get(edge.source) : undefined;
    if (edge && source?.kind === "input") inputs[port.name] = `\${{parent.inputs.${source.name}}}`;
    else if (edge && source?.kind === "step")
      inputs[port.name] = `\${{parent.jobs.${source.id}.outputs.${edge.sourcePort}}}`;
    else if (Object.hasOwn(node.bindings, port.name)) {
      const binding = node.bindings[port.name];
      inputs[port.name] =
        binding.kind === "literal" ? binding.value : { type: port.type, path: formatDataReference(binding.ref) };
    }
  }
  if (Object.keys(inputs).length > 0) out.inputs = inputs;

  const outputs: Record<string, unknown> = {};
  const settings =
    outputSettings !== null && typeof outputSettings === "object" ? (outputSettings as Record<string, unknown>) : {};
  for (const port of component.outputs) {
    const target = toOutput.get(`${node.id}\u0000${port.name}`);
    if (target) outputs[port.name] = `\${{parent.outputs.${target.name}}}`;
    else if (Object.hasOwn(settings, port.name)) outputs[port.name] = settings[port.name];
  }
  if (Object.keys(outputs).length > 0) out.outputs = outputs;
  return out;
}
