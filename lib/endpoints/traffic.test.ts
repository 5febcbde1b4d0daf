import { describe, expect, it } from "vitest";
import { checkTraffic, MAX_MIRROR_PERCENT, TrafficRouter, type TrafficSetting } from "@/lib/endpoints/traffic";

const route = (setting: TrafficSetting, requests: number) => {
  const router = new TrafficRouter(setting);
  const answered: Record<string, number> = {};
  const mirrored: Record<string, number> = {};
  const order: (string | null)[] = [];
  for (let i = 0; i < requests; i++) {
    const { deployment, mirrorTo } = router.pick();
    order.push(deployment);
    if (deployment) answered[deployment] = (answered[deployment] ?? 0) + 1;
    if (mirrorTo) mirrored[mirrorTo] = (mirrored[mirrorTo] ?? 0) + 1;
  }
  return { answered, mirrored, order };
};

describe("traffic rules", () => {
  const deployments = ["blue", "green", "shadow"];

  it("accepts percentages that add up to 100 over the deployments that take traffic, or no live traffic at all", () => {
    expect(checkTraffic(deployments, { traffic: { blue: 80, green: 20, shadow: 0 }, mirror: null })).toEqual({
      ok: true,
    });
    expect(
      checkTraffic(deployments, { traffic: { blue: 100 }, mirror: { deployment: "shadow", percent: 10 } }),
    ).toEqual({ ok: true });
    expect(checkTraffic(deployments, { traffic: { blue: 0, green: 0 }, mirror: null })).toEqual({ ok: true });
  });

  it("refuses a sum other than 100 and names what it adds up to", () => {
    const check = checkTraffic(deployments, { traffic: { blue: 70, green: 20 }, mirror: null });
    expect(check).toEqual({
      ok: false,
      errors: [
        "The traffic adds up to 90% (blue 70%, green 20%); it must be exactly 100% over the deployments that take traffic.",
      ],
    });
    expect(checkTraffic(deployments, { traffic: { blue: 70, green: 40 }, mirror: null }).ok).toBe(false);
  });

  it("refuses unknown deployments and percentages that are not whole numbers from 0 to 100", () => {
    const check = checkTraffic(deployments, { traffic: { blue: 50.5, purple: 49.5, green: -1 }, mirror: null });
    expect(check.ok).toBe(false);
    const errors = (check as { errors: string[] }).errors;
    expect(errors).toContain('There is no deployment "purple" in this endpoint.');
    expect(errors.some((e) => e.startsWith('The traffic of "blue" must be a whole percentage'))).toBe(true);
    expect(errors.some((e) => e.startsWith('The traffic of "green" must be a whole percentage'))).toBe(true);
    expect(checkTraffic(deployments, { traffic: { blue: "100" as unknown as number }, mirror: null }).ok).toBe(false);
  });

  it("mirrors at most 50%, to a known deployment that takes no live traffic", () => {
    const errorsOf = (setting: TrafficSetting) => {
      const check = checkTraffic(deployments, setting);
      return check.ok ? [] : check.errors;
    };
    expect(
      errorsOf({ traffic: { blue: 100 }, mirror: { deployment: "shadow", percent: MAX_MIRROR_PERCENT + 1 } }),
    ).toEqual(["A mirrored share is a whole percentage from 1 to 50 (got 51)."]);
    expect(errorsOf({ traffic: { blue: 100 }, mirror: { deployment: "shadow", percent: 0 } })).toHaveLength(1);
    expect(errorsOf({ traffic: { blue: 80, green: 20 }, mirror: { deployment: "green", percent: 10 } })).toEqual([
      '"green" takes live traffic (20%); only a deployment at 0% can receive mirrored traffic.',
    ]);
    expect(errorsOf({ traffic: { blue: 100 }, mirror: { deployment: "ghost", percent: 10 } })).toEqual([
      'There is no deployment "ghost" to mirror traffic to.',
    ]);
  });
});

describe("traffic router", () => {
  it("splits 10,000 requests exactly 80/20, and any 100 consecutive ones too", () => {
    const { answered, order } = route({ traffic: { blue: 80, green: 20 }, mirror: null }, 10_000);
    expect(answered).toEqual({ blue: 8000, green: 2000 });
    for (const start of [0, 37, 5_555]) {
      expect(order.slice(start, start + 100).filter((d) => d === "green")).toHaveLength(20);
    }
  });

  it("interleaves rather than sending runs: 20% never waits more than 5 requests for its turn", () => {
    const { order } = route({ traffic: { blue: 80, green: 20 }, mirror: null }, 1_000);
    const greens = order.map((d, i) => (d === "green" ? i : -1)).filter((i) => i >= 0);
    const gaps = greens.slice(1).map((i, k) => i - greens[k]);
    expect(Math.max(...gaps)).toBe(5);
  });

  it("splits three ways within a request of the percentages, whatever order the setting lists them in", () => {
    const a = route({ traffic: { c: 34, a: 33, b: 33 }, mirror: null }, 10_000);
    const b = route({ traffic: { a: 33, b: 33, c: 34 }, mirror: null }, 10_000);
    expect(a.answered).toEqual({ a: 3300, b: 3300, c: 3400 });
    expect(a.order).toEqual(b.order);
  });

  it("copies exactly the mirrored share, spread evenly, besides the live pick", () => {
    const { answered, mirrored, order } = route(
      { traffic: { blue: 100 }, mirror: { deployment: "shadow", percent: 10 } },
      10_000,
    );
    expect(answered).toEqual({ blue: 10_000 });
    expect(mirrored).toEqual({ shadow: 1000 });
    expect(order.every((d) => d === "blue")).toBe(true);
  });

  it("answers no deployment when none takes live traffic", () => {
    const router = new TrafficRouter({ traffic: { blue: 0 }, mirror: null });
    expect(router.pick()).toEqual({ deployment: null, mirrorTo: null });
  });
});
