import { distinctCount, searchLeft, searchRight } from "@/lib/monitoring/stats/sorted";

// Shared bins for the two samples of a feature, as Evidently's get_binned_data (stattests/utils.py) makes
// them for Jensen–Shannon and PSI, and as the monitor page draws them:
// - a numerical feature whose baseline has more than 20 distinct values gets NumPy's Sturges edges over
//   both samples together (np.histogram_bin_edges(concat, bins="sturges")): ⌈ptp / (ptp/(log2 n + 1))⌉
//   equal bins from the minimum to the maximum, n being both sizes together;
// - any other feature gets one bin per distinct value seen on either side.
// Bins are half-open [e_i, e_{i+1}) except the last, which is closed, as np.histogram counts them.

/** Evidently bins a numerical feature by value up to this many distinct baseline values. */
export const MAX_VALUES_BINNED_BY_VALUE = 20;

export type BinnedHistogram = { edges: number[]; baseline: number[]; production: number[] };
export type CategoryHistogram<K extends string | number = string | number> = {
  categories: K[];
  baseline: number[];
  production: number[];
};
export type Histogram = BinnedHistogram | CategoryHistogram;

export function isBinned(histogram: Histogram): histogram is BinnedHistogram {
  return "edges" in histogram;
}

/** np.histogram_bin_edges(data, bins="sturges") from the data's size, minimum and maximum. */
export function sturgesEdges(min: number, max: number, n: number): Float64Array {
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const width = (max - min) / (Math.log2(n) + 1);
  const bins = width ? Math.ceil((last - first) / width) : 1;
  return linspace(first, last, bins + 1);
}

/** np.linspace(start, stop, num) with endpoint=True, step by step as NumPy computes it. */
function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  for (let i = 0; i < num; i++) out[i] = (step === 0 ? (i / div) * delta : i * step) + start;
  if (num > 1) out[num - 1] = stop;
  return out;
}

/** np.histogram(sorted, edges)[0] by binary search on the sorted sample. */
export function countInBins(sorted: Float64Array, edges: ArrayLike<number>): number[] {
  const bins = edges.length - 1;
  const counts = new Array<number>(bins);
  let previous = searchLeft(sorted, edges[0]);
  for (let i = 0; i < bins; i++) {
    const isLast = i === bins - 1;
    const next = isLast ? searchRight(sorted, edges[bins], previous) : searchLeft(sorted, edges[i + 1], previous);
    counts[i] = next - previous;
    previous = next;
  }
  return counts;
}

/** Counts per distinct value of two sorted samples, the values ascending. */
export function countByValue(baseline: Float64Array, production: Float64Array): CategoryHistogram<number> {
  const categories: number[] = [];
  const baselineCounts: number[] = [];
  const productionCounts: number[] = [];
  let i = 0;
  let j = 0;
  while (i < baseline.length || j < production.length) {
    const x =
      j >= production.length || (i < baseline.length && baseline[i] <= production[j]) ? baseline[i] : production[j];
    const i0 = i;
    const j0 = j;
    while (i < baseline.length && baseline[i] === x) i++;
    while (j < production.length && production[j] === x) j++;
    categories.push(x);
    baselineCounts.push(i - i0);
    productionCounts.push(j - j0);
  }
  return { categories, baseline: baselineCounts, production: productionCounts };
}

/** The shared histogram of a numerical feature (two sorted, finite, non-empty samples). */
export function numericalHistogram(baseline: Float64Array, production: Float64Array): Histogram {
  if (distinctCount(baseline, MAX_VALUES_BINNED_BY_VALUE) <= MAX_VALUES_BINNED_BY_VALUE)
    return countByValue(baseline, production);
  const min = Math.min(baseline[0], production[0]);
  const max = Math.max(baseline[baseline.length - 1], production[production.length - 1]);
  const edges = sturgesEdges(min, max, baseline.length + production.length);
  return {
    edges: Array.from(edges),
    baseline: countInBins(baseline, edges),
    production: countInBins(production, edges),
  };
}

/** Aligned counts of a categorical feature: the baseline's categories first, then production-only ones. */
export function categoricalHistogram(
  baseline: ReadonlyMap<string, number>,
  production: ReadonlyMap<string, number>,
): CategoryHistogram<string> {
  const categories = [...baseline.keys()];
  for (const key of production.keys()) if (!baseline.has(key)) categories.push(key);
  return {
    categories,
    baseline: categories.map((key) => baseline.get(key) ?? 0),
    production: categories.map((key) => production.get(key) ?? 0),
  };
}
