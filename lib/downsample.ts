// Shrinks a metric series to at most `max` points for a chart while keeping what a reader looks for:
// the first and the last point, the global minimum and maximum, and within each of the evenly sized
// buckets between them its own minimum and maximum (so spikes survive). Order is preserved.

export const DEFAULT_MAX_POINTS = 1500;

export function downsample<T extends { value: number }>(points: readonly T[], max = DEFAULT_MAX_POINTS): T[] {
  if (!Number.isInteger(max) || max < 4)
    throw new RangeError("downsample keeps at least 4 points (first, last, min, max)");
  const n = points.length;
  if (n <= max) return points.slice();

  const keep = new Set<number>([0, n - 1, indexOfExtreme(points, 0, n, -1), indexOfExtreme(points, 0, n, 1)]);
  const buckets = Math.floor((max - keep.size) / 2);
  const inner = n - 2;
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * inner) / buckets);
    const end = 1 + Math.floor(((b + 1) * inner) / buckets);
    if (end <= start) continue;
    keep.add(indexOfExtreme(points, start, end, -1));
    keep.add(indexOfExtreme(points, start, end, 1));
  }
  return [...keep].sort((a, b) => a - b).map((i) => points[i]);
}

/** Index of the smallest (direction -1) or largest (+1) value in [start, end); NaN never wins. */
function indexOfExtreme(points: readonly { value: number }[], start: number, end: number, direction: -1 | 1): number {
  let best = start;
  for (let i = start + 1; i < end; i++) {
    const v = points[i].value;
    const current = points[best].value;
    if (Number.isNaN(current) || (direction < 0 ? v < current : v > current)) best = i;
  }
  return best;
}
