// bench/metric-history: how long a chart waits for a metric's history at the 1,500-point limit: a
// 1M-point series against a 10k-point series of the same job, through the domain function (and through
// HTTP on a started studio), and, in the same run, a full ordered scan of the 1M series (raw
// better-sqlite3, every point in step order) as the baseline. Goals: the 1M read ≤ 2× the 10k read and
// ≤ 0.1× the scan.
//   npm run bench -- metric-history [--points 1000000] [--iterations 200] [--no-http]
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import {
  BENCH_EMAIL,
  freshDataDir,
  percentile,
  round,
  seedBenchUser,
  startBenchStudio,
  timeSamples,
} from "./lib/support";

const { values } = parseArgs({
  options: {
    points: { type: "string", default: "1000000" },
    iterations: { type: "string", default: "200" },
    http: { type: "boolean", default: true },
  },
  allowNegative: true,
});
const LONG = Number(values.points);
const SHORT = 10_000;
const ITERATIONS = Number(values.iterations);
const MAX_POINTS = 1500;
const dataDir = freshDataDir("metric-history");

const time = (fn: () => Promise<unknown> | unknown, iterations = ITERATIONS) => timeSamples(fn, iterations, 10);

/** A training curve: decaying loss with noise and a few spikes, deterministic. */
function curve(n: number, seed: number): number[] {
  let state = seed;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const values = Array.from({ length: n }, (_, i) => 2 * Math.exp(-i / (n / 5)) + 0.05 * random());
  for (let s = 0; s < 20; s++) values[Math.floor(random() * n)] += 1 + random();
  return values;
}

async function main() {
  const { migrateSqlite } = await import("@/server/db/migrate");
  const file = join(dataDir, "studio.db");
  migrateSqlite(file);
  const sqlite = new Database(file);
  await seedBenchUser(sqlite);

  const { createExternalJob } = await import("@/server/jobs/create-job");
  const { mergeSummary } = await import("@/server/jobs/log-batch");
  const { getMetricHistory } = await import("@/server/jobs/get-job");
  const actor = { userId: "bench-user", email: BENCH_EMAIL, name: "Bench", via: "session" as const };
  const job = await createExternalJob(actor, "bench", { experiment: "history" });
  const { id: jobId } = sqlite.prepare(`SELECT id FROM "Job" WHERE name = ?`).get(job.name) as { id: string };

  // Logging a million points through logBatch takes minutes; the rows are written in bulk as logBatch
  // writes them (in 1000-point batches, the two series interleaved as a training loop logs them), and
  // the summaries with logBatch's own mergeSummary.
  const long = curve(LONG, 7);
  const short = curve(SHORT, 11);
  const seedStart = performance.now();
  const insert = sqlite.prepare(
    `INSERT INTO "MetricPoint" ("jobId", "key", "step", "timestamp", "value") VALUES (?, ?, ?, ?, ?)`,
  );
  const every = Math.floor(LONG / SHORT);
  const seed = sqlite.transaction((from: number, to: number) => {
    for (let step = from; step < to; step++) {
      insert.run(jobId, "train/loss", step, 1_700_000_000_000 + step, long[step]);
      if (step % every === 0 && step / every < SHORT)
        insert.run(jobId, "val/loss", step / every, 1_700_000_000_000 + step, short[step / every]);
    }
  });
  for (let from = 0; from < LONG; from += 1000) seed(from, Math.min(LONG, from + 1000));
  const summary = sqlite.prepare(
    `INSERT INTO "MetricSummary" ("jobId", "key", "count", "lastValue", "lastStep", "lastTimestamp", "minValue", "minStep", "maxValue", "maxStep") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const [key, series] of [
    ["train/loss", long],
    ["val/loss", short],
  ] as const) {
    const s = mergeSummary(
      null,
      series.map((value, step) => ({ key, value, step, timestamp: 1_700_000_000_000 + step })),
    );
    summary.run(
      jobId,
      key,
      s.count,
      s.lastValue,
      s.lastStep,
      s.lastTimestamp,
      s.minValue,
      s.minStep,
      s.maxValue,
      s.maxStep,
    );
  }
  sqlite.exec("ANALYZE");
  console.error(`seeded ${LONG + SHORT} points in ${Math.round(performance.now() - seedStart)} ms`);

  const read = (key: string) => () => getMetricHistory(actor, "bench", job.name, key, { maxPoints: MAX_POINTS });
  const first = await read("train/loss")();
  const firstShort = await read("val/loss")();
  if (first.totalPoints !== LONG || firstShort.totalPoints !== SHORT) throw new Error("wrong totals");
  for (const h of [first, firstShort]) {
    const steps = h.points.map((p) => p.step);
    if (h.points.length > MAX_POINTS || steps.some((s, i) => i > 0 && s < steps[i - 1]))
      throw new Error(`${h.key}: not a valid history`);
  }
  const series = { "train/loss": long, "val/loss": short };
  for (const h of [first, firstShort]) {
    const values = series[h.key as keyof typeof series];
    const min = values.reduce((a, b) => Math.min(a, b)),
      max = values.reduce((a, b) => Math.max(a, b));
    const got = h.points.map((p) => p.value);
    if (
      !got.includes(min) ||
      !got.includes(max) ||
      h.points[0].step !== 0 ||
      h.points.at(-1)!.step !== values.length - 1
    ) {
      throw new Error(`${h.key}: first, last, min or max missing`);
    }
  }
  console.error(`1M read: ${first.points.length} points; 10k read: ${firstShort.points.length} points`);

  // The baseline: every point of the 1M series in step order, as the old read did, but raw.
  const scan = sqlite.prepare(
    `SELECT "step", "value", "timestamp" FROM "MetricPoint" WHERE "jobId" = ? AND "key" = ? ORDER BY "step"`,
  );
  const scanSamples = await time(() => {
    if (scan.all(jobId, "train/loss").length !== LONG) throw new Error("scan");
  }, 5);

  // Alternate the two reads so machine noise hits both alike.
  const longSamples: number[] = [];
  const shortSamples: number[] = [];
  for (let r = 0; r < 4; r++) {
    shortSamples.push(...(await time(read("val/loss"), ITERATIONS / 4)));
    longSamples.push(...(await time(read("train/loss"), ITERATIONS / 4)));
  }
  sqlite.close();

  let http: Record<string, number> = {};
  if (values.http) {
    const studio = await startBenchStudio(dataDir);
    try {
      const get = (key: string) => async () => {
        const res = await fetch(
          `${studio.url}/api/v1/workspaces/bench/jobs/${job.name}/metrics/${key}?maxPoints=${MAX_POINTS}`,
          {
            headers: { authorization: `Bearer ${studio.token}` },
          },
        );
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
        await res.json();
      };
      const longHttp = await time(get("train/loss"), ITERATIONS / 2);
      const shortHttp = await time(get("val/loss"), ITERATIONS / 2);
      http = { http_p50_1m_ms: round(percentile(longHttp, 50)), http_p50_10k_ms: round(percentile(shortHttp, 50)) };
    } finally {
      await studio.stop();
    }
  }

  const p50Long = percentile(longSamples, 50);
  const p50Short = percentile(shortSamples, 50);
  const scanMs = percentile(scanSamples, 50);
  console.log(
    JSON.stringify({
      bench: "metric-history",
      points_1m: LONG,
      points_10k: SHORT,
      max_points: MAX_POINTS,
      iterations: ITERATIONS,
      p50_1m_ms: round(p50Long),
      p95_1m_ms: round(percentile(longSamples, 95)),
      p50_10k_ms: round(p50Short),
      p95_10k_ms: round(percentile(shortSamples, 95)),
      scan_1m_ms: round(scanMs),
      ratio: round(p50Long / p50Short),
      ratio_vs_scan: round(p50Long / scanMs),
      ...http,
    }),
  );
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
