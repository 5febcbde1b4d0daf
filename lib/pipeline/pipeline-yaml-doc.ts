import { formatComponentAssetReference } from "@/lib/components/azure-refs";
import {
  DATA_PORT_TYPES,
  type DataPortType,
  type LiteralValue,
  type PipelineGraph,
  type PortType,
} from "@/lib/pipeline/types";
import type { YamlProblem } from "@/lib/yaml-source";

// Azure ML CLI v2 pipeline jobs (pipelineJob.schema.json) in and out of the designer's graph.
// Reading is in two stages: `parsePipelineYaml` checks the file on its own (syntax, shapes, that every
// ${{parent.…}} names something the file declares), then, once the server has loaded the components
// that `componentReferencesOf` lists, `pipelineDocToGraph` checks the steps against their components and
// builds the graph. Both collect every problem with its line. `graphToPipelineYaml` writes a graph back.

export const PIPELINE_SCHEMA_URL = "https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json";
/** Larger than a component's cap: a pipeline of a few hundred steps is a few hundred KiB. */
export const MAX_PIPELINE_YAML_BYTES = 1024 * 1024;

export const DATA_TYPES: readonly string[] = DATA_PORT_TYPES;
/** Keys of a step that the graph itself says; any other key is kept as one of the step's extras. */
export const STEP_KEYS = new Set(["type", "component", "inputs", "outputs", "display_name"]);

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
  /** While reading: an inline step's mapping, from which its component is made. */
  inline?: Record<string, unknown>;
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
  /** Component YAMLs made from inline steps, by the path they are taken to have beside the pipeline. */
  inlineComponents: Record<string, string>;
};

export type ParsePipelineResult =
  { ok: true; doc: PipelineDoc; warnings: string[] } | { ok: false; errors: YamlProblem[] };

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

/** The natural type of a literal written alone (`20` integer, `1.8` number, `'x'` string, `true` boolean). */
export function literalType(value: LiteralValue): PortType {
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return "string";
}

const SETTING_NAMES: [yaml: string, graph: "defaultCompute" | "continueOnStepFailure"][] = [
  ["default_compute", "defaultCompute"],
  ["continue_on_step_failure", "continueOnStepFailure"],
];

export function settingsToGraph(settings: Record<string, unknown>): PipelineGraph["settings"] {
  const out: PipelineGraph["settings"] = {};
  for (const [key, value] of Object.entries(settings)) {
    const known = SETTING_NAMES.find(([yaml]) => yaml === key);
    out[known ? known[1] : key] = value;
  }
  return out;
}

export function settingsToYaml(settings: PipelineGraph["settings"]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined) continue;
    const known = SETTING_NAMES.find(([, graph]) => graph === key);
    out[known ? known[0] : key] = value;
  }
  return out;
}
