import { durbinMatrixCdf, pelzGoodCdf, pomeranzCdf } from "@/lib/monitoring/stats/kolmogorov-cdf";
import { smirnovSf } from "@/lib/monitoring/stats/smirnov";

// The survival function of the two-sided one-sample Kolmogorov–Smirnov statistic D_n, i.e. SciPy's
// kstwo.sf(x, n), which ks_2samp uses for its asymptotic p-value. A port of _kolmogn(n, x, cdf=False) in
// scipy/stats/_ksstats.py (SciPy 1.10.1), which follows Simard & L'Ecuyer (2011): Ruben–Gambino at both
// ends, 2·smirnov(n, x) in the upper tail, the Durbin matrix (Marsaglia–Tsang–Wang) or Pomeranz's
// recursion for small n, and the Pelz–Good expansion otherwise.

const LOG_2PI = Math.log(2 * Math.PI);
// B_{2j}/(2j)/(2j−1) for j = 8…1, the Stirling series of log(n!/n^n).
const STIRLING_COEFFS = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417, -0.0005952380952380953,
  0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
];

const clip = (p: number) => Math.min(Math.max(p, 0), 1);

/** Pr(D_n ≥ x) for an integer n ≥ 1. */
export function kolmogornSf(n: number, x: number): number {
  if (Number.isNaN(n) || Number.isNaN(x) || !Number.isInteger(n) || n <= 0) return NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let cdf: number;
    if (n <= 140) {
      cdf = 1;
      for (let i = 1; i <= n; i++) cdf *= i * (1 / n) * (2 * t - 1);
    } else {
      cdf = Math.exp(logNFactorialDivNPowN(n) + n * Math.log(2 * t - 1));
    }
    return clip(1 - cdf);
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSf(n, x));
  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 0.754693) return clip(1 - durbinMatrixCdf(n, x));
    if (nxSquared <= 4) return clip(1 - pomeranzCdf(n, x));
    return clip(2 * smirnovSf(n, x));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clip(2 * smirnovSf(n, x));
  const cdf = n <= 100_000 && n * x ** 1.5 <= 1.4 ? durbinMatrixCdf(n, x) : pelzGoodCdf(n, x);
  return clip(1 - cdf);
}

/** log(n!/n^n) by Stirling, with n·log(n) removed up front to avoid cancellation. */
function logNFactorialDivNPowN(n: number): number {
  const rn = 1 / n;
  let poly = 0;
  for (const c of STIRLING_COEFFS) poly = poly * (rn / n) + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}
