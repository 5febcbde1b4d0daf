import "server-only";
import { createHash } from "node:crypto";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { env } from "@/server/env";
import { runningScoringService, type ScoreOutcome, type ScoreRequest } from "@/server/runtime/scoring/scoring-service";
import { scoringErrors, errorBody } from "@/server/runtime/scoring/scoring-error";

// How the web app tells the scoring service about changes. Under `npm start` scoring runs in a process of
// its own (scoring-process.ts), reached through a control socket that only the studio's user can open;
// in a single process (`next dev`, the domain tests) the service is called directly. Either way the web
// app never scores on its own event loop.

/** The control socket of the scoring process that serves this data folder (a Unix socket path is short). */
export function scoringControlSocket(dataDir = env.dataDir): string {
  const inData = join(dataDir, "runtime", "scoring.sock");
  if (inData.length < 100) return inData;
  return join(tmpdir(), `mlops-studio-scoring-${createHash("sha256").update(dataDir).digest("hex").slice(0, 16)}.sock`);
}

function call<T>(method: string, path: string, body?: unknown, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        socketPath: scoringControlSocket(),
        method,
        path,
        headers: payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {},
        timeout: timeoutMs,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => {
          if ((res.statusCode ?? 500) >= 300)
            return reject(new Error(`the scoring service answered ${res.statusCode}: ${text}`));
          resolve((text ? JSON.parse(text) : null) as T);
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error("the scoring service did not answer in time")));
    req.on("error", reject);
    req.end(payload);
  });
}

/** A change that only speeds things up (scoring re-reads what it needs within a second anyway). */
async function tell(path: string, body: unknown): Promise<void> {
  try {
    await call("POST", path, body);
  } catch (error) {
    if (process.env.STUDIO_SCORING_SUPERVISED)
      console.warn(`[scoring] could not reach the scoring service: ${(error as Error).message}`);
  }
}

export const scoringControl = {
  /** An endpoint changed (keys, traffic, deployments): every scoring process re-reads it before its next request. */
  async invalidate(endpointId: string): Promise<void> {
    const local = runningScoringService();
    if (local) return local.invalidate(endpointId);
    await tell("/invalidate", { endpointId });
  },

  /** A deployment waits to be brought up. */
  async provision(): Promise<void> {
    const local = runningScoringService();
    if (local) return void local.provision();
    await tell("/provision", {});
  },

  /** Deleted deployments: their instances stop now. */
  async forget(deploymentIds: string[]): Promise<void> {
    const local = runningScoringService();
    if (local) return deploymentIds.forEach((id) => local.stopRuntime(id));
    await tell("/forget", { deploymentIds });
  },

  /** Scores a test request as the scoring URL would (without a key: the caller is a signed-in writer). */
  async score(scoreRequest: Omit<ScoreRequest, "key" | "skipKeyCheck">): Promise<ScoreOutcome> {
    const local = runningScoringService();
    if (local) return local.score({ ...scoreRequest, skipKeyCheck: true });
    try {
      return await call<ScoreOutcome>("POST", "/score", scoreRequest, 130_000);
    } catch (error) {
      const failure = scoringErrors.unavailable(`The scoring service cannot be reached: ${(error as Error).message}`);
      return { status: failure.status, body: errorBody(failure), deployment: null, latencyMs: 0 };
    }
  },

  /** Instances of a deployment that are up, over every scoring process (null when none runs it). */
  async instanceStatus(deploymentId: string): Promise<{ ready: number; total: number } | null> {
    const local = runningScoringService();
    if (local) return local.instanceStatus(deploymentId);
    try {
      return await call<{ ready: number; total: number } | null>(
        "GET",
        `/status?deployment=${encodeURIComponent(deploymentId)}`,
      );
    } catch {
      return null;
    }
  },
};
