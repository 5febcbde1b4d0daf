import { isMap, isSeq, stringify, type Node } from "yaml";
import {
  formatComponentAssetReference,
  formatDataReference,
  normaliseRelativePath,
  parseComponentAssetReference,
  parseDataReference,
} from "@/lib/components/azure-refs";
import { sortProblems } from "@/lib/components/component-yaml";
import { parseLiteral } from "@/lib/pipeline/literals";
import {
  DATA_PORT_TYPES,
  VALUE_PORT,
  VALUE_PORT_TYPES,
  type ComponentRef,
  type DataPortType,
  type InputBinding,
  type LiteralValue,
  type PipelineEdge,
  type PipelineGraph,
  type PipelineInputNode,
  type PipelineNode,
  type PipelineOutputNode,
  type PortType,
  type StepNode,
} from "@/lib/pipeline/types";
import { IO_NAME_PATTERN, IO_NAME_RULE, STEP_ID_PATTERN, STEP_ID_RULE } from "@/lib/pipeline/nodes/names";
import { readYamlMapping, type YamlEntry, type YamlProblem, type YamlReader } from "@/lib/yaml-source";

// Azure ML CLI v2 pipeline jobs (pipelineJob.schema.json) in and out of the designer's graph.
// Reading is in two stages: `parsePipelineYaml` checks the file on its own (syntax, shapes, that every
// ${{parent.…}} names something the file declares), then, once the server has loaded the components
// that `componentReferencesOf` lists, `pipelineDocToGraph` checks the steps against their components and
// builds the graph. Both collect every problem with its line. `graphToPipelineYaml` writes a graph back.

export const PIPELINE_SCHEMA_URL = "https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json";
/** Larger than a component's cap: a pipeline of a few hundred steps is a few hundred KiB. */
export const MAX_PIPELINE_YAML_BYTES = 1024 * 1024;

const PORT_TYPES: readonly string[] = [...DATA_PORT_TYPES, ...VALUE_PORT_TYPES];
const DATA_TYPES: readonly string[] = DATA_PORT_TYPES;

/** A component as a step names it: a YAML file beside the pipeline, or a registered component. */
export type PipelineComponentRef =
  /** `path` is normalised and relative to the pipeline YAML's folder (`./train.yml` → `train.yml`). */
  | { kind: "file"; path: string; raw: string }
  | { kind: "asset"; registry: string | null; name: string; version: number | "latest"; raw: string };

export type PipelineDocInput = {
  name: string;
  line: number | null;
  /** As declared (`type:`); when absent the graph infers it. */
  type?: PortType;
  /** A literal value (`20`, `'time-based'`, or `value:`/`default:`), with its text as written. */
  value?: LiteralValue;
  text?: string;
  /** A data asset (`path: azureml:iris:1`) as the studio's reference (`iris:1`). */
  data?: string;
  /** A path that is not a data asset (`./data`, a URL): it cannot be carried over. */
  localPath?: string;
  optional: boolean;
  description?: string;
};

export type PipelineDocOutput = { name: string; line: number | null; type?: DataPortType; description?: string };

export type StepInputValue =
  | { kind: "literal"; value: LiteralValue; text?: string; line: number | null }
  | { kind: "parentInput"; name: string; line: number | null }
  | { kind: "stepOutput"; step: string; output: string; line: number | null }
  | { kind: "data"; ref: string; line: number | null }
  | { kind: "localPath"; path: string; line: number | null };

export type StepOutputValue =
  | { kind: "parentOutput"; name: string; line: number | null }
  | { kind: "settings"; settings: Record<string, unknown>; line: number | null };

export type PipelineDocJob = {
  name: string;
  line: number | null;
  component: PipelineComponentRef;
  displayName?: string;
  /** `line` is the line of the input's or output's name. */
  inputs: { name: string; line: number | null; value: StepInputValue }[];
  outputs: { name: string; line: number | null; value: StepOutputValue }[];
  /** Keys the studio does not use (`compute`, `limits`, `environment_variables` …), as plain values. */
  extras: Record<string, unknown>;
};

export type PipelineDoc = {
  displayName: string | null;
  description: string | null;
  experimentName: string | null;
  inputs: PipelineDocInput[];
  outputs: PipelineDocOutput[];
  /** `settings:` as written (snake_case keys). */
  settings: Record<string, unknown>;
  jobs: PipelineDocJob[];
};

export type ParsePipelineResult =
  { ok: true; doc: PipelineDoc; warnings: string[] } | { ok: false; errors: YamlProblem[] };

const TOP_KEYS = new Set([
  "$schema",
  "type",
  "display_name",
  "description",
  "experiment_name",
  "inputs",
  "outputs",
  "settings",
  "jobs",
]);
const IGNORED_TOP_KEYS: Record<string, string> = {
  name: "each submit names its own job",
  tags: "tags are given at submit",
  compute: "steps run on the local compute here",
  identity: "not used here",
  properties: "not used here",
  services: "not used here",
};
const STEP_KEYS = new Set(["type", "component", "inputs", "outputs", "display_name"]);

const PARENT_INPUT = /^\$\{\{\s*parent\.inputs\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;
const PARENT_OUTPUT = /^\$\{\{\s*parent\.outputs\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;
const STEP_OUTPUT = /^\$\{\{\s*parent\.jobs\.([A-Za-z0-9_][A-Za-z0-9_-]*)\.outputs\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

export function parsePipelineYaml(text: string): ParsePipelineResult {
  const read = readYamlMapping(text, "A pipeline YAML", MAX_PIPELINE_YAML_BYTES);
  if (!read.ok) return read;
  const { reader: r, root } = read;
  const top = new Map<string, YamlEntry>();
  for (const entry of r.entries(root)) {
    top.set(entry.key, entry);
    if (TOP_KEYS.has(entry.key)) continue;
    if (entry.key in IGNORED_TOP_KEYS)
      r.warn(entry.keyLine, `"${entry.key}" is ignored: ${IGNORED_TOP_KEYS[entry.key]}.`);
    else r.warn(entry.keyLine, `Unknown key "${entry.key}" is ignored.`);
  }

  const typeEntry = top.get("type");
  if (typeEntry) {
    const type = r.text(typeEntry, "type");
    // Another kind of YAML: the rest of its problems would only be noise.
    if (type !== null && type !== "pipeline") {
      const message =
        type === "command"
          ? "This is a command component or job (type: command), not a pipeline job (type: pipeline): register it as a component."
          : `This is a "${type}" YAML; only pipeline jobs (type: pipeline) can be imported here.`;
      return { ok: false, errors: [{ line: typeEntry.line, message }] };
    }
  }
  const doc: PipelineDoc = {
    displayName: optionalText(r, top.get("display_name"), "display_name"),
    description: optionalText(r, top.get("description"), "description"),
    experimentName: optionalText(r, top.get("experiment_name"), "experiment_name"),
    inputs: readPipelineInputs(r, top.get("inputs")),
    outputs: readPipelineOutputs(r, top.get("outputs")),
    settings: readSettings(r, top.get("settings")),
    jobs: readJobs(r, top.get("jobs")),
  };
  checkReferences(r, doc);
  if (r.errors.length > 0) return { ok: false, errors: sortProblems(r.errors) };
  return { ok: true, doc, warnings: r.warnings };
}

function optionalText(r: YamlReader, entry: YamlEntry | undefined, what: string): string | null {
  if (!entry || entry.value === null) return null;
  return r.text(entry, what);
}

function readPipelineInputs(r: YamlReader, entry: YamlEntry | undefined): PipelineDocInput[] {
  const inputs: PipelineDocInput[] = [];
  for (const item of r.entriesUnder(entry, "inputs")) {
    const name = item.key;
    if (!IO_NAME_PATTERN.test(name)) {
      r.error(item.keyLine, `Pipeline input name "${name}" may hold ${IO_NAME_RULE}.`);
      continue;
    }
    const input: PipelineDocInput = { name, line: item.keyLine, optional: false };
    if (item.value === null) {
      r.error(item.keyLine, `Pipeline input "${name}" has no value: give one (20, 'text') or a mapping with "type:".`);
      continue;
    }
    if (!isMap(item.value)) {
      const value = r.scalar(item.value);
      if (value === undefined || value === null) {
        r.error(item.line, `Pipeline input "${name}" must be a value (20, 'text', true) or a mapping with "type:".`);
        continue;
      }
      if (typeof value === "string" && /\$\{\{.*\}\}/s.test(value)) {
        r.error(item.line, `Pipeline input "${name}" is ${value}: a pipeline input takes a value, not a reference.`);
        continue;
      }
      input.value = value;
      input.text = r.scalarText(item.value);
      inputs.push(input);
      continue;
    }
    const fields = r.fields(item.value);
    for (const [key, field] of fields) {
      if (!["type", "path", "value", "default", "optional", "description", "mode"].includes(key))
        r.warn(field.keyLine, `Unknown key "${key}" of pipeline input "${name}" is ignored.`);
    }
    const errorsBefore = r.errors.length;
    const typeEntry = fields.get("type");
    if (typeEntry) {
      const type = r.text(typeEntry, `The type of pipeline input "${name}"`);
      if (type !== null && !PORT_TYPES.includes(type))
        r.error(
          typeEntry.line,
          `Pipeline input "${name}" has type "${type}", which is not one of ${PORT_TYPES.join(", ")}.`,
        );
      else if (type !== null) input.type = type as PortType;
    }
    const isData = input.type === undefined || DATA_TYPES.includes(input.type);
    const pathEntry = fields.get("path");
    if (pathEntry && pathEntry.value !== null) {
      if (!isData)
        r.error(
          pathEntry.keyLine,
          `Pipeline input "${name}" is ${input.type === "integer" ? "an" : "a"} ${input.type} input: "path:" is for data inputs; give "value:".`,
        );
      else {
        const path = r.text(pathEntry, `The path of pipeline input "${name}"`);
        if (path !== null) readDataPath(r, pathEntry, path, `Pipeline input "${name}"`, input);
      }
    }
    const valueEntry = fields.get("value") ?? fields.get("default");
    if (valueEntry && valueEntry.value !== null) {
      if (input.type !== undefined && DATA_TYPES.includes(input.type))
        r.error(
          valueEntry.keyLine,
          `Pipeline input "${name}" is a ${input.type} input: give a data asset with "path:", not "${valueEntry.key}:".`,
        );
      else {
        const value = r.scalar(valueEntry.value);
        if (value === undefined || value === null)
          r.error(valueEntry.line, `The ${valueEntry.key} of pipeline input "${name}" must be a plain value.`);
        else {
          input.value = value;
          input.text = r.scalarText(valueEntry.value);
        }
      }
    }
    const optional = fields.get("optional");
    if (optional && optional.value !== null)
      input.optional = r.boolean(optional, `"optional" of pipeline input "${name}"`) ?? false;
    const description = fields.get("description");
    if (description && description.value !== null) {
      const text = r.text(description, `The description of pipeline input "${name}"`);
      if (text !== null) input.description = text;
    }
    if (!typeEntry && input.value === undefined && input.data === undefined && input.localPath === undefined) {
      r.error(item.keyLine, `Pipeline input "${name}" needs "type:" (or a value to take its type from).`);
    }
    if (r.errors.length === errorsBefore) inputs.push(input);
  }
  return inputs;
}

/** `path:` of a data input: a data asset (`azureml:…`), or a local path or URL that cannot be carried over. */
function readDataPath(
  r: YamlReader,
  entry: YamlEntry,
  path: string,
  what: string,
  into: { data?: string; localPath?: string },
): void {
  const trimmed = path.trim();
  if (/\$\{\{.*\}\}/s.test(trimmed)) {
    r.error(
      entry.line,
      `${what} has path ${trimmed}: give a data asset (azureml:<name>:<version>) or connect it instead.`,
    );
    return;
  }
  if (
    trimmed.startsWith("azureml:") &&
    !trimmed.startsWith("azureml://datastores/") &&
    !trimmed.startsWith("azureml://subscriptions/")
  ) {
    const ref = parseDataReference(trimmed);
    if (!ref.ok) r.error(entry.line, `${what}: ${ref.message}`);
    else into.data = ref.value;
    return;
  }
  into.localPath = trimmed;
}

function readPipelineOutputs(r: YamlReader, entry: YamlEntry | undefined): PipelineDocOutput[] {
  const outputs: PipelineDocOutput[] = [];
  for (const item of r.entriesUnder(entry, "outputs")) {
    const name = item.key;
    if (!IO_NAME_PATTERN.test(name)) {
      r.error(item.keyLine, `Pipeline output name "${name}" may hold ${IO_NAME_RULE}.`);
      continue;
    }
    const output: PipelineDocOutput = { name, line: item.keyLine };
    if (item.value !== null) {
      if (!isMap(item.value)) {
        r.error(
          item.line,
          `Pipeline output "${name}" must be a mapping (such as "mode: upload" or "type: uri_folder").`,
        );
        continue;
      }
      const fields = r.fields(item.value);
      for (const [key, field] of fields) {
        if (key === "mode") continue;
        if (key === "path" || key === "name" || key === "version")
          r.warn(
            field.keyLine,
            `"${key}" of pipeline output "${name}" is ignored: outputs are kept with the job here.`,
          );
        else if (key !== "type" && key !== "description")
          r.warn(field.keyLine, `Unknown key "${key}" of pipeline output "${name}" is ignored.`);
      }
      const typeEntry = fields.get("type");
      if (typeEntry) {
        const type = r.text(typeEntry, `The type of pipeline output "${name}"`);
        if (type === null) continue;
        if (!DATA_TYPES.includes(type)) {
          r.error(
            typeEntry.line,
            `Pipeline output "${name}" has type "${type}": outputs here are files or folders (${DATA_TYPES.join(", ")}).`,
          );
          continue;
        }
        output.type = type as DataPortType;
      }
      const description = fields.get("description");
      if (description && description.value !== null) {
        const text = r.text(description, `The description of pipeline output "${name}"`);
        if (text !== null) output.description = text;
      }
    }
    outputs.push(output);
  }
  return outputs;
}

function readSettings(r: YamlReader, entry: YamlEntry | undefined): Record<string, unknown> {
  if (!entry) return {};
  const map = r.mapping(entry, "settings");
  if (map === null || map === "empty") return {};
  const settings: Record<string, unknown> = {};
  for (const item of r.entries(map)) {
    const value = r.toJS(item.value);
    if (item.key === "continue_on_step_failure" && typeof value !== "boolean") {
      r.error(item.line, "settings.continue_on_step_failure must be true or false.");
      continue;
    }
    if (item.key === "default_compute" && typeof value !== "string") {
      r.error(item.line, "settings.default_compute must be text.");
      continue;
    }
    settings[item.key] = value;
  }
  return settings;
}

function readJobs(r: YamlReader, entry: YamlEntry | undefined): PipelineDocJob[] {
  if (!entry) {
    r.error(null, 'The pipeline has no "jobs:" (its steps).');
    return [];
  }
  const items = r.entriesUnder(entry, "jobs");
  if (items.length === 0 && (entry.value === null || isMap(entry.value)))
    r.error(entry.keyLine, "The pipeline has no steps under jobs:.");
  const jobs: PipelineDocJob[] = [];
  for (const item of items) {
    const job = readJob(r, item);
    if (job) jobs.push(job);
  }
  return jobs;
}

function readJob(r: YamlReader, item: YamlEntry): PipelineDocJob | null {
  const name = item.key;
  if (!STEP_ID_PATTERN.test(name)) {
    r.error(item.keyLine, `Step name "${name}" may hold ${STEP_ID_RULE}.`);
    return null;
  }
  if (!isMap(item.value)) {
    r.error(item.line, `Step "${name}" must be a mapping with "component:".`);
    return null;
  }
  const fields = r.fields(item.value);
  const errorsBefore = r.errors.length;
  const typeEntry = fields.get("type");
  if (typeEntry) {
    const type = r.text(typeEntry, `The type of step "${name}"`);
    if (type !== null && type !== "command")
      r.error(
        typeEntry.line,
        `Step "${name}" is a ${type} job: only command steps (type: command) are supported here.`,
      );
  }
  const component = readComponentRef(r, name, item, fields.get("component"));
  const job: PipelineDocJob = {
    name,
    line: item.keyLine,
    component: component ?? { kind: "file", path: "", raw: "" },
    inputs: [],
    outputs: [],
    extras: {},
  };
  const displayName = fields.get("display_name");
  if (displayName && displayName.value !== null) {
    const text = r.text(displayName, `The display_name of step "${name}"`);
    if (text !== null) job.displayName = text;
  }
  for (const input of r.entriesUnder(fields.get("inputs"), `The inputs of step "${name}"`)) {
    const value = readStepInput(r, name, input);
    if (value) job.inputs.push({ name: input.key, line: input.keyLine, value });
  }
  for (const output of r.entriesUnder(fields.get("outputs"), `The outputs of step "${name}"`)) {
    const value = readStepOutput(r, name, output);
    if (value) job.outputs.push({ name: output.key, line: output.keyLine, value });
  }
  for (const [key, field] of fields) {
    if (STEP_KEYS.has(key)) continue;
    if (key === "command" || key === "code") {
      r.error(
        field.keyLine,
        `Step "${name}" sets "${key}": a step here runs its component's command and code; put them in the component.`,
      );
      continue;
    }
    job.extras[key] = r.toJS(field.value);
  }
  return r.errors.length === errorsBefore ? job : null;
}

function readComponentRef(
  r: YamlReader,
  step: string,
  item: YamlEntry,
  entry: YamlEntry | undefined,
): PipelineComponentRef | null {
  if (!entry || entry.value === null) {
    r.error(item.keyLine, `Step "${step}" has no "component:" (./component.yml or azureml:<name>:<version>).`);
    return null;
  }
  if (isMap(entry.value)) {
    r.error(
      entry.keyLine,
      `Step "${step}" defines its component inline: put the component in its own YAML file and name it (component: ./${step}.yml).`,
    );
    return null;
  }
  const raw = r.text(entry, `The component of step "${step}"`);
  if (raw === null) return null;
  const text = raw.trim();
  if (text.startsWith("azureml:")) {
    const ref = parseComponentAssetReference(text);
    if (!ref.ok) {
      r.error(entry.line, `Step "${step}": ${ref.message}`);
      return null;
    }
    return { kind: "asset", ...ref.value, raw: text };
  }
  const path = text.startsWith("file:") ? text.slice("file:".length) : text;
  if (!/\.ya?ml$/i.test(path)) {
    r.error(
      entry.line,
      `Step "${step}" has component "${text}": give a component YAML file (./component.yml) or a registered component (azureml:<name>:<version>).`,
    );
    return null;
  }
  const normalised = normaliseRelativePath(path, "component file");
  if (!normalised.ok) {
    r.error(entry.line, `Step "${step}": ${normalised.message}`);
    return null;
  }
  return { kind: "file", path: normalised.value, raw: text };
}

function readStepInput(r: YamlReader, step: string, item: YamlEntry): StepInputValue | null {
  const what = `Input "${item.key}" of step "${step}"`;
  const line = item.line;
  if (item.value === null) {
    r.error(item.keyLine, `${what} has no value.`);
    return null;
  }
  if (isMap(item.value)) {
    const fields = r.fields(item.value);
    for (const [key, field] of fields)
      if (!["type", "path", "value", "mode", "optional", "description"].includes(key))
        r.warn(field.keyLine, `Unknown key "${key}" of ${what.toLowerCase()} is ignored.`);
    const typeEntry = fields.get("type");
    if (typeEntry) {
      const type = r.text(typeEntry, `The type of ${what.toLowerCase()}`);
      if (type !== null && !PORT_TYPES.includes(type))
        r.error(typeEntry.line, `${what} has type "${type}", which is not one of ${PORT_TYPES.join(", ")}.`);
    }
    const pathEntry = fields.get("path");
    if (pathEntry && pathEntry.value !== null) {
      const path = r.text(pathEntry, `The path of ${what.toLowerCase()}`);
      if (path === null) return null;
      const binding = bindingExpression(r, what, pathEntry.line, path.trim());
      if (binding !== undefined) return binding;
      const into: { data?: string; localPath?: string } = {};
      readDataPath(r, pathEntry, path, what, into);
      if (into.data !== undefined) return { kind: "data", ref: into.data, line: pathEntry.line };
      if (into.localPath !== undefined) return { kind: "localPath", path: into.localPath, line: pathEntry.line };
      return null;
    }
    const valueEntry = fields.get("value");
    if (valueEntry && valueEntry.value !== null) return literalInput(r, what, valueEntry.value, valueEntry.line);
    r.error(item.keyLine, `${what} needs "path:" (a data asset) or "value:".`);
    return null;
  }
  if (isSeq(item.value)) {
    r.error(line, `${what} is a list: give one value.`);
    return null;
  }
  return literalInput(r, what, item.value, line);
}

function literalInput(r: YamlReader, what: string, node: Node, line: number | null): StepInputValue | null {
  const value = r.scalar(node);
  if (value === undefined || value === null) {
    r.error(line, `${what} must be a plain value or a \${{parent.…}} reference.`);
    return null;
  }
  if (typeof value === "string") {
    const binding = bindingExpression(r, what, line, value.trim());
    if (binding !== undefined) return binding;
  }
  const text = r.scalarText(node);
  return text === undefined || text === value
    ? { kind: "literal", value, line }
    : { kind: "literal", value, text, line };
}

/** A whole-value `${{parent.inputs.x}}` or `${{parent.jobs.s.outputs.y}}`; null after an error; undefined when the text is no reference. */
function bindingExpression(
  r: YamlReader,
  what: string,
  line: number | null,
  text: string,
): StepInputValue | null | undefined {
  if (!/\$\{\{.*\}\}/s.test(text)) return undefined;
  const parentInput = PARENT_INPUT.exec(text);
  if (parentInput) return { kind: "parentInput", name: parentInput[1], line };
  const stepOutput = STEP_OUTPUT.exec(text);
  if (stepOutput) return { kind: "stepOutput", step: stepOutput[1], output: stepOutput[2], line };
  if (PARENT_OUTPUT.test(text))
    r.error(
      line,
      `${what} is ${text}: a step input cannot read a pipeline output; connect the step output that feeds it (\${{parent.jobs.<step>.outputs.<name>}}).`,
    );
  else
    r.error(
      line,
      `${what} is "${text}": an input takes a whole \${{parent.inputs.<name>}} or \${{parent.jobs.<step>.outputs.<name>}}, or a plain value.`,
    );
  return null;
}

function readStepOutput(r: YamlReader, step: string, item: YamlEntry): StepOutputValue | null {
  const what = `Output "${item.key}" of step "${step}"`;
  if (item.value === null) return { kind: "settings", settings: {}, line: item.keyLine };
  if (isMap(item.value)) {
    const settings = r.toJS(item.value) as Record<string, unknown>;
    return { kind: "settings", settings, line: item.keyLine };
  }
  const text = r.scalarText(item.value);
  const parentOutput = text === undefined ? null : PARENT_OUTPUT.exec(text.trim());
  if (!parentOutput) {
    r.error(item.line, `${what} must be \${{parent.outputs.<name>}} or a mapping (such as "mode: upload").`);
    return null;
  }
  return { kind: "parentOutput", name: parentOutput[1], line: item.line };
}

/** Every `${{parent.…}}` must name a pipeline input, output or step the file declares; a pipeline output takes one step output. */
function checkReferences(r: YamlReader, doc: PipelineDoc): void {
  const inputs = new Set(doc.inputs.map((i) => i.name));
  const outputs = new Set(doc.outputs.map((o) => o.name));
  const steps = new Set(doc.jobs.map((j) => j.name));
  const boundOutputs = new Map<string, string>();
  for (const job of doc.jobs) {
    for (const { name, value } of job.inputs) {
      if (value.kind === "parentInput" && !inputs.has(value.name)) {
        r.error(
          value.line,
          `Input "${name}" of step "${job.name}" uses \${{parent.inputs.${value.name}}}, but the pipeline has no input "${value.name}"${known(inputs)}.`,
        );
      }
      if (value.kind === "stepOutput" && !steps.has(value.step)) {
        r.error(
          value.line,
          `Input "${name}" of step "${job.name}" uses \${{parent.jobs.${value.step}.outputs.${value.output}}}, but the pipeline has no step "${value.step}"${known(steps, "steps")}.`,
        );
      }
    }
    for (const { name, value } of job.outputs) {
      if (value.kind !== "parentOutput") continue;
      if (!outputs.has(value.name)) {
        r.error(
          value.line,
          `Output "${name}" of step "${job.name}" goes to \${{parent.outputs.${value.name}}}, but the pipeline has no output "${value.name}"${known(outputs, "outputs")}.`,
        );
        continue;
      }
      const first = boundOutputs.get(value.name);
      if (first)
        r.error(
          value.line,
          `Pipeline output "${value.name}" is already fed by ${first}; a pipeline output takes one step output.`,
        );
      else boundOutputs.set(value.name, `output "${name}" of step "${job.name}"`);
    }
  }
}

function known(names: Set<string>, what = "inputs"): string {
  return names.size === 0 ? ` (it declares no ${what})` : ` (its ${what}: ${[...names].join(", ")})`;
}

/** A component a pipeline needs, and the steps that use it. */
export type ComponentReference =
  | { kind: "file"; path: string; steps: string[] }
  | { kind: "asset"; registry: string | null; name: string; version: number | "latest"; steps: string[] };

/** The distinct components of a pipeline: files relative to the pipeline YAML's folder, and registered ones, in order of first use. */
export function componentReferencesOf(doc: PipelineDoc): ComponentReference[] {
  const refs = new Map<string, ComponentReference>();
  for (const job of doc.jobs) {
    const c = job.component;
    const key = c.kind === "file" ? `file:${c.path}` : formatComponentAssetReference(c);
    const found = refs.get(key);
    if (found) found.steps.push(job.name);
    else
      refs.set(
        key,
        c.kind === "file"
          ? { kind: "file", path: c.path, steps: [job.name] }
          : { kind: "asset", registry: c.registry, name: c.name, version: c.version, steps: [job.name] },
      );
  }
  return [...refs.values()];
}

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
            `${what} reads the local path ${value.path}, which is not imported: bind a data asset to it in the designer.`,
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
                `${what} reads the local path ${value.value}, which is not imported: bind a data asset to it in the designer.`,
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

/** The natural type of a literal written alone (`20` integer, `1.8` number, `'x'` string, `true` boolean). */
function literalType(value: LiteralValue): PortType {
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return "string";
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
        `${what} reads the local path ${localPath}, which is not imported: choose a data asset for it in the designer or at submit.`,
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

const SETTING_NAMES: [yaml: string, graph: "defaultCompute" | "continueOnStepFailure"][] = [
  ["default_compute", "defaultCompute"],
  ["continue_on_step_failure", "continueOnStepFailure"],
];

function settingsToGraph(settings: Record<string, unknown>): PipelineGraph["settings"] {
  const out: PipelineGraph["settings"] = {};
  for (const [key, value] of Object.entries(settings)) {
    const known = SETTING_NAMES.find(([yaml]) => yaml === key);
    out[known ? known[1] : key] = value;
  }
  return out;
}

function settingsToYaml(settings: PipelineGraph["settings"]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined) continue;
    const known = SETTING_NAMES.find(([, graph]) => graph === key);
    out[known ? known[0] : key] = value;
  }
  return out;
}

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
    version: component.version,
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
