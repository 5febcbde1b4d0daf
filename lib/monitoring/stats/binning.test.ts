import { describe, expect, it } from "vitest";
import {
  MAX_VALUES_BINNED_BY_VALUE,
  categoricalHistogram,
  countInBins,
  isBinned,
  numericalHistogram,
  sturgesEdges,
} from "@/lib/monitoring/stats/binning";
import { num, numericalCases } from "@/tests/fixtures/monitoring/samples";

// The bins must be NumPy's to the last bit: np.histogram_bin_edges(concat, bins="sturges") and
// np.histogram's counts, or one value per bin when the baseline has at most 20 distinct values.
describe("numericalHistogram against NumPy (Evidently's get_binned_data)", () => {
  it.each(numericalCases().map((c) => [c.fixture.name, c] as const))("%s", (_name, { fixture, a, b }) => {
    const histogram = numericalHistogram(a, b);
    const expected = fixture.binning;
    if ("edges" in expected && expected.edges) {
      expect(isBinned(histogram)).toBe(true);
      expect(isBinned(histogram) && histogram.edges).toEqual(expected.edges.map(num));
    } else {
      expect(!isBinned(histogram) && histogram.categories).toEqual(expected.values);
    }
    expect(histogram.baseline).toEqual(expected.counts_a);
    expect(histogram.production).toEqual(expected.counts_b);
  });
});

describe("sturgesEdges", () => {
  it("gives ⌈log2(n) + 1⌉ equal bins from the minimum to the maximum, the last edge exactly the maximum", () => {
    const edges = sturgesEdges(0, 1, 1000);
    expect(edges).toHaveLength(12);
    expect(edges[0]).toBe(0);
    expect(edges[11]).toBe(1);
  });

  it("keeps NumPy's rounding: ptp / (ptp / 13) can land just above 13, and then there are 14 bins", () => {
    // np.histogram_bin_edges(np.linspace(0, 0.9453, 4096), bins="sturges") has 14 bins, not 13.
    expect(sturgesEdges(0, 0.9453, 4096)).toHaveLength(15);
    expect(sturgesEdges(0, 0.9, 4096)).toHaveLength(14);
  });

  it("gives a constant sample one bin [v − 0.5, v + 0.5], as NumPy does", () => {
    expect(Array.from(sturgesEdges(2, 2, 10))).toEqual([1.5, 2.5]);
  });
});

describe("countInBins", () => {
  it("counts half-open bins with the last one closed", () => {
    const sorted = Float64Array.of(0, 1, 1, 2, 3, 3);
    expect(countInBins(sorted, [0, 1, 2, 3])).toEqual([1, 2, 3]);
    expect(countInBins(sorted, [0.5, 1.5, 2.5])).toEqual([2, 1]);
  });
});

describe("binning by value", () => {
  it("bins a numerical feature by value up to 20 distinct baseline values, with Sturges above", () => {
    expect(MAX_VALUES_BINNED_BY_VALUE).toBe(20);
    const twenty = Float64Array.from({ length: 40 }, (_, i) => i % 20).sort();
    const twentyOne = Float64Array.from({ length: 42 }, (_, i) => i % 21).sort();
    expect(isBinned(numericalHistogram(twenty, twenty))).toBe(false);
    expect(isBinned(numericalHistogram(twentyOne, twenty))).toBe(true);
  });

  it("lists values seen on either side, ascending, with zero counts where a side has none", () => {
    const histogram = numericalHistogram(Float64Array.of(1, 1, 2), Float64Array.of(2, 3));
    expect(histogram).toEqual({ categories: [1, 2, 3], baseline: [2, 1, 0], production: [0, 1, 1] });
  });

  it("aligns categories: the baseline's first, then those only in production", () => {
    const histogram = categoricalHistogram(
      new Map([
        ["b", 2],
        ["a", 1],
      ]),
      new Map([
        ["c", 4],
        ["a", 3],
      ]),
    );
    expect(histogram).toEqual({ categories: ["b", "a", "c"], baseline: [2, 1, 0], production: [0, 3, 4] });
  });
});
