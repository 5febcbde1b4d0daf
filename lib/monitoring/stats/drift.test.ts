import { describe, expect, it } from "vitest";
import { DEFAULT_MIN_ROWS, driftOf, inferKind, numericalDrift } from "@/lib/monitoring/stats/drift";
import { sortedFinite } from "@/lib/monitoring/stats/values";
import { categoricalCases, num, numericalCases } from "@/tests/fixtures/monitoring/samples";

const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

describe("driftOf: the metric, its threshold and the verdict", () => {
  const shifted = numericalCases().find((c) => c.fixture.name.startsWith("normal 500 vs 500"))!;

  it("uses normalized Wasserstein at 0.1 by default for numbers and flags a 0.65 sd shift", () => {
    const result = driftOf(Array.from(shifted.rawA), Array.from(shifted.rawB));
    expect(result).toMatchObject({
      status: "ok",
      kind: "numerical",
      method: "normalized_wasserstein_distance",
      threshold: 0.1,
      direction: "above",
      isDrifted: true,
      rows: { baseline: 500, production: 500 },
    });
    expect(result.value).toBeCloseTo(num(shifted.fixture.normalized_wasserstein), 12);
    expect(result.histogram).toMatchObject({ baseline: shifted.fixture.binning.counts_a });
    expect(result.summary?.baseline?.std).toBeCloseTo(num(shifted.fixture.std_a), 12);
  });

  it("reports KS and chi-squared with their p-value as the value, drifted below 0.05", () => {
    const ks = numericalDrift(shifted.a, shifted.b, { method: "two_sample_kolmogorov_smirnov_test" });
    expect(ks).toMatchObject({ value: ks.pValue, statistic: num(shifted.fixture.ks.statistic), direction: "below" });
    expect(ks.isDrifted).toBe(true);
    expect(ks.pValue).toBeCloseTo(num(shifted.fixture.ks.pvalue), 25);
  });

  it("chooses by sample size with method auto, as Evidently", () => {
    expect(numericalDrift(shifted.a, shifted.b, { method: "auto" }).method).toBe("two_sample_kolmogorov_smirnov_test");
    const large = numericalCases().find((c) => c.fixture.name.startsWith("skewed"))!;
    expect(numericalDrift(large.a, large.b, { method: "auto" }).method).toBe("normalized_wasserstein_distance");
    const fewValues = numericalCases().find((c) => c.fixture.name.startsWith("integers 0-4"))!;
    const chi = numericalDrift(fewValues.a, fewValues.b, { method: "auto" });
    expect(chi).toMatchObject({
      method: "pearsons_chi_squared_test",
      pValue: num(fewValues.fixture.chisquare!.pvalue),
    });
  });

  it("takes a threshold per call", () => {
    const result = numericalDrift(shifted.a, shifted.b, { threshold: 0.9 });
    expect(result).toMatchObject({ threshold: 0.9, isDrifted: false });
  });

  it("refuses a metric that does not apply to the kind", () => {
    expect(() => driftOf(["a"], ["b"], { method: "normalized_wasserstein_distance" })).toThrow("does not apply");
  });
});

describe("driftOf: categorical features", () => {
  const cases = categoricalCases();

  it("uses Jensen–Shannon at 0.1 by default", () => {
    const { fixture, a, b } = cases.find((c) => c.fixture.name.startsWith("three colours"))!;
    const result = driftOf(a, b);
    expect(result).toMatchObject({
      kind: "categorical",
      method: "jensen_shannon_distance",
      threshold: 0.1,
      isDrifted: true,
    });
    expect(result.value).toBeCloseTo(num(fixture.jensen_shannon), 14);
  });

  it("counts a category only in production in JS and PSI, and chi-squared gives p = 0", () => {
    const { fixture, a, b } = cases.find((c) => c.fixture.name === "a category only in production")!;
    expect(driftOf(a, b).histogram).toEqual({
      categories: fixture.categories,
      baseline: fixture.counts_a,
      production: fixture.counts_b,
    });
    expect(fixture.categories?.at(-1)).toBe("d");
    expect(driftOf(a, b, { method: "population_stability_index" }).value).toBeCloseTo(num(fixture.psi), 12);
    expect(driftOf(a, b, { method: "pearsons_chi_squared_test" })).toMatchObject({
      statistic: Infinity,
      value: 0,
      isDrifted: true,
    });
  });

  it("calls chi-squared on a single category not applicable rather than a number", () => {
    const result = driftOf(Array(100).fill("x"), Array(50).fill("x"), { method: "pearsons_chi_squared_test" });
    expect(result).toMatchObject({ status: "not_applicable", value: null, isDrifted: false });
    expect(driftOf(Array(100).fill("x"), Array(50).fill("x")).value).toBe(0);
  });
});

describe("driftOf: edge cases", () => {
  it("gives a constant feature the 0.001 norm floor: unchanged is 0, any shift is large", () => {
    expect(driftOf(Array(200).fill(5), Array(300).fill(5))).toMatchObject({ status: "ok", value: 0, isDrifted: false });
    const moved = driftOf(Array(200).fill(5), Array(300).fill(5.1));
    expect(moved.value).toBeCloseTo(100, 9);
    expect(moved.histogram).toEqual({ categories: [5, 5.1], baseline: [200, 0], production: [0, 300] });
  });

  it("reports an all-null baseline column as having no baseline data", () => {
    const result = driftOf(
      [null, NaN, "", undefined],
      range(50, (i) => i),
      { kind: "numerical" },
    );
    expect(result).toMatchObject({ status: "no_baseline_data", value: null, isDrifted: false, histogram: null });
    expect(driftOf([null, null], ["a", "b"])).toMatchObject({ status: "no_baseline_data", kind: "categorical" });
  });

  it("reports an empty or too small window as not enough data, never as 0", () => {
    const baseline = range(100, (i) => i);
    expect(driftOf(baseline, [])).toMatchObject({
      status: "insufficient_data",
      value: null,
      isDrifted: false,
      reason: "not enough data (0 of 30 rows in production)",
    });
    expect(DEFAULT_MIN_ROWS).toBe(30);
    const small = driftOf(
      baseline,
      range(12, (i) => i),
    );
    expect(small).toMatchObject({
      status: "insufficient_data",
      reason: "not enough data (12 of 30 rows in production)",
    });
    expect(small.histogram).not.toBeNull();
    expect(
      driftOf(
        range(10, (i) => i),
        baseline,
      ).reason,
    ).toBe("not enough data (10 of 30 rows in baseline)");
    expect(
      driftOf(
        baseline,
        range(12, (i) => i),
        { minRows: 10 },
      ).status,
    ).toBe("ok");
  });

  it("leaves NaN, ±Infinity and nulls out of the test (the data-quality signal counts them)", () => {
    const baseline = range(100, (i) => i / 10);
    const production = range(100, (i) => i / 10 + 0.5);
    const noisy = [...production, NaN, Infinity, -Infinity, null, "Infinity", "oops"];
    const clean = driftOf(baseline, production);
    const dirty = driftOf([...baseline, NaN, null], noisy);
    expect(dirty).toEqual(clean);
    expect(dirty.rows).toEqual({ baseline: 100, production: 100 });
  });

  it("infers the kind from the baseline: numbers (±∞ included) are numerical, anything else categorical", () => {
    expect(inferKind([1, 2, null, Infinity])).toBe("numerical");
    expect(inferKind([1, "2"])).toBe("categorical");
    expect(inferKind([true, false])).toBe("categorical");
  });

  it("sorts nothing it is given already sorted: numericalDrift reads the arrays as they are", () => {
    const a = sortedFinite(range(100, (i) => (i * 7919) % 100));
    expect(numericalDrift(a, a).value).toBe(0);
  });
});
