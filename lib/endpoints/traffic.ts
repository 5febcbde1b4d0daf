// Traffic across an endpoint's deployments: the rules a traffic setting must follow, and the router that
// sends each request to a deployment. The router is deterministic (smooth weighted round-robin): in any
// 100 consecutive requests each deployment gets exactly its percentage, so a split holds from the first
// hundred requests rather than on average; mirroring works the same way for the mirrored share.

export const MAX_MIRROR_PERCENT = 50;

/** Live traffic in whole percent by deployment name, and at most one deployment that gets copies. */
export type TrafficSetting = {
  traffic: Record<string, number>;
  mirror: { deployment: string; percent: number } | null;
};

export type TrafficCheck = { ok: true } | { ok: false; errors: string[] };

const isPercent = (n: unknown, max = 100): n is number =>
  typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= max;

/**
 * Whether `setting` can apply to an endpoint with these deployments: known names, whole percents, a sum
 * of exactly 100 over the deployments that take traffic (or no live traffic at all), and a mirror of at
 * most 50% to one deployment that takes no live traffic. Every problem is listed.
 */
export function checkTraffic(deployments: readonly string[], setting: TrafficSetting): TrafficCheck {
  const errors: string[] = [];
  const known = new Set(deployments);
  let sum = 0;
  for (const [name, percent] of Object.entries(setting.traffic)) {
    if (!known.has(name)) errors.push(`There is no deployment "${name}" in this endpoint.`);
    if (!isPercent(percent))
      errors.push(
        `The traffic of "${name}" must be a whole percentage from 0 to 100 (got ${JSON.stringify(percent)}).`,
      );
    else sum += percent;
  }
  if (sum !== 0 && sum !== 100 && errors.length === 0) {
    const taking = Object.entries(setting.traffic)
      .filter(([, p]) => p > 0)
      .map(([n, p]) => `${n} ${p}%`);
    errors.push(
      `The traffic adds up to ${sum}% (${taking.join(", ")}); it must be exactly 100% over the deployments that take traffic.`,
    );
  }
  const mirror = setting.mirror;
  if (mirror) {
    if (!known.has(mirror.deployment))
      errors.push(`There is no deployment "${mirror.deployment}" to mirror traffic to.`);
    if (!isPercent(mirror.percent, MAX_MIRROR_PERCENT) || mirror.percent === 0) {
      errors.push(
        `A mirrored share is a whole percentage from 1 to ${MAX_MIRROR_PERCENT} (got ${JSON.stringify(mirror.percent)}).`,
      );
    }
    if ((setting.traffic[mirror.deployment] ?? 0) > 0) {
      errors.push(
        `"${mirror.deployment}" takes live traffic (${setting.traffic[mirror.deployment]}%); only a deployment at 0% can receive mirrored traffic.`,
      );
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true };
}

/** Picks the deployment for each request of an endpoint whose setting passed `checkTraffic`. */
export class TrafficRouter {
  private readonly entries: { name: string; weight: number; current: number }[];
  private readonly total: number;
  private readonly mirrorPercent: number;
  private requests = 0;

  constructor(readonly setting: TrafficSetting) {
    // In name order, so two routers with one setting pick alike whatever order the setting was written in.
    this.entries = Object.entries(setting.traffic)
      .filter(([, weight]) => weight > 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, weight]) => ({ name, weight, current: 0 }));
    this.total = this.entries.reduce((sum, e) => sum + e.weight, 0);
    this.mirrorPercent = setting.mirror?.percent ?? 0;
  }

  /**
   * The deployment that answers the next request, null when none takes live traffic. Smooth weighted
   * round-robin: every entry gains its weight, the one furthest ahead answers and falls back by the total.
   */
  pick(): { deployment: string | null; mirrorTo: string | null } {
    const n = this.requests++;
    // The mirrored share, spread evenly: request n is copied when ⌊(n+1)·p/100⌋ passes ⌊n·p/100⌋.
    const isMirrored =
      this.mirrorPercent > 0 &&
      Math.floor(((n + 1) * this.mirrorPercent) / 100) > Math.floor((n * this.mirrorPercent) / 100);
    const mirrorTo = isMirrored ? this.setting.mirror!.deployment : null;
    if (this.total === 0) return { deployment: null, mirrorTo };
    let best = this.entries[0];
    for (const entry of this.entries) {
      entry.current += entry.weight;
      if (entry.current > best.current) best = entry;
    }
    best.current -= this.total;
    return { deployment: best.name, mirrorTo };
  }
}
