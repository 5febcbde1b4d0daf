// Helpers over sorted Float64Arrays: binary searches with NumPy's searchsorted sides, compensated sums,
// moments and quantiles. Every numerical metric of a feature reads the same two sorted arrays.

/** Index of the first element > x in sorted[lo, hi) (numpy searchsorted side="right"). */
export function searchRight(sorted: Float64Array, x: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element ≥ x in sorted[lo, hi) (numpy searchsorted side="left"). */
export function searchLeft(sorted: Float64Array, x: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A running sum with Neumaier's compensation: within an ulp or two of the exact sum, so it stays within
 * 1e-15 of NumPy's pairwise sums whatever the order of the terms.
 */
export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(term: number): void {
    const t = this.sum + term;
    // An infinite term (a chi-squared category with nothing expected) makes the sum infinite, not NaN.
    if (Number.isFinite(t)) {
      if (Math.abs(this.sum) >= Math.abs(term)) this.compensation += this.sum - t + term;
      else this.compensation += term - t + this.sum;
    }
    this.sum = t;
  }

  value(): number {
    return Number.isFinite(this.sum) ? this.sum + this.compensation : this.sum;
  }
}

export function sumOf(values: ArrayLike<number>): number {
  const s = new CompensatedSum();
  for (let i = 0; i < values.length; i++) s.add(values[i]);
  return s.value();
}

/** Mean and standard deviation (two passes). ddof 0 is np.std's default and Evidently's normalizer. */
export function meanAndStd(values: ArrayLike<number>, ddof = 0): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, std: NaN };
  const mean = sumOf(values) / n;
  const squares = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    squares.add(d * d);
  }
  return { mean, std: n - ddof > 0 ? Math.sqrt(squares.value() / (n - ddof)) : NaN };
}

/** Distinct values of a sorted array, counting no further than `limit + 1`. */
export function distinctCount(sorted: Float64Array, limit = Infinity): number {
  if (sorted.length === 0) return 0;
  let count = 1;
  for (let i = 1; i < sorted.length && count <= limit; i++) if (sorted[i] !== sorted[i - 1]) count++;
  return count;
}

/** Distinct values of two sorted arrays together (pandas' nunique of the concatenation), up to `limit + 1`. */
export function distinctCountOfBoth(a: Float64Array, b: Float64Array, limit = Infinity): number {
  let i = 0;
  let j = 0;
  let count = 0;
  while ((i < a.length || j < b.length) && count <= limit) {
    const x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    count++;
    while (i < a.length && a[i] === x) i++;
    while (j < b.length && b[j] === x) j++;
  }
  return count;
}

/** np.percentile(sorted, 100·q) with the default "linear" method, including NumPy's lerp. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const virtual = (n - 1) * q;
  const previous = Math.min(Math.max(Math.floor(virtual), 0), n - 1);
  const next = Math.min(previous + 1, n - 1);
  const gamma = virtual - previous;
  const a = sorted[previous];
  const b = sorted[next];
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

export type Summary = {
  n: number;
  min: number;
  max: number;
  mean: number;
  /** Population standard deviation (ddof 0). */
  std: number;
  p5: number;
  p50: number;
  p95: number;
};

/** What the monitor page shows beside a feature's histograms; null for an empty sample. */
export function summarize(sorted: Float64Array): Summary | null {
  if (sorted.length === 0) return null;
  const { mean, std } = meanAndStd(sorted);
  return {
    n: sorted.length,
    min: sorted[0],
    max: sorted[sorted.length - 1],
    mean,
    std,
    p5: quantileSorted(sorted, 5 / 100),
    p50: quantileSorted(sorted, 50 / 100),
    p95: quantileSorted(sorted, 95 / 100),
  };
}
