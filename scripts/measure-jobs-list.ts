// A quick measurement of the jobs list at 10,000 jobs (5 params, 4 metrics each) on a fresh SQLite
// database: page 1 and page 100 (page size 50) sorted by a metric, by a param and by creation, with and
// without a filter, through the domain function listJobs.
//   node --conditions=react-server --import tsx scripts/measure-jobs-list.ts [--jobs 10000] [--iterations 50]
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { freshDataDir, percentile, round, seedBenchUser, sqliteDate, BENCH_EMAIL } from "../bench/lib/support";

const { values } = parseArgs({
  options: { jobs: { type: "string", default: "10000" }, iterations: { type: "string", default: "50" } },
});
const JOBS = Number(values.jobs);
const ITERATIONS = Number(values.iterations);
const dataDir = freshDataDir("jobs-list");

async function main() {
  const { migrateSqlite } = await import("@/server/db/migrate");
  const file = join(dataDir, "studio.db");
  migrateSqlite(file);
  const sqlite = new Database(file);
  await seedBenchUser(sqlite);
  const now = Date.now();
  sqlite.transaction(() => {
    for (let e = 0; e < 10; e++)
      sqlite
        .prepare(`INSERT INTO "Experiment" (id, scopeId, name, createdAt) VALUES (?, 'bench-scope', ?, ?)`)
        .run(`e${e}`, `exp-${e}`, sqliteDate(now));
    const job = sqlite.prepare(
      `INSERT INTO "Job" (id, scopeId, experimentId, name, displayName, kind, status, compute, createdByLabel, createdAt, startedAt, endedAt)
       VALUES (?, 'bench-scope', ?, ?, ?, 'external', ?, 'local', '${BENCH_EMAIL}', ?, ?, ?)`,
    );
    const param = sqlite.prepare(`INSERT INTO "JobParam" (jobId, key, value) VALUES (?, ?, ?)`);
    const summary = sqlite.prepare(
      `INSERT INTO "MetricSummary" (jobId, key, count, lastValue, lastStep, lastTimestamp, minValue, minStep, maxValue, maxStep) VALUES (?, ?, 100, ?, 99, ?, ?, 0, ?, 50)`,
    );
    for (let i = 0; i < JOBS; i++) {
      const id = `job${String(i).padStart(6, "0")}`;
      const created = now - (JOBS - i) * 60_000;
      const status = i % 50 === 0 ? "running" : i % 7 === 0 ? "failed" : "completed";
      job.run(
        id,
        `e${i % 10}`,
        `job-${i}`,
        `run ${i}`,
        status,
        sqliteDate(created),
        sqliteDate(created),
        status === "running" ? null : sqliteDate(created + 1000 * (i % 600)),
      );
      param.run(id, "lr", String([0.1, 0.01, 0.001, 0.0001][i % 4]));
      param.run(id, "batch_size", String(16 << (i % 4)));
      param.run(id, "optimizer", ["adam", "sgd"][i % 2]);
      param.run(id, "epochs", String(10 + (i % 20)));
      param.run(id, "seed", String(i));
      // About 1 in 10 jobs has no accuracy, so "missing last" is exercised too.
      for (const key of ["accuracy", "loss", "val/accuracy", "val/loss"]) {
        if (key === "accuracy" && i % 10 === 3) continue;
        const v = ((i * 7919) % 1000) / 1000;
        summary.run(id, key, v, now, v / 2, (v + 1) / 2);
      }
    }
  })();
  sqlite.exec("ANALYZE");
  sqlite.close();

  const { listJobs } = await import("@/server/jobs/list-jobs");
  const actor = { userId: "bench-user", email: BENCH_EMAIL, name: "Bench", via: "session" as const };
  const cases: { label: string; query: Record<string, string> }[] = [
    { label: "newest first", query: {} },
    { label: "metrics.accuracy:desc", query: { sort: "metrics.accuracy:desc" } },
    {
      label: "metrics.val/loss.min:asc + filter",
      query: { sort: "metrics.val/loss.min:asc", filter: "metrics.accuracy > 0.1 and params.lr != 0.5" },
    },
    { label: "params.lr:asc", query: { sort: "params.lr:asc" } },
    { label: "duration:desc + status", query: { sort: "duration:desc", status: "completed" } },
  ];
  const results: Record<string, { page1_p50: number; page1_p95: number; page100_p50: number; page100_p95: number }> =
    {};
  for (const c of cases) {
    let cursor: string | undefined;
    for (let page = 1; page < 100; page++) {
      const r = await listJobs(actor, "bench", { ...c.query, limit: 50, cursor });
      if (!r.nextCursor) throw new Error(`${c.label}: only ${page} pages`);
      cursor = r.nextCursor;
    }
    const time = async (query: Record<string, string>) => {
      for (let i = 0; i < 5; i++) await listJobs(actor, "bench", query);
      const samples: number[] = [];
      for (let i = 0; i < ITERATIONS; i++) {
        const start = performance.now();
        await listJobs(actor, "bench", query);
        samples.push(performance.now() - start);
      }
      return samples;
    };
    const p1 = await time({ ...c.query, limit: "50" });
    const p100 = await time({ ...c.query, limit: "50", cursor: cursor! });
    results[c.label] = {
      page1_p50: round(percentile(p1, 50)),
      page1_p95: round(percentile(p1, 95)),
      page100_p50: round(percentile(p100, 50)),
      page100_p95: round(percentile(p100, 95)),
    };
    console.error(
      `${c.label.padEnd(40)} page 1 p50 ${results[c.label].page1_p50} ms p95 ${results[c.label].page1_p95} ms · page 100 p50 ${results[c.label].page100_p50} ms p95 ${results[c.label].page100_p95} ms`,
    );
  }
  console.log(JSON.stringify({ jobs: JOBS, results }));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
