import "server-only";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { planEnvironmentBuild, pythonRequestLabel } from "@/lib/environments/build-plan";
import { db } from "@/server/db";
import { isUniqueViolation } from "@/server/db/unique-violation";
import { env } from "@/server/env";
import { readEnvironmentSpec } from "@/server/assets/stored-asset-spec";
import { newJobName } from "@/server/jobs/create-job";
import { upsertExperiment } from "@/server/jobs/experiments";
import { JobLogWriter } from "@/server/runtime/job-logs";
import { interpreterFolders } from "@/server/runtime/sandbox/sandbox";
import { availableInterpreters, interpreterFor, type Interpreter } from "@/server/environments/python-interpreters";
import { pipOptions, runBuild } from "@/server/environments/run-build";
import type { StoredRuntime } from "@/server/environments/stored-runtime";

// Environments on local compute are built once per workspace and spec, as Python virtual environments, and
// shared by every job there that asks for the same spec. A build is a job of its own ("build" kind, in the
// environment-builds experiment) with its log. The EnvironmentBuild row is the claim: whoever inserts it
// builds, others wait for it; a builder that dies leaves a lease that runs out, and the next asker builds.

export type BuiltEnvironment = {
  buildId: string;
  /** The virtual environment's folder (its bin/ goes first on PATH). */
  venv: string;
  /** Folders a sandboxed program needs to read to run in it (the environment, the interpreter behind it). */
  readOnly: string[];
  interpreter: string;
  pythonVersion: string;
  packages: string[];
  buildJobName: string | null;
  /** What the environment asked for, kept beside what it got. */
  requested: { python: string | null; requirements: string[] };
};

/** A job that cannot run in the environment it names: said as its failure reason. */
export class EnvironmentRefusal extends Error {}

export type EnvironmentAsker = {
  scopeId: string;
  environmentVersionId: string | null;
  environmentLabel: string | null;
  createdById: string | null;
  createdByLabel: string;
};

const LEASE_MS = 30_000;
export const BUILD_EXPERIMENT = "environment-builds";

/** Where a build's files live. */
function folderOf(buildId: string): string {
  return join(env.dataDir, "environments", buildId);
}

/**
 * The built environment a job runs in, building it first when needed (the job's log says what happens);
 * null when the job names no environment, or one with nothing to build. Throws EnvironmentRefusal when the
 * environment cannot be had here.
 */
export async function environmentFor(
  asker: EnvironmentAsker,
  log: (line: string) => void,
): Promise<BuiltEnvironment | null> {
  if (!asker.environmentVersionId) return null;
  const version = await db.assetVersion.findUnique({
    where: { id: asker.environmentVersionId },
    select: { name: true, version: true, spec: true },
  });
  if (!version) return null;
  const label = asker.environmentLabel ?? `${version.name}:${version.version}`;
  const plan = planEnvironmentBuild(readEnvironmentSpec(version.spec));
  if (plan.kind === "none") {
    log(`Environment ${label} has nothing to build: ${plan.why}.`);
    return null;
  }
  if (plan.kind === "refused")
    throw new EnvironmentRefusal(`Environment ${label} cannot be built here. ${plan.message}`);
  const interpreter = interpreterFor(plan.python);
  if (!interpreter)
    throw new EnvironmentRefusal(
      `Environment ${label} asks for ${pythonRequestLabel(plan.python!)}, and this machine has ${describeInterpreters()}. Install that Python (as python3.N on PATH, or set STUDIO_PYTHON) or change the environment's conda file.`,
    );
  const specHash = hashOf(interpreter, plan.requirements);
  return obtain(
    { asker, label, interpreter, requirements: plan.requirements, pythonRequested: plan.python, specHash },
    log,
  );
}

function describeInterpreters(): string {
  const all = availableInterpreters();
  if (all.length === 0) return "no Python at all";
  return all.map((i) => `Python ${i.version} (${i.executable})`).join(", ");
}

/** What makes two builds the same: the interpreter, the requirements and how pip was told to find them. */
function hashOf(interpreter: Interpreter, requirements: string[]): string {
  const what = {
    format: 1,
    interpreter: interpreter.executable,
    version: interpreter.version,
    requirements,
    pip: pipOptions(),
    systemPackages: env.STUDIO_ENV_SYSTEM_PACKAGES,
  };
  return createHash("sha256").update(JSON.stringify(what)).digest("hex");
}

type Wanted = {
  asker: EnvironmentAsker;
  label: string;
  interpreter: Interpreter;
  requirements: string[];
  pythonRequested: string | null;
  specHash: string;
};

async function obtain(wanted: Wanted, log: (line: string) => void): Promise<BuiltEnvironment> {
  const key = { scopeId_specHash: { scopeId: wanted.asker.scopeId, specHash: wanted.specHash } };
  const deadline = Date.now() + (env.STUDIO_ENV_BUILD_TIMEOUT_S * 1000 + 2 * LEASE_MS);
  let hasWaited = false;
  for (;;) {
    const row = await db.environmentBuild.findUnique({ where: key });
    if (row?.status === "ready" && existsSync(join(folderOf(row.id), "venv", "bin", "python"))) {
      const { count } = await db.environmentBuild.updateMany({
        where: { id: row.id, status: "ready" },
        data: { lastUsedAt: new Date() },
      });
      if (count === 0) continue; // collected meanwhile
      const buildJobName = row.buildJobId
        ? ((await db.job.findUnique({ where: { id: row.buildJobId }, select: { name: true } }))?.name ?? null)
        : null;
      log(`Environment ${wanted.label}: reusing its build${buildJobName ? ` (job ${buildJobName})` : ""}.`);
      return built(row.id, wanted, row.packages, buildJobName);
    }
    if (!row) {
      try {
        const created = await db.environmentBuild.create({
          data: {
            scopeId: wanted.asker.scopeId,
            specHash: wanted.specHash,
            status: "building",
            label: wanted.label,
            pythonRequested: wanted.pythonRequested,
            interpreter: wanted.interpreter.executable,
            pythonVersion: wanted.interpreter.version,
            leaseExpiresAt: new Date(Date.now() + LEASE_MS),
          },
        });
        return await build(created.id, wanted, log);
      } catch (error) {
        if (isUniqueViolation(error)) continue; // another job claimed it first: wait for that build
        throw error;
      }
    }
    const isLive = row.status === "building" && row.leaseExpiresAt !== null && row.leaseExpiresAt > new Date();
    if (row.status === "failed" && hasWaited)
      throw new EnvironmentRefusal(
        `Environment ${wanted.label} could not be built: ${row.error ?? "see its build job"}`,
      );
    if (!isLive) {
      // Failed before this job asked, ready without its folder, or its builder died: this job builds it again.
      const { count } = await db.environmentBuild.updateMany({
        where: { id: row.id, status: row.status, leaseExpiresAt: row.leaseExpiresAt },
        data: { status: "building", error: null, label: wanted.label, leaseExpiresAt: new Date(Date.now() + LEASE_MS) },
      });
      if (row.status === "building" && row.buildJobId) await failOrphanedBuildJob(row.buildJobId);
      if (count === 1) return build(row.id, wanted, log);
      continue;
    }
    if (!hasWaited) log(`Environment ${wanted.label}: another job is building it; waiting for that build.`);
    hasWaited = true;
    if (Date.now() > deadline)
      throw new EnvironmentRefusal(`Environment ${wanted.label}: its build did not finish in time.`);
    await sleep(250);
  }
}

function built(buildId: string, wanted: Wanted, packages: string | null, buildJobName: string | null) {
  const venv = join(folderOf(buildId), "venv");
  const { interpreter } = wanted;
  return {
    requested: { python: wanted.pythonRequested, requirements: wanted.requirements },
    buildId,
    venv,
    readOnly: [venv, ...interpreterFolders(interpreter.executable)],
    interpreter: interpreter.executable,
    pythonVersion: interpreter.version,
    packages: (packages ?? "").split("\n").filter(Boolean),
    buildJobName,
  } satisfies BuiltEnvironment;
}

/** Builds under the claim just taken, as a job of its own; answers the environment or throws the refusal. */
async function build(buildId: string, wanted: Wanted, log: (line: string) => void): Promise<BuiltEnvironment> {
  const { asker } = wanted;
  const name = newJobName();
  const job = await db.$transaction(async (tx) => {
    const experiment = await upsertExperiment(tx, asker.scopeId, BUILD_EXPERIMENT, asker.createdById);
    return tx.job.create({
      data: {
        scopeId: asker.scopeId,
        experimentId: experiment.id,
        name,
        displayName: `build ${wanted.label}`,
        kind: "build",
        status: "running",
        compute: "local",
        command: `python -m venv; pip install ${wanted.requirements.join(" ")}`.trim(),
        environmentVersionId: asker.environmentVersionId,
        environmentLabel: wanted.label,
        createdById: asker.createdById,
        createdByLabel: asker.createdByLabel,
        startedAt: new Date(),
        leaseOwner: `environment build ${buildId}`,
        leaseExpiresAt: new Date(Date.now() + LEASE_MS),
      },
    });
  });
  await db.environmentBuild.update({ where: { id: buildId }, data: { buildJobId: job.id } });
  log(`Environment ${wanted.label}: building it as job ${name}; jobs asking for the same spec here reuse it.`);
  const logs = new JobLogWriter(job.id, env.STUDIO_JOB_LOG_MAX_BYTES);
  logs.system(
    `Environment ${wanted.label}: ${wanted.requirements.length ? `installing ${wanted.requirements.join(", ")}` : "no packages to install"}${wanted.pythonRequested ? `; ${pythonRequestLabel(wanted.pythonRequested)} asked for, ${wanted.interpreter.version} found` : ""}.`,
  );
  const started = Date.now();
  const renew = async () => {
    const leaseExpiresAt = new Date(Date.now() + LEASE_MS);
    await db.environmentBuild.update({ where: { id: buildId }, data: { leaseExpiresAt } });
    await db.job.update({ where: { id: job.id }, data: { leaseExpiresAt } });
  };
  let result: Awaited<ReturnType<typeof runBuild>>;
  try {
    result = await runBuild({
      folder: folderOf(buildId),
      interpreter: wanted.interpreter,
      requirements: wanted.requirements,
      logs,
      onAlive: renew,
    });
  } catch (error) {
    result = { ok: false, error: `The build could not run: ${(error as Error).message}` };
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  logs.system(result.ok ? `Built in ${seconds} s: ${result.packages.length} packages.` : result.error);
  await logs.flush();
  const now = new Date();
  await db.$transaction([
    db.environmentBuild.update({
      where: { id: buildId },
      data: result.ok
        ? { status: "ready", packages: result.packages.join("\n"), readyAt: now, lastUsedAt: now, leaseExpiresAt: null }
        : { status: "failed", error: result.error, leaseExpiresAt: null },
    }),
    db.job.update({
      where: { id: job.id },
      data: {
        status: result.ok ? "completed" : "failed",
        endedAt: now,
        exitCode: result.ok ? 0 : null,
        failureReason: result.ok ? null : result.error,
        leaseOwner: null,
        leaseExpiresAt: null,
      },
    }),
  ]);
  if (!result.ok) {
    await rm(folderOf(buildId), { recursive: true, force: true }).catch(() => undefined);
    throw new EnvironmentRefusal(`Environment ${wanted.label} could not be built (job ${name}): ${result.error}`);
  }
  log(`Environment ${wanted.label}: built in ${seconds} s.`);
  return built(buildId, wanted, result.packages.join("\n"), name);
}

async function failOrphanedBuildJob(jobId: string) {
  await db.job.updateMany({
    where: { id: jobId, status: "running" },
    data: {
      status: "failed",
      endedAt: new Date(),
      failureReason: "The studio stopped while this build ran; the next job that needed it built it again.",
      leaseOwner: null,
      leaseExpiresAt: null,
    },
  });
}

/**
 * Removes builds no job used for STUDIO_ENV_KEEP_DAYS (their rows and folders; the build jobs and their logs
 * stay), and folders no build row names (left by a crash). Answers how many builds were removed.
 */
export async function collectUnusedBuilds(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - env.STUDIO_ENV_KEEP_DAYS * 86_400_000);
  const stale = await db.environmentBuild.findMany({
    where: { status: { in: ["ready", "failed"] }, lastUsedAt: { lt: before } },
    select: { id: true, status: true, lastUsedAt: true },
  });
  let removed = 0;
  for (const row of stale) {
    // Conditional: a job that started using it meanwhile moved lastUsedAt, and keeps it.
    const { count } = await db.environmentBuild.deleteMany({
      where: { id: row.id, status: row.status, lastUsedAt: row.lastUsedAt },
    });
    if (count === 0) continue;
    removed++;
    await rm(folderOf(row.id), { recursive: true, force: true });
  }
  const root = join(env.dataDir, "environments");
  const folders = await readdir(root).catch(() => [] as string[]);
  if (folders.length) {
    const known = new Set(
      (await db.environmentBuild.findMany({ where: { id: { in: folders } }, select: { id: true } })).map((r) => r.id),
    );
    for (const folder of folders)
      if (!known.has(folder)) await rm(join(root, folder), { recursive: true, force: true });
  }
  return removed;
}

/** What a job or deployment really ran with, as recorded on it (its runtime column; read back by readRuntime). */
export function runtimeOf(built: BuiltEnvironment | null): StoredRuntime {
  if (built)
    return {
      interpreter: built.interpreter,
      pythonVersion: built.pythonVersion,
      packages: built.packages,
      buildJob: built.buildJobName,
      requested: built.requested,
    };
  const machine = interpreterFor(null);
  return {
    interpreter: machine?.executable ?? null,
    pythonVersion: machine?.version ?? null,
    packages: null,
    buildJob: null,
    requested: null,
  };
}

const COLLECT_EVERY_MS = 60 * 60_000;

/** Collects unused builds an hour after start and hourly after that (one timer per process). */
export function startBuildCollector(): void {
  const flags = globalThis as unknown as { studioBuildCollector?: boolean };
  if (flags.studioBuildCollector) return;
  flags.studioBuildCollector = true;
  const run = () =>
    void collectUnusedBuilds()
      .then((removed) => removed && console.log(`[environments] removed ${removed} unused environment build(s)`))
      .catch((error) => console.error("[environments] collecting unused builds failed", error));
  setInterval(run, COLLECT_EVERY_MS).unref();
}
