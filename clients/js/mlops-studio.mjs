// Log a training run to MLOps Studio from JavaScript (Node 18+ or a browser), with no dependencies.
//
//   import { startRun } from "./mlops-studio.mjs";
//   const run = await startRun({ experiment: "iris", params: { lr: "0.01" } });
//   await run.logMetric("loss", 0.31, { step: 5 });
//   await run.end();                       // "completed"; run.end("failed", "why")
//
// Settings default to the environment (the studio's runner sets them for its jobs): MLOPS_STUDIO_URL,
// MLOPS_STUDIO_TOKEN, MLOPS_STUDIO_WORKSPACE, MLOPS_STUDIO_JOB (log into that job instead of opening one).
// From Node, a run this module opens records the git repository of the script it runs in, as MLflow does:
// origin URL (without credentials), branch, commit, and whether tracked files have uncommitted changes
// (startRun({ git: false }) leaves it out; the runner's jobs get theirs from the uploaded code).
// Metrics are buffered and sent in batches of at most 1000 points (the API's limit). Each batch carries an
// idempotency key (batchId): on a network failure, 5xx or 429 it is sent again (up to 5 times, waiting
// longer each time), and the studio stores it once even if an earlier try did arrive.

const MAX_BATCH_METRICS = 1000;
const BATCH_ATTEMPTS = 5;
const env = typeof process === "undefined" ? {} : process.env;

export class StudioError extends Error {
  constructor(status, code, message) {
    super(`${status} ${code}: ${message}`);
    Object.assign(this, { status, code });
  }
}

const pairs = (record = {}) => Object.entries(record).map(([key, value]) => ({ key, value: String(value) }));

export class Run {
  #metrics = [];

  constructor({ url, token, workspace, job }) {
    this.url = (url ?? env.MLOPS_STUDIO_URL ?? "http://localhost:3000").replace(/\/$/, "");
    this.token = token ?? env.MLOPS_STUDIO_TOKEN;
    this.workspace = workspace ?? env.MLOPS_STUDIO_WORKSPACE ?? "dev";
    this.job = job ?? env.MLOPS_STUDIO_JOB ?? null;
    this.ownsJob = false;
    if (!this.token) throw new StudioError(0, "unauthorized", "set MLOPS_STUDIO_TOKEN or pass { token }");
  }

  async request(method, path, body) {
    const res = await fetch(`${this.url}/api/v1/workspaces/${this.workspace}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const payload = await res.json().catch(() => null);
    if (!res.ok) {
      const error = new StudioError(
        res.status,
        payload?.error?.code ?? "error",
        payload?.error?.message ?? res.statusText,
      );
      error.retryAfter = Number(res.headers.get("retry-after")) || null;
      throw error;
    }
    return payload;
  }

  /** Sends a metric batch with its idempotency key, again on a lost answer, 5xx or 429. */
  async postBatch(body) {
    const batch = { ...body, batchId: globalThis.crypto.randomUUID() };
    let delay = 500;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.request("POST", `/jobs/${this.job}/log-batch`, batch);
      } catch (error) {
        const isRetryable = !(error instanceof StudioError) || error.status >= 500 || error.status === 429;
        if (!isRetryable || attempt >= BATCH_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, error.retryAfter ? error.retryAfter * 1000 : delay));
        delay = Math.min(delay * 2, 30_000);
      }
    }
  }

  async logMetric(key, value, { step = 0, timestamp = Date.now() } = {}) {
    this.#metrics.push({ key, value: Number(value), step, timestamp });
    if (this.#metrics.length >= MAX_BATCH_METRICS) await this.flush();
  }

  async logMetrics(metrics, { step = 0 } = {}) {
    for (const [key, value] of Object.entries(metrics)) await this.logMetric(key, value, { step });
  }

  logParams(params) {
    return this.request("POST", `/jobs/${this.job}/log-batch`, { params: pairs(params) });
  }

  setTags(tags) {
    return this.request("POST", `/jobs/${this.job}/log-batch`, { tags: pairs(tags) });
  }

  async flush() {
    while (this.#metrics.length) {
      const batch = this.#metrics.splice(0, MAX_BATCH_METRICS);
      await this.postBatch({ metrics: batch });
    }
  }

  /** Sends what is buffered; a job this run opened is finished with `status`. */
  async end(status = "completed", reason) {
    await this.flush();
    if (this.ownsJob)
      await this.request(
        "PATCH",
        `/jobs/${this.job}`,
        reason ? { status, reason: String(reason).slice(0, 2000) } : { status },
      );
  }
}

/** Opens a job (or, under the studio's runner, joins MLOPS_STUDIO_JOB) and returns the run to log to. */
/** The git facts of the running script's repository (its folder, or the working folder), from Node; else null. */
async function gitInfo() {
  if (typeof process === "undefined" || !process.versions?.node) return null;
  const { execFileSync } = await import(/* webpackIgnore: true */ "node:child_process");
  const { dirname, resolve } = await import(/* webpackIgnore: true */ "node:path");
  const folder = process.argv[1] ? dirname(resolve(process.argv[1])) : process.cwd();
  const git = (...args) => {
    try {
      return execFileSync("git", ["-C", folder, ...args], { encoding: "utf8", timeout: 5000, stdio: "pipe" }).trim();
    } catch {
      return null;
    }
  };
  const commit = git("rev-parse", "HEAD");
  if (!commit) return null;
  const branch = git("rev-parse", "--abbrev-ref", "HEAD");
  const url = git("remote", "get-url", "origin");
  const status = git("status", "--porcelain", "--untracked-files=no");
  return {
    commit,
    ...(branch && branch !== "HEAD" ? { branch } : {}),
    ...(url ? { repository: url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1") } : {}),
    ...(status !== null ? { dirty: status !== "" } : {}),
  };
}

export async function startRun({ experiment = "default", displayName, params, tags, git = true, ...settings } = {}) {
  const run = new Run(settings);
  if (run.job) {
    if (params || tags)
      await run.request("POST", `/jobs/${run.job}/log-batch`, { params: pairs(params), tags: pairs(tags) });
  } else {
    const info = git ? await gitInfo() : null;
    const created = await run.request("POST", "/jobs", {
      experiment,
      ...(info ? { git: info } : {}),
      ...(displayName ? { displayName } : {}),
      params: Object.fromEntries(pairs(params).map((p) => [p.key, p.value])),
      tags: Object.fromEntries(pairs(tags).map((t) => [t.key, t.value])),
    });
    run.job = created.name;
    run.ownsJob = true;
  }
  return run;
}
