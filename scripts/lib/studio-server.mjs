// Starts a built studio on a free loopback port with its own data folder, for tests and benchmarks.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "./ports.mjs";

/**
 * `log`: "inherit", "ignore", or a file path that receives the studio's stdout and stderr (appended), so a
 * test run keeps every studio's log and can show its end when a test fails.
 */
export async function startStudioServer({ root, dataDir, env = {}, log = "inherit" }) {
  mkdirSync(dataDir, { recursive: true });
  const logFd = log !== "inherit" && log !== "ignore" ? openSync(log, "a") : null;
  const output = logFd ?? log;
  const port = await freePort();
  // The scoring listener of online endpoints has a port of its own.
  let scoringPort = env.STUDIO_SCORING_PORT;
  while (!scoringPort || scoringPort === String(port)) scoringPort = String(await freePort());
  // As `npm start` runs it: the supervisor with the web app and the scoring processes (STUDIO_PROFILE_DIR,
  // passed on in the environment, makes them write CPU profiles there when they stop).
  const child = spawn(process.execPath, [join(root, "scripts/start.mjs")], {
    cwd: root,
    stdio: ["ignore", output, output],
    env: {
      ...process.env,
      NODE_ENV: "production",
      STUDIO_DATA_DIR: dataDir,
      // Jobs call the studio back on this address.
      PORT: String(port),
      HOST: "127.0.0.1",
      STUDIO_SCORING_PORT: scoringPort,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  let exited = null;
  child.on("exit", (code) => (exited = code));
  if (logFd !== null) closeSync(logFd);
  while (Date.now() < deadline) {
    if (exited !== null)
      throw new Error(
        `The studio server exited with code ${exited} before it was ready${logFd !== null ? ` (its log: ${log})` : ""}`,
      );
    try {
      const res = await fetch(`${url}/sign-in`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (Date.now() >= deadline) throw new Error("The studio server did not become ready in 90 s");
  // The scoring service starts once the web app is up.
  while (scoringPort !== "0" && Date.now() < deadline) {
    if (exited !== null) throw new Error(`The studio exited with code ${exited} before scoring was ready`);
    try {
      if ((await fetch(`http://127.0.0.1:${scoringPort}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    scoringUrl: `http://127.0.0.1:${scoringPort}`,
    dataDir,
    async stop() {
      if (exited !== null) return;
      child.kill("SIGTERM");
      await new Promise((resolve) => {
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.on("exit", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
