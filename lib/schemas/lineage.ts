import { z } from "zod";
import { SCOPE_KINDS } from "@/lib/scopes";

// A model version's lineage: what it was made from, captured from its source job when it was registered and
// copied with it when it is shared, so a reader of the copy sees it without access to the job's workspace.
// Every field is absent when unknown. The stored record and the API's answer share this shape; the answer
// adds whether the reader may open what it names (isVisible), so pages link only where the reader has access.

const scopeRefSchema = z.object({ kind: z.enum(SCOPE_KINDS), name: z.string() });
const metricSummarySchema = z.object({ last: z.number(), min: z.number(), max: z.number() });

export const lineageRecordSchema = z.object({
  /** The workspace the source job ran in. */
  workspace: z.string(),
  job: z.object({ name: z.string(), displayName: z.string(), status: z.string() }),
  pipelineJob: z.object({ name: z.string(), displayName: z.string() }).optional(),
  /** The pipeline step the job ran, when it is a step. */
  step: z.string().optional(),
  /** A reused step ran nothing: its outputs, metrics, params and code are those of this earlier job. */
  reusedFrom: z.string().optional(),
  experiment: z.string().optional(),
  metrics: z.record(z.string(), metricSummarySchema),
  params: z.record(z.string(), z.string()),
  tags: z.record(z.string(), z.string()),
  git: z
    .object({
      repository: z.string().optional(),
      branch: z.string().optional(),
      commit: z.string().optional(),
      dirty: z.boolean().optional(),
    })
    .optional(),
  environment: z
    .object({ scope: scopeRefSchema, name: z.string(), version: z.number().int(), specHash: z.string() })
    .optional(),
  data: z.array(
    z.object({
      /** The job's input name. */
      input: z.string(),
      scope: scopeRefSchema.optional(),
      name: z.string().optional(),
      version: z.number().int().optional(),
      /** "sha256:" and the hash of the input's (path, sha256) list in path order. */
      hash: z.string(),
      /** An upstream pipeline step's output, rather than a data asset. */
      fromJob: z.object({ job: z.string(), output: z.string() }).optional(),
    }),
  ),
  codeHash: z.string().optional(),
  capturedAt: z.string(),
});

export type LineageRecord = z.infer<typeof lineageRecordSchema>;

export const lineageSchema = lineageRecordSchema
  .extend({
    /** Whether the reader is a member of the job's workspace: links to the job, its pipeline and its data. */
    isMember: z.boolean(),
    environment: lineageRecordSchema.shape.environment.unwrap().extend({ isVisible: z.boolean() }).optional(),
    data: z.array(lineageRecordSchema.shape.data.element.extend({ isVisible: z.boolean() })),
  })
  .describe(
    "What the version was made from, captured when it was registered from a job (and copied with it to registries). Readers of the version see all of it; isMember / isVisible say whether they may open the job and the assets it names.",
  );

export type LineageDto = z.infer<typeof lineageSchema>;

export const registeredModelSchema = z.object({
  scope: scopeRefSchema,
  name: z.string(),
  version: z.number().int(),
  /** A registry copy of a version registered from the job. */
  isCopy: z.boolean(),
  createdAt: z.string(),
});

export type RegisteredModelDto = z.infer<typeof registeredModelSchema>;

export const LINEAGE_NODE_KINDS = ["data", "job", "model", "deployment", "endpoint"] as const;
export type LineageNodeKind = (typeof LINEAGE_NODE_KINDS)[number];

export const lineageQuerySchema = z.object({
  asset: z
    .string()
    .min(3)
    .max(600)
    .describe(
      "kind:scope/name[:version]: model:dev/iris:3 (no version: every version), model:registries/shared/iris:1, data:dev/iris:1, job:dev/job-abc, deployment:prod/iris-prod/main, endpoint:prod/iris-prod",
    ),
  direction: z.enum(["up", "down", "both"]).default("both"),
  depth: z.coerce.number().int().min(1).max(8).default(4),
});

export const lineageNodeSchema = z.object({
  /** "<kind>:<id>" */
  id: z.string(),
  kind: z.enum(LINEAGE_NODE_KINDS),
  label: z.string(),
  scope: scopeRefSchema.nullable(),
  /** A job's status, a deployment's state with its monitor outcome, … */
  status: z.string().nullable(),
  /** Whether the reader may open it; a node they may not is shown, not expanded, and has no link. */
  isVisible: z.boolean(),
  href: z.string().nullable(),
});
export type LineageNode = z.infer<typeof lineageNodeSchema>;

export const lineageGraphSchema = z
  .object({
    roots: z.array(z.string()),
    nodes: z.array(lineageNodeSchema),
    edges: z.array(z.object({ from: z.string(), to: z.string() })),
    /** More nodes than the answer holds: ask for less depth or a narrower asset. */
    truncated: z.boolean(),
  })
  .describe(
    "Upstream and downstream of an asset: data → job → pipeline job → model version → registry copy → deployment → endpoint.",
  );
export type LineageGraph = z.infer<typeof lineageGraphSchema>;
