import { describe, expect, it } from "vitest";
import { DEFAULT_CHUNK_COUNT, chunkRanges, learnedThreshold } from "@/lib/monitoring/stats/learned-threshold";
import { num, scipy } from "@/tests/fixtures/monitoring/samples";

describe("learnedThreshold (NannyML's StandardDeviationThreshold)", () => {
  const { values, upper, lower } = scipy.learned_threshold;

  it("is mean + 3·np.std of the chunks' values for distances", () => {
    expect(learnedThreshold(values)).toBeCloseTo(num(upper), 15);
  });

  it("is mean − 3·np.std for p-values and other metrics where drift is a small value", () => {
    expect(learnedThreshold(values, { direction: "below" })).toBeCloseTo(num(lower), 15);
  });

  it("is clipped to the metric's range", () => {
    expect(learnedThreshold([0.9, 0.5, 0.99], { limits: { lower: 0, upper: 1 } })).toBe(1);
    expect(learnedThreshold([0.01, 0.5, 0.02], { direction: "below", limits: { lower: 0, upper: 1 } })).toBe(0);
  });

  it("skips chunks without a value and needs two", () => {
    expect(learnedThreshold([NaN, 0.2, 0.4])).toBeCloseTo(0.3 + 3 * 0.1, 15);
    expect(learnedThreshold([0.2, NaN])).toBeNull();
  });
});

describe("chunkRanges (NannyML's DefaultChunker)", () => {
  it("splits into chunks of ⌊n/10⌋ rows and keeps the rest as a last, smaller chunk", () => {
    expect(DEFAULT_CHUNK_COUNT).toBe(10);
    expect(chunkRanges(100)).toHaveLength(10);
    const ranges = chunkRanges(150 + 7);
    expect(ranges).toHaveLength(11);
    expect(ranges[0]).toEqual([0, 15]);
    expect(ranges[9]).toEqual([135, 150]);
    expect(ranges[10]).toEqual([150, 157]);
  });

  it("makes nothing of fewer than 10 rows", () => {
    expect(chunkRanges(9)).toEqual([]);
  });
});
