import { z } from "zod";
import type { ComparisonSummary } from "@/lib/monitoring/comparison";
import { parseDuration } from "@/lib/monitoring/window";

// Promotion criteria for an endpoint's mirrored challenger (design note C5): what the comparison over a
// window must show before the challenger may take the live deployment's place. Each criterion is checked
// on its own, so the page can say which one holds it back; an unset criterion is not checked.

export const challengerCriteriaSchema = z
  .strictObject({
    /** The comparison's window, an ISO 8601 lookback. */
    window: z
      .string()
      .trim()
      .refine((text) => !("error" in parseDuration(text)), "The window must be an ISO 8601 duration such as P1D.")
      .default("P1D"),
    /** At least this many compared rows (mirrored requests' rows both sides answered). */
    minCompared: z.number().int().min(1).max(100_000_000).default(200),
    /** Classifiers: the share of rows whose top class agrees. */
    minAgreement: z.number().min(0).max(1).optional(),
    /** Numbers: the largest mean absolute and root-mean-square differences. */
    maxMae: z.number().min(0).optional(),
    maxRmse: z.number().min(0).optional(),
    /** The challenger fails no more often than the live deployments (on the same requests). */
    errorRateAtMostLive: z.boolean().default(true),
    /** The challenger's p95 latency at most this many times the live one's. */
    maxLatencyRatio: z.number().min(0).optional(),
  })
  .refine((c) => c.minAgreement !== undefined || c.maxMae !== undefined || c.maxRmse !== undefined, {
    message: "Set minAgreement (classifiers), or maxMae or maxRmse (numbers): what the answers must show.",
  });
export type ChallengerCriteria = z.output<typeof challengerCriteriaSchema>;

export type CriterionCheck = { name: string; required: string; actual: string; isMet: boolean };

const share = (v: number) => `${(v * 100).toFixed(1)}%`;
const num = (v: number) => Number(v.toPrecision(4)).toString();

/** Every criterion against the comparison, and whether all hold. */
export function checkCriteria(
  criteria: ChallengerCriteria,
  summary: ComparisonSummary,
): { meets: boolean; checks: CriterionCheck[] } {
  const checks: CriterionCheck[] = [
    {
      name: "compared rows",
      required: `≥ ${criteria.minCompared}`,
      actual: String(summary.comparedRows),
      isMet: summary.comparedRows >= criteria.minCompared,
    },
  ];
  if (criteria.minAgreement !== undefined)
    checks.push({
      name: "agreement",
      required: `≥ ${share(criteria.minAgreement)}`,
      actual: summary.agreement === null ? "—" : share(summary.agreement),
      isMet: summary.agreement !== null && summary.agreement >= criteria.minAgreement,
    });
  for (const [name, limit, value] of [
    ["MAE", criteria.maxMae, summary.mae],
    ["RMSE", criteria.maxRmse, summary.rmse],
  ] as const)
    if (limit !== undefined)
      checks.push({
        name,
        required: `≤ ${num(limit)}`,
        actual: value === null ? "—" : num(value),
        isMet: value !== null && value <= limit,
      });
  if (criteria.errorRateAtMostLive) {
    const { live, challenger } = summary.errorRate;
    checks.push({
      name: "challenger error rate",
      required: live === null ? "≤ live's" : `≤ ${share(live)} (live's)`,
      actual: challenger === null ? "—" : share(challenger),
      isMet: live !== null && challenger !== null && challenger <= live,
    });
  }
  if (criteria.maxLatencyRatio !== undefined) {
    const live = summary.latencyMs.live.p95;
    const challenger = summary.latencyMs.challenger.p95;
    const ratio = live && challenger !== null ? challenger / live : null;
    checks.push({
      name: "p95 latency ratio",
      required: `≤ ${num(criteria.maxLatencyRatio)}×`,
      actual: ratio === null ? "—" : `${num(ratio)}×`,
      isMet: ratio !== null && ratio <= criteria.maxLatencyRatio,
    });
  }
  return { meets: checks.every((c) => c.isMet), checks };
}
