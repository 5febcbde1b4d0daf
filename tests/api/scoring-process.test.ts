// Scoring runs in processes of its own beside the web app (npm start supervises both): killing the web
// app does not drop a scoring URL, and a scoring worker that dies is replaced.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pidListeningOn } from "../support/studio-process";
import { BASE_URL, request, tokenFor } from "./helpers";

const SCORING_URL = (process.env.STUDIO_TEST_SCORING_URL ?? "").replace(/\/$/, "");
const SETOSA = JSON.stringify({ data: [[5.1, 3.5, 1.4, 0.2]] });

async function seededKey(): Promise<string> {
  const res = await request("POST", "/workspaces/dev/endpoints/iris-online/keys/reveal", {
    token: await tokenFor("scientist"),
  });
  expect(res.status, res.text).toBe(200);
  return res.body.primaryKey as string;
}

const score = (key: string) =>
  fetch(`${SCORING_URL}/dev/iris-online/score`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: SETOSA,
    signal: AbortSignal.timeout(5_000),
  })
    .then((r) => r.status)
    .catch(() => 0);

/** The scoring workers: child processes of the primary that run the scoring process. */
function workersOf(pid: number): number[] {
  return childrenOf(pid).filter((child) => {
    try {
      return readFileSync(`/proc/${child}/cmdline`, "utf8").includes("scoring-process.mjs");
    } catch {
      return false;
    }
  });
}

/** Child processes of a process (from /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe("the scoring processes", () => {
  it("run apart from the web app: a scoring URL keeps answering while the web app is killed and comes back", async () => {
    const key = await seededKey();
    expect(await score(key)).toBe(200);
    const webPid = pidListeningOn(Number(new URL(BASE_URL).port));
    const scoringPid = pidListeningOn(Number(new URL(SCORING_URL).port));
    expect(scoringPid).not.toBe(webPid);

    process.kill(webPid, "SIGKILL");
    const answers: number[] = [];
    let isWebBack = false;
    const deadline = Date.now() + 60_000;
    while (!isWebBack && Date.now() < deadline) {
      answers.push(await score(key));
      isWebBack = await fetch(`${BASE_URL}/sign-in`, { signal: AbortSignal.timeout(2_000) }).then(
        (r) => r.ok,
        () => false,
      );
    }
    expect(isWebBack).toBe(true);
    expect(pidListeningOn(Number(new URL(BASE_URL).port))).not.toBe(webPid);
    // Every scoring request while the web app was down was answered.
    expect(answers.length).toBeGreaterThan(3);
    expect(answers.filter((s) => s !== 200)).toEqual([]);
    expect(pidListeningOn(Number(new URL(SCORING_URL).port))).toBe(scoringPid);
  }, 90_000);

  it("replace a scoring worker that dies", async () => {
    const key = await seededKey();
    const primary = pidListeningOn(Number(new URL(SCORING_URL).port));
    const workers = workersOf(primary);
    expect(workers.length).toBeGreaterThanOrEqual(1);
    process.kill(workers[0], "SIGKILL");
    expect(await until(async () => workersOf(primary).some((pid) => !workers.includes(pid)), 20_000)).toBe(true);
    expect(await until(async () => (await score(key)) === 200, 30_000)).toBe(true);
  }, 60_000);
});
