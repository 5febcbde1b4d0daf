import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { hostname } from "node:os";
import { performance } from "node:perf_hooks";
import { TrafficRouter, type TrafficSetting } from "@/lib/endpoints/traffic";
import { db } from "@/server/db";
import { hashEndpointKey } from "@/server/endpoints/endpoint-keys";
import { trafficOf } from "@/server/endpoints/endpoint-dto";
import {
  startDeploymentRuntime,
  type DeploymentConfig,
  type DeploymentRuntime,
} from "@/server/runtime/scoring/deployment-runtime";
import { DeploymentLogWriter } from "@/server/runtime/scoring/deployment-log-writer";
import { CollectedWriter } from "@/server/runtime/scoring/collected-writer";
import { collectedHousekeeping } from "@/server/monitoring/collected-retention";
import { configOf, DEPLOYMENT_SELECT } from "@/server/runtime/scoring/deployment-rows";
import { DeploymentProvisioner } from "@/server/runtime/scoring/provisioner";
import { ScoringError, errorBody, errorText, scoringErrors } from "@/server/runtime/scoring/scoring-error";
import { pruneOldStats, ScoringStats } from "@/server/runtime/scoring/scoring-stats";

// The scoring side of online endpoints in one studio process: which endpoint a request is for, whether
// its key is good, which deployment answers (traffic, mirror, or the deployment a caller names), and the
// deployments' runtimes. It also brings new deployments up (provisioner.ts); every process then starts its
// own instances of each deployment to serve.

/** How long a process trusts what it knows of an endpoint before asking the database for its revision. */
export const ENDPOINT_RECHECK_MS = 1_000;
const PROVISION_POLL_MS = 1_000;
const SWEEP_MS = 10_000;
const RETRY_START_MS = 5_000;

type DeploymentInfo = { id: string; name: string; state: string; config: DeploymentConfig };

type EndpointEntry = {
  id: string;
  kind: string;
  revision: number;
  keyHashes: Buffer[];
  /** Keys already checked against the hashes (this entry is dropped when keys change), to skip the hash per request. */
  acceptedKeys: Set<string>;
  router: TrafficRouter;
  deployments: Map<string, DeploymentInfo>;
  checkedAt: number;
};

type RuntimeSlot = {
  endpointId: string;
  fingerprint: string;
  runtime: DeploymentRuntime | null;
  starting: Promise<DeploymentRuntime> | null;
  failure: { message: string; at: number } | null;
  logs: DeploymentLogWriter;
};

/** What the mirrored (challenger) deployment answered to a copy of a request. */
export type MirrorAnswer = { deployment: string; status: number; latencyMs: number; output: string };

export type ScoreOutcome = { status: number; body: string; deployment: string | null; latencyMs: number };
export type ScoreRequest = {
  workspace: string;
  endpoint: string;
  body: string;
  key?: string | null;
  deployment?: string | null;
  skipKeyCheck?: boolean;
  /** The request's id (the caller's x-request-id or one made for it), kept with what is collected. */
  requestId?: string | null;
  /**
   * A monitor scoring its baseline data once (with a named deployment): not counted, not collected, never
   * mirrored, so it leaves no trace in the deployment's own production data.
   */
  isQuiet?: boolean;
};

export class ScoringService {
  readonly source = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  /** Workspace → endpoint name → what this process knows (two levels: no key string is built per request). */
  private readonly endpoints = new Map<string, Map<string, EndpointEntry>>();
  private readonly loading = new Map<string, Promise<EndpointEntry | null>>();
  private readonly slots = new Map<string, RuntimeSlot>();
  readonly stats = new ScoringStats(this.source);
  readonly collector = new CollectedWriter(this.source);
  private timers: NodeJS.Timeout[] = [];
  private readonly provisioner = new DeploymentProvisioner(this);
  private stopped = false;

  get isStopped(): boolean {
    return this.stopped;
  }

  // ——— Serving ———

  /**
   * Scores one request; every failure becomes an answer with its status, never a throw. Written with
   * promises rather than async/await: each await costs more than scoring a small model's request.
   */
  score(request: ScoreRequest): Promise<ScoreOutcome> {
    const started = performance.now();
    const fresh = this.freshEntry(request.workspace, request.endpoint);
    if (fresh) return this.scoreOn(fresh, request, started);
    return this.endpointEntry(request.workspace, request.endpoint).then(
      (entry) =>
        entry
          ? this.scoreOn(entry, request, started)
          : this.failed(
              started,
              null,
              null,
              scoringErrors.notFound(`Endpoint "${request.endpoint}" in workspace "${request.workspace}"`),
            ),
      (error) => this.failed(started, null, null, error),
    );
  }

  /** Scores a request on a known endpoint: key, routing, mirror, and the deployment's answer. */
  private scoreOn(entry: EndpointEntry, request: ScoreRequest, started: number): Promise<ScoreOutcome> {
    let deployment: DeploymentInfo | null = null;
    let mirrored: Promise<MirrorAnswer> | null = null;
    try {
      if (!request.skipKeyCheck && !this.isKeyValid(entry, request.key)) throw scoringErrors.unauthorized();
      if (entry.kind !== "online")
        throw new ScoringError(
          405,
          "not_online",
          `"${request.endpoint}" is a batch endpoint; invoke it with a data asset instead.`,
        );
      let parsed: unknown;
      try {
        parsed = JSON.parse(request.body);
      } catch (error) {
        throw scoringErrors.badJson(errorText(error));
      }
      let mirrorTo: string | null = null;
      if (request.deployment) {
        deployment = entry.deployments.get(request.deployment) ?? null;
        if (!deployment)
          throw scoringErrors.notFound(`Deployment "${request.deployment}" of endpoint "${request.endpoint}"`);
      } else {
        const pick = entry.router.pick();
        if (!pick.deployment)
          throw scoringErrors.unavailable(
            `No deployment of "${request.endpoint}" takes traffic; set its traffic, or name a deployment in the azureml-model-deployment header.`,
          );
        deployment = entry.deployments.get(pick.deployment) ?? null;
        mirrorTo = pick.mirrorTo;
      }
      if (!deployment)
        throw scoringErrors.unavailable(
          "The deployment that takes this traffic is gone; set the endpoint's traffic again.",
        );
      const serving = deployment;
      if (request.isQuiet)
        return this.runOn(serving, request.body, parsed).then(
          (body) => ({ status: 200, body, deployment: serving.name, latencyMs: performance.now() - started }),
          (error) => {
            const failure = error instanceof ScoringError ? error : scoringErrors.scriptError(errorText(error));
            return { status: failure.status, body: errorBody(failure), deployment: serving.name, latencyMs: 0 };
          },
        );
      if (mirrorTo) mirrored = this.mirror(entry, mirrorTo, request.body, parsed);
      return this.runOn(serving, request.body, parsed).then(
        (body) =>
          this.finish(
            entry.id,
            serving,
            request.body,
            { status: 200, body, deployment: serving.name, latencyMs: performance.now() - started },
            request.requestId,
            mirrored,
          ),
        (error) => this.failed(started, entry, serving, error, request.body, request.requestId, mirrored),
      );
    } catch (error) {
      return Promise.resolve(this.failed(started, entry, deployment, error, request.body, request.requestId, mirrored));
    }
  }

  /** The answer for a request that failed (counted against its deployment when one was chosen). */
  private failed(
    started: number,
    entry: EndpointEntry | null,
    deployment: DeploymentInfo | null,
    error: unknown,
    input = "",
    requestId?: string | null,
    mirrored?: Promise<MirrorAnswer> | null,
  ): ScoreOutcome {
    const failure =
      error instanceof ScoringError ? error : scoringErrors.scriptError(`Scoring failed: ${errorText(error)}`);
    if (!(error instanceof ScoringError)) console.error("[scoring] unexpected failure", error);
    const outcome = {
      status: failure.status,
      body: errorBody(failure),
      deployment: deployment?.name ?? null,
      latencyMs: performance.now() - started,
    };
    return deployment && entry ? this.finish(entry.id, deployment, input, outcome, requestId, mirrored) : outcome;
  }

  private finish(
    endpointId: string,
    deployment: DeploymentInfo,
    input: string,
    outcome: ScoreOutcome,
    requestId: string | null | undefined,
    mirrored?: Promise<MirrorAnswer> | null,
  ): ScoreOutcome {
    this.stats.request(deployment.id, endpointId, outcome.latencyMs, outcome.status === 200);
    const sampled = this.collector.isSampled(deployment.id, deployment.config.dataCollectionPercent);
    // A mirrored request is always kept, with the challenger's answer beside the live one once it settles.
    if (sampled || mirrored) {
      const at = new Date();
      const collect = (mirror?: MirrorAnswer) =>
        this.collector.collect({
          endpointId,
          deploymentId: deployment.id,
          modelVersion: deployment.config.modelVersion,
          hints: this.flattenHints(deployment.id),
          requestId: requestId ?? null,
          at,
          status: outcome.status,
          latencyMs: outcome.latencyMs,
          input,
          output: outcome.body,
          mirror,
        });
      if (mirrored) void mirrored.then(collect);
      else collect();
    }
    return outcome;
  }

  /** How the deployment's positional inputs are named: after its ONNX model's single input. */
  private flattenHints(deploymentId: string) {
    const signature = this.slots.get(deploymentId)?.runtime?.signature;
    if (!signature) return undefined;
    return {
      onnxInputs: signature.inputs.map((i) => i.name),
      inputRanks: Object.fromEntries(signature.inputs.map((i) => [i.name, i.shape.length])),
    };
  }

  /** A copy for the mirrored deployment: its failures counted, its answer kept for the comparison. */
  private mirror(entry: EndpointEntry, name: string, raw: string, parsed: unknown): Promise<MirrorAnswer> | null {
    const target = entry.deployments.get(name);
    if (!target) return null;
    const started = performance.now();
    const answer = (status: number, output: string): MirrorAnswer => ({
      deployment: target.name,
      status,
      latencyMs: performance.now() - started,
      output,
    });
    return this.runOn(target, raw, parsed).then(
      (body) => {
        this.stats.mirrored(target.id, entry.id, true);
        return answer(200, body);
      },
      (error) => {
        this.stats.mirrored(target.id, entry.id, false);
        const failure =
          error instanceof ScoringError ? error : scoringErrors.scriptError(`Scoring failed: ${errorText(error)}`);
        return answer(failure.status, errorBody(failure));
      },
    );
  }

  private runOn(deployment: DeploymentInfo, raw: string, parsed: unknown): Promise<string> {
    if (deployment.state !== "succeeded") {
      return Promise.reject(
        scoringErrors.unavailable(
          `Deployment "${deployment.name}" is ${deployment.state === "creating" ? "still being created" : "failed"}; it cannot score yet.`,
        ),
      );
    }
    const slot = this.slots.get(deployment.id);
    if (slot?.runtime && slot.fingerprint === deployment.config.fingerprint) return slot.runtime.score(raw, parsed);
    return this.runtimeFor(deployment.config).then((runtime) => runtime.score(raw, parsed));
  }

  private isKeyValid(entry: EndpointEntry, key: string | null | undefined): boolean {
    if (!key) return false;
    if (entry.acceptedKeys.has(key)) return true;
    const given = Buffer.from(hashEndpointKey(key), "hex");
    let ok = false;
    for (const hash of entry.keyHashes) if (hash.length === given.length && timingSafeEqual(hash, given)) ok = true;
    if (ok && entry.acceptedKeys.size < 4) entry.acceptedKeys.add(key);
    return ok;
  }

  // ——— What this process knows of endpoints ———

  private freshEntry(workspace: string, name: string): EndpointEntry | null {
    const known = this.endpoints.get(workspace)?.get(name);
    return known && performance.now() - known.checkedAt < ENDPOINT_RECHECK_MS ? known : null;
  }

  private async endpointEntry(workspace: string, name: string): Promise<EndpointEntry | null> {
    const fresh = this.freshEntry(workspace, name);
    if (fresh) return fresh;
    const key = `${workspace}/${name}`;
    const known = this.endpoints.get(workspace)?.get(name);
    let loading = this.loading.get(key);
    if (!loading) {
      loading = this.refresh(workspace, name, known).finally(() => this.loading.delete(key));
      this.loading.set(key, loading);
    }
    return loading;
  }

  private async refresh(
    workspace: string,
    name: string,
    known: EndpointEntry | undefined,
  ): Promise<EndpointEntry | null> {
    if (known) {
      const current = await db.endpoint.findUnique({ where: { id: known.id }, select: { revision: true } });
      if (current && current.revision === known.revision) {
        known.checkedAt = performance.now();
        return known;
      }
    }
    const row = await db.endpoint.findFirst({
      where: { name, scope: { kind: "workspace", name: workspace } },
      select: {
        id: true,
        kind: true,
        revision: true,
        key1Hash: true,
        key2Hash: true,
        traffic: true,
        mirrorTraffic: true,
        deployments: { select: DEPLOYMENT_SELECT },
      },
    });
    if (!row) {
      this.endpoints.get(workspace)?.delete(name);
      if (known) this.dropRuntimes(known.id, new Set());
      return null;
    }
    const setting: TrafficSetting = trafficOf(row);
    // A reload that changed nothing of the traffic keeps the router, so the split stays exact across it.
    const sameTraffic = known && JSON.stringify(known.router.setting) === JSON.stringify(setting);
    const entry: EndpointEntry = {
      id: row.id,
      kind: row.kind,
      revision: row.revision,
      keyHashes: [row.key1Hash, row.key2Hash].filter((h): h is string => !!h).map((h) => Buffer.from(h, "hex")),
      acceptedKeys: new Set(),
      router: sameTraffic ? known.router : new TrafficRouter(setting),
      deployments: new Map(
        row.deployments.map((d) => [d.name, { id: d.id, name: d.name, state: d.state, config: configOf(d) }]),
      ),
      checkedAt: performance.now(),
    };
    let inWorkspace = this.endpoints.get(workspace);
    if (!inWorkspace) this.endpoints.set(workspace, (inWorkspace = new Map()));
    inWorkspace.set(name, entry);
    this.dropRuntimes(row.id, new Set(row.deployments.map((d) => d.id)));
    // Warm the runtimes of deployments that serve, so the first request does not wait for init().
    if (row.kind === "online")
      for (const d of entry.deployments.values())
        if (d.state === "succeeded") void this.runtimeFor(d.config).catch(() => undefined);
    return entry;
  }

  /** Forgets what this process knows of an endpoint (it changed here): the next request reloads it. */
  invalidate(endpointId: string): void {
    for (const inWorkspace of this.endpoints.values())
      for (const entry of inWorkspace.values()) if (entry.id === endpointId) entry.checkedAt = -Infinity;
  }

  /** Stops the runtimes of an endpoint's deployments that are no longer in `keep`. */
  private dropRuntimes(endpointId: string, keep: Set<string>) {
    for (const [id, slot] of this.slots) {
      if (keep.has(id) || slot.endpointId !== endpointId) continue;
      this.stopRuntime(id);
    }
  }

  /** Stops a deployment's instances here; `note` goes to its logs (none when the deployment is gone). */
  stopRuntime(deploymentId: string, note?: string): void {
    const slot = this.slots.get(deploymentId);
    if (!slot) return;
    this.slots.delete(deploymentId);
    slot.runtime?.dispose();
    void slot.starting?.then(
      (r) => r.dispose(),
      () => undefined,
    );
    if (note) slot.logs.write(0, "system", note);
    void slot.logs.flush();
  }

  // ——— Runtimes ———

  private slotFor(config: DeploymentConfig): RuntimeSlot {
    let slot = this.slots.get(config.id);
    if (!slot) {
      slot = {
        endpointId: config.endpointId,
        fingerprint: config.fingerprint,
        runtime: null,
        starting: null,
        failure: null,
        logs: new DeploymentLogWriter(config.id),
      };
      this.slots.set(config.id, slot);
    }
    return slot;
  }

  /** The log of a deployment's instances in this process. */
  logsFor(config: DeploymentConfig): DeploymentLogWriter {
    return this.slotFor(config).logs;
  }

  /** The running runtime of a deployment, started (or restarted with new settings) when needed. */
  runtimeFor(config: DeploymentConfig): Promise<DeploymentRuntime> {
    const slot = this.slotFor(config);
    if (slot.runtime && slot.fingerprint === config.fingerprint) return Promise.resolve(slot.runtime);
    if (slot.starting && slot.fingerprint === config.fingerprint) return slot.starting;
    if (slot.failure && slot.fingerprint === config.fingerprint && Date.now() - slot.failure.at < RETRY_START_MS) {
      return Promise.reject(
        scoringErrors.unavailable(`Deployment "${config.name}" could not start here: ${slot.failure.message}`),
      );
    }
    slot.fingerprint = config.fingerprint;
    const previous = slot.runtime;
    const starting = startDeploymentRuntime(config, (i, stream, text) => slot.logs.write(i, stream, text));
    slot.starting = starting;
    slot.failure = null;
    starting.then(
      (runtime) => {
        if (this.slots.get(config.id) !== slot || slot.starting !== starting) return runtime.dispose();
        slot.runtime = runtime;
        slot.starting = null;
        // The page says whether the entry script's instances run sandboxed (they may restart in another mode).
        if (runtime.sandbox)
          void db.deployment
            .updateMany({
              where: { id: config.id, OR: [{ sandbox: null }, { sandbox: { not: runtime.sandbox } }] },
              data: { sandbox: runtime.sandbox },
            })
            .catch(() => undefined);
        if (runtime.ranWith)
          void db.deployment
            .updateMany({ where: { id: config.id }, data: { runtime: JSON.stringify(runtime.ranWith) } })
            .catch(() => undefined);
        // New settings: the old instances stop once the new ones serve.
        if (previous && previous !== runtime) previous.dispose();
      },
      (error) => {
        if (slot.starting !== starting) return;
        slot.starting = null;
        slot.failure = { message: errorText(error), at: Date.now() };
        slot.logs.write(0, "system", `Could not start: ${errorText(error)}`);
      },
    );
    // While new settings come up, the old instances keep serving.
    if (previous) return Promise.resolve(previous);
    return starting.catch((error) => {
      throw error instanceof ScoringError
        ? error
        : scoringErrors.unavailable(`Deployment "${config.name}" could not start: ${errorText(error)}`);
    });
  }

  /** Instance counts of a deployment's runtime in this process (null when it runs none). */
  instanceStatus(deploymentId: string): { ready: number; total: number } | null {
    return this.slots.get(deploymentId)?.runtime?.status() ?? null;
  }

  runtimeOf(deploymentId: string): DeploymentRuntime | null {
    return this.slots.get(deploymentId)?.runtime ?? null;
  }

  // ——— Bringing deployments up ———

  /** Claims deployments that are creating and brings each up (see DeploymentProvisioner). */
  provision(): Promise<void> {
    return this.provisioner.provision();
  }

  // ——— Life cycle ———

  start(): this {
    this.timers.push(setInterval(() => void this.provision(), PROVISION_POLL_MS));
    this.timers.push(setInterval(() => void this.sweep(), SWEEP_MS));
    this.timers.push(
      setInterval(
        () => void pruneOldStats().catch((error) => console.error("[scoring] could not prune old counters", error)),
        3_600_000,
      ),
    );
    this.timers.push(setInterval(() => void collectedHousekeeping(this.source), 3_600_000));
    void collectedHousekeeping(this.source);
    void this.provision();
    void this.warmUp();
    return this;
  }

  /** Starts the runtimes of every online deployment that serves, so a restart does not make callers wait. */
  private async warmUp() {
    try {
      const rows = await db.deployment.findMany({
        where: { state: "succeeded", endpoint: { kind: "online" } },
        select: DEPLOYMENT_SELECT,
      });
      for (const row of rows) void this.runtimeFor(configOf(row)).catch(() => undefined);
    } catch (error) {
      console.error("[scoring] warm-up failed", error);
    }
  }

  /** Stops runtimes whose deployment was deleted (perhaps by another studio process). */
  private async sweep() {
    if (!this.slots.size) return;
    const ids = [...this.slots.keys()];
    const existing = new Set(
      (await db.deployment.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((d) => d.id),
    );
    for (const id of ids) if (!existing.has(id)) this.stopRuntime(id);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const id of [...this.slots.keys()]) this.stopRuntime(id, "Instances stopped: the studio is stopping.");
    await Promise.all([this.stats.flush(), this.collector.close()]);
  }
}

// One service per process, kept on globalThis: Next loads instrumentation and route handlers as separate
// bundles, and both must reach the same runtimes.
const holder = globalThis as unknown as { studioScoring?: ScoringService };

export function scoringService(): ScoringService {
  holder.studioScoring ??= new ScoringService();
  return holder.studioScoring;
}

/** The service if this process runs one (domain code tells it about changes; it is fine when none runs). */
export function runningScoringService(): ScoringService | null {
  return holder.studioScoring ?? null;
}
