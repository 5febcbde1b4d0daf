"""The baseline of bench/drift: the metrics of one monitor run computed with NumPy and SciPy.

Usage: /usr/bin/python3 drift_scipy.py baseline.csv production.csv rounds

Both CSVs are loaded first (not timed). Then, per numerical feature, what the studio's default signals
compute: the normalized Wasserstein distance (scipy.stats.wasserstein_distance over the baseline's
population standard deviation, floored at 0.001), the Sturges histogram both windows are drawn with
(np.histogram_bin_edges on both samples together, np.histogram of each), the data-quality rates (nulls,
values out of the baseline's range), and the summaries the page shows (mean, std, min, max, median).
Prints one JSON line: the median time of `rounds` rounds and the features whose distance exceeds 0.1.
"""

import json
import sys
import time

import numpy as np
from scipy import stats


def run(baseline, production):
    drifted = []
    for j in range(baseline.shape[1]):
        b = baseline[:, j]
        p = production[:, j]
        b_null = np.isnan(b)
        p_null = np.isnan(p)
        bf = b[~b_null]
        pf = p[~p_null]
        norm = max(np.std(bf), 0.001)
        distance = stats.wasserstein_distance(bf, pf) / norm
        edges = np.histogram_bin_edges(np.concatenate([bf, pf]), bins="sturges")
        np.histogram(bf, edges)
        np.histogram(pf, edges)
        lo, hi = bf.min(), bf.max()
        _null_rate = p_null.mean()
        _oob_rate = ((pf < lo) | (pf > hi)).sum() / len(p)
        for side in (bf, pf):
            side.mean(), side.std(), side.min(), side.max(), np.median(side)
        if distance > 0.1:
            drifted.append(j)
    return drifted


def main():
    baseline_path, production_path, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(baseline_path) as f:
        names = f.readline().strip().split(",")
    baseline = np.loadtxt(baseline_path, delimiter=",", skiprows=1, dtype=np.float64)
    production = np.loadtxt(production_path, delimiter=",", skiprows=1, dtype=np.float64)
    times = []
    drifted = []
    for _ in range(rounds):
        started = time.perf_counter()
        drifted = run(baseline, production)
        times.append(time.perf_counter() - started)
    times.sort()
    print(json.dumps({"scipy_s": times[len(times) // 2], "drifted": [names[j] for j in drifted]}))


if __name__ == "__main__":
    main()
