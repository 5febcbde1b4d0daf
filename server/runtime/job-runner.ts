import "server-only";
import { readCommandJobSpec } from "@/server/jobs/stored-job-spec";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { recordEvent } from "@/server/events/record-event";
import { jobEventData } from "@/server/jobs/job-event-data";
import { hashToken, TOKEN_PREFIX } from "@/server/tokens/tokens";
import { JobProcess, jobWorkDir, type JobOutcome } from "@/server/runtime/job-process";
import { onRunnerWake } from "@/server/runtime/runner-signal";
import { sandboxStatus } from "@/server/runtime/sandbox/sandbox";
import { runPassHooks, runSettledHooks } from "@/server/runtime/job-hooks";

// The local runner. Work is claimed from the database with a lease that the runner renews while the
// job's process lives; if the studio dies, the lease runs out and the next runner to look (this one
// after a restart, or another instance) marks the job failed with the reason. Queued jobs simply wait.
export const LEASE_MS = 30_000;
const HEARTBEAT_MS = 5_000;
const POLL_MS = 1_000;
const RUNNER_LABEL = "local runner";

export type RunnerOptions = { concurrency?: number; pollMs?: number };

export class JobRunner {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  private readonly active = new Map<string, { process: JobProcess; done: Promise<void> }>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private isStopped = false;
  private lastHeartbeat = 0;
  private unsubscribe: (() => void) | null = null;
  private readonly concurrency: number;
  private readonly pollMs: number;

  constructor(options: RunnerOptions = {}) {
    this.concurrency = options.concurrency ?? env.STUDIO_RUNNER_CONCURRENCY;
    this.pollMs = options.pollMs ?? POLL_MS;
  }

  start(): this {
    this.unsubscribe = onRunnerWake(() => void this.tick());
    this.schedule();
    return this;
  }

  private schedule() {
    if (this.isStopped) return;
    this.timer = setTimeout(async () => {
      await this.tick();
      this.schedule();
    }, this.pollMs);
  }

  /** One pass: end jobs whose runner died, renew our leases, honour cancels, start queued work. */
  tick(): Promise<void> {
    this.ticking ??= this.pass()
      .catch((error) => console.error("[runner] pass failed", error))
      .finally(() => {
        this.ticking = null;
      });
    return this.ticking;
  }

  private async pass() {
    if (this.isStopped) return;
    await recoverExpiredJobs();
    // Jobs without a process of their own (pipelines) move on here: their steps are queued as inputs become ready.
    await runPassHooks();
    if (this.active.size) {
      if (Date.now() - this.lastHeartbeat >= HEARTBEAT_MS) await this.heartbeat();
      const canceled = await db.job.findMany({
        where: { id: { in: [...this.active.keys()] }, cancelRequestedAt: { not: null } },
        select: { id: true },
      });
      for (const { id } of canceled) this.active.get(id)?.process.cancel();
    }
    while (!this.isStopped && this.active.size < this.concurrency) {
      const claimed = await this.claimNext();
      if (!claimed) break;
    }
  }

  private async heartbeat() {
    this.lastHeartbeat = Date.now();
    await db.job.updateMany({
      where: { id: { in: [...this.active.keys()] }, leaseOwner: this.id, status: "running" },
      data: { leaseExpiresAt: new Date(Date.now() + LEASE_MS) },
    });
  }

  /** Claims the oldest queued job; a conditional update makes the claim safe between instances. */
  private async claimNext(): Promise<boolean> {
    const next = await db.job.findFirst({
      where: { status: "queued", kind: "command" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    if (!next) return false;
    const now = new Date();
    const { count } = await db.job.updateMany({
      where: { id: next.id, status: "queued" },
      data: {
        status: "running",
        startedAt: now,
        leaseOwner: this.id,
        leaseExpiresAt: new Date(now.getTime() + LEASE_MS),
        sandbox: sandboxStatus().isSandboxed ? "bubblewrap" : "none",
      },
    });
    if (count === 0) return true; // someone else took it; look again
    const job = await db.job.findUniqueOrThrow({
      where: { id: next.id },
      include: {
        scope: { select: { name: true } },
        files: { where: { kind: "code" }, select: { path: true, sha256: true } },
      },
    });
    const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
    await db.$transaction(async (tx) => {
      if (job.createdById) {
        await tx.accessToken.create({
          data: {
            userId: job.createdById,
            name: `job ${job.name}`,
            prefix: token.slice(0, TOKEN_PREFIX.length + 6),
            tokenHash: hashToken(token),
            jobId: job.id,
            expiresAt: new Date(now.getTime() + 7 * 86_400_000),
          },
        });
      }
      await recordEvent(tx, {
        actor: null,
        anonymousLabel: RUNNER_LABEL,
        action: "job.started",
        subject: { type: "job", id: job.id, label: job.name },
        scopeId: job.scopeId,
        data: await jobEventData(tx, job.id, "running", { runner: this.id }),
      });
    });
    const process = new JobProcess({
      id: job.id,
      name: job.name,
      workspace: job.scope.name,
      command: job.command ?? "",
      spec: readCommandJobSpec(job.spec),
      code: job.files,
      token,
      environment: job,
    });
    const done = process
      .run()
      .then(async (outcome) => {
        let recorded: boolean;
        try {
          recorded = await this.finish(job.id, job.name, job.scopeId, outcome);
          await process.holds.release();
        } catch (error) {
          await process.holds.discard();
          throw error;
        }
        // What follows a job's end elsewhere (a batch job's predictions become a data asset version).
        if (recorded)
          await runSettledHooks({
            id: job.id,
            name: job.name,
            scopeId: job.scopeId,
            status: outcome.status,
            endpointId: job.endpointId,
          });
      })
      .catch((error) => console.error(`[runner] job ${job.name} could not be finished`, error))
      .finally(() => {
        this.active.delete(job.id);
        void this.tick();
      });
    this.active.set(job.id, { process, done });
    return true;
  }

  /** Records the outcome, unless the lease was lost meanwhile (another runner already failed the job): whether it did. */
  private async finish(jobId: string, jobName: string, scopeId: string, outcome: JobOutcome): Promise<boolean> {
    return db.$transaction(async (tx) => {
      const { count } = await tx.job.updateMany({
        where: { id: jobId, leaseOwner: this.id, status: "running" },
        data: {
          status: outcome.status,
          endedAt: new Date(),
          exitCode: outcome.exitCode,
          failureReason: outcome.failureReason,
          leaseOwner: null,
          leaseExpiresAt: null,
        },
      });
      if (count === 0) return false;
      if (outcome.outputs.length) {
        await tx.jobFile.createMany({
          data: outcome.outputs.map((f) => ({
            jobId,
            kind: "output",
            output: f.output,
            path: f.path,
            size: BigInt(f.size),
            sha256: f.sha256,
          })),
        });
      }
      await tx.accessToken.updateMany({ where: { jobId, revokedAt: null }, data: { revokedAt: new Date() } });
      await recordEvent(tx, {
        actor: null,
        anonymousLabel: RUNNER_LABEL,
        action: `job.${outcome.status}`,
        subject: { type: "job", id: jobId, label: jobName },
        scopeId,
        reason: outcome.failureReason,
        data: await jobEventData(tx, jobId, outcome.status, {
          exitCode: outcome.exitCode,
          outputFiles: outcome.outputs.length,
        }),
      });
      return true;
    });
  }

  /** Stops taking work and waits for the running jobs (tests); `kill` first to end them at once. */
  async stop(options: { kill?: boolean } = {}): Promise<void> {
    this.isStopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.unsubscribe?.();
    if (options.kill) for (const { process } of this.active.values()) process.cancel();
    await this.ticking;
    await Promise.all([...this.active.values()].map((a) => a.done));
  }

  /** Ends every job process at once (the studio is exiting); their leases will expire and mark them failed. */
  killAll(): void {
    for (const { process } of this.active.values()) process.kill();
  }

  get runningCount(): number {
    return this.active.size;
  }
}

/**
 * Marks failed every running command job whose lease has run out: its runner stopped (a crash, a kill,
 * a restart) and no process reports for it any more. If the job's process survived on this machine,
 * it is ended, so no orphan keeps writing after the job is declared dead.
 */
export async function recoverExpiredJobs(now = new Date()): Promise<string[]> {
  const expired = await db.job.findMany({
    where: { status: "running", kind: "command", leaseExpiresAt: { lt: now } },
    select: { id: true, name: true, scopeId: true, leaseExpiresAt: true, leaseOwner: true },
  });
  const recovered: string[] = [];
  for (const job of expired) {
    const reason = `The runner stopped while the job ran (its lease expired at ${job.leaseExpiresAt!.toISOString()}; the studio was probably restarted or crashed). The job's process is gone; submit it again.`;
    const isMine = await db.$transaction(async (tx) => {
      const { count } = await tx.job.updateMany({
        where: { id: job.id, status: "running", leaseExpiresAt: { lt: now } },
        data: { status: "failed", endedAt: now, failureReason: reason, leaseOwner: null, leaseExpiresAt: null },
      });
      if (count === 0) return false;
      await tx.accessToken.updateMany({ where: { jobId: job.id, revokedAt: null }, data: { revokedAt: now } });
      await tx.jobLog.create({ data: { jobId: job.id, stream: "system", text: `[studio] ${reason}\n` } });
      await recordEvent(tx, {
        actor: null,
        anonymousLabel: RUNNER_LABEL,
        action: "job.failed",
        subject: { type: "job", id: job.id, label: job.name },
        scopeId: job.scopeId,
        reason,
        data: await jobEventData(tx, job.id, "failed", { lostRunner: job.leaseOwner }),
      });
      return true;
    });
    if (!isMine) continue;
    recovered.push(job.name);
    await endOrphanProcess(job.id, job.name);
  }
  return recovered;
}

async function endOrphanProcess(jobId: string, jobName: string) {
  try {
    const info = JSON.parse(await readFile(join(jobWorkDir(jobId), "process.json"), "utf8")) as {
      pid: number;
      host: string;
      job: string;
    };
    if (info.host !== hostname() || info.job !== jobName) return;
    // Only a process that still carries this job's identity is ended: a reused pid is left alone.
    const environ = await readFile(`/proc/${info.pid}/environ`, "utf8");
    if (!environ.split("\0").includes(`MLOPS_STUDIO_JOB=${jobName}`)) return;
    process.kill(-info.pid, "SIGKILL");
  } catch {
    // no record, another machine, or already gone
  }
}

let runner: JobRunner | null = null;

/** Starts this process's runner once (instrumentation), unless STUDIO_RUNNER=off. */
export function startJobRunner(): JobRunner | null {
  if (env.STUDIO_RUNNER === "off" || runner) return runner;
  runner = new JobRunner().start();
  process.once("exit", () => runner?.killAll());
  return runner;
}
