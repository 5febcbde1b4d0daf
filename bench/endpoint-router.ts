// bench/endpoint-router: a tiny ONNX model (the seeded iris classifier, 4 inputs, 3 classes) scored by 10
// concurrent clients through the studio's scoring URL (key check, routing by traffic, counters; data
// collection off), against a bare node:http server in the same run that scores the same model with
// onnxruntime-node directly (bench/lib/direct-onnx-server.mjs, a process of its own as the studio is).
// The two are measured in turns (direct, routed, direct, routed): the better of each pair of rounds counts.
//   npm run bench -- endpoint-router [--requests 4000] [--clients 10]
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { freshStudioData, percentile, root, round, startBenchStudio } from "./lib/support";

const { values } = parseArgs({ options: { requests: { type: "string", default: "4000" }, clients: { type: "string", default: "10" }, rounds: { type: "string", default: "2" } } });
const REQUESTS_PER_CLIENT = Number(values.requests);
const CLIENTS = Number(values.clients);
const ROUNDS = Number(values.rounds);
const MODEL = join(root, "prisma/seed-assets/iris-classifier-v1/model.onnx");
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
      const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(BODY), ...headers } }, (res) => {
        res.resume();
        res.on("end", () => {
          if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode} from ${url}`));
          latencies.push(performance.now() - started);
          resolve();
        });
      });
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
  const child = spawn(process.execPath, [join(root, "bench/lib/direct-onnx-server.mjs"), MODEL], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`the direct server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/score`, stop: () => child.kill() };
}

async function api(base: string, token: string, method: string, path: string, body?: unknown, form?: FormData) {
  const res = await fetch(`${base}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) }, body: form ?? (body ? JSON.stringify(body) : undefined) });
  const json = res.status === 204 ? null : await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function main() {
  const dataDir = await freshStudioData("endpoint-router");
  const studio = await startBenchStudio(dataDir);
  const direct = await startDirectServer();
  try {
    const form = new FormData();
    form.append("files", new Blob([readFileSync(MODEL)]), "model.onnx");
    form.append("type", "onnx");
    await api(studio.url, studio.token, "POST", "/workspaces/bench/models/iris/versions", undefined, form);
    const endpoint = await api(studio.url, studio.token, "POST", "/workspaces/bench/endpoints", { name: "iris-bench" });
    await api(studio.url, studio.token, "POST", "/workspaces/bench/endpoints/iris-bench/deployments", { name: "blue", model: "iris:1", dataCollectionPercent: 0 });
    for (let i = 0; ; i++) {
      const shown = await api(studio.url, studio.token, "GET", "/workspaces/bench/endpoints/iris-bench");
      if (shown.deployments[0].state === "succeeded" && shown.traffic.blue === 100) break;
      if (shown.deployments[0].state === "failed" || i > 200) throw new Error(`the deployment did not come up: ${JSON.stringify(shown.deployments[0])}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const routedUrl = `${studio.scoringUrl}/bench/iris-bench/score`;
    const key = { authorization: `Bearer ${endpoint.keys.primaryKey}` };
    console.error(`scoring URL ${routedUrl}; ${CLIENTS} clients × ${REQUESTS_PER_CLIENT} requests per round`);

    // Warm both up (JIT, sockets, the model's first runs).
    await load(direct.url, {}, 200);
    await load(routedUrl, key, 200);
    const directRounds: Round[] = [];
    const routedRounds: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      directRounds.push(await load(direct.url, {}, REQUESTS_PER_CLIENT));
      routedRounds.push(await load(routedUrl, key, REQUESTS_PER_CLIENT));
      console.error(`round ${r + 1}: direct p50 ${directRounds[r].p50.toFixed(3)} ms p99 ${directRounds[r].p99.toFixed(3)} ms ${directRounds[r].rps.toFixed(0)}/s · routed p50 ${routedRounds[r].p50.toFixed(3)} ms p99 ${routedRounds[r].p99.toFixed(3)} ms ${routedRounds[r].rps.toFixed(0)}/s`);
    }
    const best = (rounds: Round[]) => ({ p50: Math.min(...rounds.map((x) => x.p50)), p99: Math.min(...rounds.map((x) => x.p99)), rps: Math.max(...rounds.map((x) => x.rps)) });
    const d = best(directRounds);
    const s = best(routedRounds);
    // Every routed request was counted by the studio (a check that the measured path is the real one).
    const monitoring = await (async () => {
      for (let i = 0; i < 50; i++) {
        const m = await api(studio.url, studio.token, "GET", "/workspaces/bench/endpoints/iris-bench/monitoring?hours=1");
        const requests = m.deployments[0].totals.requests;
        if (requests >= CLIENTS * (200 + ROUNDS * REQUESTS_PER_CLIENT)) return requests;
        await new Promise((r) => setTimeout(r, 200));
      }
      return null;
    })();
    console.error(`the studio counted ${monitoring ?? "fewer than all"} routed requests`);
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
        ratio_throughput: round(s.rps / d.rps),
      }),
    );
  } finally {
    direct.stop();
    await studio.stop();
  }
}

await main();
