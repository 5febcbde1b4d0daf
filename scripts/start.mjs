// `npm start`: builds the studio when its sources changed since the last build, makes sure a session
// secret exists, then runs the production server. The server migrates and seeds the database itself
// when it starts (instrumentation.ts).
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = join(root, "node_modules/next/dist/bin/next");
const SOURCES = ["app", "components", "lib", "server", "prisma", "generated", "instrumentation.ts", "proxy.ts", "next.config.ts", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];

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

export function buildIfNeeded() {
  const distDir = join(root, process.env.STUDIO_DIST_DIR || ".next");
  const stamp = join(distDir, "studio-source-fingerprint");
  const fingerprint = sourceFingerprint();
  if (existsSync(join(distDir, "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint) return;
  console.log("[studio] building (sources changed since the last build)…");
  const result = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) process.exit(result.status ?? 1);
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

function main() {
  buildIfNeeded();
  const port = process.env.PORT || "3000";
  const dataDir = resolve(root, process.env.STUDIO_DATA_DIR || "./data");
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
  };
  const server = spawn(process.execPath, [join(root, "scripts/web-server.mjs")], { cwd: root, stdio: "inherit", env });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
