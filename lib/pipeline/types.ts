// The shapes shared by the component registry, the designer, the pipeline YAML import/export and the
// pipeline runner. Pure types: the browser and the server import them alike.

/** Azure ML CLI v2 input and output types. The first seven carry files; the last four are values. */
export const DATA_PORT_TYPES = [
  "uri_file",
  "uri_folder",
  "mltable",
  "custom_model",
  "mlflow_model",
  "path",
  "triton_model",
] as const;
export const VALUE_PORT_TYPES = ["string", "integer", "number", "boolean"] as const;
export type DataPortType = (typeof DATA_PORT_TYPES)[number];
export type ValuePortType = (typeof VALUE_PORT_TYPES)[number];
export type PortType = DataPortType | ValuePortType;

export type LiteralValue = string | number | boolean;

/** A component's input as its YAML declares it (`default` and `optional` only when given). */
export type ComponentInput = {
  name: string;
  type: PortType;
  description?: string;
  default?: LiteralValue;
  optional: boolean;
  /** For number and integer inputs. */
  min?: number;
  max?: number;
  /** Azure's `enum` for string inputs. */
  enum?: string[];
};

/** Outputs are files (data types only). */
export type ComponentOutput = { name: string; type: DataPortType; description?: string };

/** Where a component's software comes from, as its YAML says. */
export type ComponentEnvironment =
  /** `azureml:name:3`, `azureml:name@latest`, `name:3`, `azureml://registries/r/environments/name/versions/3` … */
  | { kind: "reference"; reference: string; name: string; version: number | "latest" | null; registry: string | null }
  /**
   * `image:` and/or `conda_file:` inline. `condaFile` is conda YAML text (written inline in the component
   * YAML, or read from its file); `condaFilePath` is the file the YAML names (`./conda.yml`), relative to it.
   */
  | { kind: "inline"; image: string | null; condaFile: string | null; condaFilePath?: string };

/** A command component, normalised from its YAML (`component-spec.ts` parses and checks it). */
export type ComponentSpec = {
  name: string;
  /** As the YAML gives it; null when it gives none (the registry then picks the next one). */
  version: number | null;
  displayName: string;
  description: string;
  type: "command";
  tags: Record<string, string>;
  inputs: ComponentInput[];
  outputs: ComponentOutput[];
  /** The command with its `${{inputs.x}}`, `${{outputs.y}}` and `$[[ … ]]` parts as written. */
  command: string;
  environment: ComponentEnvironment | null;
  /** The code folder as the YAML names it (`./src`), relative to the YAML file; null when none. */
  code: string | null;
  /** Azure's `is_deterministic` (default true): false turns step reuse off for this component. */
  isDeterministic: boolean;
};

/** A component version as a pipeline node knows it: where it lives and its interface at that version. */
export type ComponentRef = {
  /** "workspace" or "registry", and its name. */
  scopeKind: "workspace" | "registry";
  scopeName: string;
  name: string;
  version: number;
  /** The interface, copied when the node was added, so a graph can be checked without the registry. */
  displayName: string;
  inputs: ComponentInput[];
  outputs: ComponentOutput[];
  isDeterministic: boolean;
  /**
   * The step names the component's latest version (`azureml:name@latest`): `version` is the one it was added
   * with, and each submit runs the version that is latest then, as Azure ML resolves it when the job is submitted.
   */
  followsLatest?: boolean;
};

export type Position = { x: number; y: number };

/** How a step input gets a value when no edge feeds it. */
export type InputBinding =
  | { kind: "literal"; value: LiteralValue }
  /** A data asset version: `name:3`, `name@latest`, optionally `registries/<r>/…` (resolve-asset-version). */
  | { kind: "data"; ref: string };

/** A component step. Its id is the step name in the YAML (`train_job`): letters, digits, `_`, `-`. */
export type StepNode = {
  kind: "step";
  id: string;
  position: Position;
  component: ComponentRef;
  displayName?: string;
  /** Literal or data asset bindings by input name; inputs fed by an edge have none. */
  bindings: Record<string, InputBinding>;
  /** Keys of the step in an imported YAML that the studio does not use (`compute`, `limits` …), kept to be exported again. */
  yamlExtras?: Record<string, unknown>;
};

/** A pipeline-level input: it feeds step inputs through edges from its single port `value`. */
export type PipelineInputNode = {
  kind: "input";
  id: string;
  position: Position;
  /** The name under `inputs:` in the pipeline YAML. */
  name: string;
  type: PortType;
  default?: LiteralValue;
  /** For data inputs: the data asset version it takes when the submit gives none. */
  defaultData?: string;
  optional: boolean;
  description?: string;
};

/** A pipeline-level output: one step output feeds its single port `value`. */
export type PipelineOutputNode = {
  kind: "output";
  id: string;
  position: Position;
  name: string;
  type: DataPortType;
  description?: string;
};

export type PipelineNode = StepNode | PipelineInputNode | PipelineOutputNode;
export type PipelineNodeKind = PipelineNode["kind"];

/** The port of a pipeline input or output node. */
export const VALUE_PORT = "value";

/**
 * A node's port as the designer, the validator and the runner see it. Step inputs are their component's
 * inputs as they are (a `ComponentInput` is a `Port`), step outputs their component's outputs.
 */
export type Port = {
  name: string;
  type: PortType;
  description?: string;
  /** Inputs only: an input is required unless `optional` or it has a `default`. */
  optional?: boolean;
  default?: LiteralValue;
  min?: number;
  max?: number;
  enum?: string[];
};

/** A node's input ports (edges end there) and output ports (edges start there), in declaration order. */
export type NodePorts = { inputs: readonly Port[]; outputs: readonly Port[] };

/** From an output port (a step output, or an input node's `value`) to an input port (a step input, or an output node's `value`). */
export type PipelineEdge = { id: string; source: string; sourcePort: string; target: string; targetPort: string };

/** What a draft holds and what each submit snapshots. */
export type PipelineGraph = {
  nodes: PipelineNode[];
  edges: PipelineEdge[];
  /** Azure's `settings:` that matter here; unknown ones are kept to be exported again. */
  settings: { defaultCompute?: string; continueOnStepFailure?: boolean; [key: string]: unknown };
};

export type ValidationCode =
  | "cycle"
  | "missing_input"
  | "type_mismatch"
  | "unknown_port"
  | "input_fed_twice"
  | "duplicate_name"
  | "bad_literal"
  | "empty_pipeline"
  | "unbound_output"
  /** An edge names a node that is not in the graph. */
  | "unknown_node"
  /** A binding that cannot be used: a data asset on a value input, a literal on a data input, a malformed asset reference, a binding for an input that does not exist. */
  | "bad_binding"
  /** A step id or pipeline input/output name that the YAML cannot carry. */
  | "bad_name";

/** One problem in a graph; the designer lists them and selects `nodeId` when one is clicked. */
export type ValidationIssue = {
  code: ValidationCode;
  message: string;
  nodeId?: string;
  port?: string;
  edgeId?: string;
};
