// Which drift metric a feature gets, its default threshold, and when a value breaches it. Metric names
// are Azure ML's (reference-yaml-monitor.md), so monitor definitions read the same as Azure's.

export type FeatureKind = "numerical" | "categorical";

export const DRIFT_METRICS = [
  "normalized_wasserstein_distance",
  "jensen_shannon_distance",
  "population_stability_index",
  "two_sample_kolmogorov_smirnov_test",
  "pearsons_chi_squared_test",
] as const;
export type DriftMetric = (typeof DRIFT_METRICS)[number];

/** What each kind of feature can be measured with (Azure ML's allowed metric names). */
export const METRICS_BY_KIND: Record<FeatureKind, readonly DriftMetric[]> = {
  numerical: [
    "normalized_wasserstein_distance",
    "jensen_shannon_distance",
    "population_stability_index",
    "two_sample_kolmogorov_smirnov_test",
    // Only through "auto", for numbers with at most five distinct values (Evidently does the same).
    "pearsons_chi_squared_test",
  ],
  categorical: ["jensen_shannon_distance", "population_stability_index", "pearsons_chi_squared_test"],
};

/**
 * Default thresholds. Distances: Azure ML's defaults (NumericalDriftMetrics/CategoricalDriftMetrics
 * ._get_default_thresholds in azure-ai-ml's _monitoring/thresholds.py: normalized Wasserstein 0.1,
 * Jensen–Shannon 0.1) and Evidently's (wasserstein, jensenshannon and psi StatTests: default_threshold
 * 0.1). Tests: Evidently's StatTest.default_threshold, p-value 0.05 (registry.py).
 */
export const DEFAULT_THRESHOLDS: Record<DriftMetric, number> = {
  normalized_wasserstein_distance: 0.1,
  jensen_shannon_distance: 0.1,
  population_stability_index: 0.1,
  two_sample_kolmogorov_smirnov_test: 0.05,
  pearsons_chi_squared_test: 0.05,
};

/** Azure ML's defaults per kind: normalized Wasserstein for numbers, Jensen–Shannon for categories. */
export const DEFAULT_METRIC: Record<FeatureKind, DriftMetric> = {
  numerical: "normalized_wasserstein_distance",
  categorical: "jensen_shannon_distance",
};

/** Evidently chooses a test below this many baseline rows, a distance above. */
export const AUTO_TEST_MAX_BASELINE_ROWS = 1000;
/** Numerical features with at most this many distinct values (both samples) are treated by value. */
export const AUTO_FEW_VALUES = 5;

export function isPValueMetric(metric: DriftMetric): boolean {
  return metric === "two_sample_kolmogorov_smirnov_test" || metric === "pearsons_chi_squared_test";
}

/** "above": drift when the value exceeds the threshold; "below": when a p-value falls under it. */
export function directionOf(metric: DriftMetric): "above" | "below" {
  return isPValueMetric(metric) ? "below" : "above";
}

/**
 * Strict in both directions: a distance breaches when it exceeds the threshold (Azure's wording, and a
 * threshold of 0 then means "any change"), a p-value when it is below it. Evidently uses ≥ for distances
 * and ≤ for KS; the difference only shows at exact equality.
 */
export function isBreached(metric: DriftMetric, value: number, threshold: number): boolean {
  return directionOf(metric) === "below" ? value < threshold : value > threshold;
}

/**
 * Evidently's _get_default_stattest (stattests/registry.py), given the baseline's size after cleaning and
 * the number of distinct values in both samples together:
 *   baseline ≤ 1000 rows: numerical with > 5 values → KS; otherwise → chi-squared;
 *   baseline > 1000 rows: numerical with > 5 values → normalized Wasserstein; otherwise → Jensen–Shannon.
 * For two values or fewer in a small baseline Evidently takes a pooled two-proportion z-test, which is
 * not among Azure's metrics; we use chi-squared there too. It is a goodness-of-fit test against the
 * baseline's shares taken as exact, so with a small baseline it flags a little more often than the
 * z-test, which also allows for the baseline's own sampling noise.
 */
export function autoMetric(kind: FeatureKind, baselineRows: number, distinctValues: number): DriftMetric {
  const isFewValues = kind === "categorical" || distinctValues <= AUTO_FEW_VALUES;
  if (baselineRows <= AUTO_TEST_MAX_BASELINE_ROWS)
    return isFewValues ? "pearsons_chi_squared_test" : "two_sample_kolmogorov_smirnov_test";
  return isFewValues ? "jensen_shannon_distance" : "normalized_wasserstein_distance";
}
