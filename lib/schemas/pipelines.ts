import { z } from "zod";
import {
  IO_NAME_PATTERN,
  IO_NAME_RULE,
  PORT_NAME_PATTERN,
  PORT_NAME_RULE,
  STEP_ID_PATTERN,
  STEP_ID_RULE,
} from "@/lib/pipeline/nodes/names";
import { DATA_PORT_TYPES, VALUE_PORT_TYPES, type PipelineGraph } from "@/lib/pipeline/types";
import { descriptionSchema } from "@/lib/schemas/common";

// The pipeline graph as it crosses a boundary (a draft save from the designer, an API client): its
// shape is checked here, its meaning (cycles, types, missing inputs) by lib/pipeline/validate.ts, which
// never blocks a save: a draft may be half-drawn.

export const MAX_PIPELINE_NODES = 10_000;
export const MAX_PIPELINE_EDGES = 20_000;
/** The JSON text of a graph; 5,000 nodes with their component interfaces fit well inside. */
export const MAX_PIPELINE_GRAPH_BYTES = 8 * 1024 * 1024;

const idSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:>-]+$/, "Ids hold letters, digits and _ . : - > only.");
/** Step ids are the step names of the pipeline YAML. */
export const stepIdSchema = z
  .string()
  .min(1, "A step needs a name.")
  .regex(STEP_ID_PATTERN, `Step names hold ${STEP_ID_RULE}.`);
/** A component's input or output (the keys of a step's bindings). */
const portNameSchema = z
  .string()
  .regex(PORT_NAME_PATTERN, `Component inputs and outputs are named with ${PORT_NAME_RULE}.`);
/** A pipeline input or output node's name. */
const ioNameSchema = z.string().regex(IO_NAME_PATTERN, `Pipeline inputs and outputs are named with ${IO_NAME_RULE}.`);
const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });
const literalSchema = z.union([z.string().max(4096), z.number().finite(), z.boolean()]);
const portTypeSchema = z.enum([...DATA_PORT_TYPES, ...VALUE_PORT_TYPES]);
const dataPortTypeSchema = z.enum(DATA_PORT_TYPES);

const componentInputSchema = z.object({
  name: portNameSchema,
  type: portTypeSchema,
  description: z.string().max(2000).optional(),
  default: literalSchema.optional(),
  optional: z.boolean(),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  enum: z.array(z.string().max(256)).max(200).optional(),
});
const componentOutputSchema = z.object({
  name: portNameSchema,
  type: dataPortTypeSchema,
  description: z.string().max(2000).optional(),
});

export const componentRefSchema = z.object({
  scopeKind: z.enum(["workspace", "registry"]),
  scopeName: z.string().min(1).max(63),
  name: z.string().min(1).max(255),
  version: z.number().int().positive(),
  displayName: z.string().max(255),
  inputs: z.array(componentInputSchema).max(200),
  outputs: z.array(componentOutputSchema).max(200),
  isDeterministic: z.boolean(),
  followsLatest: z.boolean().optional(),
});

const bindingSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("literal"), value: literalSchema }),
  z.object({ kind: z.literal("data"), ref: z.string().min(1).max(400) }),
]);

const stepNodeSchema = z.object({
  kind: z.literal("step"),
  id: stepIdSchema,
  position: positionSchema,
  component: componentRefSchema,
  displayName: z.string().max(255).optional(),
  bindings: z.record(portNameSchema, bindingSchema),
  yamlExtras: z.record(z.string(), z.unknown()).optional(),
});
const inputNodeSchema = z.object({
  kind: z.literal("input"),
  id: idSchema,
  position: positionSchema,
  name: ioNameSchema,
  type: portTypeSchema,
  default: literalSchema.optional(),
  defaultData: z.string().min(1).max(400).optional(),
  optional: z.boolean(),
  description: z.string().max(2000).optional(),
});
const outputNodeSchema = z.object({
  kind: z.literal("output"),
  id: idSchema,
  position: positionSchema,
  name: ioNameSchema,
  type: dataPortTypeSchema,
  description: z.string().max(2000).optional(),
});

export const pipelineGraphSchema = z.object({
  nodes: z
    .array(z.discriminatedUnion("kind", [stepNodeSchema, inputNodeSchema, outputNodeSchema]))
    .max(MAX_PIPELINE_NODES, `A pipeline has at most ${MAX_PIPELINE_NODES} nodes.`),
  edges: z
    .array(
      z.object({
        id: z.string().min(1).max(400),
        source: idSchema,
        sourcePort: z.string().min(1).max(128),
        target: idSchema,
        targetPort: z.string().min(1).max(128),
      }),
    )
    .max(MAX_PIPELINE_EDGES, `A pipeline has at most ${MAX_PIPELINE_EDGES} edges.`),
  settings: z.record(z.string(), z.unknown()),
}) satisfies z.ZodType<PipelineGraph>;

export const emptyPipelineGraph = (): PipelineGraph => ({ nodes: [], edges: [], settings: {} });

export const pipelineNameSchema = z
  .string()
  .trim()
  .min(1, "Give the pipeline a name.")
  .max(200, "Pipeline names are at most 200 characters.");
const experimentNameSchema = z.string().trim().min(1).max(200);

export const createPipelineSchema = z.object({
  name: pipelineNameSchema,
  description: descriptionSchema.default(""),
  experimentName: experimentNameSchema.optional(),
  graph: pipelineGraphSchema.optional(),
});
export type CreatePipelineInput = z.input<typeof createPipelineSchema>;

/** An autosave: the revision the editor started from, so a save over someone else's is refused. */
export const savePipelineSchema = z.object({
  revision: z.number().int().positive(),
  name: pipelineNameSchema.optional(),
  description: descriptionSchema.optional(),
  experimentName: experimentNameSchema.nullable().optional(),
  graph: pipelineGraphSchema.optional(),
});
export type SavePipelineInput = z.input<typeof savePipelineSchema>;

export const listPipelinesSchema = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListPipelinesInput = z.input<typeof listPipelinesSchema>;

/** A pipeline input's value at submit: a literal, or a data asset version for a data input. */
const submitInputValueSchema = z.union([
  z.string().max(4096),
  z.number().finite(),
  z.boolean(),
  z.object({ data: z.string().min(1).max(400) }),
]);

export const submitPipelineSchema = z.object({
  /** The experiment the pipeline job joins; the draft's, else the pipeline's name. */
  experiment: experimentNameSchema.optional(),
  displayName: z.string().trim().min(1).max(200).optional(),
  inputs: z.record(z.string().max(128), submitInputValueSchema).default({}),
  /** Step reuse: an identical earlier step (same component version, inputs and parameters) gives its outputs. */
  reuse: z.boolean().default(true),
  /** Submit only if the draft is still at this revision (what the designer shows). */
  revision: z.number().int().positive().optional(),
});
export type SubmitPipelineInput = z.input<typeof submitPipelineSchema>;

/** Copying a pipeline to another workspace: first a report (no `confirm`), then the copy with a choice per reference. */
export const copyPipelineSchema = z
  .object({
    targetWorkspace: z.string().min(1).max(63),
    name: z.string().trim().min(1).max(200).optional(),
    /**
     * For every reference the report did not find matched: "keep" (copy it as written; the designer flags what the
     * target lacks) or "use:<ref>" (a data asset version such as "use:iris:2", a component version "use:3").
     */
    confirm: z
      .record(z.string(), z.string().regex(/^(keep|use:.{1,300})$/, 'Each choice is "keep" or "use:<ref>".'))
      .optional(),
  })
  .strict();

export type CopyReferenceStatus = "matched" | "different" | "missing";
export type CopyReference = {
  /** The key a confirmation names: "data:iris:1", "component:train_model:1", "environment:sklearn-env:2". */
  key: string;
  kind: "data" | "component" | "environment";
  ref: string;
  usedBy: string[];
  status: CopyReferenceStatus;
  /** The versions the target has under that name (for "different"). */
  targetVersions: number[];
  note: string;
};
