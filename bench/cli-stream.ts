// How soon `studio job create -f job.yml --stream` shows a job's first log line (the figure: within
// 1 s of the job starting). The job's Python prints the wall clock as its first line; the delay is the moment
// the line reaches the CLI's stdout less that instant. Baseline in the same run, alternating: a client tailing
// the same logs API every 50 ms (what the log writer's batching alone allows).
//   npm run bench -- cli-stream [--rounds 10]
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { freshStudioData, percentile, root, round, startBenchStudio } from "./lib/support";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "10" } } });
const ROUNDS = Number(values.rounds);
const COMMAND = `python -c "import time; print('first', time.time_ns() // 1000, flush=True); time.sleep(1)"`;

const dataDir = await freshStudioData("cli-stream");
const studio = await startBenchStudio(dataDir, { STUDIO_PYTHON: process.env.STUDIO_PYTHON ?? "/usr/bin/python3" });
const folder = join(dataDir, "job");
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, "job.yml"), `command: ${JSON.stringify(COMMAND)}\nexperiment_name: bench\n`);
const home = mkdtempSync(join(tmpdir(), "studio-bench-cli-"));

const delayOf = (text: string, at: number): number | null => {
  const match = /first (\d+)/.exec(text);
  return match ? at - Number(match[1]) / 1000 : null;
};

/** One `studio job create --stream`: ms from the job's first instant to its first line on the CLI's stdout. */
function viaCli(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, "cli/studio.mjs"), "job", "create", "-f", join(folder, "job.yml"), "-w", "bench", "--stream"],
      {
        env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, STUDIO_URL: studio.url, STUDIO_TOKEN: studio.token },
      },
    );
    let out = "";
    let delay: number | null = null;
    child.stdout.on("data", (chunk) => {
      out += chunk;
      delay ??= delayOf(out, Date.now());
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 && delay !== null ? resolve(delay) : reject(new Error(`cli exited ${code}: ${out}`)),
    );
  });
}

/** The baseline: submit through the API and poll its logs every 50 ms. */
async function viaApi(): Promise<number> {
  const headers = { authorization: `Bearer ${studio.token}`, "content-type": "application/json" };
  const res = await fetch(`${studio.url}/api/v1/workspaces/bench/command-jobs`, {
    method: "POST",
    headers,
    body: JSON.stringify({ experiment: "bench", command: COMMAND }),
  });
  const { name } = (await res.json()) as { name: string };
  for (;;) {
    const page = (await (
      await fetch(`${studio.url}/api/v1/workspaces/bench/jobs/${name}/logs?after=0`, { headers })
    ).json()) as { chunks: { stream: string; text: string }[]; isComplete: boolean };
    const delay = delayOf(
      page.chunks
        .filter((c) => c.stream === "stdout")
        .map((c) => c.text)
        .join(""),
      Date.now(),
    );
    if (delay !== null) {
      // Let the job end before the next round starts.
      while (!(await (await fetch(`${studio.url}/api/v1/workspaces/bench/jobs/${name}`, { headers })).json()).endedAt)
        await new Promise((r) => setTimeout(r, 100));
      return delay;
    }
    if (page.isComplete) throw new Error(`job ${name} ended without its line`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const samples = { cli: [] as number[], api: [] as number[] };
try {
  await viaCli();
  await viaApi();
  for (let i = 0; i < ROUNDS; i++) {
    samples.cli.push(await viaCli());
    samples.api.push(await viaApi());
  }
} finally {
  await studio.stop();
}
for (const [name, list] of Object.entries(samples))
  console.log(`  ${name}: first line p50 ${round(percentile(list, 50))} ms, max ${round(Math.max(...list))} ms`);
console.log(
  JSON.stringify({
    rounds: ROUNDS,
    first_line_p50_cli_ms: round(percentile(samples.cli, 50)),
    first_line_max_cli_ms: round(Math.max(...samples.cli)),
    first_line_p50_api_50ms_poll_ms: round(percentile(samples.api, 50)),
    ratio_p50_vs_api: round(percentile(samples.cli, 50) / percentile(samples.api, 50)),
  }),
);
process.exit(0);
