import { describe, expect, it } from "vitest";
import { challengerCriteriaSchema, checkCriteria } from "@/lib/monitoring/criteria";
import type { ComparisonSummary } from "@/lib/monitoring/comparison";

const summary = (patch: Partial<ComparisonSummary> = {}): ComparisonSummary => ({
  kind: "classification",
  output: "output",
  live: ["blue"],
  challenger: ["green"],
  pairedRequests: 300,
  comparedRows: 300,
  skippedRows: 0,
  agreement: 0.97,
  confusion: null,
  mae: null,
  rmse: null,
  maxAbsDiff: null,
  errorRate: { live: 0.01, challenger: 0 },
  latencyMs: { live: { p50: 1, p95: 2 }, challenger: { p50: 1.5, p95: 3 } },
  disagreements: [],
  ...patch,
});

describe("challenger promotion criteria", () => {
  it("holds when every criterion does, and names the one that does not", () => {
    const criteria = challengerCriteriaSchema.parse({ minAgreement: 0.95 });
    expect(criteria).toMatchObject({ window: "P1D", minCompared: 200, errorRateAtMostLive: true });
    expect(checkCriteria(criteria, summary()).meets).toBe(true);
    const few = checkCriteria(criteria, summary({ comparedRows: 150 }));
    expect(few.meets).toBe(false);
    expect(few.checks.filter((c) => !c.isMet).map((c) => c.name)).toEqual(["compared rows"]);
    const worse = checkCriteria(criteria, summary({ errorRate: { live: 0, challenger: 0.02 } }));
    expect(worse.checks.filter((c) => !c.isMet).map((c) => c.name)).toEqual(["challenger error rate"]);
    expect(checkCriteria(criteria, summary({ agreement: 0.9 })).checks[1]).toMatchObject({
      name: "agreement",
      actual: "90.0%",
      required: "≥ 95.0%",
      isMet: false,
    });
  });

  it("checks regressions by MAE and RMSE, and the latency ratio when asked", () => {
    const criteria = challengerCriteriaSchema.parse({ maxMae: 0.5, maxRmse: 1, maxLatencyRatio: 1.2, minCompared: 10 });
    const regression = summary({ kind: "regression", agreement: null, mae: 0.4, rmse: 1.1 });
    const result = checkCriteria(criteria, regression);
    expect(result.checks.map((c) => [c.name, c.isMet])).toEqual([
      ["compared rows", true],
      ["MAE", true],
      ["RMSE", false],
      ["challenger error rate", true],
      ["p95 latency ratio", false],
    ]);
  });

  it("refuses criteria that check no answer, or a window that is not a duration", () => {
    expect(challengerCriteriaSchema.safeParse({ minCompared: 10 }).success).toBe(false);
    expect(challengerCriteriaSchema.safeParse({ minAgreement: 0.9, window: "P1M" }).success).toBe(false);
    expect(challengerCriteriaSchema.safeParse({ minAgreement: 1.5 }).success).toBe(false);
  });
});
