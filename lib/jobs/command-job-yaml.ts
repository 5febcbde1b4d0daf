import { isMap } from "yaml";
import { parseDataReference } from "@/lib/components/azure-refs";
import { readCode, readEnvironment, readTags, readText, sortProblems } from "@/lib/components/component-yaml";
import { ASSET_NAME } from "@/lib/components/azure-refs";
import type { ComponentEnvironment } from "@/lib/pipeline/types";
import { ENVIRONMENT_VARIABLE_NAME, isReservedVariable, MAX_JOB_INPUTS, MAX_JOB_OUTPUTS } from "@/lib/schemas/jobs";
import { readYamlMapping, type YamlEntry, type YamlProblem, type YamlReader } from "@/lib/yaml-source";

// An Azure ML CLI v2 command job (commandJob.schema.json), as `az ml job create -f job.yml` takes it: the
// command, its code folder, environment, inputs (literal values or data assets), outputs, environment
// variables, experiment and display name. Keys that change nothing in a local run are warnings.

export type CommandJobYaml = {
  experiment: string | null;
  displayName: string | null;
  command: string;
  code: string | null;
  environment: ComponentEnvironment | null;
  inputs: Record<string, { type: "literal"; value: string | number | boolean } | { type: "data"; asset: string }>;
  outputs: string[];
  environmentVariables: Record<string, string>;
  tags: Record<string, string>;
};

export type CommandJobYamlResult =
  { ok: true; job: CommandJobYaml; warnings: string[] } | { ok: false; errors: YamlProblem[] };

const READ_KEYS = new Set([
  "$schema",
  "type",
  "name",
  "display_name",
  "experiment_name",
  "tags",
  "command",
  "code",
  "environment",
  "inputs",
  "outputs",
  "environment_variables",
  "compute",
]);
const IGNORED_KEYS: Record<string, string> = {
  resources: "compute resources are the local machine's here",
  distribution: "distributed training is not run here",
  limits: "a job's time limit is not applied here",
  services: "interactive services are not started here",
  identity: "jobs call the studio with their own token here",
  queue_settings: "jobs queue on the local runner here",
  properties: "not kept here",
  description: "runs have no description here (display_name and tags are kept)",
};
const DATA_TYPES = new Set(["uri_file", "uri_folder", "mltable", "mlflow_model", "custom_model"]);
const LITERAL_TYPES = new Set(["string", "integer", "number", "boolean"]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export function parseCommandJobYaml(text: string): CommandJobYamlResult {
  const read = readYamlMapping(text, "A command job YAML");
  if (!read.ok) return read;
  const { reader: r, root } = read;
  const entries = new Map(r.entries(root).map((e) => [e.key, e]));
  for (const [key, entry] of entries) {
    if (READ_KEYS.has(key)) continue;
    r.warn(
      entry.keyLine,
      key in IGNORED_KEYS ? `"${key}" is ignored: ${IGNORED_KEYS[key]}.` : `Unknown key "${key}" is ignored.`,
    );
  }
  const type = entries.get("type");
  const typeText = type ? r.text(type, "type") : "command";
  if (typeText !== null && typeText !== "command")
    return {
      ok: false,
      errors: [
        {
          line: type!.line,
          message:
            typeText === "pipeline"
              ? "This is a pipeline job: import it (POST …/pipelines/import, or `studio job create -f`, which imports and submits it)."
              : `A "${typeText}" job is not run here; only command jobs (type: command) and pipeline jobs are.`,
        },
      ],
    };
  const name = entries.get("name");
  if (name) r.warn(name.keyLine, '"name" is not used: the studio names each run itself (display_name is kept).');
  const compute = entries.get("compute");
  if (compute) {
    const target = r.text(compute, "compute");
    if (target !== null && !/^(azureml:)?local$/.test(target.trim()))
      r.warn(compute.line, `"compute: ${target}" is not here: the job runs on local compute.`);
  }
  const experiment = readText(r, entries.get("experiment_name"), "experiment_name", 255);
  if (experiment !== null && !ASSET_NAME.test(experiment))
    r.error(
      entries.get("experiment_name")!.line,
      `The experiment name "${experiment}" may hold letters, digits, '_', '-' and '.'.`,
    );
  const commandEntry = entries.get("command");
  const command = commandEntry ? readText(r, commandEntry, "command", 10_000) : null;
  if (!commandEntry) r.error(null, 'The job has no "command:".');
  const job: CommandJobYaml = {
    experiment,
    displayName: readText(r, entries.get("display_name"), "display_name", 200),
    command: command?.trim() ?? "",
    code: readCode(r, entries.get("code")),
    environment: readEnvironment(r, entries.get("environment")),
    inputs: readInputs(r, entries.get("inputs")),
    outputs: readOutputs(r, entries.get("outputs")),
    environmentVariables: readVariables(r, entries.get("environment_variables")),
    tags: readTags(r, entries.get("tags")),
  };
  if (r.errors.length || command === null) return { ok: false, errors: sortProblems(r.errors) };
  return { ok: true, job, warnings: r.warnings };
}

function readInputs(r: YamlReader, entry: YamlEntry | undefined): CommandJobYaml["inputs"] {
  const inputs: CommandJobYaml["inputs"] = {};
  const items = r.entriesUnder(entry, "inputs");
  if (items.length > MAX_JOB_INPUTS) r.error(entry?.keyLine ?? null, `A job has at most ${MAX_JOB_INPUTS} inputs.`);
  for (const item of items) {
    if (!NAME.test(item.key)) {
      r.error(item.keyLine, `Input name "${item.key}": a letter or '_', then letters, digits and '_'.`);
      continue;
    }
    if (!isMap(item.value)) {
      const value = r.scalar(item.value);
      if (value === undefined || value === null) r.error(item.line, `Input "${item.key}" needs a value.`);
      else inputs[item.key] = { type: "literal", value };
      continue;
    }
    const fields = r.fields(item.value);
    for (const [key, field] of fields)
      if (!["type", "path", "value", "default", "mode", "description"].includes(key))
        r.warn(field.keyLine, `"inputs.${item.key}.${key}" is ignored.`);
    const typeEntry = fields.get("type");
    const type = typeEntry ? r.text(typeEntry, `inputs.${item.key}.type`) : "uri_folder";
    if (type !== null && LITERAL_TYPES.has(type)) {
      const valueEntry = fields.get("value") ?? fields.get("default");
      const value = valueEntry ? r.scalar(valueEntry.value) : undefined;
      if (value === undefined || value === null) r.error(item.line, `Input "${item.key}" needs a value.`);
      else inputs[item.key] = { type: "literal", value };
      continue;
    }
    if (type !== null && !DATA_TYPES.has(type)) {
      r.error(
        typeEntry!.line,
        `Input "${item.key}": type "${type}" is not one of ${[...DATA_TYPES, ...LITERAL_TYPES].join(", ")}.`,
      );
      continue;
    }
    const pathEntry = fields.get("path");
    const path = pathEntry ? r.text(pathEntry, `inputs.${item.key}.path`) : null;
    if (path === null) {
      if (!pathEntry)
        r.error(item.keyLine, `Input "${item.key}" needs "path:" (a data asset, azureml:<name>:<version>).`);
      continue;
    }
    if (!/^azureml:/.test(path.trim())) {
      r.error(
        pathEntry!.line,
        `Input "${item.key}": "${path}" is not a data asset. Register it first (studio data create, or the Data page) and name it as azureml:<name>:<version>.`,
      );
      continue;
    }
    const ref = parseDataReference(path);
    if (!ref.ok) r.error(pathEntry!.line, `Input "${item.key}": ${ref.message}`);
    else inputs[item.key] = { type: "data", asset: ref.value };
  }
  return inputs;
}

function readOutputs(r: YamlReader, entry: YamlEntry | undefined): string[] {
  const items = r.entriesUnder(entry, "outputs");
  if (items.length > MAX_JOB_OUTPUTS) r.error(entry?.keyLine ?? null, `A job has at most ${MAX_JOB_OUTPUTS} outputs.`);
  const names: string[] = [];
  for (const item of items) {
    if (!NAME.test(item.key)) {
      r.error(item.keyLine, `Output name "${item.key}": a letter or '_', then letters, digits and '_'.`);
      continue;
    }
    if (isMap(item.value))
      for (const [key, field] of r.fields(item.value))
        if (key !== "type" && key !== "mode" && key !== "description")
          r.warn(field.keyLine, `"outputs.${item.key}.${key}" is ignored: outputs are kept in the studio's store.`);
    names.push(item.key);
  }
  return names;
}

function readVariables(r: YamlReader, entry: YamlEntry | undefined): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const item of r.entriesUnder(entry, "environment_variables")) {
    if (!ENVIRONMENT_VARIABLE_NAME.test(item.key)) {
      r.error(item.keyLine, `"${item.key}" is not an environment variable name (letters, digits and '_').`);
      continue;
    }
    if (isReservedVariable(item.key)) {
      r.error(item.keyLine, `"${item.key}" is set by the studio for every job and cannot be given.`);
      continue;
    }
    const value = r.scalar(item.value);
    if (value === undefined) r.error(item.line, `Environment variable "${item.key}" must have a text value.`);
    else variables[item.key] = value === null ? "" : String(value);
  }
  return variables;
}
