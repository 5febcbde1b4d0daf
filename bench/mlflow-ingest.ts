// bench/mlflow-ingest: the points of bench/metrics-ingest (two clients posting 1000-point batches) sent through
// MLflow's runs/log-batch (/mlflow/<workspace>/api/2.0/mlflow/runs/log-batch, MLflow's JSON shape) and, in the
// same run against the same studio, through the studio's own log-batch. Rounds alternate which path goes first
// (native, MLflow; then MLflow, native), each pass into a fresh run; the faster pass of each counts.
//   npm run bench -- mlflow-ingest [--batches 100] [--rounds 2]
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { freshStudioData, round, startBenchStudio } from "./lib/support";

const { values } = parseArgs({
  options: { batches: { type: "string", default: "100" }, rounds: { type: "string", default: "2" } },
});
const BATCHES_PER_CLIENT = Number(values.batches);
const ROUNDS = Number(values.rounds);
const BATCH = 1000;
const CLIENTS = 2;
const TOTAL = CLIENTS * BATCHES_PER_CLIENT * BATCH;

const pointsOf = (client: number, batch: number) =>
  Array.from({ length: BATCH }, (_, i) => {
    const step = batch * BATCH + i;
    return { key: `client${client}/loss`, value: 1 / (step + 1), step, timestamp: 1_700_000_000_000 + step };
  });

async function main() {
  const dataDir = await freshStudioData("mlflow-ingest");
  const studio = await startBenchStudio(dataDir);
  try {
    const headers = { authorization: `Bearer ${studio.token}`, "content-type": "application/json" };
    const jobs = `${studio.url}/api/v1/workspaces/bench/jobs`;
    const mlflow = `${studio.url}/mlflow/bench/api/2.0/mlflow`;
    const post = async (url: string, body: string) => {
      const res = await fetch(url, { method: "POST", headers, body });
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    const nativeJob = async () => {
      const res = await fetch(jobs, { method: "POST", headers, body: JSON.stringify({ experiment: "ingest" }) });
      return ((await res.json()) as { name: string }).name;
    };
    const mlflowRun = async () => {
      const res = await fetch(`${mlflow}/runs/create`, {
        method: "POST",
        headers,
        body: JSON.stringify({ experiment_id: "0", start_time: Date.now() }),
      });
      return ((await res.json()) as { run: { info: { run_id: string } } }).run.info.run_id;
    };
    // Bodies are written beforehand, so the clients' JSON encoding takes no CPU from the studio measured.
    const batches = Array.from({ length: BATCHES_PER_CLIENT }, (_, b) =>
      Array.from({ length: CLIENTS }, (_, c) => pointsOf(c, b)),
    );
    const native = {
      url: (job: string) => `${jobs}/${job}/log-batch`,
      body: (_job: string, metrics: unknown[]) => JSON.stringify({ metrics }),
      open: nativeJob,
    };
    const viaMlflow = {
      url: () => `${mlflow}/runs/log-batch`,
      body: (run: string, metrics: unknown[]) => JSON.stringify({ run_id: run, metrics }),
      open: mlflowRun,
    };
    const pass = async (path: typeof native | typeof viaMlflow, count = BATCHES_PER_CLIENT) => {
      const job = await path.open();
      const bodies = batches.slice(0, count).map((perClient) => perClient.map((metrics) => path.body(job, metrics)));
      const start = performance.now();
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          for (let b = 0; b < count; b++) await post(path.url(job), bodies[b]![c]!);
        }),
      );
      return (performance.now() - start) / 1000;
    };
    // Warm both routes up (module loading, the JIT) in runs of their own.
    await pass(native, 25);
    await pass(viaMlflow, 25);
    const seconds = { native: [] as number[], mlflow: [] as number[] };
    for (let r = 0; r < ROUNDS; r++) {
      // The table grows with every pass: each round starts with the path the previous round ran second.
      if (r % 2 === 0) {
        seconds.native.push(await pass(native));
        seconds.mlflow.push(await pass(viaMlflow));
      } else {
        seconds.mlflow.push(await pass(viaMlflow));
        seconds.native.push(await pass(native));
      }
      console.error(
        `round ${r + 1}: native ${seconds.native.at(-1)!.toFixed(2)} s, MLflow ${seconds.mlflow.at(-1)!.toFixed(2)} s for ${TOTAL} points`,
      );
    }
    const nativeRate = TOTAL / Math.min(...seconds.native);
    const mlflowRate = TOTAL / Math.min(...seconds.mlflow);
    console.log(
      JSON.stringify({
        bench: "mlflow-ingest",
        points: TOTAL,
        clients: CLIENTS,
        batch: BATCH,
        rounds: ROUNDS,
        mlflow_points_per_s: Math.round(mlflowRate),
        native_points_per_s: Math.round(nativeRate),
        ratio_vs_native: round(mlflowRate / nativeRate),
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
