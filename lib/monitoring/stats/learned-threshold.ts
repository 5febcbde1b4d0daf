import { meanAndStd } from "@/lib/monitoring/stats/sorted";

// Thresholds learned from the baseline itself, as NannyML sets them (nannyml/thresholds.py,
// StandardDeviationThreshold): compute the metric on chunks of the baseline against the whole baseline,
// then alert beyond mean ± 3 standard deviations (np.std, ddof 0) of those values, clipped to the range
// the metric can take. NannyML's drift calculators use the upper side only (std_lower_multiplier=None);
// for p-values, where drift means a small value, the lower side is the one that matters.

/** NannyML's DefaultChunker.DEFAULT_CHUNK_COUNT. */
export const DEFAULT_CHUNK_COUNT = 10;
export const STD_MULTIPLIER = 3;

/**
 * The [start, end) row ranges of NannyML's DefaultChunker: chunks of ⌊n/10⌋ rows in row order, and the
 * rows left over as a last, smaller chunk (SizeBasedChunker's incomplete="keep"). Empty below 10 rows.
 */
export function chunkRanges(rows: number, count = DEFAULT_CHUNK_COUNT): [number, number][] {
  const size = Math.floor(rows / count);
  if (size === 0) return [];
  const ranges: [number, number][] = [];
  for (let start = 0; start + size <= rows; start += size) ranges.push([start, start + size]);
  const covered = size * Math.floor(rows / size);
  if (covered < rows) ranges.push([covered, rows]);
  return ranges;
}

export type LearnedThresholdOptions = {
  /** "above" for distances (alert when larger), "below" for p-values and accuracies. */
  direction?: "above" | "below";
  multiplier?: number;
  /** The metric's own range, e.g. [0, 1] for Jensen–Shannon or a p-value, [0, ∞) for PSI. */
  limits?: { lower?: number; upper?: number };
};

/**
 * mean + 3·std (or mean − 3·std) of the metric over the baseline's chunks, clipped to its limits. NaN
 * values (chunks too small to measure) are skipped; null when fewer than two values remain.
 */
export function learnedThreshold(chunkValues: readonly number[], options: LearnedThresholdOptions = {}): number | null {
  const { direction = "above", multiplier = STD_MULTIPLIER, limits = {} } = options;
  const values = chunkValues.filter((v) => Number.isFinite(v));
  if (values.length < 2) return null;
  const { mean, std } = meanAndStd(values);
  let threshold = direction === "above" ? mean + multiplier * std : mean - multiplier * std;
  if (limits.lower !== undefined && threshold < limits.lower) threshold = limits.lower;
  if (limits.upper !== undefined && threshold > limits.upper) threshold = limits.upper;
  return threshold;
}
