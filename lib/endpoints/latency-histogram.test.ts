import { describe, expect, it } from "vitest";
import { addLatency, bucketOf, bucketUpperMs, mergeCounts, quantileMs } from "@/lib/endpoints/latency-histogram";

describe("latency histogram", () => {
  it("puts each latency in a bucket whose bound is within 10% above it", () => {
    for (const ms of [0.07, 0.5, 1, 2.3, 17, 250, 4000]) {
      const upper = bucketUpperMs(bucketOf(ms));
      expect(upper).toBeGreaterThanOrEqual(ms * 0.999999);
      expect(upper).toBeLessThanOrEqual(ms * 1.1);
    }
  });

  it("reads p50 and p95 of a known spread within a bucket's width", () => {
    const counts: Record<number, number> = {};
    for (let i = 1; i <= 1000; i++) addLatency(counts, i / 10); // 0.1 … 100 ms, evenly
    expect(quantileMs(counts, 0.5)!).toBeGreaterThanOrEqual(50);
    expect(quantileMs(counts, 0.5)!).toBeLessThanOrEqual(55);
    expect(quantileMs(counts, 0.95)!).toBeGreaterThanOrEqual(95);
    expect(quantileMs(counts, 0.95)!).toBeLessThanOrEqual(104.5);
  });

  it("adds counters from several processes and minutes by summing", () => {
    const a: Record<number, number> = {};
    const b: Record<number, number> = {};
    for (let i = 0; i < 90; i++) addLatency(a, 1);
    for (let i = 0; i < 10; i++) addLatency(b, 1000);
    const all = mergeCounts(mergeCounts({}, a), b);
    expect(quantileMs(all, 0.5)!).toBeLessThan(1.1);
    expect(quantileMs(all, 0.95)!).toBeGreaterThanOrEqual(1000);
  });

  it("has no quantile without requests, and keeps extremes in the end buckets", () => {
    expect(quantileMs({}, 0.5)).toBeNull();
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(1e9)).toBe(149);
  });
});
