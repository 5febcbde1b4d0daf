// bench/endpoint-router: a tiny ONNX model (the seeded iris classifier, 4 inputs, 3 classes) scored by 10
// concurrent clients through the studio's scoring URL (key check, routing by traffic, counters; data
// collection off), against a bare node:http server in the same run that scores the same model with
// onnxruntime-node directly (bench/lib/direct-onnx-server.mjs, a process of its own as the studio is).
// The two are measured in turns (direct, routed, routed, direct, …). The machine's speed drifts by as much
// as 2× within a minute (it is shared), so each pair of neighbouring rounds gives a ratio and the median
// pair counts; latencies are the median over rounds.
// The studio's scoring service runs in its own process(es) as under npm start: once with one worker, once
// with two (STUDIO_SCORING_WORKERS=2), each against the direct server in the same run.
//   npm run bench -- endpoint-router [--requests 1500] [--clients 10] [--rounds 7]
import { spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { benchApi, deployIris, freshStudioData, percentile, root, round, startBenchStudio } from "./lib/support";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "1500" },
    clients: { type: "string", default: "10" },
    rounds: { type: "string", default: "7" },
  },
});
const REQUESTS_PER_CLIENT = Number(values.requests);
const CLIENTS = Number(values.clients);
const ROUNDS = Number(values.rounds);
const MODEL = join(root, "prisma/seed-assets/iris-classifier-v1/model.onnx"); // the direct server loads it too
const BODY = JSON.stringify({ data: [[5.1, 3.5, 1.4, 0.2]] });

type Round = { p50: number; p99: number; rps: number };

/** 10 keep-alive clients, each sending its requests one after another; latency per request, throughput overall. */
async function load(url: string, headers: Record<string, string>, perClient: number): Promise<Round> {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies: number[] = [];
  const send = () =>
    new Promise<void>((resolve, reject) => {
      const started = performance.now();
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(BODY), ...headers },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode} from ${url}`));
            latencies.push(performance.now() - started);
            resolve();
          });
        },
      );
      req.on("error", reject);
      req.end(BODY);
    });
  const client = async () => {
    for (let i = 0; i < perClient; i++) await send();
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), rps: latencies.length / seconds };
}

async function startDirectServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(root, "bench/lib/direct-onnx-server.mjs"), MODEL], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`the direct server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/score`, stop: () => child.kill() };
}

type Measured = { routed: Round; direct: Round; ratio: number; counted: number | null };

const median = (values: number[]) => percentile(values, 50);

/** A studio with `workers` scoring processes, measured in turns against the direct server. */
async function measure(direct: { url: string }, workers: number): Promise<Measured> {
  const dataDir = await freshStudioData(`endpoint-router-${workers}`);
  const studio = await startBenchStudio(dataDir, { STUDIO_SCORING_WORKERS: String(workers) });
  try {
    const { url: routedUrl, key: routedKey } = await deployIris(studio, "iris-bench");
    const key = { authorization: `Bearer ${routedKey}` };
    console.error(
      `${workers} scoring worker${workers > 1 ? "s" : ""}: scoring URL ${routedUrl}; ${CLIENTS} clients × ${REQUESTS_PER_CLIENT} requests per round`,
    );
    // Warm both up (JIT, sockets, the model's first runs; every worker's sessions).
    await load(direct.url, {}, 1000);
    await load(routedUrl, key, 1000 * workers);
    const directRounds: Round[] = [];
    const routedRounds: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // Which goes first alternates, so a machine speeding up or slowing down favours neither.
      if (r % 2 === 0) directRounds.push(await load(direct.url, {}, REQUESTS_PER_CLIENT));
      routedRounds.push(await load(routedUrl, key, REQUESTS_PER_CLIENT));
      if (r % 2 === 1) directRounds.push(await load(direct.url, {}, REQUESTS_PER_CLIENT));
      console.error(
        `  round ${r + 1}: ratio ${(routedRounds[r].rps / directRounds[r].rps).toFixed(2)} · direct p50 ${directRounds[r].p50.toFixed(3)} ms p99 ${directRounds[r].p99.toFixed(3)} ms ${directRounds[r].rps.toFixed(0)}/s · routed p50 ${routedRounds[r].p50.toFixed(3)} ms p99 ${routedRounds[r].p99.toFixed(3)} ms ${routedRounds[r].rps.toFixed(0)}/s`,
      );
    }
    const typical = (rounds: Round[]) => ({
      p50: median(rounds.map((x) => x.p50)),
      p99: median(rounds.map((x) => x.p99)),
      rps: median(rounds.map((x) => x.rps)),
    });
    const ratio = median(routedRounds.map((routed, i) => routed.rps / directRounds[i].rps));
    // Every routed request was counted by the studio (a check that the measured path is the real one).
    const expected = CLIENTS * (1000 * workers + ROUNDS * REQUESTS_PER_CLIENT);
    let counted: number | null = null;
    for (let i = 0; i < 50 && counted === null; i++) {
      const m = await benchApi(
        studio.url,
        studio.token,
        "GET",
        "/workspaces/bench/endpoints/iris-bench/monitoring?hours=1",
      );
      if (m.deployments[0].totals.requests >= expected) counted = m.deployments[0].totals.requests;
      else await new Promise((r) => setTimeout(r, 200));
    }
    console.error(`  the studio counted ${counted ?? "fewer than all"} routed requests`);
    return { routed: typical(routedRounds), direct: typical(directRounds), ratio, counted };
  } finally {
    await studio.stop();
  }
}

async function main() {
  const direct = await startDirectServer();
  try {
    const one = await measure(direct, 1);
    const two = await measure(direct, 2);
    const s = one.routed;
    const d = one.direct;
    console.log(
      JSON.stringify({
        bench: "endpoint-router",
        clients: CLIENTS,
        requests: CLIENTS * REQUESTS_PER_CLIENT * ROUNDS,
        p50_ms: round(s.p50),
        p99_ms: round(s.p99),
        throughput_rps: Math.round(s.rps),
        baseline_p50_ms: round(d.p50),
        baseline_p99_ms: round(d.p99),
        baseline_throughput_rps: Math.round(d.rps),
        p50_overhead_ms: round(s.p50 - d.p50),
        p99_overhead_ms: round(s.p99 - d.p99),
        ratio_throughput: round(one.ratio),
        throughput_2_workers_rps: Math.round(two.routed.rps),
        p50_2_workers_ms: round(two.routed.p50),
        ratio_throughput_2_workers: round(two.ratio),
      }),
    );
  } finally {
    direct.stop();
  }
}

await main();
