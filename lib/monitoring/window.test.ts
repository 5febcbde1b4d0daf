import { describe, expect, it } from "vitest";
import { describeDuration, durationMs, parseDuration } from "@/lib/monitoring/window";

describe("monitoring windows", () => {
  it("reads ISO 8601 durations of fixed length", () => {
    expect(parseDuration("P7D")).toEqual({ ms: 7 * 86_400_000 });
    expect(parseDuration("PT6H")).toEqual({ ms: 6 * 3_600_000 });
    expect(parseDuration("P1W")).toEqual({ ms: 7 * 86_400_000 });
    expect(parseDuration("P1DT12H30M")).toEqual({ ms: 86_400_000 + 12.5 * 3_600_000 });
    expect(parseDuration("pt90s")).toEqual({ ms: 90_000 });
    expect(parseDuration("PT0.5S")).toEqual({ ms: 500 });
  });

  it("refuses calendar spans, empty spans and malformed text, saying why", () => {
    for (const bad of ["P1M", "P1Y", "P", "PT", "7D", "P0D", "PT-1H", "P1.5D", "", "P99999D"])
      expect(parseDuration(bad)).toHaveProperty("error");
    expect(parseDuration("P1M")).toEqual({ error: expect.stringContaining("such as P7D") });
    expect(parseDuration("P0D")).toEqual({ error: expect.stringContaining("empty") });
  });

  it("describes spans in words", () => {
    expect(describeDuration(7 * 86_400_000)).toBe("7 days");
    expect(describeDuration(86_400_000 + 3_600_000)).toBe("1 day 1 hour");
    expect(describeDuration(0)).toBe("0 seconds");
  });

  it("reads a stored window's span, and throws on one that was never valid", () => {
    expect(durationMs("PT6H")).toBe(6 * 3_600_000);
    expect(() => durationMs("P1M")).toThrow("such as P7D");
  });
});
