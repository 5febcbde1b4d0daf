// One monitor run of bench/drift in a process of its own (as the event dispatcher runs one): queues a run
// of the monitor named in argv over the window ending at argv's time, computes it, and prints the seconds
// it took and how far the process's resident memory rose above where it stood before the run.
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { BENCH_EMAIL } from "./support";

const [monitor, at] = process.argv.slice(2);
const actor = { userId: "bench-user", email: BENCH_EMAIL, name: "Bench", via: "session" as const };
const { runMonitor, getMonitorRun } = await import("@/server/monitoring/manage-monitors");
const { runDueMonitorRun } = await import("@/server/monitoring/monitor-worker");
const { db } = await import("@/server/db");
await db.$connect();

const memoryKb = (field: "VmRSS" | "VmHWM") =>
  Number(
    readFileSync("/proc/self/status", "utf8")
      .split("\n")
      .find((l) => l.startsWith(`${field}:`))!
      .split(/\s+/)[1],
  );

// Linux: writing 5 to clear_refs resets the high-water mark to the current resident size.
writeFileSync("/proc/self/clear_refs", "5");
const before = memoryKb("VmRSS");
const started = performance.now();
const run = await runMonitor(actor, "bench", monitor, { at });
await runDueMonitorRun("bench-worker");
const seconds = (performance.now() - started) / 1000;
const peakGrowthMb = (memoryKb("VmHWM") - before) / 1024;
const detail = await getMonitorRun(actor, "bench", monitor, run.id);
console.log(
  JSON.stringify({
    seconds,
    peakGrowthMb,
    status: detail.status,
    error: detail.error,
    productionRows: detail.productionRows,
    drifted: detail.results.filter((r) => r.signal === "data_drift" && r.isBreached).map((r) => r.feature),
  }),
);
process.exit(0);
