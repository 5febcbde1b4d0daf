import { describeDataPath, parseDataReference } from "@/lib/components/azure-refs";
import { sortProblems } from "@/lib/components/component-yaml";
import { parseLiteral } from "@/lib/pipeline/literals";
import {
  DATA_TYPES,
  literalType,
  settingsToGraph,
  type PipelineDoc,
  type PipelineDocInput,
} from "@/lib/pipeline/pipeline-yaml-doc";
import {
  VALUE_PORT,
  type ComponentRef,
  type DataPortType,
  type InputBinding,
  type PipelineEdge,
  type PipelineGraph,
  type PipelineInputNode,
  type PipelineNode,
  type PipelineOutputNode,
  type PortType,
  type StepNode,
} from "@/lib/pipeline/types";
import type { YamlProblem } from "@/lib/yaml-source";

// A parsed pipeline YAML as the designer's graph, once the server has loaded its components: the steps are
// checked against their components, every problem collected with its line.

export type PipelineGraphResult =
  | {
      ok: true;
      graph: PipelineGraph;
      warnings: string[];
      displayName: string | null;
      description: string | null;
      experimentName: string | null;
    }
  | { ok: false; errors: YamlProblem[] };

export const inputNodeId = (name: string) => `input:${name}`;
export const outputNodeId = (name: string) => `output:${name}`;
/** The same id the designer gives an edge between these ports. */
export const edgeIdOf = (e: Omit<PipelineEdge, "id">) => `e:${e.source}.${e.sourcePort}->${e.target}.${e.targetPort}`;

function makeEdge(source: string, sourcePort: string, target: string, targetPort: string): PipelineEdge {
  const edge = { source, sourcePort, target, targetPort };
  return { id: edgeIdOf(edge), ...edge };
}

function describeComponent(ref: ComponentRef): string {
  return `${ref.scopeKind === "registry" ? `registries/${ref.scopeName}/` : ""}${ref.name}:${ref.version}`;
}

/**
 * The designer graph of a parsed pipeline, given each step's component (by step name). Steps get their
 * name as id; pipeline inputs and outputs become nodes with ids `input:<name>` and `output:<name>`;
 * `${{parent.…}}` bindings become edges, literals and data assets step bindings. Positions are all 0:
 * the caller lays the graph out.
 */
export function pipelineDocToGraph(doc: PipelineDoc, components: Record<string, ComponentRef>): PipelineGraphResult {
  const errors: YamlProblem[] = [];
  const warnings: string[] = [];
  const warn = (line: number | null, message: string) =>
    warnings.push(line === null ? message : `Line ${line}: ${message}`);
  const componentOf = (step: string) => (Object.hasOwn(components, step) ? components[step] : undefined);

  // Types that pipeline inputs feed and pipeline outputs receive, for the nodes that do not declare one.
  const fedTypes = new Map<string, PortType[]>();
  const outputSourceType = new Map<string, DataPortType>();
  const steps: StepNode[] = [];
  const edges: PipelineEdge[] = [];

  for (const job of doc.jobs) {
    const component = componentOf(job.name);
    if (!component) {
      errors.push({
        line: job.line,
        message: `Step "${job.name}" names component "${job.component.raw}", which was not found.`,
      });
      continue;
    }
    const byName = new Map(job.inputs.map((i) => [i.name, i.value]));
    for (const { name, line } of job.inputs) {
      if (!component.inputs.some((i) => i.name === name)) {
        errors.push({
          line,
          message: `Step "${job.name}" sets input "${name}", but component ${describeComponent(component)} has no input "${name}"${listNames(component.inputs)}.`,
        });
      }
    }
    for (const { name, line } of job.outputs) {
      if (!component.outputs.some((o) => o.name === name)) {
        errors.push({
          line,
          message: `Step "${job.name}" sets output "${name}", but component ${describeComponent(component)} has no output "${name}"${listNames(component.outputs)}.`,
        });
      }
    }
    const bindings: Record<string, InputBinding> = {};
    // Component order, so that a graph read back from its export lists its edges the same way.
    for (const port of component.inputs) {
      const value = byName.get(port.name);
      if (!value) continue;
      const what = `Input "${port.name}" of step "${job.name}"`;
      switch (value.kind) {
        case "parentInput":
          edges.push(makeEdge(inputNodeId(value.name), VALUE_PORT, job.name, port.name));
          fedTypes.set(value.name, [...(fedTypes.get(value.name) ?? []), port.type]);
          break;
        case "stepOutput": {
          const source = componentOf(value.step);
          if (source && !source.outputs.some((o) => o.name === value.output)) {
            errors.push({
              line: value.line,
              message: `${what} uses \${{parent.jobs.${value.step}.outputs.${value.output}}}, but step "${value.step}" (component ${describeComponent(source)}) has no output "${value.output}"${listNames(source.outputs)}.`,
            });
            break;
          }
          edges.push(makeEdge(value.step, value.output, job.name, port.name));
          break;
        }
        case "data":
          if (!DATA_TYPES.includes(port.type))
            errors.push({
              line: value.line,
              message: `${what} is ${withArticle(port.type)} input; it cannot take the data asset ${value.ref}.`,
            });
          else bindings[port.name] = { kind: "data", ref: value.ref };
          break;
        case "localPath":
          warn(
            value.line,
            `${what} reads ${describeDataPath(value.path)}, which is not imported: bind a data asset to it in the designer.`,
          );
          break;
        case "literal": {
          if (DATA_TYPES.includes(port.type)) {
            if (typeof value.value === "string" && value.value.trim().startsWith("azureml:")) {
              const ref = parseDataReference(value.value);
              if (ref.ok) bindings[port.name] = { kind: "data", ref: ref.value };
              else errors.push({ line: value.line, message: `${what}: ${ref.message}` });
            } else if (typeof value.value === "string") {
              warn(
                value.line,
                `${what} reads ${describeDataPath(value.value)}, which is not imported: bind a data asset to it in the designer.`,
              );
            } else {
              errors.push({
                line: value.line,
                message: `${what} is ${withArticle(port.type)} input; it takes data, not the value ${String(value.value)}.`,
              });
            }
            break;
          }
          const fitted = parseLiteral(port, value.value, value.text);
          if (!fitted.ok)
            errors.push({ line: value.line, message: `${what} is ${withArticle(port.type)} input: ${fitted.message}` });
          else bindings[port.name] = { kind: "literal", value: fitted.value };
          break;
        }
      }
    }
    const extras: Record<string, unknown> = { ...job.extras };
    const outputSettings: Record<string, unknown> = {};
    const outputsByName = new Map(job.outputs.map((o) => [o.name, o.value]));
    for (const port of component.outputs) {
      const value = outputsByName.get(port.name);
      if (!value) continue;
      if (value.kind === "parentOutput") {
        edges.push(makeEdge(job.name, port.name, outputNodeId(value.name), VALUE_PORT));
        outputSourceType.set(value.name, port.type);
      } else {
        outputSettings[port.name] = value.settings;
      }
    }
    if (Object.keys(outputSettings).length > 0) extras.outputs = outputSettings;
    const step: StepNode = { kind: "step", id: job.name, position: { x: 0, y: 0 }, component, bindings };
    if (job.displayName !== undefined) step.displayName = job.displayName;
    if (Object.keys(extras).length > 0) step.yamlExtras = extras;
    steps.push(step);
  }

  const inputNodes: PipelineInputNode[] = [];
  for (const input of doc.inputs) {
    const node = inputNode(input, fedTypes.get(input.name) ?? [], errors, warn);
    if (node) inputNodes.push(node);
  }
  const outputNodes: PipelineOutputNode[] = doc.outputs.map((output) => {
    const node: PipelineOutputNode = {
      kind: "output",
      id: outputNodeId(output.name),
      position: { x: 0, y: 0 },
      name: output.name,
      type: output.type ?? outputSourceType.get(output.name) ?? "uri_folder",
    };
    if (output.description !== undefined) node.description = output.description;
    return node;
  });

  if (errors.length > 0) return { ok: false, errors: sortProblems(errors) };
  const nodes: PipelineNode[] = [...inputNodes, ...steps, ...outputNodes];
  return {
    ok: true,
    graph: { nodes, edges, settings: settingsToGraph(doc.settings) },
    warnings,
    displayName: doc.displayName,
    description: doc.description,
    experimentName: doc.experimentName,
  };
}

function listNames(ports: { name: string }[]): string {
  return ports.length === 0 ? " (it has none)" : ` (it has ${ports.map((p) => p.name).join(", ")})`;
}

function withArticle(type: string): string {
  return `${/^([aeio]|ml)/.test(type) ? "an" : "a"} ${type}`;
}

function inputNode(
  input: PipelineDocInput,
  fed: PortType[],
  errors: YamlProblem[],
  warn: (line: number | null, message: string) => void,
): PipelineInputNode | null {
  let type: PortType;
  const distinct = [...new Set(fed)];
  if (input.type) type = input.type;
  else if (distinct.length === 1) type = distinct[0];
  else if (distinct.length > 1) {
    const natural = input.value !== undefined ? literalType(input.value) : undefined;
    type = natural && distinct.includes(natural) ? natural : distinct[0];
    warn(
      input.line,
      `Pipeline input "${input.name}" feeds inputs of types ${distinct.join(", ")}; it is taken as ${type} (declare "type:" to choose).`,
    );
  } else if (input.data !== undefined || input.localPath !== undefined) type = "uri_folder";
  else if (input.value !== undefined) type = literalType(input.value);
  else {
    errors.push({
      line: input.line,
      message: `Pipeline input "${input.name}" needs "type:" (or a value to take its type from).`,
    });
    return null;
  }
  const node: PipelineInputNode = {
    kind: "input",
    id: inputNodeId(input.name),
    position: { x: 0, y: 0 },
    name: input.name,
    type,
    optional: input.optional,
  };
  if (input.description !== undefined) node.description = input.description;
  const what = `Pipeline input "${input.name}"`;
  if (DATA_TYPES.includes(type)) {
    let data = input.data;
    let localPath = input.localPath;
    if (input.value !== undefined) {
      if (typeof input.value === "string" && input.value.trim().startsWith("azureml:")) {
        const ref = parseDataReference(input.value);
        if (!ref.ok) errors.push({ line: input.line, message: `${what}: ${ref.message}` });
        else data = ref.value;
      } else if (typeof input.value === "string") localPath = input.value;
      else
        errors.push({
          line: input.line,
          message: `${what} feeds ${withArticle(type)} input; it takes data, not the value ${String(input.value)}.`,
        });
    }
    if (data !== undefined) node.defaultData = data;
    if (localPath !== undefined)
      warn(
        input.line,
        `${what} reads ${describeDataPath(localPath)}, which is not imported: choose a data asset for it in the designer or at submit.`,
      );
    return node;
  }
  if (input.data !== undefined || input.localPath !== undefined) {
    errors.push({
      line: input.line,
      message: `${what} is given data (path:), but it feeds ${withArticle(type)} input.`,
    });
    return null;
  }
  if (input.value !== undefined) {
    const fitted = parseLiteral({ type }, input.value, input.text);
    if (!fitted.ok) {
      errors.push({ line: input.line, message: `${what} is ${withArticle(type)} input: ${fitted.message}` });
      return null;
    }
    node.default = fitted.value;
  }
  return node;
}
