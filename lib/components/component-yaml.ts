import { isMap, isSeq, parse, stringify, type Node, type YAMLMap } from "yaml";
import { placeholdersIn, splitOptionalParts } from "@/lib/command-template";
import {
  ASSET_NAME,
  normaliseRelativePath,
  parseEnvironmentReference,
  parseVersion,
  WHOLE_VERSIONS,
} from "@/lib/components/azure-refs";
import { MAX_TAGS, tagKeySchema, tagValueSchema } from "@/lib/schemas/common";
import { MAX_JOB_INPUTS, MAX_JOB_OUTPUTS } from "@/lib/schemas/jobs";
import {
  DATA_PORT_TYPES,
  VALUE_PORT_TYPES,
  type ComponentEnvironment,
  type ComponentInput,
  type ComponentOutput,
  type ComponentSpec,
  type DataPortType,
  type PortType,
} from "@/lib/pipeline/types";
import { parseLiteral } from "@/lib/pipeline/literals";
import { PORT_NAME_PATTERN, PORT_NAME_RULE } from "@/lib/pipeline/nodes/names";
import { isDataType } from "@/lib/pipeline/port-types";
import { readYamlMapping, type YamlEntry, type YamlProblem, type YamlReader } from "@/lib/yaml-source";

// Azure ML CLI v2 command components (commandComponent.schema.json) as their users write them, read
// into a ComponentSpec with every problem reported by line, and written back. Keys the studio does not
// use (resources, distribution …) are warnings, not errors, so components written for Azure load as they are.

export type ComponentYamlResult =
  { ok: true; spec: ComponentSpec; warnings: string[] } | { ok: false; errors: YamlProblem[] };

export const COMPONENT_SCHEMA_URL = "https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json";
export const MAX_COMMAND_LENGTH = 10_000;
const MAX_DISPLAY_NAME = 256;
const MAX_DESCRIPTION = 5000;
/** Input and output names: as for command jobs (a letter or '_', then letters, digits and '_'). */

const PORT_TYPES: readonly string[] = [...DATA_PORT_TYPES, ...VALUE_PORT_TYPES];
const DATA_TYPES: readonly string[] = DATA_PORT_TYPES;

/** Keys Azure knows that change nothing in a local run: accepted and ignored, with a warning. */
const IGNORED_KEYS: Record<string, string> = {
  resources: "compute resources are chosen at submit here",
  distribution: "distributed training is not run here",
  additional_includes: "the files it names are not added to the code folder",
  environment_variables: "not applied here",
  instance_count: "jobs run on one machine here",
  services: "not used here",
  limits: "not used here",
  queue_settings: "not used here",
};

/** What other component types are, and what the studio offers instead. */
const OTHER_COMPONENT_KINDS: Record<string, string> = {
  pipeline:
    'a pipeline component ("pipeline"): register its steps as command components and connect them in the designer, or import a pipeline job YAML',
  parallel:
    'a parallel component ("parallel", mini-batches over many files): the studio does not run those; a batch endpoint scores data in mini-batches',
  spark: 'a Spark component ("spark"): the studio runs no Spark cluster',
  import: 'a data import component ("import"): the studio does not import from external sources',
  data_transfer: 'a data transfer component ("data_transfer"): the studio does not copy between datastores',
};

const INPUT_KEYS = new Set(["type", "default", "optional", "description", "min", "max", "enum", "mode"]);
const OUTPUT_KEYS = new Set(["type", "description", "mode"]);

export function parseComponentYaml(text: string): ComponentYamlResult {
  const read = readYamlMapping(text, "A component YAML");
  if (!read.ok) return read;
  const { reader: r, root } = read;
  const entries = new Map<string, YamlEntry>();
  for (const entry of r.entries(root)) entries.set(entry.key, entry);

  for (const [key, entry] of entries) {
    if (
      [
        "$schema",
        "type",
        "name",
        "version",
        "display_name",
        "description",
        "tags",
        "is_deterministic",
        "inputs",
        "outputs",
        "command",
        "environment",
        "code",
      ].includes(key)
    )
      continue;
    if (key in IGNORED_KEYS) r.warn(entry.keyLine, `"${key}" is ignored: ${IGNORED_KEYS[key]}.`);
    else r.warn(entry.keyLine, `Unknown key "${key}" is ignored.`);
  }

  // Another kind of YAML is refused with one error that says what it is, before its fields are read as a
  // command component's (which would lead with errors that do not apply to it).
  const schema = entries.get("$schema");
  const schemaText = schema ? (r.scalarText(schema.value) ?? "") : "";
  if (/promptflow|Flow\.schema/i.test(schemaText) || (entries.has("nodes") && !entries.has("command")))
    return {
      ok: false,
      errors: [
        {
          line: (schema ?? entries.get("nodes"))?.keyLine ?? null,
          message:
            "This is a prompt flow (flow.dag.yaml), not a component: prompt flows are not run here. Register a command component (type: command).",
        },
      ],
    };
  const typeEntry = entries.get("type");
  if (typeEntry) {
    const type = r.text(typeEntry, "type");
    if (type !== null && type !== "command")
      return {
        ok: false,
        errors: [
          {
            line: typeEntry.line,
            message: `This is ${OTHER_COMPONENT_KINDS[type] ?? `a "${type}" component`}; only command components (type: command) are registered here.`,
          },
        ],
      };
  }

  const name = readName(r, entries.get("name"));
  const version = readComponentVersion(r, entries.get("version"));
  const displayName = readText(r, entries.get("display_name"), "display_name", MAX_DISPLAY_NAME);
  const description = readText(r, entries.get("description"), "description", MAX_DESCRIPTION);
  const tags = readTags(r, entries.get("tags"));
  const isDeterministicEntry = entries.get("is_deterministic");
  const isDeterministic = isDeterministicEntry ? r.boolean(isDeterministicEntry, "is_deterministic") : true;
  const inputs = readInputs(r, entries.get("inputs"));
  const outputs = readOutputs(r, entries.get("outputs"), inputs);
  const command = readCommand(r, entries.get("command"), inputs, outputs);
  const environment = readEnvironment(r, entries.get("environment"));
  const code = readCode(r, entries.get("code"));

  if (r.errors.length > 0 || name === null || command === null) return { ok: false, errors: sortProblems(r.errors) };
  return {
    ok: true,
    spec: {
      name,
      version,
      displayName: displayName ?? name,
      description: description ?? "",
      type: "command",
      tags,
      inputs,
      outputs,
      command,
      environment,
      code,
      isDeterministic: isDeterministic ?? true,
    },
    warnings: r.warnings,
  };
}

export function sortProblems(problems: YamlProblem[]): YamlProblem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function readName(r: YamlReader, entry: YamlEntry | undefined): string | null {
  if (!entry) {
    r.error(null, 'The component has no "name:".');
    return null;
  }
  const name = r.text(entry, "name");
  if (name === null) return null;
  if (!ASSET_NAME.test(name)) {
    r.error(
      entry.line,
      `The name "${name}" may hold letters, digits, '_', '-' and '.', start with a letter or digit, and be at most 255 characters.`,
    );
    return null;
  }
  return name;
}

function readComponentVersion(r: YamlReader, entry: YamlEntry | undefined): number | null {
  if (!entry || entry.value === null) return null;
  const raw = r.scalar(entry.value);
  const version = parseVersion(raw);
  if (!version.ok) {
    r.error(
      entry.line,
      typeof raw === "string" || typeof raw === "number"
        ? version.message
        : `This version is not supported: ${WHOLE_VERSIONS}.`,
    );
    return null;
  }
  return version.value;
}

export function readText(r: YamlReader, entry: YamlEntry | undefined, what: string, max: number): string | null {
  if (!entry || entry.value === null) return null;
  const text = r.text(entry, what);
  if (text !== null && text.length > max) {
    r.error(entry.line, `${what} is at most ${max} characters.`);
    return null;
  }
  return text;
}

export function readTags(r: YamlReader, entry: YamlEntry | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  const items = r.entriesUnder(entry, "tags");
  if (items.length > MAX_TAGS) r.error(entry?.keyLine ?? null, `At most ${MAX_TAGS} tags.`);
  for (const item of items) {
    const key = tagKeySchema.safeParse(item.key);
    if (!key.success) r.error(item.keyLine, `Tag "${item.key}": ${key.error.issues[0].message}`);
    const value = item.value === null ? "" : r.scalarText(item.value);
    if (value === undefined) {
      r.error(item.line, `Tag "${item.key}" must have a text value.`);
      continue;
    }
    const checked = tagValueSchema.safeParse(value);
    if (!checked.success) r.error(item.line, `Tag "${item.key}": ${checked.error.issues[0].message}`);
    tags[item.key] = value;
  }
  return tags;
}

function readInputs(r: YamlReader, entry: YamlEntry | undefined): ComponentInput[] {
  const inputs: ComponentInput[] = [];
  const items = r.entriesUnder(entry, "inputs");
  if (items.length > MAX_JOB_INPUTS)
    r.error(entry?.keyLine ?? null, `A component has at most ${MAX_JOB_INPUTS} inputs.`);
  for (const item of items) {
    const input = readInput(r, item);
    if (input) inputs.push(input);
  }
  return inputs;
}

function readInput(r: YamlReader, item: YamlEntry): ComponentInput | null {
  const name = item.key;
  if (!PORT_NAME_PATTERN.test(name)) {
    r.error(item.keyLine, `Input name "${name}" may hold ${PORT_NAME_RULE}.`);
    return null;
  }
  if (!isMap(item.value)) {
    r.error(item.line, `Input "${name}" must be a mapping with at least "type:".`);
    return null;
  }
  const fields = r.fields(item.value);
  for (const [key, field] of fields)
    if (!INPUT_KEYS.has(key)) r.warn(field.keyLine, `Unknown key "${key}" of input "${name}" is ignored.`);
  const typeEntry = fields.get("type");
  if (!typeEntry) {
    r.error(item.keyLine, `Input "${name}" has no "type:" (one of ${PORT_TYPES.join(", ")}).`);
    return null;
  }
  const type = r.text(typeEntry, `The type of input "${name}"`);
  if (type === null) return null;
  if (!PORT_TYPES.includes(type)) {
    r.error(typeEntry.line, `Input "${name}" has type "${type}", which is not one of ${PORT_TYPES.join(", ")}.`);
    return null;
  }
  const portType = type as PortType;
  const input: ComponentInput = { name, type: portType, optional: false };
  const errorsBefore = r.errors.length;

  const description = fields.get("description");
  if (description && description.value !== null) {
    const text = r.text(description, `The description of input "${name}"`);
    if (text !== null) input.description = text;
  }
  const optional = fields.get("optional");
  if (optional && optional.value !== null)
    input.optional = r.boolean(optional, `"optional" of input "${name}"`) ?? false;

  for (const bound of ["min", "max"] as const) {
    const field = fields.get(bound);
    if (!field || field.value === null) continue;
    if (portType !== "integer" && portType !== "number") {
      r.error(field.keyLine, `"${bound}" of input "${name}" is only for integer and number inputs.`);
      continue;
    }
    const value = parseLiteral({ type: portType }, r.scalar(field.value), r.scalarText(field.value));
    if (!value.ok) r.error(field.line, `"${bound}" of input "${name}": ${value.message}`);
    else input[bound] = value.value as number;
  }
  if (input.min !== undefined && input.max !== undefined && input.min > input.max)
    r.error(fields.get("min")!.line, `Input "${name}" has min ${input.min} above its max ${input.max}.`);

  const enumEntry = fields.get("enum");
  if (enumEntry && enumEntry.value !== null) {
    if (portType !== "string") r.error(enumEntry.keyLine, `"enum" of input "${name}" is only for string inputs.`);
    else if (!isSeq(enumEntry.value) || enumEntry.value.items.length === 0)
      r.error(enumEntry.line, `"enum" of input "${name}" must be a list of values.`);
    else {
      const values: string[] = [];
      for (const node of enumEntry.value.items) {
        const text = r.scalarText(r.resolve(node as Node));
        if (text === undefined)
          r.error(r.lineOf(node as Node) ?? enumEntry.line, `"enum" of input "${name}" may only hold plain values.`);
        else values.push(text);
      }
      input.enum = values;
    }
  }

  const defaultEntry = fields.get("default");
  if (defaultEntry && defaultEntry.value !== null) {
    const value = r.scalar(defaultEntry.value);
    if (isDataType(portType)) {
      // A data input's default is a data reference or a path, as written.
      if (typeof value === "string" && value.trim() !== "") input.default = value;
      else
        r.error(
          defaultEntry.line,
          `The default of input "${name}": a ${portType} input takes a data reference (azureml:name:version), not ${r.scalarText(defaultEntry.value) ?? String(value)}.`,
        );
    } else {
      const fitted = parseLiteral(input, value, r.scalarText(defaultEntry.value));
      if (!fitted.ok) r.error(defaultEntry.line, `The default of input "${name}": ${fitted.message}`);
      else input.default = fitted.value;
    }
  }
  return r.errors.length === errorsBefore ? input : null;
}

function readOutputs(r: YamlReader, entry: YamlEntry | undefined, inputs: ComponentInput[]): ComponentOutput[] {
  const outputs: ComponentOutput[] = [];
  const items = r.entriesUnder(entry, "outputs");
  if (items.length > MAX_JOB_OUTPUTS)
    r.error(entry?.keyLine ?? null, `A component has at most ${MAX_JOB_OUTPUTS} outputs.`);
  for (const item of items) {
    const name = item.key;
    if (!PORT_NAME_PATTERN.test(name)) {
      r.error(item.keyLine, `Output name "${name}" may hold ${PORT_NAME_RULE}.`);
      continue;
    }
    if (inputs.some((i) => i.name === name)) r.error(item.keyLine, `"${name}" is both an input and an output.`);
    // `name: {}` or `name:` alone: Azure's default output, a folder.
    let fields = new Map<string, YamlEntry>();
    if (item.value !== null) {
      if (!isMap(item.value)) {
        r.error(item.line, `Output "${name}" must be a mapping such as "type: uri_folder".`);
        continue;
      }
      fields = r.fields(item.value);
    }
    for (const [key, field] of fields)
      if (!OUTPUT_KEYS.has(key)) r.warn(field.keyLine, `Unknown key "${key}" of output "${name}" is ignored.`);
    let type: DataPortType = "uri_folder";
    const typeEntry = fields.get("type");
    if (typeEntry) {
      const text = r.text(typeEntry, `The type of output "${name}"`);
      if (text === null) continue;
      if (!DATA_TYPES.includes(text)) {
        const reason = PORT_TYPES.includes(text)
          ? "outputs here are files or folders"
          : "it is not a type Azure ML knows";
        r.error(typeEntry.line, `Output "${name}" has type "${text}": ${reason} (${DATA_TYPES.join(", ")}).`);
        continue;
      }
      type = text as DataPortType;
    }
    const output: ComponentOutput = { name, type };
    const description = fields.get("description");
    if (description && description.value !== null) {
      const text = r.text(description, `The description of output "${name}"`);
      if (text !== null) output.description = text;
    }
    outputs.push(output);
  }
  return outputs;
}

const ANY_PLACEHOLDER = /\$\{\{(.*?)\}\}/g;
const PORT_PLACEHOLDER = /^\s*(inputs|outputs)\.([A-Za-z0-9_]+)\s*$/;

function readCommand(
  r: YamlReader,
  entry: YamlEntry | undefined,
  inputs: ComponentInput[],
  outputs: ComponentOutput[],
): string | null {
  if (!entry || entry.value === null) {
    r.error(entry?.keyLine ?? null, 'The component has no "command:" (the command line it runs).');
    return null;
  }
  const command = r.text(entry, "command");
  if (command === null) return null;
  const line = entry.keyLine;
  if (command.trim() === "") {
    r.error(line, "The command is empty.");
    return null;
  }
  if (command.length > MAX_COMMAND_LENGTH)
    r.error(line, `The command is at most ${MAX_COMMAND_LENGTH.toLocaleString("en")} characters.`);
  for (const m of command.matchAll(ANY_PLACEHOLDER)) {
    const port = PORT_PLACEHOLDER.exec(m[1]);
    if (!port) {
      r.error(
        line,
        `The command uses ${m[0]}: a component's command may only use \${{inputs.<name>}} and \${{outputs.<name>}}.`,
      );
      continue;
    }
    const [, kind, name] = port;
    const known = kind === "inputs" ? inputs.some((i) => i.name === name) : outputs.some((o) => o.name === name);
    if (!known)
      r.error(
        line,
        `The command uses ${m[0].replace(/\s+/g, "")}, but the component declares no ${kind === "inputs" ? "input" : "output"} "${name}".`,
      );
  }
  const split = splitOptionalParts(command);
  if (!split.ok) {
    r.error(line, split.message);
    return command;
  }
  for (const part of split.parts) {
    const used = placeholdersIn(part.text).filter((p) => p.kind === "inputs");
    if (part.optional) {
      if (used.length === 0) r.warn(line, `The optional part "$[[${part.text}]]" uses no input, so it is always kept.`);
      continue;
    }
    for (const p of used) {
      const input = inputs.find((i) => i.name === p.name);
      if (input && input.optional && input.default === undefined) {
        r.warn(line, `Input "${p.name}" is optional but used outside $[[ … ]]: a run without a value for it fails.`);
      }
    }
  }
  return command;
}

const ENVIRONMENT_KEYS = new Set(["image", "conda_file"]);

export function readEnvironment(r: YamlReader, entry: YamlEntry | undefined): ComponentEnvironment | null {
  if (!entry || entry.value === null) return null;
  if (isMap(entry.value)) return readInlineEnvironment(r, entry, entry.value);
  const text = r.text(entry, "environment");
  if (text === null) return null;
  const ref = parseEnvironmentReference(text);
  if (!ref.ok) {
    r.error(entry.line, ref.message);
    return null;
  }
  return ref.value;
}

function readInlineEnvironment(r: YamlReader, entry: YamlEntry, map: YAMLMap): ComponentEnvironment | null {
  const fields = r.fields(map);
  for (const [key, field] of fields)
    if (!ENVIRONMENT_KEYS.has(key))
      r.warn(
        field.keyLine,
        `"environment.${key}" is ignored: an inline environment here is an image and/or a conda file.`,
      );
  let image: string | null = null;
  const imageEntry = fields.get("image");
  if (imageEntry && imageEntry.value !== null) image = r.text(imageEntry, "environment.image");
  let condaFile: string | null = null;
  let condaFilePath: string | undefined;
  const condaEntry = fields.get("conda_file");
  if (condaEntry && condaEntry.value !== null) {
    if (isMap(condaEntry.value)) {
      condaFile = stringify(r.toJS(condaEntry.value), { lineWidth: 0 });
    } else {
      const path = r.text(condaEntry, "environment.conda_file");
      if (path !== null) {
        const checked = normaliseRelativePath(path, "conda file");
        if (!checked.ok) r.error(condaEntry.line, checked.message);
        else condaFilePath = path.trim();
      }
    }
  }
  if (image === null && condaFile === null && condaFilePath === undefined) {
    if (!imageEntry && !condaEntry)
      r.error(entry.keyLine, 'An inline environment needs "image:" and/or "conda_file:".');
    return null;
  }
  const environment: ComponentEnvironment = { kind: "inline", image, condaFile };
  if (condaFilePath !== undefined) environment.condaFilePath = condaFilePath;
  return environment;
}

export function readCode(r: YamlReader, entry: YamlEntry | undefined): string | null {
  if (!entry || entry.value === null) return null;
  let pathEntry: YamlEntry = entry;
  if (isMap(entry.value)) {
    const fields = r.fields(entry.value);
    for (const [key, field] of fields) if (key !== "local_path") r.warn(field.keyLine, `"code.${key}" is ignored.`);
    const local = fields.get("local_path");
    if (!local || local.value === null) {
      r.error(entry.keyLine, 'The code mapping needs "local_path:" (the code folder, such as ./src).');
      return null;
    }
    pathEntry = local;
  }
  const path = r.text(pathEntry, "code");
  if (path === null) return null;
  const checked = normaliseRelativePath(path, "code folder");
  if (!checked.ok) {
    r.error(pathEntry.line, checked.message);
    return null;
  }
  return path.trim();
}

/** Writes a spec as an Azure ML CLI v2 command component YAML; parseComponentYaml reads it back to the same spec. */
export function componentToYaml(spec: ComponentSpec): string {
  const doc: Record<string, unknown> = { $schema: COMPONENT_SCHEMA_URL, type: "command", name: spec.name };
  if (spec.version !== null) doc.version = spec.version;
  doc.display_name = spec.displayName;
  if (spec.description !== "") doc.description = spec.description;
  if (Object.keys(spec.tags).length > 0) doc.tags = { ...spec.tags };
  if (!spec.isDeterministic) doc.is_deterministic = false;
  if (spec.inputs.length > 0) {
    doc.inputs = Object.fromEntries(
      spec.inputs.map((input) => {
        const out: Record<string, unknown> = { type: input.type };
        if (input.description !== undefined) out.description = input.description;
        if (input.optional) out.optional = true;
        if (input.default !== undefined) out.default = input.default;
        if (input.min !== undefined) out.min = input.min;
        if (input.max !== undefined) out.max = input.max;
        if (input.enum !== undefined) out.enum = [...input.enum];
        return [input.name, out];
      }),
    );
  }
  if (spec.outputs.length > 0) {
    doc.outputs = Object.fromEntries(
      spec.outputs.map((output) => [
        output.name,
        output.description === undefined
          ? { type: output.type }
          : { type: output.type, description: output.description },
      ]),
    );
  }
  if (spec.code !== null) doc.code = spec.code;
  if (spec.environment) doc.environment = environmentToYaml(spec.environment);
  doc.command = spec.command;
  return stringify(doc, { lineWidth: 0 });
}

function environmentToYaml(environment: ComponentEnvironment): unknown {
  if (environment.kind === "reference") return environment.reference;
  const out: Record<string, unknown> = {};
  if (environment.image !== null) out.image = environment.image;
  if (environment.condaFilePath !== undefined) out.conda_file = environment.condaFilePath;
  else if (environment.condaFile !== null) out.conda_file = inlineConda(environment.condaFile);
  return out;
}

/** Conda YAML text as a mapping to embed; text that is not a mapping stays text. */
function inlineConda(text: string): unknown {
  try {
    const value: unknown = parse(text);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value;
  } catch {
    // Not YAML: written as it is.
  }
  return text;
}
