import { describe, expect, it } from "vitest";
import { createExternalJob } from "@/server/jobs/create-job";
import { logBatch } from "@/server/jobs/log-batch";
import { getMetricHistory } from "@/server/jobs/get-job";
import { IN_MEMORY_FACTOR } from "@/server/jobs/metric-history";
import type { MetricHistoryDto } from "@/lib/schemas/dto";
import { workspaceWithTeam } from "@/tests/support/factories";

type Logged = { step: number; value: number; timestamp: number };

/** Logs the points in the order given, 1000 a request, and reads the history back at each limit. */
async function logAndRead(points: Logged[], ...limits: number[]): Promise<MetricHistoryDto[]> {
  const { workspace, contributor, reader } = await workspaceWithTeam();
  const { name } = await createExternalJob(contributor, workspace.name, {});
  for (let start = 0; start < points.length; start += 1000) {
    await logBatch(contributor, workspace.name, name, {
      metrics: points.slice(start, start + 1000).map((p) => ({ key: "train/loss", ...p })),
    });
  }
  return Promise.all(
    limits.map((maxPoints) =>
      getMetricHistory(reader, workspace.name, name, "train/loss", { maxPoints: String(maxPoints) }),
    ),
  );
}

/** The contract of lib/downsample.ts, checked against what was logged. */
function expectContract(history: MetricHistoryDto, logged: Logged[], maxPoints: number) {
  // Step order, then timestamp, then the order of logging.
  const ordered = logged
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.step - b.p.step || a.p.timestamp - b.p.timestamp || a.i - b.i)
    .map((x) => x.p);
  expect(history.totalPoints).toBe(logged.length);
  if (logged.length <= maxPoints) {
    expect(history.points).toEqual(ordered);
    return;
  }
  const { points } = history;
  expect(points.length).toBeLessThanOrEqual(maxPoints);
  expect(points[0]).toEqual(ordered[0]);
  expect(points.at(-1)).toEqual(ordered.at(-1));
  const values = logged.map((p) => p.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  expect(points.map((p) => p.value)).toContain(min);
  expect(points.map((p) => p.value)).toContain(max);
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]];
    expect(
      a.step < b.step || (a.step === b.step && a.timestamp < b.timestamp),
      `points ${i - 1} and ${i} out of order`,
    ).toBe(true);
  }
  // Every point returned is one that was logged, each at most once.
  const remaining = new Map<string, number>();
  for (const p of logged) remaining.set(JSON.stringify(p), (remaining.get(JSON.stringify(p)) ?? 0) + 1);
  for (const p of points) {
    const id = JSON.stringify({ step: p.step, value: p.value, timestamp: p.timestamp });
    expect(remaining.get(id) ?? 0, `${id} was not logged (or is returned twice)`).toBeGreaterThan(0);
    remaining.set(id, remaining.get(id)! - 1);
  }
}

/** The largest gap between consecutive steps returned: evenly spread samples leave no wide holes. */
const widestGap = (history: MetricHistoryDto) =>
  Math.max(...history.points.slice(1).map((p, i) => p.step - history.points[i].step));

describe("metric history of long series", () => {
  it("samples a long series evenly and keeps spikes at odd steps that are the global min and max", async () => {
    // 4,000 points at steps 7, 10, 13, …: the series does not start at 0 and its steps are not dense.
    const logged = Array.from({ length: 4000 }, (_, i) => ({
      step: 7 + 3 * i,
      value: Math.sin(i / 40) + i / 1e4,
      timestamp: 1_000_000 + i,
    }));
    logged[3321].value = -50;
    logged[1].value = 77;
    logged[3997].value = 12; // a spike that is not a global extreme
    const [history] = await logAndRead(logged, 100);
    expectContract(history, logged, 100);
    expect(history.points.find((p) => p.value === -50)?.step).toBe(7 + 3 * 3321);
    expect(history.points.find((p) => p.value === 77)?.step).toBe(10);
    expect(history.points.length).toBeGreaterThan(90);
    expect(widestGap(history)).toBeLessThanOrEqual((2 * 3 * 4000) / 96);
  });

  it("keeps the contract when steps repeat, with the extremes on repeated steps", async () => {
    // Each of 2,500 steps logged three times (a resumed run re-logging), out of step order.
    const logged: Logged[] = [];
    for (let round = 0; round < 3; round++) {
      for (let step = 2499; step >= 0; step--)
        logged.push({
          step,
          value: Math.cos(step / 25) + round / 10,
          timestamp: 5_000_000 + round * 10_000 + (2499 - step),
        });
    }
    logged.find((p) => p.step === 1733 && p.timestamp >= 5_010_000)!.value = -9; // the second of three at its step
    logged.find((p) => p.step === 2499 && p.timestamp >= 5_020_000)!.value = 9; // the last logged at the last step
    const limits = [60, 1000];
    const histories = await logAndRead(logged, ...limits);
    histories.forEach((history, i) => {
      expectContract(history, logged, limits[i]);
      expect(history.points.at(-1)).toMatchObject({ step: 2499, value: 9 });
    });
  });

  it("keeps the contract when a series' min and max are its first and last points", async () => {
    const rising = Array.from({ length: 2500 }, (_, i) => ({
      step: i,
      value: Math.log1p(i),
      timestamp: 2_000_000 + i,
    }));
    const falling = rising.map((p) => ({ ...p, value: 10 - p.value }));
    for (const logged of [rising, falling]) {
      const [history] = await logAndRead(logged, 50);
      expectContract(history, logged, 50);
      expect(new Set(history.points.map((p) => p.step)).size).toBe(history.points.length);
    }
  });

  it("keeps each bucket's own spikes in a series read whole (up to twice the limit)", async () => {
    const count = IN_MEMORY_FACTOR * 100;
    const logged = Array.from({ length: count }, (_, i) => ({ step: i % 150, value: i % 7, timestamp: 3_000_000 + i }));
    logged[77].value = 40; // not the max after the next line, but a spike in its bucket
    logged[123].value = 41;
    const [history] = await logAndRead(logged, 100);
    expectContract(history, logged, 100);
    expect(history.points.map((p) => p.value)).toContain(40);
  });

  it("returns a series of at most maxPoints points whole, duplicate steps included", async () => {
    const logged = Array.from({ length: 300 }, (_, i) => ({
      step: 299 - (i % 100),
      value: i,
      timestamp: 4_000_000 + i,
    }));
    const [history] = await logAndRead(logged, 300);
    expectContract(history, logged, 300);
    expect(history.points).toHaveLength(300);
  });
});
