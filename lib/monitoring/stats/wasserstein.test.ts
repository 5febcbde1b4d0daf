import { describe, expect, it } from "vitest";
import { meanAndStd } from "@/lib/monitoring/stats/sorted";
import { MIN_NORM, normalizedWasserstein, wasserstein1 } from "@/lib/monitoring/stats/wasserstein";
import { isClose, num, numericalCases, relativeError } from "@/tests/fixtures/monitoring/samples";

// Tolerance against scipy.stats.wasserstein_distance and np.std: relative 1e-12 (absolute 1e-15 near 0).
// Measured: at most 4e-16 (the terms are the same doubles; only the order of summation differs).
const REL = 1e-12;
const ABS = 1e-15;

describe("wasserstein1 and normalizedWasserstein against SciPy", () => {
  const cases = numericalCases();

  it.each(cases.map((c) => [c.fixture.name, c] as const))("%s", (_name, { fixture, a, b }) => {
    const w = wasserstein1(a, b);
    const { std } = meanAndStd(a);
    const expected = {
      wasserstein: num(fixture.wasserstein),
      std: num(fixture.std_a),
      normalized: num(fixture.normalized_wasserstein),
    };
    const actual = { wasserstein: w, std, normalized: normalizedWasserstein(w, std) };
    for (const key of ["wasserstein", "std", "normalized"] as const)
      expect(
        isClose(actual[key], expected[key], REL, ABS),
        `${key}: ${relativeError(actual[key], expected[key])}`,
      ).toBe(true);
  });

  it("is symmetric and zero for identical samples", () => {
    const { a, b } = cases.find((c) => c.fixture.name.startsWith("normal 150"))!;
    expect(wasserstein1(a, b)).toBeCloseTo(wasserstein1(b, a), 14);
    expect(wasserstein1(a, a.slice())).toBe(0);
  });

  it("refuses an empty sample, as SciPy does", () => {
    expect(() => wasserstein1(new Float64Array(0), Float64Array.of(1))).toThrow("Distribution can't be empty.");
  });

  it("floors the norm at 0.001, so a constant baseline gives large but finite values", () => {
    expect(MIN_NORM).toBe(0.001);
    const constant = new Float64Array(200).fill(5);
    const shifted = new Float64Array(300).fill(5.1);
    expect(meanAndStd(constant).std).toBe(0);
    expect(normalizedWasserstein(wasserstein1(constant, shifted), 0)).toBeCloseTo(100, 9);
    expect(normalizedWasserstein(wasserstein1(constant, constant.slice()), 0)).toBe(0);
  });
});
