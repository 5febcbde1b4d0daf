import { igamc } from "@/lib/monitoring/stats/special/igamc";
import { CompensatedSum } from "@/lib/monitoring/stats/sorted";

// Pearson's chi-squared test with SciPy's semantics (scipy.stats.chisquare → power_divergence with
// lambda_=1 in scipy/stats/_stats_py.py): statistic Σ (o − e)²/e, p-value chi2.sf(statistic, k − 1),
// which is Cephes chdtrc = igamc((k − 1)/2, statistic/2). As SciPy ≥ 1.9 does, observed and expected
// must have the same total (relative 1e-8). For drift, the expected frequencies are built as Evidently's
// chisquare_stattest does: the baseline's count of each category scaled to the production size.

export type ChiSquareResult = { statistic: number; pValue: number; degreesOfFreedom: number };

/**
 * chisquare(observed, expected). An expected 0 with an observed count gives an infinite statistic and
 * p = 0; a single category gives p = NaN (no degrees of freedom), exactly as SciPy does.
 */
export function chiSquare(observed: ArrayLike<number>, expected: ArrayLike<number>): ChiSquareResult {
  const k = observed.length;
  if (expected.length !== k) throw new RangeError("observed and expected must have the same length");
  let observedSum = 0;
  let expectedSum = 0;
  for (let i = 0; i < k; i++) {
    observedSum += observed[i];
    expectedSum += expected[i];
  }
  if (Math.abs(observedSum - expectedSum) / Math.min(observedSum, expectedSum) > 1e-8)
    throw new RangeError("the sums of observed and expected frequencies must agree (relative 1e-8)");
  const sum = new CompensatedSum();
  for (let i = 0; i < k; i++) {
    const d = observed[i] - expected[i];
    sum.add((d * d) / expected[i]);
  }
  const statistic = sum.value();
  const degreesOfFreedom = k - 1;
  return { statistic, pValue: chiSquaredSf(statistic, degreesOfFreedom), degreesOfFreedom };
}

/** scipy.stats.chi2.sf(x, df): 1 at x ≤ 0, 0 at +∞, NaN without degrees of freedom. */
export function chiSquaredSf(x: number, degreesOfFreedom: number): number {
  if (!(degreesOfFreedom > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return igamc(degreesOfFreedom / 2, x / 2);
}

/**
 * The drift test on aligned category counts: expected_i = baseline_i · (n_production / n_baseline), the
 * way Evidently builds f_exp. A category seen only in production has expected 0, so p = 0.
 */
export function chiSquareDrift(
  baselineCounts: ArrayLike<number>,
  productionCounts: ArrayLike<number>,
): ChiSquareResult {
  let nBaseline = 0;
  let nProduction = 0;
  for (let i = 0; i < baselineCounts.length; i++) nBaseline += baselineCounts[i];
  for (let i = 0; i < productionCounts.length; i++) nProduction += productionCounts[i];
  const scale = nProduction / nBaseline;
  const expected = Array.from(baselineCounts, (count) => count * scale);
  return chiSquare(productionCounts, expected);
}
