// Scoring latencies kept as counts in fixed log-scale buckets, so counters from several minutes and several
// studio processes add up by summing arrays, and p50/p95 of any window come from the sums. Bucket i
// holds latencies up to MIN_MS·GROWTH^i; with 10% steps a quantile is off by at most 10%.

const MIN_MS = 0.05;
const GROWTH = 1.1;
/** Up to ~0.05·1.1^150 ≈ 80 minutes; anything slower lands in the last bucket. */
export const BUCKET_COUNT = 150;

export function bucketOf(ms: number): number {
  if (!(ms > MIN_MS)) return 0;
  return Math.min(BUCKET_COUNT - 1, Math.ceil(Math.log(ms / MIN_MS) / Math.log(GROWTH)));
}

/** The upper bound of a bucket, in milliseconds. */
export function bucketUpperMs(index: number): number {
  return MIN_MS * GROWTH ** index;
}

/** Adds one latency to sparse counts ({bucket: count}), as stored. */
export function addLatency(counts: Record<number, number>, ms: number): void {
  const bucket = bucketOf(ms);
  counts[bucket] = (counts[bucket] ?? 0) + 1;
}

export function mergeCounts(into: Record<number, number>, from: Record<number, number>): Record<number, number> {
  for (const [bucket, count] of Object.entries(from)) into[Number(bucket)] = (into[Number(bucket)] ?? 0) + count;
  return into;
}

/**
 * The latency under which a share q (0–1) of the requests fall, as the upper bound of the bucket that
 * reaches it; null with no requests.
 */
export function quantileMs(counts: Record<number, number>, q: number): number | null {
  const buckets = Object.entries(counts)
    .map(([b, c]) => [Number(b), c] as const)
    .filter(([, c]) => c > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((n, [, c]) => n + c, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [bucket, count] of buckets) {
    seen += count;
    if (seen >= rank) return bucketUpperMs(bucket);
  }
  return bucketUpperMs(buckets[buckets.length - 1][0]);
}
