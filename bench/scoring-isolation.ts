// bench/scoring-isolation: does heavy work in the web app stall scoring? 10 keep-alive clients score the
// iris ONNX model through a studio's scoring URL (its scoring service runs in a process of its own, as
// under npm start). Scoring latency is measured twice in the same run: while the web app is idle, and
// while it imports a 64 MiB pipeline zip and takes a 200 MiB model upload at the same time (sent by a
// process of its own at the lowest CPU priority, as a client elsewhere would).
//   npm run bench -- scoring-isolation [--seconds 8]
import { spawn } from "node:child_process";
import { setPriority } from "node:os";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { zipSync } from "fflate";
import { deployIris, freshStudioData, percentile, root, round, startBenchStudio } from "./lib/support";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "8" }, clients: { type: "string", default: "10" } },
});
const SECONDS = Number(values.seconds);
const CLIENTS = Number(values.clients);
const BODY = JSON.stringify({ data: [[5.1, 3.5, 1.4, 0.2]] });
const MiB = 1024 * 1024;

/** Clients score until `stop()`; answers every request's latency (ms) and any failure. */
function scoreContinuously(url: string, key: string) {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies: number[] = [];
  let failures = 0;
  let isStopped = false;
  const send = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          agent,
          headers: {
            authorization: `Bearer ${key}`,
            "content-type": "application/json",
            "content-length": Buffer.byteLength(BODY),
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            if (res.statusCode === 200) latencies.push(performance.now() - started);
            else failures++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        failures++;
        resolve();
      });
      req.end(BODY);
    });
  const clients = Array.from({ length: CLIENTS }, async () => {
    while (!isStopped) await send();
  });
  return {
    async stop() {
      isStopped = true;
      await Promise.all(clients);
      agent.destroy();
      return { latencies, failures };
    },
  };
}

/** A pipeline folder as one zip of about `bytes`: a pipeline YAML, its component and a large data file. */
function pipelineZip(bytes: number): Uint8Array {
  const component =
    "name: bench_step\nversion: 1\ntype: command\ninputs:\n  data:\n    type: uri_file\ncode: ./src\ncommand: python step.py ${{inputs.data}}\n";
  const pipeline =
    "type: pipeline\ndisplay_name: isolation\njobs:\n  step:\n    type: command\n    component: ./component.yml\n    inputs:\n      data:\n        type: uri_file\n        path: ./data/blob.bin\n";
  return zipSync(
    {
      "p/pipeline.yml": Buffer.from(pipeline),
      "p/component.yml": Buffer.from(component),
      "p/src/step.py": Buffer.from("print('ok')\n"),
      "p/data/blob.bin": randomBytes(bytes),
    },
    { level: 0 },
  );
}

async function main() {
  const dataDir = await freshStudioData("scoring-isolation");
  const studio = await startBenchStudio(dataDir, {
    STUDIO_PIPELINE_ZIP_MAX_BYTES: String(80 * MiB),
    STUDIO_MAX_UPLOAD_BYTES: String(256 * MiB),
  });
  try {
    const { url, key } = await deployIris(studio, "iris-iso");
    // The heavy requests' bodies are written to files first; another process sends them, so this one
    // only measures scoring.
    const zipFile = join(dataDir, "bench-pipeline.zip");
    const modelFile = join(dataDir, "bench-weights.bin");
    writeFileSync(zipFile, pipelineZip(64 * MiB - 4096));
    writeFileSync(modelFile, randomBytes(200 * MiB));
    console.error("heavy requests: a 64 MiB pipeline zip import and a 200 MiB model upload, at once");

    const warm = scoreContinuously(url, key);
    await new Promise((r) => setTimeout(r, 2000));
    await warm.stop();

    const idle = scoreContinuously(url, key);
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    const idleResult = await idle.stop();

    const loaded = scoreContinuously(url, key);
    const started = performance.now();
    const heavy = await new Promise<{ importSeconds: number; uploadSeconds: number }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [join(root, "bench/lib/heavy-requests.mjs"), studio.url, studio.token, zipFile, modelFile],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      // The uploader stands for a client on another machine: at the lowest priority its own CPU (reading
      // and sending 264 MiB) takes little from the two cores the studio and the scoring clients share.
      if (child.pid) setPriority(child.pid, 19);
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.on("exit", (code) =>
        code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`the heavy requests failed (exit ${code})`)),
      );
    });
    const imported = heavy.importSeconds * 1000;
    const uploaded = heavy.uploadSeconds * 1000;
    // Score at least as long as while idle.
    const left = SECONDS * 1000 - (performance.now() - started);
    if (left > 0) await new Promise((r) => setTimeout(r, left));
    const loadResult = await loaded.stop();

    const figure = (r: { latencies: number[] }) => ({
      p50: percentile(r.latencies, 50),
      p99: percentile(r.latencies, 99),
      max: r.latencies.reduce((a, b) => Math.max(a, b), 0),
      n: r.latencies.length,
    });
    const i = figure(idleResult);
    const l = figure(loadResult);
    console.error(
      `idle: ${i.n} requests, p50 ${i.p50.toFixed(3)} ms, p99 ${i.p99.toFixed(3)} ms, max ${i.max.toFixed(1)} ms, ${idleResult.failures} failed`,
    );
    console.error(
      `import and upload (${(imported / 1000).toFixed(1)} s and ${(uploaded / 1000).toFixed(1)} s): ${l.n} requests, p50 ${l.p50.toFixed(3)} ms, p99 ${l.p99.toFixed(3)} ms, max ${l.max.toFixed(1)} ms, ${loadResult.failures} failed`,
    );
    console.log(
      JSON.stringify({
        bench: "scoring-isolation",
        clients: CLIENTS,
        idle_p50_ms: round(i.p50),
        idle_p99_ms: round(i.p99),
        load_p50_ms: round(l.p50),
        load_p99_ms: round(l.p99),
        load_max_ms: round(l.max),
        failed: idleResult.failures + loadResult.failures,
        import_s: round(imported / 1000),
        upload_s: round(uploaded / 1000),
        p99_load_over_idle: round(l.p99 / i.p99),
      }),
    );
  } finally {
    await studio.stop();
  }
}

await main();
