import type { DriftSignal, HistogramDetails, MonitorResultDto, Signals } from "@/lib/schemas/monitors";
import { isBinned, type Histogram } from "@/lib/monitoring/stats/binning";
import {
  categoricalDrift,
  driftOf,
  numericalDrift,
  type DriftOptions,
  type DriftResult,
} from "@/lib/monitoring/stats/drift";
import { chunkRanges, learnedThreshold } from "@/lib/monitoring/stats/learned-threshold";
import { isPValueMetric, type DriftMetric, type FeatureKind } from "@/lib/monitoring/stats/methods";
import type { QualityBaseline } from "@/lib/monitoring/stats/quality";
import type { Summary } from "@/lib/monitoring/stats/sorted";
import type { RawValue } from "@/lib/monitoring/stats/values";
import type { ColumnSink } from "@/lib/monitoring/window-columns";
import type { PerformanceResult } from "@/lib/monitoring/performance";

// A monitor run's signals from its two windows (design note C4): per feature the drift metric against its
// threshold (fixed, or learned from the baseline's own chunks), and the three data-quality rates. Every
// result has a status, so "not enough data" is said rather than shown as a zero, and a severity that sorts
// the worst breaches first.

/** A result as the API answers it, its feature's kind known. */
export type ResultRow = MonitorResultDto & { featureType: FeatureKind | "" };
export type SignalName = ResultRow["signal"];

/** One baseline column: its values in row order (for learned thresholds), and what quality compares with. */
export type BaselineFeature = {
  name: string;
  kind: FeatureKind;
  values: ArrayLike<RawValue>;
  quality: QualityBaseline;
  /** Sorted finite values (numerical), computed once per run. */
  sorted?: Float64Array;
  counts?: Map<string, number>;
};

const TOP_CATEGORIES = 30;

/** How far past its threshold a value is, relative to the threshold; negative while within it. */
export function severityOf(metric: string, value: number, threshold: number, direction: "above" | "below"): number {
  if (isPValueMetric(metric as DriftMetric)) {
    const p = Math.max(value, 1e-300);
    return Math.log10(threshold) === 0 ? 0 : Math.log10(p) / Math.log10(threshold) - 1;
  }
  const scale = Math.max(Math.abs(threshold), 1e-9);
  return direction === "above" ? (value - threshold) / scale : (threshold - value) / scale;
}

const round = (summary: Summary | null) =>
  summary ? { mean: summary.mean, std: summary.std, min: summary.min, max: summary.max, p50: summary.p50 } : null;

/** The histogram as the page draws it: categories beyond the top 30 (by both sides) summed as "other". */
function histogramDetails(histogram: Histogram | null): HistogramDetails | undefined {
  if (!histogram) return undefined;
  if (isBinned(histogram))
    return { edges: histogram.edges, baseline: histogram.baseline, production: histogram.production };
  const order = histogram.categories
    .map((c, i) => ({ c: String(c), b: histogram.baseline[i], p: histogram.production[i] }))
    .sort((a, b) => b.b + b.p - (a.b + a.p));
  const top = order.slice(0, TOP_CATEGORIES);
  const rest = order.slice(TOP_CATEGORIES);
  return {
    categories: top.map((t) => t.c),
    baseline: top.map((t) => t.b),
    production: top.map((t) => t.p),
    ...(rest.length ? { otherCount: rest.length } : {}),
  };
}

function optionsFor(config: DriftSignal, feature: string, minRows: number): DriftOptions {
  const own = config.perFeature[feature];
  const method = own?.method ?? config.method;
  return { method, minRows, threshold: own?.threshold };
}

/** NannyML's learned threshold: each tenth of the baseline, in row order, against the whole baseline. */
function learned(feature: BaselineFeature, metric: DriftMetric, options: DriftOptions): number | null {
  const values = chunkRanges(feature.values.length).map(([start, end]) => {
    const { values } = feature;
    const chunk =
      values instanceof Float64Array ? values.subarray(start, end) : Array.prototype.slice.call(values, start, end);
    // As NannyML does: the whole baseline is the reference, each chunk the analysed data.
    const result = driftOf(values, chunk, {
      ...options,
      method: metric,
      kind: feature.kind,
      minRows: 1,
    });
    return result.value ?? NaN;
  });
  const direction = isPValueMetric(metric) ? "below" : "above";
  const upper = metric === "jensen_shannon_distance" || isPValueMetric(metric) ? 1 : undefined;
  return learnedThreshold(values, { direction, limits: { lower: 0, upper } });
}

function driftRow(
  signal: SignalName,
  feature: BaselineFeature,
  result: DriftResult,
  thresholdKind: "fixed" | "learned",
): ResultRow {
  const ok = result.status === "ok" && result.value !== null;
  return {
    signal,
    feature: feature.name,
    featureType: feature.kind,
    metric: result.method,
    value: ok ? result.value : null,
    threshold: result.threshold,
    direction: result.direction,
    isBreached: ok && result.isDrifted,
    status: result.status,
    severity: ok ? severityOf(result.method, result.value!, result.threshold, result.direction) : -1e6,
    details: {
      ...(result.reason ? { reason: result.reason } : {}),
      rows: result.rows,
      thresholdKind,
      ...(result.summary
        ? { summary: { baseline: round(result.summary.baseline), production: round(result.summary.production) } }
        : {}),
      histogram: histogramDetails(result.histogram),
      ...(result.statistic !== undefined ? { statistic: result.statistic } : {}),
    },
  };
}

/** One sorting buffer for every column of a window, sized for the largest. */
export function sortScratch(production: ReadonlyMap<string, ColumnSink>): Uint32Array {
  let largest = 0;
  for (const sink of production.values()) largest = Math.max(largest, sink.count);
  return new Uint32Array(2 * largest);
}

/** Drift of every baseline feature the signal covers against its production column. */
export function evaluateDrift(
  signal: "data_drift" | "prediction_drift",
  config: DriftSignal,
  baseline: readonly BaselineFeature[],
  production: ReadonlyMap<string, ColumnSink>,
  minRows: number,
  scratch = sortScratch(production),
): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const feature of baseline) {
    if (config.features && !config.features.includes(feature.name)) continue;
    const sink = production.get(feature.name);
    if (!sink) continue;
    const options = optionsFor(config, feature.name, minRows);
    let result =
      feature.kind === "numerical"
        ? numericalDrift(feature.sorted!, sink.sorted(scratch), options)
        : categoricalDrift(feature.counts!, sink.counts, options);
    let thresholdKind: "fixed" | "learned" = "fixed";
    if (config.learnedThreshold && options.threshold === undefined) {
      const threshold = learned(feature, result.method, options);
      if (threshold !== null && result.value !== null) {
        thresholdKind = "learned";
        const isDrifted = result.direction === "above" ? result.value > threshold : result.value < threshold;
        result = { ...result, threshold, isDrifted };
      }
    } else if (options.threshold === undefined && config.thresholds[result.method] !== undefined) {
      const threshold = config.thresholds[result.method]!;
      const isDrifted =
        result.value !== null && (result.direction === "above" ? result.value > threshold : result.value < threshold);
      result = { ...result, threshold, isDrifted };
    }
    rows.push(driftRow(signal, feature, result, thresholdKind));
  }
  return rows;
}

const QUALITY_METRICS = ["null_value_rate", "data_type_error_rate", "out_of_bounds_rate"] as const;

/** Null, type-error and out-of-bounds rates of every input column the baseline has. */
export function evaluateQuality(
  config: Signals["dataQuality"],
  baseline: readonly BaselineFeature[],
  production: ReadonlyMap<string, ColumnSink>,
): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const feature of baseline) {
    const sink = production.get(feature.name);
    if (!sink?.quality) continue;
    const quality = sink.quality.result();
    for (const metric of QUALITY_METRICS) {
      const threshold = config.thresholds[metric];
      const base = {
        signal: "data_quality" as const,
        feature: feature.name,
        featureType: feature.kind,
        metric,
        threshold,
        direction: "above" as const,
      };
      if (quality.status !== "ok") {
        rows.push({
          ...base,
          value: null,
          isBreached: false,
          status: "insufficient_data",
          severity: -1e6,
          details: { reason: quality.reason },
        });
        continue;
      }
      const value =
        metric === "null_value_rate"
          ? quality.nullRate
          : metric === "data_type_error_rate"
            ? quality.typeErrorRate
            : quality.outOfBoundsRate;
      const counts = {
        rows: quality.rows,
        nulls: quality.nulls,
        typeErrors: quality.typeErrors,
        outOfBounds: quality.outOfBounds,
      };
      if (value === null) {
        const reason =
          metric === "out_of_bounds_rate"
            ? "the baseline gives no bounds for this column"
            : "the baseline has no values to infer a type from";
        rows.push({
          ...base,
          value: null,
          isBreached: false,
          status: "not_applicable",
          severity: -1e6,
          details: { reason, counts },
        });
        continue;
      }
      rows.push({
        ...base,
        value,
        isBreached: value > threshold,
        status: "ok",
        severity: severityOf(metric, value, threshold, "above"),
        details: { counts },
      });
    }
  }
  return rows;
}

const SIGNAL_ORDER: Record<string, number> = {
  model_performance: 0,
  data_drift: 1,
  prediction_drift: 2,
  data_quality: 3,
};

/** Accuracy, precision and recall (below the threshold breaches), or MAE and RMSE (above). */
export function evaluatePerformance(
  config: Signals["modelPerformance"],
  result: PerformanceResult,
  minRows: number,
): ResultRow[] {
  const metrics =
    result.task === "classification" ? (["accuracy", "precision", "recall"] as const) : (["mae", "rmse"] as const);
  return metrics.map((metric) => {
    const threshold = config.thresholds[metric] ?? null;
    const direction = result.task === "classification" ? ("below" as const) : ("above" as const);
    const base = {
      signal: "model_performance" as const,
      feature: "",
      featureType: "" as const,
      metric,
      threshold,
      direction,
    };
    if (result.matched < minRows)
      return {
        ...base,
        value: null,
        isBreached: false,
        status: "insufficient_data" as const,
        severity: -1e6,
        details: { reason: `not enough labelled rows (${result.matched} of ${minRows})`, matched: result.matched },
      };
    const value = result[metric]!;
    const isBreached = threshold !== null && (direction === "below" ? value < threshold : value > threshold);
    return {
      ...base,
      value,
      isBreached,
      status: "ok" as const,
      severity: threshold === null ? -1 : severityOf(metric, value, threshold, direction),
      details: { matched: result.matched, ...(result.classes ? { classes: result.classes } : {}) },
    };
  });
}

/**
 * How results are listed: breaches first, then by signal (drift before quality, whose rates have no common
 * scale with distances), then the furthest past (or closest to) its threshold first.
 */
type Ranked = { isBreached: boolean; signal: string; severity: number };

export function compareResults(a: Ranked, b: Ranked): number {
  return (
    Number(b.isBreached) - Number(a.isBreached) ||
    (SIGNAL_ORDER[a.signal] ?? 9) - (SIGNAL_ORDER[b.signal] ?? 9) ||
    b.severity - a.severity
  );
}

/** A run's outcome: alert when anything breached, insufficient data when nothing could be measured. */
export function outcomeOf(rows: readonly ResultRow[]): "pass" | "alert" | "insufficient_data" {
  if (rows.some((r) => r.isBreached)) return "alert";
  if (!rows.some((r) => r.status === "ok")) return "insufficient_data";
  return "pass";
}
