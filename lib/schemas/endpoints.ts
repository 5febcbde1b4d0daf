import { z } from "zod";
import { runtimeSchema } from "@/lib/schemas/runtime";
import { parseDuration } from "@/lib/monitoring/window";
import { assetNameSchema, descriptionSchema, scopeNameSchema } from "@/lib/schemas/common";
import { MAX_MIRROR_PERCENT } from "@/lib/endpoints/traffic";
import { SCOPE_KINDS } from "@/lib/scopes";

// Endpoints and deployments: what the API accepts and what it answers.

export const ENDPOINT_KINDS = ["online", "batch"] as const;
export type EndpointKind = (typeof ENDPOINT_KINDS)[number];
/** "mlflow": an MLflow model served from its MLmodel flavor, with no code (the studio's scorer runs it in Python). */
export const SCORING_METHODS = ["onnx", "python", "javascript", "mlflow"] as const;
export type ScoringMethod = (typeof SCORING_METHODS)[number];
export const DEPLOYMENT_STATES = ["creating", "succeeded", "failed"] as const;
export type DeploymentState = (typeof DEPLOYMENT_STATES)[number];

export const SCORING_METHOD_LABEL: Record<ScoringMethod, string> = {
  onnx: "ONNX, no code",
  python: "Python entry script",
  javascript: "JavaScript entry module",
  mlflow: "MLflow model, no code",
};

/** A model version (or an alias to follow) the new-deployment form offers, with what it can be served by. */
export type ModelChoice = {
  ref: string;
  type: string;
  description: string;
  hasOnnx: boolean;
  /** An MLflow model (an MLmodel file), which deploys without code. */
  hasMlmodel: boolean;
  /** The group it is listed under ("Workspace dev", "Registry shared: aliases"). */
  scope: string;
};

/** Limits on a deployment's settings, shared by the form and the API. */
export const DEPLOYMENT_LIMITS = {
  maxInstances: 8,
  minTimeoutMs: 100,
  maxTimeoutMs: 300_000,
  maxMiniBatch: 10_000,
  maxRetentionDays: 3650,
  minCollectedRows: 1000,
  maxCollectedRows: 100_000_000,
  /** Inline code (JSON `code`) is for small scripts; folders go up as multipart. */
  maxInlineCodeBytes: 256 * 1024,
} as const;

// Azure ML's rule for endpoint and deployment names: 3–32 letters, digits and '-', starting with a letter.
const endpointLikeName = (what: string) =>
  z
    .string()
    .trim()
    .min(3, `${what} name is 3 to 32 characters.`)
    .max(32, `${what} name is 3 to 32 characters.`)
    .regex(/^[A-Za-z][A-Za-z0-9-]*$/, `${what} name may hold letters, digits and '-', and must start with a letter.`)
    .refine((n) => !n.endsWith("-"), `${what} name may not end with '-'.`);

export const endpointNameSchema = endpointLikeName("An endpoint");
export const deploymentNameSchema = endpointLikeName("A deployment");

export const createEndpointSchema = z.strictObject({
  name: endpointNameSchema,
  kind: z.enum(ENDPOINT_KINDS).default("online"),
  description: descriptionSchema.default(""),
  authMode: z
    .literal("key")
    .default("key")
    .describe("Requests carry one of the endpoint's two keys as a bearer token."),
});
export type CreateEndpointInput = z.input<typeof createEndpointSchema>;

export const updateEndpointSchema = z.strictObject({ description: descriptionSchema });

const percent = z.number().int("A percentage is a whole number.").min(0).max(100);
export const trafficSchema = z.strictObject({
  traffic: z
    .record(z.string(), percent)
    .describe("Live traffic in whole percent by deployment name; 100 in all, or 0 everywhere."),
  mirror: z
    .strictObject({
      deployment: z.string(),
      percent: z.number().int().min(1).max(MAX_MIRROR_PERCENT, `A mirrored share is at most ${MAX_MIRROR_PERCENT}%.`),
    })
    .nullable()
    .default(null)
    .describe("A copy of this share of requests goes to a deployment at 0% live traffic; its answers are discarded."),
  reason: z.string().trim().max(500).optional().describe("Why, kept in the traffic history."),
});
export type TrafficInput = z.input<typeof trafficSchema>;

const codePathSchema = z
  .string()
  .min(1)
  .max(255)
  .refine(
    (p) => !p.startsWith("/") && !p.split("/").some((part) => part === ".." || part === "." || part === ""),
    "A code file's path is relative, without '..'.",
  );

export const createDeploymentSchema = z.strictObject({
  name: deploymentNameSchema,
  description: descriptionSchema.default(""),
  model: z
    .string()
    .trim()
    .min(1)
    .describe(
      'The model version: "name:version", or "registries/<registry>/name:version"; "name@alias" follows the alias (the deployment moves when the alias moves).',
    ),
  environment: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe(
      'An environment version, "name:version": Python scripts run in its build (JavaScript ones with this Node).',
    ),
  scoringMethod: z.enum(SCORING_METHODS).default("onnx"),
  scoringScript: codePathSchema
    .optional()
    .describe("Python: score.py with init() and run(raw_data); JavaScript: a module exporting them."),
  code: z
    .record(codePathSchema, z.string())
    .optional()
    .describe("Small code files inline (path → text); send a folder as multipart instead."),
  reason: z
    .string()
    .trim()
    .max(1000)
    .optional()
    .describe("Why (kept in the audit trail); required where deploying needs approval."),
  instanceCount: z.number().int().min(1).max(DEPLOYMENT_LIMITS.maxInstances).default(1),
  requestTimeoutMs: z
    .number()
    .int()
    .min(DEPLOYMENT_LIMITS.minTimeoutMs)
    .max(DEPLOYMENT_LIMITS.maxTimeoutMs)
    .default(5000),
  dataCollectionPercent: percent.default(0),
  miniBatchSize: z
    .number()
    .int()
    .min(1)
    .max(DEPLOYMENT_LIMITS.maxMiniBatch)
    .default(100)
    .describe("Batch deployments: rows per call."),
});
export type CreateDeploymentInput = z.input<typeof createDeploymentSchema>;

export const updateDeploymentSchema = z.strictObject({
  description: descriptionSchema.optional(),
  instanceCount: z.number().int().min(1).max(DEPLOYMENT_LIMITS.maxInstances).optional(),
  requestTimeoutMs: z.number().int().min(DEPLOYMENT_LIMITS.minTimeoutMs).max(DEPLOYMENT_LIMITS.maxTimeoutMs).optional(),
  dataCollectionPercent: percent.optional(),
  miniBatchSize: z.number().int().min(1).max(DEPLOYMENT_LIMITS.maxMiniBatch).optional(),
  collectRetentionDays: z
    .number()
    .int()
    .min(1)
    .max(DEPLOYMENT_LIMITS.maxRetentionDays)
    .optional()
    .describe("Collected data older than this many days is deleted."),
  collectMaxRows: z
    .number()
    .int()
    .min(DEPLOYMENT_LIMITS.minCollectedRows)
    .max(DEPLOYMENT_LIMITS.maxCollectedRows)
    .optional()
    .describe("The oldest collected data goes, a segment at a time, once the deployment holds more rows."),
  featureNames: z
    .union([z.record(z.string(), z.string()), z.array(z.string())])
    .nullable()
    .optional()
    .describe(
      'Names for collected columns: {"input_2": "petal_length_cm"}, or a list naming positional inputs in order; null clears.',
    ),
});
export type UpdateDeploymentInput = z.input<typeof updateDeploymentSchema>;

export const regenerateKeySchema = z.strictObject({ key: z.enum(["primary", "secondary"]) });

export const testEndpointSchema = z.strictObject({
  body: z
    .string()
    .max(1024 * 1024)
    .describe("The request body exactly as a client would send it."),
  deployment: z
    .string()
    .optional()
    .describe("Send to this deployment, whatever the traffic (as the azureml-model-deployment header does)."),
});

export const invokeBatchSchema = z.strictObject({
  input: z
    .string()
    .trim()
    .min(1)
    .describe('A CSV data asset version: "name:version" or "registries/<registry>/name:version".'),
  deployment: z
    .string()
    .optional()
    .describe("The deployment to run; the endpoint's default (the one with traffic) when omitted."),
  output: assetNameSchema
    .optional()
    .describe("The data asset that receives the predictions; <endpoint>-predictions by default."),
  columns: z
    .array(z.string().min(1).max(200))
    .max(1000)
    .optional()
    .describe("The feature columns sent to the model, in order; by default every column holding only numbers."),
});
export type InvokeBatchInput = z.input<typeof invokeBatchSchema>;

export const collectedQuerySchema = z
  .object({
    deployment: z.string().optional(),
    /** The JSON list's length (newest first); the CSV holds every row of the window. */
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    format: z.enum(["json", "csv"]).default("json"),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: "from must be before to",
    path: ["from"],
  });

/** An ISO 8601 lookback (`P7D`, `PT6H`) as a span in milliseconds; refused with the reason when it is not one. */
export function lookbackMs(text: string, ctx: z.RefinementCtx): number {
  const parsed = parseDuration(text);
  if ("error" in parsed) {
    ctx.addIssue({ code: "custom", message: parsed.error });
    return z.NEVER;
  }
  return parsed.ms;
}

export const comparisonQuerySchema = z.object({
  window: z
    .string()
    .default("P1D")
    .describe("How far back to compare, as an ISO 8601 duration (P1D by default).")
    .transform(lookbackMs),
});

export const monitoringQuerySchema = z.object({
  hours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
});

const tensorSignatureSchema = z.object({
  name: z.string(),
  type: z.string(),
  shape: z.array(z.union([z.number(), z.string()])),
});

export const deploymentSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  state: z.enum(DEPLOYMENT_STATES),
  stateReason: z.string().nullable(),
  model: z.object({
    id: z.string(),
    scope: z.object({ kind: z.enum(["workspace", "registry"]), name: scopeNameSchema }),
    name: z.string(),
    version: z.number().int(),
    label: z.string(),
  }),
  followsAlias: z
    .string()
    .nullable()
    .describe("The model alias the deployment follows (created with name@alias): it serves what the alias names."),
  environment: z.string().nullable(),
  scoringMethod: z.enum(SCORING_METHODS),
  scoringScript: z.string().nullable(),
  codeFiles: z.array(z.object({ path: z.string(), size: z.number().int() })),
  instanceCount: z.number().int(),
  requestTimeoutMs: z.number().int(),
  dataCollectionPercent: z.number().int(),
  collectRetentionDays: z.number().int(),
  collectMaxRows: z.number().int(),
  /** Names for collected columns ({"input_2": "petal_length_cm"}), applied when collected data is read. */
  featureNames: z.record(z.string(), z.string()).nullable(),
  miniBatchSize: z.number().int(),
  traffic: z.number().int(),
  mirrorTraffic: z.number().int(),
  /** ONNX deployments: the model's inputs and outputs, read when it was brought up. */
  signature: z.object({ inputs: z.array(tensorSignatureSchema), outputs: z.array(tensorSignatureSchema) }).nullable(),
  /** Entry scripts: how their instances were isolated when they last started; null for ONNX (no user code). */
  sandbox: z.enum(["bubblewrap", "none"]).nullable(),
  /** Python entry scripts: what their instances last started with (interpreter, packages), beside what was asked. */
  runtime: runtimeSchema.nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DeploymentDto = z.infer<typeof deploymentSchema>;

export const endpointSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ENDPOINT_KINDS),
  description: z.string(),
  authMode: z.literal("key"),
  scoringUri: z.string().nullable(),
  traffic: z.record(z.string(), z.number().int()),
  mirror: z.object({ deployment: z.string(), percent: z.number().int() }).nullable(),
  deploymentCount: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EndpointSummaryDto = z.infer<typeof endpointSummarySchema>;

export const endpointSchema = endpointSummarySchema.extend({ deployments: z.array(deploymentSchema) });
export type EndpointDto = z.infer<typeof endpointSchema>;

export const endpointKeysSchema = z.object({ primaryKey: z.string().nullable(), secondaryKey: z.string().nullable() });

export const servedModelSchema = z.object({
  scope: z.object({ kind: z.enum(SCOPE_KINDS), name: z.string() }),
  name: z.string(),
  version: z.number().int(),
  /** As deployments name models: `name:version`, or `registries/<registry>/name:version`. */
  label: z.string(),
});
export type ServedModelDto = z.infer<typeof servedModelSchema>;

export const trafficChangeSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  reason: z.string().nullable(),
  traffic: z.record(z.string(), z.number().int()),
  mirror: z.object({ deployment: z.string(), percent: z.number().int() }).nullable(),
  /** The model version each deployment served at that moment ("name:version"). */
  models: z.record(z.string(), z.string()),
  /** Each deployment named by the change: the model version it served (with its scope), and whether it still exists. */
  deployments: z.record(z.string(), z.object({ model: servedModelSchema.nullable(), exists: z.boolean() })),
});
export type TrafficChangeDto = z.infer<typeof trafficChangeSchema>;

const servedShareSchema = z.object({
  deployment: z.string(),
  percent: z.number().int(),
  model: servedModelSchema.nullable(),
  deploymentExists: z.boolean(),
});

export const trafficAtSchema = z
  .object({
    endpoint: z.string(),
    at: z.string(),
    /** Whether the endpoint had been created by then. */
    existed: z.boolean(),
    /** The traffic change in force at that instant (null: traffic had not been set yet). */
    change: trafficChangeSchema.nullable(),
    live: z.array(servedShareSchema),
    mirror: servedShareSchema.nullable(),
  })
  .describe("Which deployments and model versions served an endpoint's traffic at an instant, and what was mirrored.");
export type TrafficAtDto = z.infer<typeof trafficAtSchema>;

export const trafficAtQuerySchema = z.object({ at: z.iso.datetime({ offset: true }) });

export type MonitoringPoint = {
  minute: string;
  requests: number;
  errors: number;
  mirrored: number;
  mirrorErrors: number;
  p50Ms: number | null;
  p95Ms: number | null;
};
export type DeploymentMonitoring = {
  deployment: string;
  totals: Omit<MonitoringPoint, "minute">;
  points: MonitoringPoint[];
};
export type EndpointMonitoring = {
  bucketMinutes: number;
  from: string;
  to: string;
  deployments: DeploymentMonitoring[];
};
/** A collected request's columns (named by the deployment's featureNames), its first rows only. */
export type CollectedColumns = {
  columns: string[];
  rows: (number | string | boolean | null)[][];
  /** Rows the request held (the CSV has them all). */
  totalRows: number;
};

export type CollectedRow = {
  id: string;
  /** The request's x-request-id (null for requests collected before ids were kept). */
  requestId: string | null;
  at: string;
  deployment: string;
  modelVersion: string;
  status: number;
  latencyMs: number;
  /** Its inputs as feature columns, or null with `inputsError` saying why they could not be read. */
  inputs: CollectedColumns | null;
  inputsError: string | null;
  outputs: CollectedColumns | null;
  /** A mirrored request: the challenger deployment's answer to its copy. */
  challenger: { deployment: string; status: number; latencyMs: number; outputs: CollectedColumns | null } | null;
  input: string;
  output: string;
  truncated: boolean;
};

export type BatchJobDto = {
  name: string;
  displayName: string;
  status: string;
  deployment: string | null;
  input: string | null;
  createdAt: string;
  createdBy: string;
  endedAt: string | null;
  failureReason: string | null;
  predictions: { name: string; version: number } | null;
};
