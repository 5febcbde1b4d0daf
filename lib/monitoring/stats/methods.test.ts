import { describe, expect, it } from "vitest";
import {
  DEFAULT_METRIC,
  DEFAULT_THRESHOLDS,
  METRICS_BY_KIND,
  autoMetric,
  directionOf,
  isBreached,
} from "@/lib/monitoring/stats/methods";

describe("default metrics and thresholds", () => {
  it("takes Azure's defaults per kind: normalized Wasserstein 0.1 for numbers, Jensen–Shannon 0.1 for categories", () => {
    expect(DEFAULT_METRIC).toEqual({
      numerical: "normalized_wasserstein_distance",
      categorical: "jensen_shannon_distance",
    });
    expect(DEFAULT_THRESHOLDS.normalized_wasserstein_distance).toBe(0.1);
    expect(DEFAULT_THRESHOLDS.jensen_shannon_distance).toBe(0.1);
  });

  it("takes Evidently's for the rest: PSI 0.1, tests at p < 0.05", () => {
    expect(DEFAULT_THRESHOLDS.population_stability_index).toBe(0.1);
    expect(DEFAULT_THRESHOLDS.two_sample_kolmogorov_smirnov_test).toBe(0.05);
    expect(DEFAULT_THRESHOLDS.pearsons_chi_squared_test).toBe(0.05);
  });

  it("offers categorical features no Wasserstein and no KS", () => {
    expect(METRICS_BY_KIND.categorical).not.toContain("normalized_wasserstein_distance");
    expect(METRICS_BY_KIND.categorical).not.toContain("two_sample_kolmogorov_smirnov_test");
  });
});

describe("autoMetric (Evidently's _get_default_stattest)", () => {
  it.each([
    // kind, baseline rows, distinct values in both samples, metric
    ["numerical", 150, 100, "two_sample_kolmogorov_smirnov_test"],
    ["numerical", 1000, 6, "two_sample_kolmogorov_smirnov_test"],
    ["numerical", 1000, 5, "pearsons_chi_squared_test"],
    ["numerical", 1000, 2, "pearsons_chi_squared_test"],
    ["numerical", 1001, 6, "normalized_wasserstein_distance"],
    ["numerical", 100_000, 5, "jensen_shannon_distance"],
    ["categorical", 1000, 40, "pearsons_chi_squared_test"],
    ["categorical", 1000, 2, "pearsons_chi_squared_test"],
    ["categorical", 1001, 2, "jensen_shannon_distance"],
  ] as const)("%s, %i baseline rows, %i values → %s", (kind, rows, distinct, metric) => {
    expect(autoMetric(kind, rows, distinct)).toBe(metric);
  });
});

describe("isBreached", () => {
  it("breaches a distance strictly above its threshold, so a threshold of 0 means any change", () => {
    expect(isBreached("jensen_shannon_distance", 0.1, 0.1)).toBe(false);
    expect(isBreached("jensen_shannon_distance", 0.1000001, 0.1)).toBe(true);
    expect(isBreached("population_stability_index", 0, 0)).toBe(false);
    expect(directionOf("normalized_wasserstein_distance")).toBe("above");
  });

  it("breaches a p-value strictly below its threshold", () => {
    expect(isBreached("two_sample_kolmogorov_smirnov_test", 0.05, 0.05)).toBe(false);
    expect(isBreached("pearsons_chi_squared_test", 0.049, 0.05)).toBe(true);
    expect(directionOf("pearsons_chi_squared_test")).toBe("below");
  });
});
