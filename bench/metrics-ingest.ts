// bench/metrics-ingest: two concurrent clients post 1000-point batches through HTTP into a job on
// SQLite; in the same run, the baseline is raw better-sqlite3 prepared inserts into the same table with
// the same indexes (a fresh copy of the schema), one transaction per 1000 rows, run before and after
// the HTTP part (the faster counts). Also the cost per point of a 1-point request against a 1000-point
// request, and the CPU time the studio's processes spend per 1000 points against the baseline's.
//   npm run bench -- metrics-ingest [--batches 250] [--single 300]
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { freshDataDir, freshStudioData, round, serverCpuMs, startBenchStudio } from "./lib/support";

const { values } = parseArgs({
  options: { batches: { type: "string", default: "250" }, single: { type: "string", default: "300" } },
});
const BATCHES_PER_CLIENT = Number(values.batches);
const SINGLE_REQUESTS = Number(values.single);
const BATCH = 1000;
const CLIENTS = 2;

const batchOf = (client: number, batch: number) =>
  Array.from({ length: BATCH }, (_, i) => {
    const step = batch * BATCH + i;
    return { key: `client${client}/loss`, value: 1 / (step + 1), step, timestamp: 1_700_000_000_000 + step };
  });

async function main() {
  const { migrateSqlite } = await import("@/server/db/migrate");

  // Baseline: the same table and indexes in a database of their own, written as fast as SQLite allows.
  // It runs before and after the HTTP part, each time into a fresh database, and the faster run counts:
  // a busy machine slows a sub-second run a lot, and a slowed baseline would flatter the ratio.
  const totalPoints = CLIENTS * BATCHES_PER_CLIENT * BATCH;
  // The batches are built beforehand: the baseline times the inserts only.
  const batches = Array.from({ length: BATCHES_PER_CLIENT }, (_, b) =>
    Array.from({ length: CLIENTS }, (_, c) => batchOf(c, b)),
  );
  const baselineRuns: { seconds: number; cpuMs: number }[] = [];
  const runBaseline = () => {
    const baselineDir = freshDataDir(`metrics-ingest-baseline-${baselineRuns.length}`);
    const baselineFile = join(baselineDir, "studio.db");
    migrateSqlite(baselineFile);
    const raw = new Database(baselineFile);
    raw.pragma("journal_mode = WAL");
    raw.pragma("synchronous = NORMAL"); // as the studio runs its own connection
    const insert = raw.prepare(
      `INSERT INTO "MetricPoint" ("jobId", "key", "step", "timestamp", "value") VALUES (?, ?, ?, ?, ?)`,
    );
    const insertBatch = raw.transaction((points: ReturnType<typeof batchOf>) => {
      for (const p of points) insert.run("baseline-job", p.key, p.step, p.timestamp, p.value);
    });
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    for (let b = 0; b < BATCHES_PER_CLIENT; b++) for (let c = 0; c < CLIENTS; c++) insertBatch(batches[b][c]);
    const cpu = process.cpuUsage(cpuStart);
    const run = { seconds: (performance.now() - start) / 1000, cpuMs: (cpu.user + cpu.system) / 1000 };
    raw.close();
    baselineRuns.push(run);
    console.error(`baseline: ${totalPoints} points in ${run.seconds.toFixed(2)} s (${run.cpuMs.toFixed(0)} ms CPU)`);
  };
  runBaseline();

  // Through HTTP into a job of a started studio.
  const dataDir = await freshStudioData("metrics-ingest");
  const studio = await startBenchStudio(dataDir);
  try {
    const headers = { authorization: `Bearer ${studio.token}`, "content-type": "application/json" };
    const api = `${studio.url}/api/v1/workspaces/bench/jobs`;
    const created = await fetch(api, { method: "POST", headers, body: JSON.stringify({ experiment: "ingest" }) });
    const { name } = (await created.json()) as { name: string };
    const post = async (metrics: unknown[] | string) => {
      const body = typeof metrics === "string" ? metrics : JSON.stringify({ metrics });
      const res = await fetch(`${api}/${name}/log-batch`, { method: "POST", headers, body });
      if (res.status !== 200) throw new Error(`log-batch answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    // Warm up the route with the same kind of request (the first ones load modules and leave the
    // JSON and validation paths to the JIT), into a job of its own so the measured job starts empty.
    const warm = await fetch(api, { method: "POST", headers, body: JSON.stringify({ experiment: "ingest-warmup" }) });
    const warmName = ((await warm.json()) as { name: string }).name;
    for (let b = 0; b < 50; b++) {
      const res = await fetch(`${api}/${warmName}/log-batch`, {
        method: "POST",
        headers,
        body: JSON.stringify({ metrics: batchOf(0, b) }),
      });
      await res.arrayBuffer();
    }
    for (let i = 0; i < 5; i++) await post([{ key: "warmup", value: i, step: i }]);

    // The request bodies are written beforehand, as the baseline's batches are built beforehand: on two
    // cores the clients' JSON encoding would otherwise take CPU from the studio being measured.
    const bodies = batches.map((perClient) => perClient.map((metrics) => JSON.stringify({ metrics })));
    const port = Number(new URL(studio.url).port);
    const httpCpuStart = serverCpuMs(port);
    const httpStart = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let b = 0; b < BATCHES_PER_CLIENT; b++) await post(bodies[b][client]);
      }),
    );
    const httpSeconds = (performance.now() - httpStart) / 1000;
    const httpCpuMs = serverCpuMs(port) - httpCpuStart;
    console.error(
      `http: ${totalPoints} points in ${httpSeconds.toFixed(2)} s (studio: ${httpCpuMs.toFixed(0)} ms CPU)`,
    );

    const singleCpuStart = serverCpuMs(port);
    const singleStart = performance.now();
    for (let i = 0; i < SINGLE_REQUESTS; i++) await post([{ key: "single", value: i, step: i }]);
    const singleMsPerPoint = (performance.now() - singleStart) / SINGLE_REQUESTS;
    const singleCpuMs = (serverCpuMs(port) - singleCpuStart) / SINGLE_REQUESTS;

    runBaseline();
    const baselineSeconds = Math.min(...baselineRuns.map((r) => r.seconds));
    const baselineCpuMs = Math.min(...baselineRuns.map((r) => r.cpuMs));
    const pointsPerSecond = totalPoints / httpSeconds;
    const baselinePointsPerSecond = totalPoints / baselineSeconds;
    console.log(
      JSON.stringify({
        bench: "metrics-ingest",
        points: totalPoints,
        clients: CLIENTS,
        batch: BATCH,
        points_per_s: Math.round(pointsPerSecond),
        baseline_points_per_s: Math.round(baselinePointsPerSecond),
        ratio: round(pointsPerSecond / baselinePointsPerSecond),
        ms_per_point_batch_1: round(singleMsPerPoint),
        ms_per_point_batch_1000: round((1000 * httpSeconds) / totalPoints),
        cost_ratio_1_vs_1000: round(singleMsPerPoint / ((1000 * httpSeconds) / totalPoints)),
        // CPU figures (the studio's processes, the baseline's own), steadier on a busy machine.
        cpu_ms_per_1000_points: round((1000 * httpCpuMs) / totalPoints),
        baseline_cpu_ms_per_1000_points: round((1000 * baselineCpuMs) / totalPoints),
        cpu_ratio: round(baselineCpuMs / httpCpuMs),
        cpu_ms_per_1_point_request: round(singleCpuMs),
      }),
    );
  } finally {
    await studio.stop();
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
