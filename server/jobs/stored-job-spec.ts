import "server-only";
import { z } from "zod";
import type { CommandJobSpec } from "@/lib/schemas/jobs";
import type { PipelineGraph } from "@/lib/pipeline/types";
import type { PipelineJobSpec } from "@/server/pipelines/pipeline-job-spec";

// A job's `spec` column, read in one place and parsed with its schema, not cast: a command job's (and a
// pipeline step's or batch scoring job's) inputs and outputs, or a pipeline job's graph and what was
// resolved at submit. Shapes only: what was accepted when written is read back as it is.

const dataValueSchema = z.object({
  type: z.literal("data"),
  asset: z.string(),
  versionId: z.string().nullable(),
  kind: z.enum(["file", "folder", "table"]),
  files: z.array(z.object({ path: z.string(), size: z.number(), sha256: z.string() })),
  fromJob: z.object({ job: z.string(), output: z.string() }).optional(),
});

const commandJobSpecSchema = z.object({
  inputs: z
    .record(
      z.string(),
      z.discriminatedUnion("type", [z.object({ type: z.literal("literal"), value: z.string() }), dataValueSchema]),
    )
    .default({}),
  outputs: z.array(z.string()).default([]),
  environmentVariables: z.record(z.string(), z.string()).optional(),
}) satisfies z.ZodType<CommandJobSpec, unknown>;

const resolvedValueSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("literal"), value: z.union([z.string(), z.number(), z.boolean()]) }),
  dataValueSchema,
]);

/** The graph as submitted; its parts were checked by the save schema when the draft was saved. */
const submittedGraphSchema = z.custom<PipelineGraph>(
  (v) =>
    typeof v === "object" &&
    v !== null &&
    Array.isArray((v as PipelineGraph).nodes) &&
    Array.isArray((v as PipelineGraph).edges),
  "a pipeline graph",
);

const pipelineJobSpecSchema = z.object({
  graph: submittedGraphSchema,
  revision: z.number().int(),
  inputs: z.record(z.string(), resolvedValueSchema),
  bindings: z.record(z.string(), z.record(z.string(), resolvedValueSchema)),
  reuse: z.boolean(),
  order: z.array(z.string()),
}) satisfies z.ZodType<PipelineJobSpec, unknown>;

/** The spec of a command job, a pipeline step or a batch scoring job. */
export function readCommandJobSpec(column: string): CommandJobSpec {
  return commandJobSpecSchema.parse(JSON.parse(column));
}

/** The spec of a pipeline job. */
export function readPipelineJobSpec(column: string): PipelineJobSpec {
  return pipelineJobSpecSchema.parse(JSON.parse(column));
}
