// `npm start`: builds the studio when its sources changed since the last build, makes sure a session
// secret exists, then runs the production server. The server migrates and seeds the database itself
// when it starts (instrumentation.ts).
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { setPriority } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleProcesses, processBundle } from "./lib/bundle-processes.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = join(root, "node_modules/next/dist/bin/next");
const SOURCES = [
  "app",
  "components",
  "lib",
  "server",
  "prisma",
  "generated",
  "instrumentation.ts",
  "proxy.ts",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

/** A fingerprint of every source file's path, size and modification time. */
export function sourceFingerprint() {
  const hash = createHash("sha256");
  const visit = (path) => {
    if (!existsSync(path)) return;
    const info = statSync(path);
    if (info.isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    } else {
      hash.update(`${path}\0${info.size}\0${info.mtimeMs}\n`);
    }
  };
  for (const source of SOURCES) visit(join(root, source));
  return hash.digest("hex");
}

const distDir = () => join(root, process.env.STUDIO_DIST_DIR || ".next");
/** The compiled scoring and dispatcher processes (see scripts/lib/bundle-processes.mjs). */
export const scoringBundle = () => processBundle(distDir(), "scoring");
const dispatcherBundle = () => processBundle(distDir(), "dispatcher");

export function buildIfNeeded() {
  const stamp = join(distDir(), "studio-source-fingerprint");
  const fingerprint = sourceFingerprint();
  if (
    existsSync(join(distDir(), "BUILD_ID")) &&
    existsSync(scoringBundle()) &&
    existsSync(dispatcherBundle()) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === fingerprint
  )
    return;
  console.log("[studio] building (sources changed since the last build)…");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  bundleProcesses(root, distDir());
  writeFileSync(stamp, fingerprint);
}

/** The session secret: NEXTAUTH_SECRET if set, else one generated once and kept in the data folder. */
export function sessionSecret(dataDir) {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, "session-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

/**
 * Runs a child and keeps it running: `onExit` decides, when it stops, whether it is started again.
 * Answers a handle to stop it (SIGTERM, then SIGKILL after 10 s).
 */
function supervise(name, args, env, onExit, options = {}) {
  let child = null;
  let isStopping = false;
  let restarts = 0;
  const listeners = [];
  const start = () => {
    child = spawn(process.execPath, args, { cwd: root, stdio: ["inherit", "inherit", "inherit", "ipc"], env });
    for (const listener of listeners) child.on("message", listener);
    if (options.nice && child.pid) {
      try {
        setPriority(child.pid, options.nice);
      } catch {
        // not allowed here: it runs at the normal priority
      }
    }
    child.on("message", (message) => {
      if (message?.type === "ready") restarts = 0;
    });
    child.on("exit", (code, signal) => {
      if (isStopping) return;
      const again = onExit(code, signal);
      if (!again) return;
      const delay = Math.min(10_000, 250 * 2 ** restarts++);
      console.error(`[studio] ${name} stopped (${signal ?? `exit code ${code}`}); starting it again in ${delay} ms`);
      setTimeout(() => !isStopping && start(), delay);
    });
    return child;
  };
  start();
  return {
    get child() {
      return child;
    },
    /** Listens to the messages of this child and of every child that replaces it. */
    onMessage(listener) {
      listeners.push(listener);
      child?.on("message", listener);
    },
    stop() {
      isStopping = true;
      if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      });
    },
  };
}

/**
 * `npm start`: the web app, the scoring service in processes of its own (unless STUDIO_SCORING_PORT=0) and
 * the event dispatcher in one of its own (unless STUDIO_DISPATCHER=off), each restarted if it dies, all
 * stopped together. Both start once the web app has migrated the database and listens; a web app restart
 * leaves them running. Wake-ups pass between the web app and the dispatcher through here.
 */
function main() {
  buildIfNeeded();
  const port = process.env.PORT || "3000";
  const dataDir = resolve(root, process.env.STUDIO_DATA_DIR || "./data");
  const hasScoring = process.env.STUDIO_SCORING_PORT !== "0";
  const hasDispatcher = process.env.STUDIO_DISPATCHER !== "off";
  const env = {
    ...process.env,
    PORT: port,
    STUDIO_DATA_DIR: dataDir,
    NEXTAUTH_SECRET: sessionSecret(dataDir),
    // Without NEXTAUTH_URL, trust the Host header so sign-in works on any address and port.
    AUTH_TRUST_HOST: process.env.NEXTAUTH_URL ? process.env.AUTH_TRUST_HOST : "true",
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    // Loopback unless HOST says otherwise: the demo users' password is published.
    HOST: process.env.HOST || "127.0.0.1",
    ...(hasScoring ? { STUDIO_SCORING_SUPERVISED: "1" } : {}),
    ...(hasDispatcher ? { STUDIO_DISPATCHER_SUPERVISED: "1", STUDIO_WAKE_RELAY: "1" } : {}),
  };
  // The database first (migrations, the demo seed, the exposure check), so both services start on it ready.
  const { STUDIO_SCORING_SUPERVISED: _notYet, STUDIO_WAKE_RELAY: _noRelay, ...prepareEnv } = env;
  const prepared = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", join(root, "scripts/prepare-studio.ts")],
    { cwd: root, stdio: "inherit", env: prepareEnv },
  );
  if (prepared.status !== 0) process.exit(prepared.status ?? 1);
  // STUDIO_PROFILE_DIR: CPU profiles of the web app and the scoring processes when they stop (benchmarks).
  const profile = process.env.STUDIO_PROFILE_DIR
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.STUDIO_PROFILE_DIR}`]
    : [];
  let isWebReady = false;
  let scoring = null;
  let dispatcher = null;
  const stopAll = async (code) => {
    await Promise.all([web.stop(), scoring?.stop(), dispatcher?.stop()]);
    process.exit(code);
  };
  /** Passes a wake-up from one process to the other (a job queued by a rule, an event committed by a request). */
  const relay = (to) => (message) => {
    if (message?.type === "wake" && to()?.connected) to().send(message);
  };
  // The web app yields the CPU to scoring when both want it (a big upload or import must not slow the
  // scoring URLs): it runs at a lower priority (a higher nice value, which any user may set).
  const web = supervise(
    "the web app",
    [...profile, join(root, "scripts/web-server.mjs")],
    env,
    (code) => {
      // A web app that never came up (a refused configuration) ends the studio with its code.
      if (!isWebReady) void stopAll(code ?? 1);
      return isWebReady;
    },
    { nice: 10 },
  );
  web.onMessage(relay(() => dispatcher?.child));
  web.child.on("message", function onReady(message) {
    if (message?.type !== "ready" || isWebReady) return;
    isWebReady = true;
    if (hasDispatcher) {
      dispatcher = supervise(
        "the event dispatcher",
        [...profile, "--conditions=react-server", "--enable-source-maps", dispatcherBundle()],
        env,
        () => true,
        // Below the web app: users' requests come first; a delivery may wait a few milliseconds.
        { nice: 15 },
      );
      dispatcher.onMessage(relay(() => web.child));
    }
    if (hasScoring) {
      scoring = supervise(
        "the scoring service",
        [...profile, "--conditions=react-server", "--enable-source-maps", scoringBundle()],
        env,
        () => true,
      );
    }
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void stopAll(0));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
