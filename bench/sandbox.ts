// What the sandbox costs. Two figures, each measured with and without bubblewrap in the same run, the
// two interleaved so that machine noise hits both alike:
//   - process start: spawn `python3 -c pass` (what every job and entry-script instance pays once), from
//     spawn to exit;
//   - scoring: requests through one long-lived Python entry-script instance (the studio's own host and
//     pool), sequentially, after a warm-up.
//   npm run bench -- sandbox [--starts 40] [--requests 3000]
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { freshDataDir, percentile, round } from "./lib/support";

const { values } = parseArgs({
  options: { starts: { type: "string", default: "40" }, requests: { type: "string", default: "3000" } },
});
const STARTS = Number(values.starts);
const REQUESTS = Number(values.requests);

const dataDir = freshDataDir("sandbox");
process.env.STUDIO_PYTHON ??= "/usr/bin/python3";
const { probeSandbox, sandboxedCommand } = await import("@/server/runtime/sandbox/sandbox");
const { EntryScriptPool } = await import("@/server/runtime/scoring/entry-script-pool");
const { hostCommand } = await import("@/server/runtime/scoring/hosts");

const sandboxed = probeSandbox("bwrap");
if (!sandboxed.isSandboxed) throw new Error(`bubblewrap does not work here: ${sandboxed.reason}`);
const direct = probeSandbox("off");
const modes = [
  { name: "sandboxed", status: sandboxed },
  { name: "direct", status: direct },
] as const;

function runOnce(status: typeof sandboxed | typeof direct): Promise<number> {
  const work = join(dataDir, "start");
  mkdirSync(work, { recursive: true });
  const command = sandboxedCommand(
    {
      command: process.env.STUDIO_PYTHON!,
      args: ["-c", "pass"],
      cwd: work,
      env: { PATH: "/usr/bin:/bin" },
      writable: [work],
      readOnly: [],
    },
    status,
  );
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command.command, command.args, {
      cwd: command.cwd,
      env: command.env as NodeJS.ProcessEnv,
      stdio: "ignore",
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`exit ${code}`))));
  });
}

console.log(`process start: ${STARTS} runs of python3 -c pass each way, interleaved`);
const starts: Record<string, number[]> = { sandboxed: [], direct: [] };
for (let i = 0; i < 3; i++) for (const mode of modes) await runOnce(mode.status);
for (let i = 0; i < STARTS; i++) for (const mode of modes) starts[mode.name].push(await runOnce(mode.status));
for (const mode of modes)
  console.log(
    `  ${mode.name}: p50 ${round(percentile(starts[mode.name], 50))} ms, p95 ${round(percentile(starts[mode.name], 95))} ms`,
  );

const codeDir = join(dataDir, "code");
const modelDir = join(dataDir, "model");
mkdirSync(codeDir, { recursive: true });
mkdirSync(modelDir, { recursive: true });
writeFileSync(
  join(codeDir, "score.py"),
  "import json\ndef init():\n    pass\ndef run(raw_data):\n    rows = json.loads(raw_data)['data']\n    return [sum(r) for r in rows]\n",
);

const pools = new Map<string, InstanceType<typeof EntryScriptPool>>();
for (const mode of modes) {
  const pool = new EntryScriptPool({
    host: hostCommand("python", { codeDir, script: "score.py", modelDir }, mode.status),
    instances: 1,
    timeoutMs: 10_000,
    startupTimeoutMs: 30_000,
    log: () => undefined,
  });
  await pool.start();
  pools.set(mode.name, pool);
}
const body = JSON.stringify({ data: [[5.1, 3.5, 1.4, 0.2]] });
console.log(`scoring: ${REQUESTS} sequential requests to one Python instance each way, in blocks of 100, interleaved`);
const latencies: Record<string, number[]> = { sandboxed: [], direct: [] };
for (const mode of modes) {
  // The answer is the model's: the rows' sums (a check that the measured path really runs the script).
  const answer = JSON.parse(await pools.get(mode.name)!.score(body)) as number[];
  if (Math.abs(answer[0] - 10.2) > 1e-9)
    throw new Error(`unexpected answer from the ${mode.name} instance: ${JSON.stringify(answer)}`);
  for (let i = 0; i < 200; i++) await pools.get(mode.name)!.score(body);
}
for (let block = 0; block < REQUESTS / 100; block++) {
  for (const mode of modes) {
    const pool = pools.get(mode.name)!;
    for (let i = 0; i < 100; i++) {
      const started = performance.now();
      await pool.score(body);
      latencies[mode.name].push(performance.now() - started);
    }
  }
}
for (const pool of pools.values()) pool.dispose();
for (const mode of modes)
  console.log(
    `  ${mode.name}: p50 ${round(percentile(latencies[mode.name], 50))} ms, p99 ${round(percentile(latencies[mode.name], 99))} ms`,
  );

const figures = {
  start_p50_sandboxed_ms: round(percentile(starts.sandboxed, 50)),
  start_p50_direct_ms: round(percentile(starts.direct, 50)),
  start_overhead_ms: round(percentile(starts.sandboxed, 50) - percentile(starts.direct, 50)),
  score_p50_sandboxed_ms: round(percentile(latencies.sandboxed, 50)),
  score_p50_direct_ms: round(percentile(latencies.direct, 50)),
  score_p99_sandboxed_ms: round(percentile(latencies.sandboxed, 99)),
  score_p99_direct_ms: round(percentile(latencies.direct, 99)),
  ratio_start: round(percentile(starts.sandboxed, 50) / percentile(starts.direct, 50)),
  ratio_score_p50: round(percentile(latencies.sandboxed, 50) / percentile(latencies.direct, 50)),
};
console.log(JSON.stringify(figures));
