import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { createEnvironmentVersion } from "@/server/assets/create-environment-version";
import { collectUnusedBuilds } from "@/server/environments/environment-builds";
import { submitCommandJob } from "@/server/jobs/submit-command-job";
import { getJob } from "@/server/jobs/get-job";
import { getJobLogs } from "@/server/jobs/get-job-logs";
import { JobRunner } from "@/server/runtime/job-runner";
import { uniqueName, workspaceWithTeam } from "@/tests/support/factories";
import { waitFor } from "@/tests/support/wait";
import type { Actor } from "@/server/auth/actor";

// Real builds: python -m venv and pip in the sandbox, installing the test wheel from the folder npm test
// makes (STUDIO_PIP_FIND_LINKS, no index), over Debian's python3.

let runner: JobRunner | null = null;
afterEach(async () => {
  await runner?.stop({ kill: true });
  runner = null;
});

const isFinal = (job: { status: string }) => ["completed", "failed", "canceled"].includes(job.status);
const conda = (deps: string) => `name: e\nchannels:\n  - conda-forge\ndependencies:\n${deps}`;
const IMPORT_WHEEL = `python -c "import studio_wheel_demo as m, sys; print(m.greet('job')); print(sys.prefix)"`;

async function logsOf(actor: Actor, workspace: string, job: string) {
  return (await getJobLogs(actor, workspace, job, { limit: 5000 })).chunks.map((c) => c.text).join("");
}

async function environment(actor: Actor, workspace: string, spec: { conda?: string; pip?: string }) {
  const name = uniqueName("env");
  const created = await createEnvironmentVersion(actor, { kind: "workspace", name: workspace }, { name, ...spec });
  return `${name}:${created.version}`;
}

async function run(actor: Actor, workspace: string, environmentRef: string, command = IMPORT_WHEEL) {
  const job = await submitCommandJob(actor, workspace, { experiment: "envs", command, environment: environmentRef });
  runner ??= new JobRunner({ concurrency: 2, pollMs: 100 }).start();
  return job.name;
}

async function finished(actor: Actor, workspace: string, name: string) {
  return waitFor(() => getJob(actor, workspace, name), isFinal, 120_000);
}

async function buildJobs(scopeId: string) {
  return db.job.findMany({ where: { scopeId, kind: "build" }, orderBy: { createdAt: "asc" } });
}

describe("environment builds", () => {
  it("builds an environment from a local wheel, runs the job in it, records what it ran with, and reuses the build", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const ref = await environment(contributor, workspace.name, {
      conda: conda("  - python=3.11\n  - pip\n  - pip:\n      - studio-wheel-demo==0.1.0\n"),
    });
    const first = await finished(contributor, workspace.name, await run(contributor, workspace.name, ref));
    const logs = await logsOf(contributor, workspace.name, first.name);
    expect(first.status, logs).toBe("completed");
    expect(logs).toContain("hello job from studio-wheel-demo 0.1.0");
    expect(logs).toMatch(/building it as job job-/);
    const [build] = await buildJobs(workspace.id);
    expect(build).toMatchObject({ status: "completed", kind: "build", environmentLabel: ref });
    expect(await logsOf(contributor, workspace.name, build!.name)).toMatch(
      /Successfully installed studio-wheel-demo-0\.1\.0/,
    );
    // The job ran in the built environment (its sys.prefix), and says so beside what it asked for.
    const row = await db.environmentBuild.findFirstOrThrow({ where: { scopeId: workspace.id } });
    expect(logs).toContain(join(env.dataDir, "environments", row.id, "venv"));
    expect(first.runtime).toMatchObject({
      pythonVersion: expect.stringMatching(/^3\.11\.\d+$/),
      buildJob: build!.name,
      python: { wanted: "=3.11", isMet: true },
      requirements: [{ name: "studio-wheel-demo", wanted: "==0.1.0", installed: "0.1.0", isMet: true }],
    });
    expect(first.runtime!.packages).toContain("studio-wheel-demo==0.1.0");

    // Same spec (another environment, same content): reused, no second build.
    const same = await environment(contributor, workspace.name, {
      conda: conda("  - python=3.11\n  - pip\n  - pip:\n      - studio-wheel-demo==0.1.0\n"),
    });
    const second = await finished(contributor, workspace.name, await run(contributor, workspace.name, same));
    expect(second.status).toBe("completed");
    expect(await logsOf(contributor, workspace.name, second.name)).toMatch(/reusing its build \(job job-/);
    expect(await buildJobs(workspace.id)).toHaveLength(1);

    // A changed spec builds anew.
    const newer = await environment(contributor, workspace.name, { pip: "studio-wheel-demo==0.2.0\n" });
    const third = await finished(contributor, workspace.name, await run(contributor, workspace.name, newer));
    expect(await logsOf(contributor, workspace.name, third.name)).toContain("hello job from studio-wheel-demo 0.2.0");
    expect(await buildJobs(workspace.id)).toHaveLength(2);
  }, 180_000);

  it("builds once when two jobs ask for a new environment at the same moment", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const ref = await environment(contributor, workspace.name, { pip: "studio-wheel-demo==0.1.0\n" });
    const names = [await run(contributor, workspace.name, ref), await run(contributor, workspace.name, ref)];
    const jobs = await Promise.all(names.map((n) => finished(contributor, workspace.name, n)));
    expect(jobs.map((j) => j.status)).toEqual(["completed", "completed"]);
    expect(await buildJobs(workspace.id)).toHaveLength(1);
    expect(new Set(jobs.map((j) => j.runtime?.buildJob)).size).toBe(1);
  }, 180_000);

  it("refuses a Python version this machine does not have, naming what it has", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const ref = await environment(contributor, workspace.name, { conda: conda("  - python=3.99\n  - pip\n") });
    const job = await finished(contributor, workspace.name, await run(contributor, workspace.name, ref, "true"));
    expect(job.status).toBe("failed");
    expect(job.failureReason).toMatch(/asks for Python 3\.99, and this machine has Python 3\.\d+\.\d+ \(/);
    expect(job.exitCode).toBeNull();
    expect(await buildJobs(workspace.id)).toHaveLength(0);
  }, 60_000);

  it("refuses conda packages, naming them, and fails a build pip cannot satisfy with pip's reason in its log", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const condaOnly = await environment(contributor, workspace.name, {
      conda: conda("  - python=3.11\n  - numpy=1.26\n  - libgomp\n"),
    });
    const refused = await finished(
      contributor,
      workspace.name,
      await run(contributor, workspace.name, condaOnly, "true"),
    );
    expect(refused.failureReason).toMatch(/conda packages \(numpy=1\.26, libgomp\)/);

    const missing = await environment(contributor, workspace.name, { pip: "studio-wheel-demo==9.9\n" });
    const failed = await finished(contributor, workspace.name, await run(contributor, workspace.name, missing, "true"));
    expect(failed.status).toBe("failed");
    expect(failed.failureReason).toMatch(/could not be built \(job job-[^)]+\): The build failed/);
    const [build] = await buildJobs(workspace.id);
    expect(build!.status).toBe("failed");
    expect(await logsOf(contributor, workspace.name, build!.name)).toMatch(
      /No matching distribution found for studio-wheel-demo==9\.9/,
    );
    expect(
      existsSync(
        join(
          env.dataDir,
          "environments",
          (await db.environmentBuild.findFirstOrThrow({ where: { scopeId: workspace.id } })).id,
        ),
      ),
    ).toBe(false);
  }, 120_000);

  it("removes builds unused for STUDIO_ENV_KEEP_DAYS, and the next job builds again", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const ref = await environment(contributor, workspace.name, { pip: "studio-wheel-demo==0.2.0\n" });
    await finished(contributor, workspace.name, await run(contributor, workspace.name, ref));
    const row = await db.environmentBuild.findFirstOrThrow({ where: { scopeId: workspace.id } });
    const folder = join(env.dataDir, "environments", row.id);
    expect(existsSync(folder)).toBe(true);
    expect(await collectUnusedBuilds(new Date())).toBe(0);
    const later = new Date(Date.now() + (env.STUDIO_ENV_KEEP_DAYS + 1) * 86_400_000);
    expect(await collectUnusedBuilds(later)).toBeGreaterThanOrEqual(1);
    expect(existsSync(folder)).toBe(false);
    expect(await db.environmentBuild.count({ where: { scopeId: workspace.id } })).toBe(0);
    const again = await finished(contributor, workspace.name, await run(contributor, workspace.name, ref));
    expect(again.status).toBe("completed");
    expect(await buildJobs(workspace.id)).toHaveLength(2);
  }, 180_000);
});
