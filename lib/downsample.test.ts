import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_POINTS, downsample } from "@/lib/downsample";

const series = (values: number[]) => values.map((value, step) => ({ step, value }));

describe("downsample", () => {
  it("returns a short series unchanged (as a copy)", () => {
    const points = series([3, 1, 2]);
    const result = downsample(points, 10);
    expect(result).toEqual(points);
    expect(result).not.toBe(points);
  });

  it("caps a long series at the limit, 1,500 by default", () => {
    const points = series(Array.from({ length: 100_000 }, (_, i) => Math.sin(i / 50) + i / 1e4));
    expect(downsample(points).length).toBeLessThanOrEqual(DEFAULT_MAX_POINTS);
    expect(downsample(points).length).toBeGreaterThan(DEFAULT_MAX_POINTS - 10);
    expect(downsample(points, 100).length).toBeLessThanOrEqual(100);
  });

  it("always keeps the first and last point and the global min and max", () => {
    const values = Array.from({ length: 50_000 }, (_, i) => Math.cos(i / 7));
    values[12_345] = -99;
    values[40_001] = 42;
    const result = downsample(series(values), 50);
    expect(result[0].step).toBe(0);
    expect(result.at(-1)!.step).toBe(49_999);
    expect(result.map((p) => p.value)).toContain(-99);
    expect(result.map((p) => p.value)).toContain(42);
  });

  it("keeps a one-point spike in a flat series", () => {
    const values = Array.from({ length: 10_000 }, () => 1);
    values[5_000] = 7;
    values[7_500] = -3;
    const steps = downsample(series(values), 20).map((p) => p.step);
    expect(steps).toContain(5_000);
    expect(steps).toContain(7_500);
  });

  it("preserves the order of the points", () => {
    const points = series(Array.from({ length: 20_000 }, () => Math.random()));
    const steps = downsample(points, 300).map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(new Set(steps).size).toBe(steps.length);
  });

  it("ignores NaN when looking for the minimum and maximum", () => {
    const values = Array.from({ length: 1_000 }, (_, i) => (i % 2 ? Number.NaN : i));
    const result = downsample(series(values), 10);
    expect(result.map((p) => p.value)).toContain(998);
    expect(result.length).toBeLessThanOrEqual(10);
  });

  it("refuses a limit too small to keep first, last, min and max", () => {
    expect(() => downsample(series([1, 2, 3, 4, 5]), 3)).toThrow(RangeError);
  });

  it("keeps a monotonic million-point series' ends, which are its min and max", () => {
    const points = series(Array.from({ length: 1_000_000 }, (_, i) => Math.log1p(i)));
    const result = downsample(points);
    expect(result.length).toBeLessThanOrEqual(DEFAULT_MAX_POINTS);
    expect(result[0]).toBe(points[0]);
    expect(result.at(-1)).toBe(points.at(-1));
  });
});
