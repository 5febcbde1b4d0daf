import { z } from "zod";
import { assetNameSchema } from "@/lib/schemas/common";
import { registerModelVersionSchema } from "@/lib/schemas/models";
import { placeholdersIn, splitOptionalParts } from "@/lib/command-template";

// Jobs and what scripts log into them. Limits follow MLflow's log-batch: at most 1000 metrics, 100
// params and 100 tags per request (and 1 MB, checked where the body is read).
export const MAX_BATCH_METRICS = 1000;
export const MAX_BATCH_PARAMS = 100;
export const MAX_BATCH_TAGS = 100;

export const JOB_STATUSES = ["waiting", "queued", "running", "completed", "failed", "canceled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const FINAL_JOB_STATUSES: readonly JobStatus[] = ["completed", "failed", "canceled"];

const keySchema = z
  .string()
  .min(1, "Keys may not be empty.")
  .max(250, "Keys are at most 250 characters.")
  .regex(/^[A-Za-z0-9_\-. /:]+$/, "Keys may hold letters, digits, spaces and _ - . / :");

export const jobNameSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{2,79}$/, "Not a valid job name.");

export const metricPointSchema = z
  .object({
    key: keySchema,
    // JSON has no NaN or Infinity; zod refuses them too, so a value is always a finite number.
    value: z.number({ error: "Metric values must be finite numbers (not NaN)." }),
    step: z.number().int().min(0).max(2_147_483_647).default(0),
    timestamp: z.number().int().min(0).optional(),
  })
  .strict();

const paramSchema = z
  .object({ key: keySchema, value: z.string().max(6000, "Param values are at most 6000 characters.") })
  .strict();
const tagSchema = z
  .object({ key: keySchema, value: z.string().max(5000, "Tag values are at most 5000 characters.") })
  .strict();

export const logBatchSchema = z
  .object({
    metrics: z
      .array(metricPointSchema)
      .max(MAX_BATCH_METRICS, `At most ${MAX_BATCH_METRICS} metric points per request.`)
      .default([]),
    params: z.array(paramSchema).max(MAX_BATCH_PARAMS, `At most ${MAX_BATCH_PARAMS} params per request.`).default([]),
    tags: z.array(tagSchema).max(MAX_BATCH_TAGS, `At most ${MAX_BATCH_TAGS} tags per request.`).default([]),
    /** An idempotency key: a batch sent again with the same batchId (a retry) is stored once. */
    batchId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, "batchId is 8 to 64 letters, digits, '-' or '_' (a UUID fits).")
      .optional(),
  })
  .strict();
export type LogBatchInput = z.input<typeof logBatchSchema>;

export const createJobSchema = z
  .object({
    experiment: assetNameSchema.default("default"),
    displayName: z.string().trim().min(1).max(200).optional(),
    command: z.string().max(10_000).optional(),
    git: z
      .object({
        repository: z.string().max(2048).optional(),
        branch: z.string().max(255).optional(),
        commit: z
          .string()
          .regex(/^[0-9a-f]{4,64}$/i, "A commit is a hexadecimal hash.")
          .optional(),
        /** Whether tracked files had uncommitted changes. */
        dirty: z.boolean().optional(),
      })
      .strict()
      .optional(),
    params: z
      .record(keySchema, z.string().max(6000))
      .refine((p) => Object.keys(p).length <= MAX_BATCH_PARAMS, `At most ${MAX_BATCH_PARAMS} params.`)
      .default({}),
    tags: z
      .record(keySchema, z.string().max(5000))
      .refine((t) => Object.keys(t).length <= MAX_BATCH_TAGS, `At most ${MAX_BATCH_TAGS} tags.`)
      .default({}),
  })
  .strict();
export type CreateJobInput = z.input<typeof createJobSchema>;

export const finishJobSchema = z
  .object({
    status: z.enum(["completed", "failed", "canceled"], { message: "status must be completed, failed or canceled." }),
    reason: z.string().trim().max(2000).optional(),
  })
  .strict();
export type FinishJobInput = z.input<typeof finishJobSchema>;

export const metricHistoryQuerySchema = z.object({
  maxPoints: z.coerce.number().int().min(4).max(10_000).default(1500),
});

export const listJobsQuerySchema = z.object({
  experiment: assetNameSchema.optional(),
  status: z.enum(JOB_STATUSES).optional(),
  filter: z.string().max(4000).optional(),
  sort: z
    .string()
    .max(300)
    .optional()
    .describe(
      "created:desc (default), name, status, experiment, created_by, compute, duration, params.<name>, metrics.<name>[.last|.min|.max], each with :asc or :desc; jobs lacking the value come last",
    ),
  cursor: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListJobsQuery = z.input<typeof listJobsQuerySchema>;

// Command jobs run by the studio's local runner. Inputs and outputs are named like Azure ML's, and the
// command refers to them as ${{inputs.name}} / ${{outputs.name}}.
export const MAX_JOB_INPUTS = 50;
export const MAX_JOB_OUTPUTS = 20;
export const ioNameSchema = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
    "Input and output names start with a letter or '_' and hold letters, digits and '_' (at most 64).",
  );

/** Environment variables a job may be given: names the runner sets itself are not among them. */
export const ENVIRONMENT_VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const RESERVED_VARIABLE = /^(MLOPS_STUDIO_|STUDIO_INPUT_|STUDIO_OUTPUT_)|^(VIRTUAL_ENV|PYTHONUNBUFFERED)$/;
export const isReservedVariable = (name: string) => RESERVED_VARIABLE.test(name);
export const MAX_ENVIRONMENT_VARIABLES = 100;

export const environmentVariablesSchema = z
  .record(
    z
      .string()
      .regex(ENVIRONMENT_VARIABLE_NAME, "Environment variable names hold letters, digits and '_' (at most 128).")
      .refine((name) => !isReservedVariable(name), "This variable is set by the studio for every job."),
    z.string().max(4096),
  )
  .refine(
    (v) => Object.keys(v).length <= MAX_ENVIRONMENT_VARIABLES,
    `At most ${MAX_ENVIRONMENT_VARIABLES} environment variables.`,
  );

export const jobInputSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("literal"), value: z.union([z.string().max(4096), z.number(), z.boolean()]) }).strict(),
  z.object({ type: z.literal("data"), asset: z.string().min(1).max(600) }).strict(),
]);
export type JobInput = z.infer<typeof jobInputSchema>;

/** The ${{inputs.x}} and ${{outputs.y}} placeholders of a command, in order of appearance. */
export const commandPlaceholders = placeholdersIn;

export const submitCommandJobSchema = z
  .object({
    experiment: assetNameSchema.default("default"),
    displayName: z.string().trim().min(1).max(200).optional(),
    command: z
      .string()
      .trim()
      .min(1, "A command is required.")
      .max(10_000, "The command is at most 10,000 characters."),
    compute: z.literal("local", { message: 'The only compute here is "local".' }).default("local"),
    environment: z.string().trim().min(1).max(600).optional(),
    git: createJobSchema.shape.git,
    inputs: z
      .record(ioNameSchema, jobInputSchema)
      .refine((i) => Object.keys(i).length <= MAX_JOB_INPUTS, `At most ${MAX_JOB_INPUTS} inputs.`)
      .default({}),
    outputs: z.array(ioNameSchema).max(MAX_JOB_OUTPUTS, `At most ${MAX_JOB_OUTPUTS} outputs.`).default([]),
    environmentVariables: environmentVariablesSchema
      .default({})
      .describe("Set in the command's environment (Azure ML's environment_variables)."),
    tags: createJobSchema.shape.tags,
    codeFrom: jobNameSchema
      .optional()
      .describe(
        "Run with the code snapshot of this job of the same workspace (Clone, Edit and re-run) instead of uploading code files.",
      ),
  })
  .strict()
  .superRefine((job, ctx) => {
    if (new Set(job.outputs).size !== job.outputs.length)
      ctx.addIssue({ code: "custom", path: ["outputs"], message: "Output names must be unique." });
    for (const name of job.outputs) {
      if (name in job.inputs)
        ctx.addIssue({ code: "custom", path: ["outputs"], message: `"${name}" is both an input and an output.` });
    }
    const split = splitOptionalParts(job.command);
    if (!split.ok) ctx.addIssue({ code: "custom", path: ["command"], message: split.message });
    for (const p of commandPlaceholders(job.command)) {
      const known = p.kind === "inputs" ? p.name in job.inputs : job.outputs.includes(p.name);
      if (!known)
        ctx.addIssue({
          code: "custom",
          path: ["command"],
          message: `The command uses \${{${p.kind}.${p.name}}}, but the job has no ${p.kind === "inputs" ? "input" : "output"} "${p.name}".`,
        });
    }
  });
export type SubmitCommandJobInput = z.input<typeof submitCommandJobSchema>;
export type SubmitCommandJob = z.output<typeof submitCommandJobSchema>;

/** Folders in a job's code that are kept as outputs of their own name when it writes to them (Azure ML's ./outputs, ./logs). */
export const IMPLICIT_OUTPUTS = ["outputs", "logs"];

/** What the runner needs besides the command, stored with the job as submitted and resolved. */
export type CommandJobSpec = {
  inputs: Record<
    string,
    | { type: "literal"; value: string }
    /** A data asset version, or (pipeline steps) an upstream step's output: then `asset` reads "<job>/<output>" and `fromJob` names it. */
    | {
        type: "data";
        asset: string;
        versionId: string | null;
        kind: "file" | "folder" | "table";
        files: { path: string; size: number; sha256: string }[];
        fromJob?: { job: string; output: string };
      }
  >;
  outputs: string[];
  /** Azure ML's environment_variables, set in the command's environment. */
  environmentVariables?: Record<string, string>;
};

export const jobLogsQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

/** Registering a model from a job's output: the model's metadata; the files and the source come from the job. */
export const registerFromOutputSchema = registerModelVersionSchema
  .omit({ source: true })
  // No default type: left out, it is inferred from the output's files (model.onnx → onnx, an MLmodel → mlflow_model).
  .extend({ type: registerModelVersionSchema.shape.type.unwrap().optional() })
  .strict();
export type RegisterFromOutputInput = z.input<typeof registerFromOutputSchema>;

export const MIN_COMPARE_JOBS = 2;
export const MAX_COMPARE_JOBS = 50;

/** `jobs` as a list or as the compare page's comma-separated text; duplicates count once. */
export const compareJobsSchema = z.object({
  jobs: z
    .union([z.string().max(5000), z.array(z.string().max(100)).max(500)])
    .transform((v) => [...new Set((typeof v === "string" ? v.split(",") : v).map((s) => s.trim()).filter(Boolean))])
    .pipe(
      z
        .array(z.string())
        .min(MIN_COMPARE_JOBS, `Choose at least ${MIN_COMPARE_JOBS} jobs to compare.`)
        .max(MAX_COMPARE_JOBS, `Compare at most ${MAX_COMPARE_JOBS} jobs at once.`),
    ),
});
export type CompareJobsInput = z.input<typeof compareJobsSchema>;
