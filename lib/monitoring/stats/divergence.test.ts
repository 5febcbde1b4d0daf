import { describe, expect, it } from "vitest";
import { categoricalHistogram, numericalHistogram } from "@/lib/monitoring/stats/binning";
import {
  PSI_EMPTY_SHARE,
  jensenShannonDistance,
  populationStabilityIndex,
  sharesWithEmptyFilled,
} from "@/lib/monitoring/stats/divergence";
import { categoryCounts } from "@/lib/monitoring/stats/values";
import {
  categoricalCases,
  isClose,
  num,
  numericalCases,
  relativeError,
  scipy,
} from "@/tests/fixtures/monitoring/samples";

// Tolerance against scipy.spatial.distance.jensenshannon(p, q, 2) and Evidently's PSI (recomputed with
// NumPy): relative 1e-12, absolute 1e-15 near 0. Measured: at most 1.1e-13 (Jensen–Shannon of nearly equal
// histograms, where the two Kullback–Leibler sums cancel), PSI at most 2e-16.
const REL = 1e-12;
const ABS = 1e-15;

function expectClose(actual: number, expected: number | string, what: string) {
  const e = num(expected);
  expect(isClose(actual, e, REL, ABS), `${what}: ${actual} vs ${e} (${relativeError(actual, e)})`).toBe(true);
}

describe("Jensen–Shannon distance and PSI of numerical features", () => {
  it.each(numericalCases().map((c) => [c.fixture.name, c] as const))("%s", (_name, { fixture, a, b }) => {
    const histogram = numericalHistogram(a, b);
    expectClose(jensenShannonDistance(histogram.baseline, histogram.production), fixture.jensen_shannon, "JS");
    expectClose(populationStabilityIndex(histogram.baseline, histogram.production), fixture.psi, "PSI");
  });
});

describe("Jensen–Shannon distance and PSI of categorical features", () => {
  it.each(categoricalCases().map((c) => [c.fixture.name, c] as const))("%s", (_name, { fixture, a, b }) => {
    const histogram = categoricalHistogram(categoryCounts(a), categoryCounts(b));
    if (fixture.categories) {
      expect(histogram.categories).toEqual(fixture.categories);
      expect(histogram.baseline).toEqual(fixture.counts_a);
      expect(histogram.production).toEqual(fixture.counts_b);
    }
    expectClose(jensenShannonDistance(histogram.baseline, histogram.production), fixture.jensen_shannon, "JS");
    expectClose(populationStabilityIndex(histogram.baseline, histogram.production), fixture.psi, "PSI");
  });
});

describe("jensenShannonDistance", () => {
  it.each(scipy.jensenshannon.map((c) => [`${c.p} | ${c.q}`, c] as const))("%s", (_name, c) => {
    expectClose(jensenShannonDistance(c.p, c.q), c.value, "JS");
  });

  it("is 1 for disjoint histograms and 0 for proportional ones (base 2)", () => {
    expect(jensenShannonDistance([5, 0], [0, 7])).toBe(1);
    expect(jensenShannonDistance([1, 2, 3], [10, 20, 30])).toBeCloseTo(0, 15);
  });
});

describe("the empty-bin share of PSI (Evidently's feel_zeroes)", () => {
  it("gives an empty bin 0.0001", () => {
    expect(PSI_EMPTY_SHARE).toBe(0.0001);
    expect(Array.from(sharesWithEmptyFilled([1, 1, 0, 2]))).toEqual([0.25, 0.25, 0.0001, 0.5]);
  });

  it("gives a millionth of the smallest share when that share is itself at most 0.0001", () => {
    const shares = sharesWithEmptyFilled([1, 0, 9_999]);
    expect(shares[1]).toBeCloseTo(0.0001 / 1e6, 20);
  });

  it("keeps a category only in production finite", () => {
    const psi = populationStabilityIndex([50, 50, 0], [40, 40, 20]);
    expect(Number.isFinite(psi)).toBe(true);
    expect(psi).toBeCloseTo((0.0001 - 0.2) * Math.log(0.0001 / 0.2) + 2 * (0.5 - 0.4) * Math.log(0.5 / 0.4), 12);
  });
});
