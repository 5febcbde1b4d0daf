import { CompensatedSum } from "@/lib/monitoring/stats/sorted";

// The two histogram distances, on aligned counts (the same bins or categories on both sides).
//
// Jensen–Shannon distance: scipy.spatial.distance.jensenshannon(p, q, base=2) as Evidently calls it
// (jensenshannon.py): p and q normalized to sum 1, m = (p + q)/2, JS = √((KL(p‖m) + KL(q‖m)) / 2 / ln 2),
// the square root of the divergence, in [0, 1]. Empty bins need no filling: 0·log 0 = 0 (rel_entr).
//
// Population stability index: Evidently's psi.py, Σ (r_i − c_i)·ln(r_i / c_i) over the shares r (baseline)
// and c (production), after get_binned_data has replaced each side's empty shares: by 0.0001, or by a
// millionth of that side's smallest non-empty share when that share is itself ≤ 0.0001. Natural log.

/** Shares below this mark the smallest share a side can be given for an empty bin (Evidently). */
export const PSI_EMPTY_SHARE = 0.0001;

/** SciPy's rel_entr(x, y) = x·ln(x/y), 0 when x = 0. */
function relEntr(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

function totalOf(counts: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  return total;
}

/** Jensen–Shannon distance (base 2) between two aligned histograms of counts or shares. */
export function jensenShannonDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new RangeError("the histograms must have the same bins");
  const pTotal = totalOf(p);
  const qTotal = totalOf(q);
  const left = new CompensatedSum();
  const right = new CompensatedSum();
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] / pTotal;
    const qi = q[i] / qTotal;
    const m = (pi + qi) / 2;
    left.add(relEntr(pi, m));
    right.add(relEntr(qi, m));
  }
  const js = (left.value() + right.value()) / Math.log(2);
  return Math.sqrt(js / 2);
}

/** Evidently's shares of one side, each empty bin given the small share described above. */
export function sharesWithEmptyFilled(counts: ArrayLike<number>): Float64Array {
  const total = totalOf(counts);
  const shares = Float64Array.from(counts, (c) => c / total);
  let smallest = Infinity;
  for (const s of shares) if (s !== 0 && s < smallest) smallest = s;
  const fill = smallest <= PSI_EMPTY_SHARE ? smallest / 10 ** 6 : PSI_EMPTY_SHARE;
  for (let i = 0; i < shares.length; i++) if (shares[i] === 0) shares[i] = fill;
  return shares;
}

/** PSI between a baseline and a production histogram of counts. */
export function populationStabilityIndex(baseline: ArrayLike<number>, production: ArrayLike<number>): number {
  if (baseline.length !== production.length) throw new RangeError("the histograms must have the same bins");
  const r = sharesWithEmptyFilled(baseline);
  const c = sharesWithEmptyFilled(production);
  let psi = 0;
  for (let i = 0; i < r.length; i++) psi += (r[i] - c[i]) * Math.log(r[i] / c[i]);
  return psi;
}
