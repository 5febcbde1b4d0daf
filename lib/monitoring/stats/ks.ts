import { kolmogornSf } from "@/lib/monitoring/stats/kolmogorov";

// The two-sample Kolmogorov–Smirnov test, two-sided, as scipy.stats.ks_2samp(method="auto") computes it
// in SciPy 1.10.1. Ported from scipy/stats/_stats_py.py (ks_2samp, _attempt_exact_2kssamp,
// _compute_prob_outside_square) and scipy/stats/_stats_pythran.py (_compute_outer_prob_inside_method).
// "auto" is exact when both samples have at most 10 000 values and otherwise uses kstwo.sf, the exact
// one-sample distribution at n = round(n1·n2/(n1+n2)) (kolmogorov.ts), not the limiting Kolmogorov law.

/** SciPy's MAX_AUTO_N: the exact lattice-path computation is used up to this many values per sample. */
export const MAX_EXACT_N = 10_000;

export type KsResult = { statistic: number; pValue: number; method: "exact" | "asymp" };

/**
 * D = max |F1(x) − F2(x)| over the data, each CDF taken with searchsorted side="right", and computed as
 * SciPy does (i/n1 − j/n2), so the statistic is the same double.
 */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new RangeError("Data passed to ks_2samp must not be empty");
  let i = 0;
  let j = 0;
  let max = -Infinity;
  let min = Infinity;
  while (i < n1 || j < n2) {
    const x = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    while (i < n1 && a[i] === x) i++;
    while (j < n2 && b[j] === x) j++;
    const diff = i / n1 - j / n2;
    if (diff > max) max = diff;
    if (diff < min) min = diff;
  }
  const minS = Math.min(Math.max(-min, 0), 1);
  return minS > max ? minS : max;
}

/** ks_2samp(a, b) for two sorted, finite, non-empty samples. */
export function ks2samp(a: Float64Array, b: Float64Array): KsResult {
  const n1 = a.length;
  const n2 = b.length;
  let d = ksStatistic(a, b);
  let method: KsResult["method"] = Math.max(n1, n2) <= MAX_EXACT_N ? "exact" : "asymp";
  let p = NaN;
  if (method === "exact") {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    if (h === 0) p = 1;
    else p = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
    // SciPy falls back to the asymptotic p-value when the exact one is not a probability.
    if (!(p >= 0 && p <= 1)) method = "asymp";
  }
  if (method === "asymp") {
    const m = Math.max(n1, n2);
    const n = Math.min(n1, n2);
    const en = (m * n) / (m + n);
    p = kolmogornSf(roundHalfEven(en), d);
  }
  return { statistic: d, pValue: Math.min(Math.max(p, 0), 1), method };
}

/**
 * Pr(D_{n,n} ≥ h/n): 2·Σ (−1)^(k+1) C(2n, n−kh)/C(2n, n), evaluated Horner-like from the smallest term
 * to avoid the cancellation of the alternating sum (SciPy's _compute_prob_outside_square).
 */
export function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/**
 * The share of lattice paths from (0,0) to (m,n) that leave the band |x/m − y/n| < h/lcm(m,n): Hodges'
 * inside method with Viehmann's recursion for 1 − p, one sliding column at a time
 * (SciPy's _compute_outer_prob_inside_method).
 */
export function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1];
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** np.round: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
