import { isMap, isSeq, type Node } from "yaml";
import { normaliseRelativePath, parseComponentAssetReference, parseDataReference } from "@/lib/components/azure-refs";
import { sortProblems } from "@/lib/components/component-yaml";
import { INLINE_COMPONENT_KEYS, inlineComponentPath, inlineComponentYaml } from "@/lib/pipeline/inline-step";
import { IO_NAME_PATTERN, IO_NAME_RULE, STEP_ID_PATTERN, STEP_ID_RULE } from "@/lib/pipeline/nodes/names";
import {
  DATA_TYPES,
  MAX_PIPELINE_YAML_BYTES,
  STEP_KEYS,
  type ParsePipelineResult,
  type PipelineComponentRef,
  type PipelineDoc,
  type PipelineDocInput,
  type PipelineDocJob,
  type PipelineDocOutput,
  type StepInputValue,
  type StepOutputValue,
} from "@/lib/pipeline/pipeline-yaml-doc";
import { DATA_PORT_TYPES, VALUE_PORT_TYPES, type DataPortType, type PortType } from "@/lib/pipeline/types";
import { readYamlMapping, type YamlEntry, type YamlReader } from "@/lib/yaml-source";

// Reading a pipeline YAML on its own: syntax, shapes, and that every ${{parent.…}} names something the
// file declares. Every problem is collected with its line.

const PORT_TYPES: readonly string[] = [...DATA_PORT_TYPES, ...VALUE_PORT_TYPES];

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

const PARENT_INPUT = /^\$\{\{\s*parent\.inputs\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;
const PARENT_OUTPUT = /^\$\{\{\s*parent\.outputs\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;
// `${{jobs.s.outputs.y}}` (without parent.) is the older spelling some of Azure ML's samples still use.
const STEP_OUTPUT =
  /^\$\{\{\s*(?:parent\.)?jobs\.([A-Za-z0-9_][A-Za-z0-9_-]*)\.outputs\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

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
    inlineComponents: {},
  };
  for (const job of doc.jobs) {
    if (!job.inline) continue;
    doc.inlineComponents[inlineComponentPath(job.name)] = inlineComponentYaml(
      job.name,
      job.inline,
      job.inputs,
      doc.inputs,
    );
    delete job.inline;
  }
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
  // A step with its own command is an inline (anonymous) component: made into a component file beside the pipeline.
  const isInline = fields.has("command") && !fields.has("component");
  const component = isInline
    ? { kind: "file" as const, path: inlineComponentPath(name), raw: "inline" }
    : readComponentRef(r, name, item, fields.get("component"));
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
    if (STEP_KEYS.has(key) || (isInline && INLINE_COMPONENT_KEYS.has(key))) continue;
    if (key === "command" || key === "code") {
      r.error(
        field.keyLine,
        `Step "${name}" sets "${key}": a step here runs its component's command and code; put them in the component.`,
      );
      continue;
    }
    job.extras[key] = r.toJS(field.value);
  }
  if (isInline) job.inline = r.toJS(item.value) as Record<string, unknown>;
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
