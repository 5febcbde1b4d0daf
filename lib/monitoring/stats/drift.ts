import { categoricalHistogram, numericalHistogram, type Histogram } from "@/lib/monitoring/stats/binning";
import { chiSquareDrift } from "@/lib/monitoring/stats/chisquare";
import { jensenShannonDistance, populationStabilityIndex } from "@/lib/monitoring/stats/divergence";
import { ks2samp } from "@/lib/monitoring/stats/ks";
import {
  DEFAULT_METRIC,
  DEFAULT_THRESHOLDS,
  METRICS_BY_KIND,
  autoMetric,
  directionOf,
  isBreached,
  type DriftMetric,
  type FeatureKind,
} from "@/lib/monitoring/stats/methods";
import { distinctCountOfBoth, summarize, type Summary } from "@/lib/monitoring/stats/sorted";
import { categoryCounts, kindOf, sortedFinite, type RawValue } from "@/lib/monitoring/stats/values";
import { normalizedWasserstein, wasserstein1 } from "@/lib/monitoring/stats/wasserstein";

// One feature's drift between a baseline and a production window: clean both sides (nulls, NaN and ±∞
// out), pick the metric, compute it with the shared histogram, and compare it with the threshold.
// A window too small to say anything is an explicit "insufficient_data" result with a reason, never a 0.

/** Rows a side needs after cleaning before a drift value is reported (the monitor's default minRows). */
export const DEFAULT_MIN_ROWS = 30;

export type DriftOptions = {
  /** Numerical or categorical; inferred from the baseline's values when absent. */
  kind?: FeatureKind;
  /** "default" is Azure's choice per kind, "auto" Evidently's choice by size; or a metric by name. */
  method?: "default" | "auto" | DriftMetric;
  threshold?: number;
  minRows?: number;
};

export type DriftStatus = "ok" | "insufficient_data" | "no_baseline_data" | "not_applicable";

export type DriftResult = {
  status: DriftStatus;
  kind: FeatureKind;
  method: DriftMetric;
  /** The value compared with the threshold (the p-value for KS and chi-squared); null unless "ok". */
  value: number | null;
  threshold: number;
  direction: "above" | "below";
  isDrifted: boolean;
  /** KS D or the chi-squared statistic. */
  statistic?: number;
  pValue?: number;
  /** Why there is no value ("not enough data (12 of 30 rows in production)"). */
  reason?: string;
  /** Counts on shared bins or categories, for the page's overlaid distributions. */
  histogram: Histogram | null;
  /** Values each side kept after cleaning. */
  rows: { baseline: number; production: number };
  /** Numerical features: both sides' moments and quantiles. */
  summary?: { baseline: Summary | null; production: Summary | null };
};

/** Numerical when every non-null baseline value is a number (±∞ included), else categorical. */
export function inferKind(values: ArrayLike<RawValue>): FeatureKind {
  let sawNumber = false;
  for (let i = 0; i < values.length; i++) {
    const kind = kindOf(values[i]);
    if (kind === "null") continue;
    if (kind !== "number" && kind !== "infinite") return "categorical";
    sawNumber = true;
  }
  return sawNumber ? "numerical" : "categorical";
}

/** The drift of one feature from raw values (JSON scalars, NaN and ±∞ allowed). */
export function driftOf(
  baseline: ArrayLike<RawValue>,
  production: ArrayLike<RawValue>,
  options: DriftOptions = {},
): DriftResult {
  const kind = options.kind ?? inferKind(baseline);
  if (kind === "numerical") return numericalDrift(sortedFinite(baseline), sortedFinite(production), options);
  return categoricalDrift(categoryCounts(baseline), categoryCounts(production), options);
}

function resolveMetric(kind: FeatureKind, options: DriftOptions, baselineRows: number, distinct: () => number) {
  const method = options.method ?? "default";
  const metric =
    method === "default"
      ? DEFAULT_METRIC[kind]
      : method === "auto"
        ? autoMetric(kind, baselineRows, distinct())
        : method;
  if (!METRICS_BY_KIND[kind].includes(metric)) throw new RangeError(`${metric} does not apply to ${kind} features`);
  return { metric, threshold: options.threshold ?? DEFAULT_THRESHOLDS[metric] };
}

/** The fields every result has, before the metric is known to be measurable. */
type Base = Pick<DriftResult, "kind" | "method" | "threshold" | "histogram" | "rows" | "summary">;

function measured(base: Base, value: number, test: Pick<DriftResult, "statistic" | "pValue"> = {}): DriftResult {
  const { method, threshold } = base;
  const isDrifted = isBreached(method, value, threshold);
  return { ...base, ...test, status: "ok", value, direction: directionOf(method), isDrifted };
}

function withoutValue(base: Base, status: Exclude<DriftStatus, "ok">, reason: string): DriftResult {
  return { ...base, status, value: null, isDrifted: false, direction: directionOf(base.method), reason };
}

/** Why a side is too small, or null when both have enough rows. */
function shortage(baselineRows: number, productionRows: number, minRows: number) {
  if (baselineRows === 0) return { status: "no_baseline_data" as const, reason: "the baseline has no values" };
  for (const [side, rows] of [
    ["baseline", baselineRows],
    ["production", productionRows],
  ] as const) {
    if (rows < minRows)
      return {
        status: "insufficient_data" as const,
        reason: `not enough data (${rows} of ${minRows} rows in ${side})`,
      };
  }
  return null;
}

/**
 * Drift of a numerical feature from its two sorted, finite samples (sortedFinite): the monitor run calls
 * this with its preallocated columns, so each side is sorted once and every metric reads the same arrays.
 */
export function numericalDrift(
  baseline: Float64Array,
  production: Float64Array,
  options: DriftOptions = {},
): DriftResult {
  const minRows = Math.max(1, options.minRows ?? DEFAULT_MIN_ROWS);
  const { metric, threshold } = resolveMetric("numerical", options, baseline.length, () =>
    distinctCountOfBoth(baseline, production, 5),
  );
  const rows = { baseline: baseline.length, production: production.length };
  const summary = { baseline: summarize(baseline), production: summarize(production) };
  const histogram = rows.baseline > 0 && rows.production > 0 ? numericalHistogram(baseline, production) : null;
  const base = { kind: "numerical" as const, method: metric, threshold, histogram, rows, summary };
  const short = shortage(rows.baseline, rows.production, minRows);
  if (short) return withoutValue(base, short.status, short.reason);

  switch (metric) {
    case "normalized_wasserstein_distance":
      return measured(base, normalizedWasserstein(wasserstein1(baseline, production), summary.baseline!.std));
    case "two_sample_kolmogorov_smirnov_test": {
      const { statistic, pValue } = ks2samp(baseline, production);
      return measured(base, pValue, { statistic, pValue });
    }
    default:
      return fromHistogram(base, histogram!);
  }
}

/** Drift of a categorical feature from its category counts (categoryCounts). */
export function categoricalDrift(
  baseline: ReadonlyMap<string, number>,
  production: ReadonlyMap<string, number>,
  options: DriftOptions = {},
): DriftResult {
  const minRows = Math.max(1, options.minRows ?? DEFAULT_MIN_ROWS);
  const rows = { baseline: total(baseline), production: total(production) };
  const { metric, threshold } = resolveMetric("categorical", options, rows.baseline, () => {
    const keys = new Set([...baseline.keys(), ...production.keys()]);
    return keys.size;
  });
  const histogram = categoricalHistogram(baseline, production);
  const base = { kind: "categorical" as const, method: metric, threshold, histogram, rows };
  const short = shortage(rows.baseline, rows.production, minRows);
  if (short) return withoutValue(base, short.status, short.reason);
  return fromHistogram(base, histogram);
}

function total(counts: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const count of counts.values()) sum += count;
  return sum;
}

/** The metrics that read the shared histogram: Jensen–Shannon, PSI and chi-squared. */
function fromHistogram(base: Base, histogram: Histogram): DriftResult {
  switch (base.method) {
    case "jensen_shannon_distance":
      return measured(base, jensenShannonDistance(histogram.baseline, histogram.production));
    case "population_stability_index":
      return measured(base, populationStabilityIndex(histogram.baseline, histogram.production));
    case "pearsons_chi_squared_test": {
      const { statistic, pValue } = chiSquareDrift(histogram.baseline, histogram.production);
      // One category leaves no degrees of freedom: SciPy answers NaN, which says nothing about drift.
      if (Number.isNaN(pValue))
        return withoutValue(base, "not_applicable", "a single category: chi-squared does not apply");
      return measured(base, pValue, { statistic, pValue });
    }
    default:
      throw new RangeError(`${base.method} is not computed from a histogram`);
  }
}
