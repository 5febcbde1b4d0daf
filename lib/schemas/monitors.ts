import { z } from "zod";
import { DRIFT_METRICS } from "@/lib/monitoring/stats/methods";
import { parseDuration } from "@/lib/monitoring/window";

// What the monitor routes take and answer. A monitor watches one deployment: its production window of
// collected data against a baseline (a data asset version, such as the training data, or an earlier window
// of its own traffic), with signals whose defaults are Azure ML's (normalized Wasserstein 0.1 for numbers,
// Jensen–Shannon 0.1 for categories, data-quality rates 0).

/** An ISO 8601 lookback; the error names the field by its path ("window: …", "baseline.offset: …"). */
const lookback = () =>
  z
    .string()
    .trim()
    .refine((text) => !("error" in parseDuration(text)), {
      error: (issue) => (parseDuration(String(issue.input)) as { error: string }).error,
    });

export const PERFORMANCE_METRICS = ["accuracy", "precision", "recall", "mae", "rmse"] as const;

export const driftMethodSchema = z.enum(["default", "auto", ...DRIFT_METRICS]);

const thresholdsSchema = z.partialRecord(z.enum(DRIFT_METRICS), z.number().min(0).max(1e6));

const driftSignalSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** "default": Azure's metric per kind; "auto": Evidently's choice by sample size; or one metric for all. */
    method: driftMethodSchema.default("default"),
    /** Thresholds by metric, replacing the defaults. */
    thresholds: thresholdsSchema.default({}),
    /** Per feature: its own method or threshold. */
    perFeature: z
      .record(
        z.string().min(1).max(200),
        z.strictObject({ method: driftMethodSchema.optional(), threshold: z.number().min(0).max(1e6).optional() }),
      )
      .default({}),
    /** Only these features (all by default). */
    features: z.array(z.string().min(1).max(200)).max(200).optional(),
    /**
     * Thresholds learned from the baseline itself: split into 10 chunks, each chunk's metric against the
     * whole baseline, alert beyond mean + 3 standard deviations (NannyML's rule).
     */
    learnedThreshold: z.boolean().default(false),
  })
  .strict();

const qualityThresholdsSchema = z
  .object({
    null_value_rate: z.number().min(0).max(1).default(0),
    data_type_error_rate: z.number().min(0).max(1).default(0),
    out_of_bounds_rate: z.number().min(0).max(1).default(0),
  })
  .strict();

export const signalsSchema = z
  .object({
    dataDrift: driftSignalSchema.default({
      enabled: true,
      method: "default",
      thresholds: {},
      perFeature: {},
      learnedThreshold: false,
    }),
    predictionDrift: driftSignalSchema.default({
      enabled: true,
      method: "default",
      thresholds: {},
      perFeature: {},
      learnedThreshold: false,
    }),
    dataQuality: z
      .object({
        enabled: z.boolean().default(true),
        thresholds: qualityThresholdsSchema.default({
          null_value_rate: 0,
          data_type_error_rate: 0,
          out_of_bounds_rate: 0,
        }),
      })
      .strict()
      .default({ enabled: true, thresholds: { null_value_rate: 0, data_type_error_rate: 0, out_of_bounds_rate: 0 } }),
    /**
     * Performance against ground truth sent to POST …/endpoints/{e}/feedback: accuracy, precision and
     * recall (below the threshold breaches) for classifiers, MAE and RMSE (above) for regressions.
     */
    modelPerformance: z
      .object({
        enabled: z.boolean().default(true),
        thresholds: z
          .partialRecord(z.enum(PERFORMANCE_METRICS), z.number().min(0).max(1e12))
          .default({ accuracy: 0.9 }),
      })
      .strict()
      .default({ enabled: true, thresholds: { accuracy: 0.9 } }),
  })
  .strict();
export type Signals = z.infer<typeof signalsSchema>;
export type DriftSignal = z.infer<typeof driftSignalSchema>;

export const baselineSchema = z.union([
  z.strictObject({
    /** A data asset version, "name:version" (or "name" for its latest), such as the training data. */
    data: z.string().trim().min(1).max(300),
    /** The label column of that data: left out of the features, used for class labels. */
    targetColumn: z.string().trim().min(1).max(200).optional(),
  }),
  z.strictObject({
    /** An earlier window of the deployment's own traffic: its length… */
    window: lookback(),
    /** …and how far before the production window's end it ends (by default twice the production window). */
    offset: lookback().optional(),
  }),
]);
export type BaselineInput = z.infer<typeof baselineSchema>;

const windowSchema = z.union([z.literal("since_last_run"), lookback()]);

const monitorNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "Use letters, digits, '.', '_' and '-', starting with a letter or digit.");

export const createMonitorSchema = z.strictObject({
  endpoint: z.string().trim().min(1).max(64),
  deployment: z.string().trim().min(1).max(64),
  /** Defaults to "<endpoint>-<deployment>". */
  name: monitorNameSchema.optional(),
  description: z.string().max(2000).default(""),
  baseline: baselineSchema,
  window: windowSchema.default("P1D"),
  signals: signalsSchema.default(signalsSchema.parse({})),
  task: z.enum(["classification", "regression"]).optional(),
  minRows: z.number().int().min(1).max(1_000_000).default(30),
  /** Queue a first run at once (default). */
  runNow: z.boolean().default(true),
  /**
   * When it runs by itself: a schedule (cron, in a time zone) made with the monitor, daily at 03:15 UTC by
   * default as Azure ML's examples do; null for on demand only.
   */
  schedule: z
    .strictObject({
      cron: z.string().trim().min(1).max(200).default("15 3 * * *"),
      timeZone: z.string().trim().min(1).max(100).default("UTC"),
    })
    .nullable()
    .default({ cron: "15 3 * * *", timeZone: "UTC" }),
});
export type CreateMonitorInput = z.input<typeof createMonitorSchema>;

export const updateMonitorSchema = z.strictObject({
  description: z.string().max(2000).optional(),
  isEnabled: z.boolean().optional(),
  baseline: baselineSchema.optional(),
  window: windowSchema.optional(),
  signals: signalsSchema.optional(),
  task: z.enum(["classification", "regression"]).nullable().optional(),
  minRows: z.number().int().min(1).max(1_000_000).optional(),
});

export const runMonitorSchema = z.strictObject({
  /** The end of the production window (ISO 8601); now by default. */
  at: z.iso.datetime({ offset: true }).optional(),
});

export const monitorListQuerySchema = z.object({
  endpoint: z.string().max(64).optional(),
  deployment: z.string().max(64).optional(),
});

export type MonitorOutcome = "pass" | "alert" | "insufficient_data" | "failed";

export type MonitorDto = {
  id: string;
  name: string;
  description: string;
  endpoint: string;
  deployment: string;
  model: string;
  isEnabled: boolean;
  task: "classification" | "regression" | null;
  baseline:
    { kind: "data"; data: string; targetColumn: string | null } | { kind: "window"; window: string; offset: string };
  window: string;
  signals: Signals;
  minRows: number;
  featureNames: Record<string, string> | null;
  /** The schedule that runs it, if any (Schedules lists it too). */
  scheduleId: string | null;
  lastRun: { id: string; outcome: MonitorOutcome | null; status: string; at: string } | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
};

export type MonitorRunDto = {
  id: string;
  trigger: string;
  status: "queued" | "running" | "succeeded" | "failed";
  outcome: "pass" | "alert" | "insufficient_data" | null;
  window: { from: string; to: string };
  baselineWindow: { from: string; to: string } | null;
  productionRows: number;
  baselineRows: number;
  error: string | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  createdBy: string;
  /** Per signal: how many metrics breached, of how many measured. */
  signals: Record<string, { breached: number; measured: number; insufficient: number }>;
};

export type MonitorResultDto = {
  signal: "data_drift" | "prediction_drift" | "data_quality" | "model_performance";
  feature: string;
  featureType: string;
  metric: string;
  value: number | null;
  threshold: number | null;
  direction: "above" | "below";
  isBreached: boolean;
  status: "ok" | "insufficient_data" | "no_baseline_data" | "not_applicable";
  severity: number;
  details: MonitorResultDetails;
};

export type HistogramDetails =
  | { edges: number[]; baseline: number[]; production: number[] }
  | { categories: string[]; baseline: number[]; production: number[]; otherCount?: number };

export type MonitorResultDetails = {
  reason?: string;
  rows?: { baseline: number; production: number };
  thresholdKind?: "fixed" | "learned";
  summary?: {
    baseline: { mean: number; std: number; min: number; max: number; p50: number } | null;
    production: { mean: number; std: number; min: number; max: number; p50: number } | null;
  };
  histogram?: HistogramDetails;
  /** Data quality: the counts behind the rate. */
  counts?: { rows: number; nulls: number; typeErrors: number; outOfBounds: number };
  statistic?: number;
  /** Model performance: labelled rows found, and per class counts. */
  matched?: number;
  classes?: { label: string; support: number; predicted: number; correct: number }[];
};

export type MonitorRunDetailDto = MonitorRunDto & { monitor: string; results: MonitorResultDto[] };
