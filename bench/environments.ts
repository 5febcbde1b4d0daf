// What a built environment costs a job at start, once it is built (the figure: ≤ 100 ms). Jobs run
// through the real runner, in the sandbox when it works, alternating between one in a cached environment
// (the test wheel from a local folder, over the machine's packages) and one naming no environment (the
// baseline). Each job prints the wall clock as its Python starts; start latency = that instant minus the
// moment the runner claimed the job (startedAt). Also: the cached lookup alone (environmentFor).
//   npm run bench -- environments [--jobs 20]
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { writeTestWheel } from "../scripts/lib/test-wheel.mjs";
import { BENCH_EMAIL, freshStudioData, percentile, round } from "./lib/support";

const { values } = parseArgs({ options: { jobs: { type: "string", default: "20" } } });
const JOBS = Number(values.jobs);

const dataDir = await freshStudioData("environments");
const wheels = join(dataDir, "wheels");
writeTestWheel(wheels);
Object.assign(process.env, {
  STUDIO_PIP_INDEX_URL: "none",
  STUDIO_PIP_FIND_LINKS: wheels,
  STUDIO_PYTHON: process.env.STUDIO_PYTHON ?? "/usr/bin/python3",
});
const { db } = await import("@/server/db");
const { createEnvironmentVersion } = await import("@/server/assets/create-environment-version");
const { environmentFor } = await import("@/server/environments/environment-builds");
const { submitCommandJob } = await import("@/server/jobs/submit-command-job");
const { JobRunner } = await import("@/server/runtime/job-runner");
const { getJobLogs } = await import("@/server/jobs/get-job-logs");
const { sandboxStatus } = await import("@/server/runtime/sandbox/sandbox");

const actor = { userId: "bench-user", email: BENCH_EMAIL, name: "Bench", via: "session" as const };
const workspace = { kind: "workspace" as const, name: "bench" };
await createEnvironmentVersion(actor, workspace, {
  name: "wheel-env",
  conda: "name: wheel-env\ndependencies:\n  - python=3.11\n  - pip\n  - pip:\n      - studio-wheel-demo==0.1.0\n",
});
const runner = new JobRunner({ concurrency: 1, pollMs: 50 }).start();
const COMMAND = `python -c "import time; print('started', time.time_ns() // 1000)"`;

/** Runs one job to its end; answers ms from the runner's claim to its Python's first instant. */
async function startLatency(environment: string | undefined): Promise<number> {
  const job = await submitCommandJob(actor, "bench", { experiment: "bench", command: COMMAND, environment });
  for (;;) {
    const row = await db.job.findFirstOrThrow({ where: { name: job.name }, select: { status: true, startedAt: true } });
    if (row.status === "completed") {
      const logs = await getJobLogs(actor, "bench", job.name, { limit: 1000 });
      const micros = /started (\d+)/.exec(logs.chunks.map((c) => c.text).join(""));
      if (!micros) throw new Error(`job ${job.name} printed no start time`);
      return Number(micros[1]) / 1000 - row.startedAt!.getTime();
    }
    if (row.status === "failed" || row.status === "canceled") throw new Error(`job ${job.name} ${row.status}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

console.log(`${sandboxStatus().summary}; building wheel-env:1 once…`);
const built = performance.now();
await startLatency("wheel-env:1");
const buildMs = performance.now() - built;
console.log(`  first job (builds the environment): ${round(buildMs)} ms`);
await startLatency(undefined);

const latency: Record<"cached" | "none", number[]> = { cached: [], none: [] };
for (let i = 0; i < JOBS; i++) {
  latency.cached.push(await startLatency("wheel-env:1"));
  latency.none.push(await startLatency(undefined));
}
await runner.stop({ kill: true });
for (const [name, samples] of Object.entries(latency))
  console.log(`  ${name}: start p50 ${round(percentile(samples, 50))} ms, p95 ${round(percentile(samples, 95))} ms`);

// The cached lookup alone: find the build, check its folder, mark it used.
const scope = await db.scope.findFirstOrThrow({ where: { name: "bench" } });
const version = await db.assetVersion.findFirstOrThrow({ where: { scopeId: scope.id, name: "wheel-env" } });
const asker = {
  scopeId: scope.id,
  environmentVersionId: version.id,
  environmentLabel: "wheel-env:1",
  createdById: "bench-user",
  createdByLabel: BENCH_EMAIL,
};
const lookups: number[] = [];
for (let i = 0; i < 200; i++) {
  const started = performance.now();
  await environmentFor(asker, () => undefined);
  lookups.push(performance.now() - started);
}
console.log(`  cached lookup: p50 ${round(percentile(lookups, 50))} ms, p95 ${round(percentile(lookups, 95))} ms`);

const added = percentile(latency.cached, 50) - percentile(latency.none, 50);
console.log(
  JSON.stringify({
    jobs_each: JOBS,
    first_build_ms: round(buildMs),
    start_p50_cached_ms: round(percentile(latency.cached, 50)),
    start_p50_none_ms: round(percentile(latency.none, 50)),
    start_added_p50_ms: round(added),
    lookup_p50_ms: round(percentile(lookups, 50)),
    lookup_p95_ms: round(percentile(lookups, 95)),
    ratio_start_p50: round(percentile(latency.cached, 50) / percentile(latency.none, 50)),
  }),
);
process.exit(0);
