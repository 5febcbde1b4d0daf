import { describe, expect, it } from "vitest";
import { sortFloat64 } from "@/lib/monitoring/stats/radix-sort";
import { generate } from "@/tests/fixtures/monitoring/samples";

/** The reference order: the built-in sort of a copy. */
const builtIn = (values: Float64Array) => values.slice().sort();

describe("sortFloat64", () => {
  it("sorts like Float64Array.prototype.sort, signs, zeros, infinities, subnormals and ties included", () => {
    const special = [0, -0, 1, -1, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE];
    const normals = generate({ gen: "normal", seed: 7, n: 20_000, mean: 0, sd: 1e3 });
    const values = Float64Array.from({ length: 50_000 }, (_, i) =>
      i % 5 === 0 ? special[i % special.length] : i % 5 === 1 ? Math.round(normals[i % 20_000]) : normals[i % 20_000],
    );
    const sorted = sortFloat64(values.slice());
    expect(sorted).toEqual(builtIn(values));
    // toEqual does not tell −0 from +0: the negative zeros come first, as with the built-in sort.
    const firstZero = sorted.findIndex((x) => x === 0);
    expect(Object.is(sorted[firstZero], -0)).toBe(true);
    expect(Object.is(sorted[sorted.lastIndexOf(0)], 0)).toBe(true);
  });

  it.each([0, 1, 4095, 4096, 4097, 100_003])("sorts %i values in place", (n) => {
    const values = generate({ gen: "uniform", seed: n + 1, n, lo: -5, hi: 5 });
    const expected = builtIn(values);
    expect(sortFloat64(values)).toBe(values);
    expect(values).toEqual(expected);
  });

  it("sorts a view into a larger buffer without touching the rest", () => {
    const buffer = Float64Array.from({ length: 10_002 }, (_, i) => (i * 7919) % 10_002);
    const view = buffer.subarray(1, 10_001);
    const expected = builtIn(view);
    sortFloat64(view);
    expect(view).toEqual(expected);
    expect([buffer[0], buffer[10_001]]).toEqual([0, (10_001 * 7919) % 10_002]);
  });

  it("sorts with a scratch buffer it is given, larger than needed, reused across columns", () => {
    const scratch = new Uint32Array(2 * 60_000);
    for (const seed of [7, 8]) {
      const values = generate({ gen: "uniform", seed, n: 50_000, lo: -1e6, hi: 1e6 });
      const expected = builtIn(values);
      expect(sortFloat64(values, scratch)).toEqual(expected);
    }
  });
});
