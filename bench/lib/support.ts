// Shared pieces of the benchmarks: a fresh data folder, a studio user seeded in bulk, a started studio
// with a token, and percentiles.
import { mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type Database from "better-sqlite3";

export const root = join(import.meta.dirname, "../..");
export const BENCH_EMAIL = "bench@example.com";
export const BENCH_PASSWORD = "bench-password";

/** An empty data folder for one benchmark, which the studio code in this process will use. */
export function freshDataDir(name: string): string {
  const dataDir = join(root, "bench/.data", name);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  process.env.STUDIO_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  return dataDir;
}

export const sqliteDate = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/** The benchmark's user, owner of a workspace `bench` (written directly: no seed data is wanted). */
export async function seedBenchUser(sqlite: Database.Database): Promise<void> {
  const { hashPassword } = await import("@/server/auth/passwords");
  const now = sqliteDate(Date.now());
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `INSERT INTO "User" (id, email, name, passwordHash, isAdmin, createdAt) VALUES ('bench-user', ?, 'Bench', ?, 0, ?)`,
      )
      .run(BENCH_EMAIL, passwordHash, now);
    sqlite
      .prepare(
        `INSERT INTO "Scope" (id, kind, name, displayName, description, stage, createdAt) VALUES ('bench-scope', 'workspace', 'bench', 'Bench', '', 'dev', ?)`,
      )
      .run(now);
    sqlite
      .prepare(
        `INSERT INTO "Membership" (scopeId, userId, role, createdAt) VALUES ('bench-scope', 'bench-user', 'owner', ?)`,
      )
      .run(now);
  })();
}

/** A fresh data folder whose migrated database holds only the bench user and its workspace. */
export async function freshStudioData(name: string): Promise<string> {
  const { migrateSqlite } = await import("@/server/db/migrate");
  const { default: Sqlite } = await import("better-sqlite3");
  const dataDir = freshDataDir(name);
  const file = join(dataDir, "studio.db");
  migrateSqlite(file);
  const sqlite = new Sqlite(file);
  await seedBenchUser(sqlite);
  sqlite.close();
  return dataDir;
}

/** Builds the studio if its sources changed, starts it on this data folder and signs the bench user in. */
export async function startBenchStudio(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ url: string; scoringUrl: string; token: string; stop: () => Promise<void> }> {
  const { buildIfNeeded } = await import("../../scripts/start.mjs");
  const { startStudioServer } = await import("../../scripts/lib/studio-server.mjs");
  buildIfNeeded();
  const studio = await startStudioServer({
    root,
    dataDir,
    log: "ignore",
    env: { DATABASE_URL: "", STUDIO_SEED: "none", ...env },
  });
  const res = await fetch(`${studio.url}/api/v1/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: BENCH_EMAIL, password: BENCH_PASSWORD, name: "bench" }),
  });
  if (res.status !== 201) {
    await studio.stop();
    throw new Error(`could not get a token: HTTP ${res.status}`);
  }
  const { token } = (await res.json()) as { token: string };
  return { url: studio.url, scoringUrl: studio.scoringUrl, token, stop: () => studio.stop() };
}

/** Runs `fn` a few times to warm up, then `iterations` times, and returns each run's duration in ms. */
export async function timeSamples(
  fn: () => Promise<unknown> | unknown,
  iterations: number,
  warmup = 20,
): Promise<number[]> {
  for (let i = 0; i < Math.min(warmup, iterations); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * CPU time (user + system, ms) used so far by the process listening on `port` (found through
 * /proc/net/tcp and the processes' open sockets) with all its descendants, on Linux. On a loaded
 * machine wall-clock rates swing; the CPU a request costs the server swings much less.
 */
export function serverCpuMs(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length > 9 && f[1].endsWith(`:${hexPort}`) && f[3] === "0A") inodes.add(f[9]);
    }
  }
  const parentOf = new Map<number, number>();
  const ticksOf = new Map<number, number>();
  let listener: number | undefined;
  for (const name of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    const pid = Number(name);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parentOf.set(pid, Number(fields[1]));
      ticksOf.set(pid, Number(fields[11]) + Number(fields[12]));
      if (listener === undefined && inodes.size) {
        for (const fd of readdirSync(`/proc/${pid}/fd`)) {
          const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
          if (m && inodes.has(m[1])) listener = pid;
        }
      }
    } catch {
      // the process ended meanwhile, or is not ours to read
    }
  }
  if (listener === undefined) throw new Error(`no process found listening on port ${port}`);
  const inTree = (pid: number): boolean =>
    pid === listener || (pid > 1 && parentOf.has(pid) && inTree(parentOf.get(pid)!));
  let ticks = 0;
  for (const [pid, t] of ticksOf) if (inTree(pid)) ticks += t;
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** One call to the studio's API as the bench user; throws with the answer when it is not 2xx. */
export async function benchApi(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  form?: FormData,
) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: form ?? (body ? JSON.stringify(body) : undefined),
  });
  const json = res.status === 204 ? null : await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

/**
 * Registers the seeded iris ONNX model in the bench workspace and serves it on a new endpoint (data
 * collection off); waits until the deployment takes all traffic. Answers its scoring URL and key.
 */
export async function deployIris(
  studio: { url: string; scoringUrl: string; token: string },
  endpoint: string,
): Promise<{ url: string; key: string }> {
  const form = new FormData();
  form.append(
    "files",
    new Blob([readFileSync(join(root, "prisma/seed-assets/iris-classifier-v1/model.onnx"))]),
    "model.onnx",
  );
  form.append("type", "onnx");
  await benchApi(studio.url, studio.token, "POST", "/workspaces/bench/models/iris/versions", undefined, form);
  const created = await benchApi(studio.url, studio.token, "POST", "/workspaces/bench/endpoints", { name: endpoint });
  await benchApi(studio.url, studio.token, "POST", `/workspaces/bench/endpoints/${endpoint}/deployments`, {
    name: "blue",
    model: "iris:1",
    dataCollectionPercent: 0,
  });
  for (let i = 0; ; i++) {
    const shown = await benchApi(studio.url, studio.token, "GET", `/workspaces/bench/endpoints/${endpoint}`);
    if (shown.deployments[0].state === "succeeded" && shown.traffic.blue === 100) break;
    if (shown.deployments[0].state === "failed" || i > 300)
      throw new Error(`the deployment did not come up: ${JSON.stringify(shown.deployments[0])}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `${studio.scoringUrl}/bench/${endpoint}/score`, key: created.keys.primaryKey as string };
}

/** A domain function and its hand-written baseline, alternated in four rounds so machine noise hits both alike. */
export async function timeAgainstBaseline(
  domain: () => Promise<unknown> | unknown,
  baseline: () => Promise<unknown> | unknown,
  iterations: number,
): Promise<{ domain: number[]; baseline: number[] }> {
  const samples = { domain: [] as number[], baseline: [] as number[] };
  for (let round = 0; round < 4; round++) {
    samples.baseline.push(...(await timeSamples(baseline, iterations / 4)));
    samples.domain.push(...(await timeSamples(domain, iterations / 4)));
  }
  return samples;
}

/** GET `path` on the built studio over this data folder, as the bench user, `iterations` times. */
export async function timeHttpGet(dataDir: string, path: string, iterations: number): Promise<number[]> {
  const studio = await startBenchStudio(dataDir);
  try {
    return await timeSamples(async () => {
      const res = await fetch(`${studio.url}${path}`, { headers: { authorization: `Bearer ${studio.token}` } });
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      await res.json();
    }, iterations);
  } finally {
    await studio.stop();
  }
}

/** The figures every domain-against-baseline bench reports. */
export function latencyFigures(samples: { domain: number[]; baseline: number[] }, http: number[]) {
  return {
    p50_ms: round(percentile(samples.domain, 50)),
    p95_ms: round(percentile(samples.domain, 95)),
    baseline_p50_ms: round(percentile(samples.baseline, 50)),
    baseline_p95_ms: round(percentile(samples.baseline, 95)),
    ratio: round(percentile(samples.domain, 95) / percentile(samples.baseline, 95)),
    http_p50_ms: round(percentile(http, 50)),
    http_p95_ms: round(percentile(http, 95)),
  };
}
