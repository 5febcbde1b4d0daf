// bench/drift: one monitor run over 1,000,000 collected rows × 20 numerical features against a 100,000-row
// baseline with every default signal (data drift by normalized Wasserstein, data quality, performance),
// through the studio's own code: the rows are written by the scoring processes' segment writer (requests of
// 100 rows, sealed and gzipped into the artifact store), the baseline is a registered data asset, and the
// run reads, parses and sorts everything itself. Baseline in the same run: the same metrics computed by
// NumPy and SciPy (Debian's python3-numpy / python3-scipy) on the same data loaded from CSV, timing only
// the computation. Goals: studio ≤ 2× SciPy's time; the process's peak memory grows by ≤ 300 MB.
//   npm run bench -- drift [--rows 1000000] [--features 20] [--baseline 100000] [--rounds 3]
import { spawnSync } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { BENCH_EMAIL, freshStudioData, round } from "./lib/support";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    features: { type: "string", default: "20" },
    baseline: { type: "string", default: "100000" },
    rounds: { type: "string", default: "3" },
  },
});
const ROWS = Number(values.rows);
const FEATURES = Number(values.features);
const BASELINE_ROWS = Number(values.baseline);
const ROUNDS = Number(values.rounds);
const ROWS_PER_REQUEST = 100;
/** Features moved in production by 0.3, 0.65 and 1.0 standard deviations. */
const SHIFTS: Record<number, number> = { 2: 0.3, 5: 0.65, 11: 1.0 };

const dataDir = await freshStudioData("drift");
const actor = { userId: "bench-user", email: BENCH_EMAIL, name: "Bench", via: "session" as const };
const names = Array.from({ length: FEATURES }, (_, i) => `f${i}`);

/** A seeded normal generator (mulberry32 + Box–Muller), so every run measures the same data. */
function normals(seed: number) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Feature i: a normal with its own scale and centre (so normalisation matters), 3 decimals as CSVs hold them. */
const valueOf = (i: number, z: number, shift = 0) => Math.round((10 * i + (1 + (i % 4)) * (z + shift)) * 1000) / 1000;

async function writeCsv(path: string, rows: number, seed: number, shifted: boolean) {
  const next = normals(seed);
  const out = createWriteStream(path);
  out.write(`${names.join(",")}\n`);
  for (let r = 0; r < rows; r++) {
    const cells = names.map((_, i) => valueOf(i, next(), shifted ? (SHIFTS[i] ?? 0) : 0));
    if (!out.write(`${cells.join(",")}\n`)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

const { createDataVersion } = await import("@/server/assets/create-data-version");
const { artifactStore } = await import("@/server/artifacts/store");
const { registerModelVersion } = await import("@/server/models/register-model-version");
const { createEndpoint } = await import("@/server/endpoints/create-endpoint");
const { createDeployment } = await import("@/server/endpoints/deployments");
const { CollectedWriter } = await import("@/server/runtime/scoring/collected-writer");
const { createMonitor } = await import("@/server/monitoring/manage-monitors");

console.error(`[bench] writing a ${BASELINE_ROWS}-row baseline and ${ROWS} production rows × ${FEATURES} features…`);
const baselineCsv = join(dataDir, "baseline.csv");
const productionCsv = join(dataDir, "production.csv");
await writeCsv(baselineCsv, BASELINE_ROWS, 1, false);
await writeCsv(productionCsv, ROWS, 2, true);
const stored = await artifactStore.putBuffer(readFileSync(baselineCsv));
const data = await createDataVersion(actor, { kind: "workspace", name: "bench" }, { name: "training", type: "file" }, [
  { path: "baseline.csv", size: stored.size, sha256: stored.sha256 },
]);
const model = await registerModelVersion(actor, { kind: "workspace", name: "bench" }, { name: "clf", type: "onnx" }, [
  { ...(await artifactStore.putBuffer(Buffer.from("weights"))), path: "model.onnx" },
]);
await createEndpoint(actor, "bench", { name: "drift-ep" });
const deployment = await createDeployment(actor, "bench", "drift-ep", { name: "blue", model: `${model.name}:1` });

// Production traffic as the scoring service collects it: pandas split requests of 100 rows, answered with
// class probabilities, spread over the last 24 hours.
const end = Date.now();
const writer = new CollectedWriter("bench:1:drift");
const lines = readFileSync(productionCsv, "utf8")
  .split("\n")
  .slice(1, ROWS + 1);
const started = performance.now();
for (let r = 0; r < ROWS; r += ROWS_PER_REQUEST) {
  const rows = lines.slice(r, r + ROWS_PER_REQUEST).map((line) => line.split(",").map(Number));
  writer.collect({
    endpointId: deployment.id,
    deploymentId: deployment.id,
    modelVersion: `${model.name}:1`,
    requestId: `req-${r}`,
    at: new Date(end - 86_000_000 + Math.floor((r / ROWS) * 86_000_000)),
    status: 200,
    latencyMs: 1,
    input: JSON.stringify({ dataframe_split: { columns: names, data: rows } }),
    output: JSON.stringify({ predictions: rows.map((row) => [row[0] > 0 ? 0.7 : 0.2, 0.2, row[0] > 0 ? 0.1 : 0.6]) }),
  });
  if ((r / ROWS_PER_REQUEST) % 1000 === 999) await writer.flush();
}
await writer.close();
console.error(`[bench] collected in ${round((performance.now() - started) / 1000)} s`);

const monitor = await createMonitor(actor, "bench", {
  endpoint: "drift-ep",
  deployment: "blue",
  baseline: { data: `${data.name}:${data.version}` },
  window: "P1D",
  runNow: false,
  schedule: null,
});

// Each round in a fresh process, as the event dispatcher's: its memory growth is the run's own.
const studioTimes: number[] = [];
const peaks: number[] = [];
let drifted: string[] = [];
for (let round_ = 0; round_ < ROUNDS; round_++) {
  const child = spawnSync(
    process.execPath,
    [
      "--conditions=react-server",
      "--import",
      "tsx",
      join(import.meta.dirname, "lib/drift-run.ts"),
      monitor.name,
      new Date(end + 1000).toISOString(),
    ],
    { encoding: "utf8", env: { ...process.env, STUDIO_DATA_DIR: dataDir }, maxBuffer: 16 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`the monitor run failed: ${child.stderr}`);
  const result = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as {
    seconds: number;
    peakGrowthMb: number;
    status: string;
    error: string | null;
    productionRows: number;
    drifted: string[];
  };
  if (result.status !== "succeeded") throw new Error(`the run failed: ${result.error}`);
  if (result.productionRows !== ROWS) throw new Error(`the run read ${result.productionRows} rows, not ${ROWS}`);
  studioTimes.push(result.seconds);
  peaks.push(result.peakGrowthMb);
  drifted = result.drifted;
}

// SciPy on the same CSVs: load untimed, then time the same metrics.
const python = spawnSync(
  "/usr/bin/python3",
  [join(import.meta.dirname, "lib/drift_scipy.py"), baselineCsv, productionCsv, String(ROUNDS)],
  {
    encoding: "utf8",
    env: { ...process.env, OPENBLAS_CORETYPE: undefined, OPENBLAS_L2_SIZE: undefined },
    maxBuffer: 16 * 1024 * 1024,
  },
);
if (python.status !== 0) throw new Error(`SciPy's baseline failed: ${python.stderr}`);
const scipy = JSON.parse(python.stdout.trim().split("\n").at(-1)!) as { scipy_s: number; drifted: string[] };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const studio = median(studioTimes);
console.error(`[bench] drifted (studio): ${drifted.join(", ")}; (SciPy): ${scipy.drifted.join(", ")}`);
console.error(`[bench] studio rounds: ${studioTimes.map((t) => round(t)).join(", ")} s`);
console.error(`[bench] peak RSS growth per round: ${peaks.map((p) => Math.round(p)).join(", ")} MB`);
console.log(
  JSON.stringify({
    rows: ROWS,
    features: FEATURES,
    baseline_rows: BASELINE_ROWS,
    studio_s: round(studio),
    scipy_s: round(scipy.scipy_s),
    ratio: round(studio / scipy.scipy_s),
    peak_rss_mb: Math.round(Math.max(...peaks)),
    same_drifted_features: JSON.stringify(drifted.sort()) === JSON.stringify([...scipy.drifted].sort()),
  }),
);
process.exit(0);
