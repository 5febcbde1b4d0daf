import { describe, expect, it } from "vitest";
import { categoricalHistogram } from "@/lib/monitoring/stats/binning";
import { chiSquare, chiSquareDrift, chiSquaredSf } from "@/lib/monitoring/stats/chisquare";
import { igamc } from "@/lib/monitoring/stats/special/igamc";
import { categoryCounts } from "@/lib/monitoring/stats/values";
import {
  categoricalCases,
  isClose,
  num,
  numericalCases,
  relativeError,
  rows,
  scipy,
} from "@/tests/fixtures/monitoring/samples";

// Tolerances against scipy.stats.chisquare and scipy.special.gammaincc: statistic relative 1e-12
// (measured 2e-16), p-value and igamc relative 1e-11 (measured at most 1.2e-13, in the continued
// fraction at a = 99.5, x = 199; Cephes itself quotes a peak relative error of 1e-13 to 1e-14).
const STAT_REL = 1e-12;
const P_REL = 1e-11;

describe("igamc (regularized upper incomplete gamma) against scipy.special.gammaincc", () => {
  it("matches on a grid covering the series, the continued fraction and Temme's expansion", () => {
    const misses = rows(scipy.igamc, "a")
      .map(({ arg, x, value }) => ({ a: arg, x, value, actual: igamc(arg, x) }))
      .filter((r) => !isClose(r.actual, r.value, P_REL, 1e-300));
    expect(misses).toEqual([]);
  });

  it("is 1 at x = 0, 0 at infinity, NaN outside its domain", () => {
    expect(igamc(2, 0)).toBe(1);
    expect(igamc(2, Infinity)).toBe(0);
    expect(igamc(0, 1)).toBeNaN();
    expect(igamc(1, -1)).toBeNaN();
  });
});

describe("chiSquare with scipy.stats.chisquare semantics", () => {
  it.each(scipy.chisquare.map((c) => [JSON.stringify(c.observed), c] as const))("%s", (_name, c) => {
    const result = chiSquare(c.observed, c.expected);
    expect(isClose(result.statistic, num(c.statistic), STAT_REL)).toBe(true);
    expect(isClose(result.pValue, num(c.pvalue), P_REL), `p: ${relativeError(result.pValue, num(c.pvalue))}`).toBe(
      true,
    );
  });

  it("refuses totals that disagree, as SciPy ≥ 1.9 does", () => {
    expect(() => chiSquare([10, 20], [10, 21])).toThrow("must agree");
  });

  it("gives chi2.sf its edge values", () => {
    expect(chiSquaredSf(0, 3)).toBe(1);
    expect(chiSquaredSf(Infinity, 3)).toBe(0);
    expect(chiSquaredSf(5, 0)).toBeNaN();
  });
});

describe("chiSquareDrift (Evidently's expected frequencies) against SciPy", () => {
  it.each(categoricalCases().map((c) => [c.fixture.name, c] as const))("%s", (_name, { fixture, a, b }) => {
    const histogram = categoricalHistogram(categoryCounts(a), categoryCounts(b));
    const result = chiSquareDrift(histogram.baseline, histogram.production);
    const expected = fixture.chisquare;
    expect(isClose(result.statistic, num(expected.statistic), STAT_REL)).toBe(true);
    expect(
      isClose(result.pValue, num(expected.pvalue), P_REL),
      `p: ${relativeError(result.pValue, num(expected.pvalue))}`,
    ).toBe(true);
  });

  it.each(
    numericalCases()
      .filter((c) => c.fixture.chisquare)
      .map((c) => [c.fixture.name, c] as const),
  )("numbers by value: %s", (_name, { fixture }) => {
    const result = chiSquareDrift(fixture.binning.counts_a, fixture.binning.counts_b);
    expect(isClose(result.pValue, num(fixture.chisquare!.pvalue), P_REL)).toBe(true);
  });

  it("gives p = 0 for a category only in production, NaN for a single category", () => {
    expect(chiSquareDrift([50, 50, 0], [40, 40, 20])).toMatchObject({ statistic: Infinity, pValue: 0 });
    expect(chiSquareDrift([100], [50]).pValue).toBeNaN();
  });
});
