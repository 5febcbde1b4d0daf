import { describe, expect, it } from "vitest";
import { kolmogornSf } from "@/lib/monitoring/stats/kolmogorov";
import { MAX_EXACT_N, ks2samp, ksStatistic, roundHalfEven } from "@/lib/monitoring/stats/ks";
import { smirnovSf } from "@/lib/monitoring/stats/smirnov";
import { isClose, numericalCases, num, relativeError, rows, scipy } from "@/tests/fixtures/monitoring/samples";

// Tolerances against scipy.stats.ks_2samp (method="auto"), scipy.stats.kstwo.sf and scipy.special.smirnov:
// - the statistic D: equal, to the last bit;
// - exact p-values: relative 1e-12 (measured: identical);
// - asymptotic p-values, kstwo.sf and smirnov: relative 1e-9 (measured: at most 2e-11, for smirnov at
//   n = 10^6; SciPy sums smirnov's terms in double-double, we sum them through logarithms in double).
const EXACT_REL = 1e-12;
const ASYMP_REL = 1e-9;

describe("ks2samp against SciPy", () => {
  it.each(numericalCases().map((c) => [c.fixture.name, c] as const))("%s", (_name, { fixture, a, b }) => {
    const result = ks2samp(a, b);
    const expected = fixture.ks;
    expect(result.method).toBe(expected.method);
    expect(result.statistic).toBe(num(expected.statistic));
    const rel = expected.method === "exact" ? EXACT_REL : ASYMP_REL;
    expect(
      isClose(result.pValue, num(expected.pvalue), rel),
      `p: ${relativeError(result.pValue, num(expected.pvalue))}`,
    ).toBe(true);
  });

  it("is exact up to 10 000 values per sample, as SciPy's MAX_AUTO_N", () => {
    expect(MAX_EXACT_N).toBe(10_000);
    const a = Float64Array.from({ length: 10_000 }, (_, i) => i);
    expect(
      ks2samp(
        a,
        a.map((x) => x + 1000.5),
      ).method,
    ).toBe("exact");
    expect(
      ks2samp(
        Float64Array.from({ length: 10_001 }, (_, i) => i),
        a,
      ).method,
    ).toBe("asymp");
  });

  it("falls back to the asymptotic p-value when the exact sum leaves [0, 1], with SciPy's answer", () => {
    // SciPy warns "Exact calculation unsuccessful" here: _compute_prob_outside_square(10000, 1) = 1 + 2e-16.
    const a = Float64Array.from({ length: 10_000 }, (_, i) => i);
    expect(
      ks2samp(
        a,
        a.map((x) => x + 0.5),
      ),
    ).toEqual({ statistic: 0.0001, pValue: 1, method: "asymp" });
  });

  it("gives D = 0 and p = 1 for identical samples, D = 1 for disjoint ones", () => {
    const a = Float64Array.of(1, 2, 3, 4);
    expect(ks2samp(a, a.slice())).toEqual({ statistic: 0, pValue: 1, method: "exact" });
    expect(ksStatistic(a, Float64Array.of(10, 11))).toBe(1);
  });

  it("refuses an empty sample, as SciPy does", () => {
    expect(() => ks2samp(new Float64Array(0), Float64Array.of(1))).toThrow("must not be empty");
  });

  it("rounds halves to even like np.round", () => {
    expect([0.5, 1.5, 2.5, -0.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, -0, 2, 3]);
  });
});

describe("kstwo.sf (the asymptotic p-value) against SciPy", () => {
  // Every branch of _kolmogn: Ruben-Gambino ends, Durbin matrix, Pomeranz, Pelz-Good and 2·smirnov.
  it("matches on a grid of n from 1 to 2 000 000", () => {
    const misses = rows(scipy.kstwo_sf, "n")
      .map(({ arg, x, value }) => ({ n: arg, x, value, actual: kolmogornSf(arg, x) }))
      .filter((r) => !isClose(r.actual, r.value, ASYMP_REL, 1e-300));
    expect(misses).toEqual([]);
  });

  it("is 1 at and below 1/(2n), 0 at 1", () => {
    expect(kolmogornSf(100, 0.005)).toBe(1);
    expect(kolmogornSf(100, 1)).toBe(0);
    expect(kolmogornSf(100, 0)).toBe(1);
  });
});

describe("smirnov (one-sided) against scipy.special.smirnov", () => {
  it("matches on a grid of n from 2 to 1 000 001", () => {
    const misses = rows(scipy.smirnov, "n")
      .map(({ arg, x, value }) => ({ n: arg, x, value, actual: smirnovSf(arg, x) }))
      .filter((r) => !isClose(r.actual, r.value, ASYMP_REL, 1e-300));
    expect(misses).toEqual([]);
  });
});
