import { describe, expect, it } from "vitest";
import {
  chartRows,
  formatDuration,
  formatMetricValue,
  formatX,
  logScaleBlocker,
  parseXAxis,
  seriesColour,
  smoothEma,
  xOf,
} from "@/lib/metric-chart";

describe("smoothEma", () => {
  it("returns the values unchanged at weight 0", () => {
    expect(smoothEma([1, 5, 2], 0)).toEqual([1, 5, 2]);
  });

  it("is debiased: the first point stays put and a constant series stays constant", () => {
    expect(smoothEma([3, 3, 3, 3], 0.9)).toEqual([3, 3, 3, 3].map(() => expect.closeTo(3, 10)));
    expect(smoothEma([10, 0], 0.6)[0]).toBeCloseTo(10, 10);
  });

  it("matches TensorBoard's formula", () => {
    // last = 0.5*0 + 0.5*1 = 0.5, debias 0.5 → 1; last = 0.25 + 0.5*3 = 1.75, debias 0.75 → 2.333…
    const out = smoothEma([1, 3], 0.5);
    expect(out[0]).toBeCloseTo(1, 10);
    expect(out[1]).toBeCloseTo(1.75 / 0.75, 10);
  });

  it("damps noise more as the weight grows, and clamps the weight", () => {
    const noisy = Array.from({ length: 200 }, (_, i) => (i % 2 ? 1 : -1));
    const spread = (xs: number[]) => Math.max(...xs.slice(100)) - Math.min(...xs.slice(100));
    expect(spread(smoothEma(noisy, 0.9))).toBeLessThan(spread(smoothEma(noisy, 0.5)));
    expect(smoothEma(noisy, 5)).toEqual(smoothEma(noisy, 0.99));
    expect(smoothEma(noisy, -1)).toEqual(noisy);
    expect(smoothEma(noisy, Number.NaN)).toEqual(noisy);
  });

  it("passes non-finite values through without poisoning the rest", () => {
    const out = smoothEma([1, Number.POSITIVE_INFINITY, 1], 0.5);
    expect(out[1]).toBe(Number.POSITIVE_INFINITY);
    expect(out[2]).toBeCloseTo(1, 10);
  });
});

describe("x axes", () => {
  const p = { step: 7, value: 1, timestamp: 1_700_000_065_000 };
  it("maps a point to step, wall time or seconds since the series' first point", () => {
    expect(xOf(p, "step", 0)).toBe(7);
    expect(xOf(p, "wall", 0)).toBe(1_700_000_065_000);
    expect(xOf(p, "relative", 1_700_000_000_000)).toBe(65);
  });
  it("reads the axis from the URL, step when unknown", () => {
    expect(parseXAxis("wall")).toBe("wall");
    expect(parseXAxis("relative")).toBe("relative");
    expect(parseXAxis("nonsense")).toBe("step");
    expect(parseXAxis(undefined)).toBe("step");
  });
  it("formats ticks", () => {
    expect(formatX("step", 120)).toBe("120");
    expect(formatX("relative", 65)).toBe("1m 5s");
    expect(formatX("wall", Date.parse("2026-01-01T12:34:56Z"))).toBe("12:34:56");
    expect(formatDuration(4.25)).toBe("4.3s");
    expect(formatDuration(7260)).toBe("2h 1m");
    expect(formatDuration(90000)).toBe("1d 1h");
  });
  it("formats values compactly", () => {
    expect(formatMetricValue(0.931234)).toBe("0.93123");
    expect(formatMetricValue(0.00001)).toBe("1.000e-5");
    expect(formatMetricValue(12345)).toBe("12,345");
    expect(formatMetricValue(0)).toBe("0");
  });
});

describe("logScaleBlocker", () => {
  it("allows a log scale only when every value is above zero", () => {
    expect(logScaleBlocker([{ points: [{ value: 0.1 }, { value: 2 }] }])).toBeNull();
    expect(logScaleBlocker([{ points: [{ value: 0.1 }] }, { points: [{ value: 0 }] }])).toMatch(/≤ 0/);
    expect(logScaleBlocker([{ points: [{ value: -1 }] }])).toMatch(/≤ 0/);
    expect(logScaleBlocker([])).not.toBeNull();
  });
});

describe("chartRows", () => {
  it("merges series by x, with smoothed and raw values per series", () => {
    const a = {
      id: "a",
      points: [
        { step: 0, value: 1, timestamp: 1000 },
        { step: 1, value: 3, timestamp: 2000 },
      ],
    };
    const b = {
      id: "b",
      points: [
        { step: 1, value: 5, timestamp: 50_000 },
        { step: 2, value: 6, timestamp: 51_000 },
      ],
    };
    const rows = chartRows([a, b], "step", 0);
    expect(rows).toEqual([
      { x: 0, a: 1, a__raw: 1 },
      { x: 1, a: 3, a__raw: 3, b: 5, b__raw: 5 },
      { x: 2, b: 6, b__raw: 6 },
    ]);
    const smoothed = chartRows([a], "step", 0.5);
    expect(smoothed[1].a).toBeCloseTo(1.75 / 0.75, 10);
    expect(smoothed[1].a__raw).toBe(3);
  });
  it("gives each series its own origin on the relative axis", () => {
    const a = {
      id: "a",
      points: [
        { step: 0, value: 1, timestamp: 1000 },
        { step: 1, value: 3, timestamp: 3000 },
      ],
    };
    const b = {
      id: "b",
      points: [
        { step: 0, value: 5, timestamp: 90_000 },
        { step: 1, value: 6, timestamp: 92_000 },
      ],
    };
    expect(chartRows([a, b], "relative", 0).map((r) => r.x)).toEqual([0, 2]);
  });
});

describe("seriesColour", () => {
  it("gives 50 lines 50 different colours", () => {
    expect(new Set(Array.from({ length: 50 }, (_, i) => seriesColour(i))).size).toBe(50);
  });
});
