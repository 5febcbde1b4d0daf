import { describe, expect, it } from "vitest";
import {
  CompensatedSum,
  distinctCount,
  distinctCountOfBoth,
  meanAndStd,
  quantileSorted,
  searchLeft,
  searchRight,
  sumOf,
  summarize,
} from "@/lib/monitoring/stats/sorted";
import { categoryCounts, kindOf, sortFiniteInPlace, sortedFinite } from "@/lib/monitoring/stats/values";
import { isClose, num, numericalCases } from "@/tests/fixtures/monitoring/samples";

describe("the fixture samples", () => {
  // make_fixtures.py records the first values and the exact sum (math.fsum) of every sample it made.
  it.each(numericalCases().map((c) => [c.fixture.name, c] as const))("regenerates %s bit for bit", (_n, c) => {
    expect(Array.from(c.rawA.slice(0, 3))).toEqual(c.fixture.check_a.head.map(num));
    expect(Array.from(c.rawB.slice(0, 3))).toEqual(c.fixture.check_b.head.map(num));
    expect(isClose(sumOf(c.rawA), num(c.fixture.check_a.sum), 1e-15, 1e-300)).toBe(true);
    expect(isClose(sumOf(c.rawB), num(c.fixture.check_b.sum), 1e-15, 1e-300)).toBe(true);
  });
});

describe("moments and quantiles against NumPy", () => {
  it.each(numericalCases().map((c) => [c.fixture.name, c] as const))("%s", (_n, { fixture, a }) => {
    expect(isClose(meanAndStd(a).mean, num(fixture.mean_a), 1e-12, 1e-15)).toBe(true);
    // np.percentile's default "linear" method, including its lerp from the upper side when gamma ≥ 0.5.
    expect([0.05, 0.5, 0.95].map((q) => quantileSorted(a, q))).toEqual(fixture.percentiles_a.map(num));
  });

  it("summarizes an empty sample as null", () => {
    expect(summarize(new Float64Array(0))).toBeNull();
    expect(summarize(Float64Array.of(1, 2, 3))).toMatchObject({ n: 3, min: 1, max: 3, mean: 2, p50: 2 });
  });
});

describe("sorted-array helpers", () => {
  it("searches with NumPy's sides", () => {
    const sorted = Float64Array.of(1, 2, 2, 2, 3);
    expect(searchLeft(sorted, 2)).toBe(1);
    expect(searchRight(sorted, 2)).toBe(4);
    expect(searchRight(sorted, 0)).toBe(0);
    expect(searchLeft(sorted, 9)).toBe(5);
  });

  it("counts distinct values, stopping past the limit", () => {
    const sorted = Float64Array.of(1, 1, 2, 3, 3, 4);
    expect(distinctCount(sorted)).toBe(4);
    expect(distinctCount(sorted, 2)).toBe(3);
    expect(distinctCountOfBoth(sorted, Float64Array.of(0, 4, 5))).toBe(6);
  });

  it("sums with compensation, and lets an infinite term make the sum infinite", () => {
    expect(sumOf([1e16, 1, -1e16])).toBe(1);
    const s = new CompensatedSum();
    s.add(1);
    s.add(Infinity);
    s.add(2);
    expect(s.value()).toBe(Infinity);
  });
});

describe("cleaning raw values", () => {
  it("tells nulls (null, undefined, NaN, the profile's null tokens), infinities, numbers, booleans and text apart", () => {
    expect([null, undefined, NaN, "", "NA", "NaN", "None"].map(kindOf)).toEqual(Array(7).fill("null"));
    expect([Infinity, -Infinity, "Infinity", "-Infinity"].map(kindOf)).toEqual(Array(4).fill("infinite"));
    expect([0, -1.5, true, "x", "3"].map(kindOf)).toEqual(["number", "number", "boolean", "string", "string"]);
  });

  it("keeps only finite numbers for the numerical tests, sorted", () => {
    expect(Array.from(sortedFinite([3, null, NaN, -Infinity, "2", 1, Infinity, true, -0.5]))).toEqual([-0.5, 1, 3]);
    expect(Array.from(sortedFinite(Float64Array.of(2, NaN, 1, Infinity)))).toEqual([1, 2]);
  });

  it("sorts a column it is given in place, its finite values moved to the front", () => {
    const column = Float64Array.of(3, NaN, -Infinity, 1, Infinity, -0.5, NaN);
    const sorted = sortFiniteInPlace(column);
    expect(Array.from(sorted)).toEqual([-0.5, 1, 3]);
    expect(sorted.buffer).toBe(column.buffer);
  });

  it("counts categories by their text, leaving nulls and infinities out", () => {
    expect([...categoryCounts(["a", true, "true", 1, null, "", NaN, Infinity, "a"])]).toEqual([
      ["a", 2],
      ["true", 2],
      ["1", 1],
    ]);
  });
});
