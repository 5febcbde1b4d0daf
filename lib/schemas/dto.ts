import { z } from "zod";
import { runtimeSchema } from "@/lib/schemas/runtime";
import type { ComponentSpec, PipelineGraph } from "@/lib/pipeline/types";
import { MODEL_TYPES } from "@/lib/schemas/models";
import { ROLES } from "@/lib/permissions";
import { SCOPE_KINDS, STAGES } from "@/lib/scopes";
import { JOB_STATUSES } from "@/lib/schemas/jobs";
import { ASSET_KINDS, DATA_TYPES } from "@/lib/schemas/assets";
import { lineageSchema } from "@/lib/schemas/lineage";

// The shapes the API answers with. Domain functions return these types (z.infer), and the OpenAPI
// document is generated from the same schemas, so the documentation cannot drift from the code.

export const scopeRefSchema = z.object({ kind: z.enum(SCOPE_KINDS), name: z.string() });

export const scopeSchema = z.object({
  kind: z.enum(SCOPE_KINDS),
  name: z.string(),
  displayName: z.string(),
  description: z.string(),
  stage: z.enum(STAGES).nullable(),
  role: z.enum(ROLES),
});

export const modelFileSchema = z.object({ path: z.string(), size: z.number().int(), sha256: z.string() });

export const modelVersionSummarySchema = z.object({
  id: z.string(),
  scope: scopeRefSchema,
  name: z.string(),
  version: z.number().int(),
  isLatest: z.boolean(),
  type: z.enum(MODEL_TYPES),
  description: z.string(),
  tags: z.record(z.string(), z.string()),
  isArchived: z.boolean(),
  fileCount: z.number().int(),
  totalSize: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/**
 * Where a registry copy came from. When that workspace (or registry) is one the reader is not a member
 * of, they see that the copy was published, by whom and why, but not where from: isVisible is false and
 * the source's names are null.
 */
const originSchema = z
  .object({
    isVisible: z.boolean(),
    scope: scopeRefSchema.nullable(),
    name: z.string().nullable(),
    version: z.number().int().nullable(),
    versionId: z.string().nullable(),
    publishedBy: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .nullable();

export const modelVersionSchema = modelVersionSummarySchema.extend({
  properties: z.record(z.string(), z.string()),
  files: z.array(modelFileSchema),
  source: z.object({ jobId: z.string().nullable(), runUrl: z.string().nullable() }).nullable(),
  publishedFrom: originSchema,
  deployments: z.array(
    z
      .object({
        isVisible: z.boolean(),
        workspace: z.string().nullable(),
        endpoint: z.string().nullable(),
        deployment: z.string().nullable(),
        state: z.string(),
      })
      .describe(
        "A deployment serving this version. In a workspace you are not a member of (prod, say), you see that it exists, not where: isVisible is false and the names are null.",
      ),
  ),
  lineage: lineageSchema.optional(),
});

export const modelVersionPageSchema = modelVersionSchema.extend({
  sharedTo: z.array(z.object({ scope: scopeRefSchema, name: z.string(), version: z.number().int() })),
});

export const memberSchema = z.object({
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  since: z.string(),
});

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const newTokenSchema = tokenSchema.extend({
  token: z.string().describe("The secret: shown once, never again."),
});

export const eventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  subject: z.object({ type: z.string(), id: z.string().nullable(), label: z.string() }),
  scope: scopeRefSchema.nullable(),
  reason: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const metricSummarySchema = z.object({
  key: z.string(),
  count: z.number().int(),
  last: z.number(),
  lastStep: z.number().int(),
  min: z.number(),
  minStep: z.number().int(),
  max: z.number(),
  maxStep: z.number().int(),
});

export const jobSchema = z.object({
  name: z.string(),
  workspace: z.string(),
  experiment: z.string(),
  displayName: z.string(),
  kind: z
    .enum(["command", "external", "pipeline", "build"])
    .describe("build: an environment's build on local compute, made by the first job that needed it."),
  status: z.enum(JOB_STATUSES),
  deletedAt: z
    .string()
    .nullable()
    .describe("Set when the run was deleted through MLflow's API (runs/restore brings it back); lists leave it out."),
  compute: z.string(),
  command: z.string().nullable(),
  git: z
    .object({
      repository: z.string().nullable(),
      branch: z.string().nullable(),
      commit: z.string().nullable(),
      dirty: z.boolean().nullable(),
    })
    .nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  failureReason: z.string().nullable(),
  params: z.record(z.string(), z.string()),
  tags: z.record(z.string(), z.string()),
  metrics: z.array(metricSummarySchema),
  environment: z.string().nullable(),
  runtime: runtimeSchema
    .nullable()
    .describe("What the local runner really ran it with; null before it started, and for jobs it did not run."),
  inputs: z.record(
    z.string(),
    z.union([
      z.object({ type: z.literal("literal"), value: z.string() }),
      z.object({ type: z.literal("data"), asset: z.string(), kind: z.string() }),
    ]),
  ),
  outputs: z.array(z.object({ name: z.string(), fileCount: z.number().int(), totalSize: z.number() })),
  environmentVariables: z.record(z.string(), z.string()).describe("Set in the command's environment."),
  code: z.object({ fileCount: z.number().int(), totalSize: z.number() }).nullable(),
  exitCode: z.number().int().nullable(),
  sandbox: z
    .enum(["bubblewrap", "none"])
    .nullable()
    .describe("How the local runner isolated the job's process; null for jobs it did not run."),
  isCancelRequested: z.boolean(),
  pipeline: z
    .object({ id: z.string(), version: z.number().int() })
    .nullable()
    .describe("A pipeline job: the pipeline (draft) it was submitted from and which submit it is."),
  parent: z
    .object({ job: z.string(), step: z.string() })
    .nullable()
    .describe("A pipeline step: its pipeline job and step name."),
  reusedFrom: z.string().nullable().describe("A reused step: the job whose outputs it took."),
  steps: z
    .array(
      z.object({
        step: z.string(),
        job: z.string(),
        displayName: z.string(),
        status: z.enum(JOB_STATUSES),
        startedAt: z.string().nullable(),
        endedAt: z.string().nullable(),
        failureReason: z.string().nullable(),
        reusedFrom: z.string().nullable(),
      }),
    )
    .describe("A pipeline job's steps (empty for other jobs)."),
});
export const jobFileSchema = z.object({ path: z.string(), size: z.number(), sha256: z.string() });
export const jobLogsSchema = z.object({
  status: z.enum(JOB_STATUSES),
  chunks: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      stream: z.enum(["stdout", "stderr", "system"]),
      text: z.string(),
    }),
  ),
  next: z.number().int(),
  isComplete: z.boolean(),
});

export const metricHistorySchema = z.object({
  key: z.string(),
  totalPoints: z.number().int(),
  points: z.array(z.object({ step: z.number().int(), value: z.number(), timestamp: z.number().int() })),
});

export const assetVersionSummarySchema = z.object({
  id: z.string(),
  scope: scopeRefSchema,
  kind: z.enum(ASSET_KINDS),
  name: z.string(),
  version: z.number().int(),
  isLatest: z.boolean(),
  description: z.string(),
  tags: z.record(z.string(), z.string()),
  isArchived: z.boolean(),
  fileCount: z.number().int(),
  totalSize: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
});

const assetProvenanceSchema = {
  publishedFrom: originSchema.describe("Where a registry version was shared from."),
  sharedTo: z
    .array(z.object({ scope: scopeRefSchema, name: z.string(), version: z.number().int() }))
    .describe("Registry copies of this version you may see."),
};

export const environmentVersionSchema = assetVersionSummarySchema.extend({
  spec: z.object({
    conda: z.string().nullable().describe("The conda environment file, exactly as given."),
    pip: z.string().nullable().describe("pip requirements, exactly as given."),
    image: z.string().nullable().describe("Base image reference."),
  }),
  ...assetProvenanceSchema,
});

export const PROFILE_STATUSES = ["none", "pending", "running", "ready", "failed"] as const;

export const dataVersionSchema = assetVersionSummarySchema.extend({
  spec: z.object({
    type: z.enum(DATA_TYPES),
    origin: z.enum(["upload", "path", "job"]),
    originalPath: z.string().nullable().describe("The server path that was snapshotted, when created from one."),
    job: z.string().nullable().describe("The job that wrote it (batch endpoint predictions)."),
  }),
  files: z.array(modelFileSchema),
  profile: z.object({
    status: z.enum(PROFILE_STATUSES).describe("none: no CSV or JSON-lines file to profile."),
    result: z
      .unknown()
      .nullable()
      .describe(
        "Per file: format, rowCount and per column: type, nulls, distinct, numeric stats with histogram, top values.",
      ),
    error: z.string().nullable(),
  }),
  ...assetProvenanceSchema,
});

export const componentVersionSchema = assetVersionSummarySchema.extend({
  spec: z
    .unknown()
    .describe(
      "The component, normalised: name, version, displayName, description, inputs and outputs with types, command, environment, code, isDeterministic.",
    ),
  yaml: z.string().describe("The component YAML exactly as registered."),
  yamlPath: z.string(),
  files: z.array(modelFileSchema).describe("The code folder's files, paths relative to it."),
  ...assetProvenanceSchema,
});

export const pipelineSummarySchema = z.object({
  id: z.string(),
  workspace: z.string(),
  name: z.string(),
  description: z.string(),
  experimentName: z.string().nullable().describe("The experiment submits go to unless the submit names one."),
  revision: z.number().int().describe("Grows with every save; a save must name the revision it edited."),
  stepCount: z.number().int(),
  versionCount: z.number().int().describe("Submits so far; each one snapshots the graph."),
  clonedFrom: z
    .object({ id: z.string(), name: z.string().nullable() })
    .nullable()
    .describe("The draft this one was cloned from (name null once deleted)."),
  clonedFromJob: z.string().nullable().describe("The pipeline job this draft was cloned from."),
  copiedFrom: z
    .object({ workspace: z.string(), id: z.string() })
    .nullable()
    .describe("The pipeline of another workspace this draft was copied from."),
  lastRun: z
    .object({ job: z.string(), version: z.number().int(), status: z.string(), createdAt: z.string() })
    .nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});

export const pipelineSchema = pipelineSummarySchema.extend({
  graph: z.unknown().describe("The graph: nodes (step | input | output), edges, settings."),
  clones: z.array(z.object({ id: z.string(), name: z.string(), createdAt: z.string() })),
  versions: z.array(
    z.object({
      version: z.number().int(),
      job: z.string(),
      status: z.string(),
      createdAt: z.string(),
      createdBy: z.string(),
    }),
  ),
});

export const errorSchema = z.object({
  error: z.object({
    code: z.enum([
      "bad_request",
      "unauthorized",
      "forbidden",
      "not_found",
      "conflict",
      "too_large",
      "invalid",
      "internal",
    ]),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page."),
  });
}

export type ScopeDto = z.infer<typeof scopeSchema>;
export type ModelFileDto = z.infer<typeof modelFileSchema>;
export type ModelVersionSummaryDto = z.infer<typeof modelVersionSummarySchema>;
export type ModelVersionDto = z.infer<typeof modelVersionSchema>;
export type ModelVersionPageDto = z.infer<typeof modelVersionPageSchema>;
export type TokenDto = z.infer<typeof tokenSchema>;
export type MemberDto = z.infer<typeof memberSchema>;
export type JobDto = z.infer<typeof jobSchema>;
export type JobFileDto = z.infer<typeof jobFileSchema>;
export type JobLogsDto = z.infer<typeof jobLogsSchema>;
export type MetricHistoryDto = z.infer<typeof metricHistorySchema>;
export type EventDto = z.infer<typeof eventSchema>;
export type AssetVersionSummaryDto = z.infer<typeof assetVersionSummarySchema>;
export type EnvironmentVersionDto = z.infer<typeof environmentVersionSchema>;
export type DataVersionDto = z.infer<typeof dataVersionSchema>;
export type ComponentVersionDto = Omit<z.infer<typeof componentVersionSchema>, "spec"> & { spec: ComponentSpec };
export type PipelineSummaryDto = z.infer<typeof pipelineSummarySchema>;
export type PipelineDto = Omit<z.infer<typeof pipelineSchema>, "graph"> & { graph: PipelineGraph };

export type JobComparison = {
  jobs: JobDto[];
  /** histories[jobName][metricKey]: each job's series, downsampled to `maxPoints`. */
  histories: Record<string, Record<string, MetricHistoryDto>>;
  maxPoints: number;
};
