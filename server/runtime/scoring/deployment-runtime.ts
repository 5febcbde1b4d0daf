import "server-only";
import { environmentFor, runtimeOf, type EnvironmentAsker } from "@/server/environments/environment-builds";
import type { StoredRuntime } from "@/server/environments/stored-runtime";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { isAppError } from "@/lib/errors";
import type { ScoringMethod } from "@/lib/schemas/endpoints";
import { artifactStore } from "@/server/artifacts/store";
import { env } from "@/server/env";
import { EntryScriptPool, type InstanceLog } from "@/server/runtime/scoring/entry-script-pool";
import { hostCommand } from "@/server/runtime/scoring/hosts";
import type { OnnxSignature } from "@/lib/models/signatures";
import { OnnxScorer } from "@/server/runtime/scoring/onnx-scorer";
import { type ScoringError, scoringErrors } from "@/server/runtime/scoring/scoring-error";

// One deployment brought up in this studio process: its model files (and code) written to a folder of
// its own, then either ONNX sessions in-process or entry-script instances as child processes.

export type StoredFile = { path: string; sha256: string };

export type DeploymentConfig = {
  id: string;
  endpointId: string;
  name: string;
  scoringMethod: ScoringMethod;
  scoringScript: string | null;
  instanceCount: number;
  requestTimeoutMs: number;
  dataCollectionPercent: number;
  /** The model version it serves ("iris-classifier:1"), recorded with what it collects. */
  modelVersion: string;
  modelFiles: StoredFile[];
  codeFiles: StoredFile[];
  /** Changes whenever a setting that needs new instances changes (the row's updatedAt). */
  fingerprint: string;
  /** The environment its Python entry script runs in (built, or reused, before the instances start). */
  environment: EnvironmentAsker;
};

export interface DeploymentRuntime {
  readonly config: DeploymentConfig;
  readonly signature: OnnxSignature | null;
  /** Entry scripts: whether their instances run in the sandbox; null for in-process ONNX sessions. */
  readonly sandbox: "bubblewrap" | "none" | null;
  /** Python entry scripts: what their instances run with (recorded on the deployment); null otherwise. */
  readonly ranWith: StoredRuntime | null;
  /** Scores one request; resolves with the answer as JSON text, or throws a ScoringError. */
  score(rawBody: string, parsedBody: unknown): Promise<string>;
  status(): { ready: number; total: number };
  /** Process ids of entry-script instances (none for in-process ONNX sessions). */
  pids(): number[];
  dispose(): void;
}

export function deploymentFolder(id: string): string {
  return join(env.dataDir, "deployments", id);
}

async function writeFiles(folder: string, files: StoredFile[]) {
  for (const file of files) {
    const target = join(folder, file.path);
    await mkdir(dirname(target), { recursive: true });
    await pipeline(await artifactStore.open(file.sha256), createWriteStream(target));
  }
}

/** The model file ONNX serving loads: the version's one .onnx file, or model.onnx among several. */
export function onnxFileOf(files: readonly { path: string }[]): string | null {
  const onnx = files.filter((f) => f.path.toLowerCase().endsWith(".onnx"));
  if (onnx.length === 1) return onnx[0].path;
  return onnx.find((f) => f.path.split("/").pop() === "model.onnx")?.path ?? null;
}

type InFlight = { deadline: number; reject: (error: ScoringError) => void; isDone: boolean };

class OnnxRuntime implements DeploymentRuntime {
  readonly sandbox = null;
  readonly ranWith = null;
  private next = 0;
  /** Requests since the last sweep; finished ones are only marked, and dropped by the sweep (cheaper than a Set per request). */
  private inFlight: InFlight[] = [];
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    readonly config: DeploymentConfig,
    private readonly scorers: OnnxScorer[],
  ) {}

  get signature() {
    return this.scorers[0].signature;
  }

  /**
   * A model run cannot be interrupted; a request past its timeout is answered 504 and its result dropped.
   * One sweeper checks deadlines (a timer per request would cost more than scoring a small model).
   */
  score(_raw: string, parsed: unknown): Promise<string> {
    const scorer = this.scorers[this.next++ % this.scorers.length];
    return new Promise<string>((resolve, reject) => {
      const flight: InFlight = { deadline: Date.now() + this.config.requestTimeoutMs, reject, isDone: false };
      this.inFlight.push(flight);
      this.sweeper ??= setInterval(() => this.sweep(), Math.min(50, this.config.requestTimeoutMs / 4));
      scorer.score(parsed).then(
        (answer) => {
          if (flight.isDone) return;
          flight.isDone = true;
          resolve(JSON.stringify(answer));
        },
        (error) => {
          if (flight.isDone) return;
          flight.isDone = true;
          if (isAppError(error) && error.code === "invalid") reject(scoringErrors.badInput(error.message));
          else
            reject(
              scoringErrors.scriptError(
                `The model could not score the request: ${error instanceof Error ? error.message : String(error)}`,
              ),
            );
        },
      );
    });
  }

  private sweep() {
    const now = Date.now();
    for (const flight of this.inFlight) {
      if (flight.isDone || flight.deadline > now) continue;
      flight.isDone = true;
      flight.reject(scoringErrors.timeout(this.config.requestTimeoutMs));
    }
    this.inFlight = this.inFlight.filter((flight) => !flight.isDone);
    if (!this.inFlight.length && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = null;
    }
  }

  status() {
    return { ready: this.scorers.length, total: this.scorers.length };
  }

  pids(): number[] {
    return [];
  }

  dispose() {
    if (this.sweeper) clearInterval(this.sweeper);
    for (const scorer of this.scorers) void scorer.close().catch(() => undefined);
  }
}

class ScriptRuntime implements DeploymentRuntime {
  readonly signature = null;
  constructor(
    readonly config: DeploymentConfig,
    private readonly pool: EntryScriptPool,
    readonly sandbox: "bubblewrap" | "none",
    readonly ranWith: StoredRuntime | null,
  ) {}

  score(raw: string): Promise<string> {
    return this.pool.score(raw);
  }

  status() {
    return this.pool.status();
  }

  pids() {
    return this.pool.pids();
  }

  dispose() {
    this.pool.dispose();
  }
}

/**
 * Writes the deployment's files and starts it; rejects with the reason it cannot serve (no .onnx file,
 * a model onnxruntime refuses, init() raising). `folder` defaults to the deployment's own.
 */
export async function startDeploymentRuntime(
  config: DeploymentConfig,
  log: InstanceLog,
  folder = join(deploymentFolder(config.id), config.fingerprint.replace(/[^0-9A-Za-z]/g, "")),
): Promise<DeploymentRuntime> {
  await rm(folder, { recursive: true, force: true });
  const modelDir = join(folder, "model");
  await mkdir(modelDir, { recursive: true });
  await writeFiles(modelDir, config.modelFiles);
  if (config.scoringMethod === "onnx") {
    const file = onnxFileOf(config.modelFiles);
    if (!file)
      throw new Error(
        "The model version has no .onnx file (or several, none named model.onnx); choose an entry script to serve it instead.",
      );
    log(
      0,
      "system",
      `Loading ${file} with onnxruntime-node (${config.instanceCount} session${config.instanceCount > 1 ? "s" : ""}).`,
    );
    const scorers: OnnxScorer[] = [];
    try {
      for (let i = 0; i < config.instanceCount; i++) scorers.push(await OnnxScorer.load(join(modelDir, file)));
    } catch (error) {
      for (const s of scorers) void s.close();
      throw new Error(error instanceof Error ? error.message : String(error), { cause: error });
    }
    const { inputs, outputs } = scorers[0].signature;
    log(
      0,
      "system",
      `Inputs: ${inputs.map((i) => `${i.name} ${i.type}[${i.shape.join(", ")}]`).join("; ")}. Outputs: ${outputs.map((o) => `${o.name} ${o.type}[${o.shape.join(", ")}]`).join("; ")}.`,
    );
    return new OnnxRuntime(config, scorers);
  }
  if (!config.scoringScript) throw new Error("An entry script deployment names its scoring script.");
  const codeDir = join(folder, "code");
  await mkdir(codeDir, { recursive: true });
  await writeFiles(codeDir, config.codeFiles);
  // An MLflow model runs the studio's Python scorer, stored as its code when it was deployed.
  const runtime = config.scoringMethod === "javascript" ? "javascript" : "python";
  const built =
    runtime === "python" ? await environmentFor(config.environment, (line) => log(0, "system", line)) : null;
  const host = hostCommand(runtime, { codeDir, script: config.scoringScript, modelDir }, undefined, built);
  const pool = new EntryScriptPool({
    host,
    instances: config.instanceCount,
    timeoutMs: config.requestTimeoutMs,
    startupTimeoutMs: STARTUP_TIMEOUT_MS,
    log,
  });
  try {
    await pool.start();
  } catch (error) {
    pool.dispose();
    throw error;
  }
  return new ScriptRuntime(
    config,
    pool,
    host.isSandboxed ? "bubblewrap" : "none",
    runtime === "python" ? runtimeOf(built) : null,
  );
}

/** How long init() may take (loading a large model is slow, but not this slow). */
export const STARTUP_TIMEOUT_MS = 120_000;
