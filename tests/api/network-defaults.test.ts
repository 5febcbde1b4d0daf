// `npm start` on a fresh data folder: where it listens by default, and why it refuses an exposed address
// while the demo users keep their published password. Each case starts a real studio (scripts/start.mjs,
// the same build the other API tests use) and reads the kernel's table of listening sockets.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/ports.mjs";

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

type Started = { output: () => string; exited: Promise<number | null>; stop: () => Promise<void> };

function startStudio(env: Record<string, string>): Started {
  const dataDir = mkdtempSync(join(tmpdir(), "studio-net-"));
  folders.push(dataDir);
  let output = "";
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: process.cwd(),
    env: {
      NODE_ENV: "production",
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? "/tmp",
      STUDIO_DATA_DIR: dataDir,
      STUDIO_SANDBOX: "off",
      STUDIO_RUNNER: "off",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d: Buffer) => (output += d));
  child.stderr.on("data", (d: Buffer) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    output: () => output,
    exited,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** The local addresses (as "a.b.c.d" or "::") of sockets listening on `port`, from /proc/net/tcp{,6}. */
function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 4 || fields[3] !== "0A") continue;
      const [address, hexPort] = fields[1].split(":");
      if (parseInt(hexPort, 16) !== port) continue;
      if (address.length === 8)
        found.push(
          address
            .match(/../g)!
            .reverse()
            .map((b) => parseInt(b, 16))
            .join("."),
        );
      else
        found.push(
          /^0+$/.test(address)
            ? "::"
            : /^0{24}0100007F$/i.test(address) || /^0{30}01000000$/i.test(address)
              ? "::1"
              : address,
        );
    }
  }
  return found;
}

async function waitUntilListening(port: number, started: Started): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (listeningAddresses(port).length) return;
    const code = await Promise.race([started.exited, new Promise((r) => setTimeout(() => r("waiting"), 250))]);
    if (code !== "waiting") throw new Error(`the studio exited (${code}) before listening:\n${started.output()}`);
  }
  throw new Error(`the studio did not listen on ${port} within 90 s:\n${started.output()}`);
}

describe("npm start's network defaults", () => {
  it("listens on loopback only, web and scoring, unless HOST says otherwise", async () => {
    const port = await freePort();
    const scoring = await freePort();
    const studio = startStudio({ PORT: String(port), STUDIO_SCORING_PORT: String(scoring) });
    try {
      await waitUntilListening(port, studio);
      await waitUntilListening(scoring, studio);
      expect(listeningAddresses(port)).toEqual(["127.0.0.1"]);
      expect(listeningAddresses(scoring)).toEqual(["127.0.0.1"]);
      expect((await fetch(`http://127.0.0.1:${port}/sign-in`)).status).toBe(200);
    } finally {
      await studio.stop();
    }
  }, 120_000);

  it("refuses to listen on every interface while the demo users keep the published password, and says why", async () => {
    const port = await freePort();
    const studio = startStudio({ PORT: String(port), STUDIO_SCORING_PORT: "0", HOST: "0.0.0.0" });
    const code = await Promise.race([studio.exited, new Promise((r) => setTimeout(() => r("still running"), 90_000))]);
    if (code === "still running") await studio.stop();
    expect(code, studio.output()).not.toBe("still running");
    expect(code).not.toBe(0);
    expect(studio.output()).toContain("refusing to start: HOST=0.0.0.0");
    expect(studio.output()).toContain('published demo password "studio-demo"');
    expect(listeningAddresses(port)).toEqual([]);
  }, 120_000);

  it("listens on every interface when HOST asks and the demo password is the operator's own", async () => {
    const port = await freePort();
    const scoring = await freePort();
    const studio = startStudio({
      PORT: String(port),
      STUDIO_SCORING_PORT: String(scoring),
      HOST: "0.0.0.0",
      STUDIO_DEMO_PASSWORD: "a-password-of-our-own",
    });
    try {
      await waitUntilListening(port, studio);
      await waitUntilListening(scoring, studio);
      expect(listeningAddresses(port)).toEqual(["0.0.0.0"]);
      expect(listeningAddresses(scoring)).toEqual(["0.0.0.0"]);
      // Jobs call back over loopback, which every-interface includes.
      expect((await fetch(`http://127.0.0.1:${port}/sign-in`)).status).toBe(200);
    } finally {
      await studio.stop();
    }
  }, 120_000);

  it("counts failed sign-ins by the connection's address, whatever X-Forwarded-For a client claims", async () => {
    const port = await freePort();
    const studio = startStudio({ PORT: String(port), STUDIO_SCORING_PORT: "0" });
    try {
      await waitUntilListening(port, studio);
      const attempt = (i: number) =>
        fetch(`http://127.0.0.1:${port}/api/v1/auth/token`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${i}` },
          body: JSON.stringify({ email: `nobody-${i}@example.com`, password: "wrong-password", name: "x" }),
        });
      // 30 failures from one address are free, whatever address each request claims; then it waits.
      for (let i = 0; i < 31; i++) expect((await attempt(i)).status).toBe(401);
      const refused = await attempt(99);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    } finally {
      await studio.stop();
    }
  }, 120_000);
});
