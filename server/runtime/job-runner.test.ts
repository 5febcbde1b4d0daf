import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { isAppError } from "@/lib/errors";
import { submitCommandJob } from "@/server/jobs/submit-command-job";
import { cancelJob } from "@/server/jobs/cancel-job";
import { getJob } from "@/server/jobs/get-job";
import { getJobLogs } from "@/server/jobs/get-job-logs";
import { listJobFiles, openJobFile } from "@/server/jobs/job-files";
import { logBatch } from "@/server/jobs/log-batch";
import { createExternalJob } from "@/server/jobs/create-job";
import { registerModelFromOutput } from "@/server/jobs/register-model-from-output";
import { uploadJobOutputFiles } from "@/server/jobs/upload-job-output";
import { authenticateAccessToken } from "@/server/tokens/tokens";
import { registerModelVersion } from "@/server/models/register-model-version";
import { getModelVersion } from "@/server/models/get-model-version";
import { JobRunner, LEASE_MS, recoverExpiredJobs } from "@/server/runtime/job-runner";
import { onJobSettled, onRunnerPass, type SettledJob } from "@/server/runtime/job-hooks";
import { jobWorkDir } from "@/server/runtime/job-process";
import { pythonShimDir } from "@/server/runtime/python-shim";
import { storeFiles, uniqueName, workspaceWithTeam } from "@/tests/support/factories";
import { waitFor } from "@/tests/support/wait";
import type { Actor } from "@/server/auth/actor";

let runner: JobRunner | null = null;

afterEach(async () => {
  await runner?.stop({ kill: true });
  runner = null;
});

function startRunner(concurrency = 2) {
  runner = new JobRunner({ concurrency, pollMs: 100 }).start();
  return runner;
}

/** The pid of a process on this machine whose arguments are exactly `argv`, or null. */
function processWithCommandLine(argv: string[]): number | null {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8") === argv.join("\0") + "\0") return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

const isFinal = (job: { status: string }) => ["completed", "failed", "canceled"].includes(job.status);

async function allLogs(actor: Actor, workspace: string, job: string): Promise<string> {
  const logs = await getJobLogs(actor, workspace, job, { limit: 5000 });
  return logs.chunks.map((c) => c.text).join("");
}

async function createDataAsset(scopeId: string, files: Record<string, string>, type: "file" | "folder") {
  const stored = await storeFiles(files);
  const name = uniqueName("data");
  const asset = await db.asset.create({ data: { scopeId, kind: "data", name, versionCounter: 1 } });
  await db.assetVersion.create({
    data: {
      assetId: asset.id,
      scopeId,
      kind: "data",
      name,
      version: 1,
      isLatest: true,
      spec: JSON.stringify({ type }),
      createdByLabel: "test",
      files: { createMany: { data: stored.map((f) => ({ path: f.path, size: BigInt(f.size), sha256: f.sha256 })) } },
    },
  });
  return name;
}

describe("the local runner", () => {
  it("runs a command with its code, inputs and outputs, captures logs and collects outputs", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const data = await createDataAsset(workspace.id, { "rows.csv": "a,b\n1,2\n3,4\n" }, "file");
    const code = await storeFiles({
      "run.sh": [
        "set -e",
        'echo "rows: $(wc -l < "$1")"',
        'echo "greeting: $2"',
        'echo "to stderr" >&2',
        'mkdir -p "$3/sub" && cp "$1" "$3/copy.csv" && echo nested > "$3/sub/n.txt"',
        'echo "job=$MLOPS_STUDIO_JOB ws=$MLOPS_STUDIO_WORKSPACE url=$MLOPS_STUDIO_URL"',
        'echo "token=${MLOPS_STUDIO_TOKEN:0:4} db=${DATABASE_URL:-unset} secret=${NEXTAUTH_SECRET:-unset}"',
        'echo "$MLOPS_STUDIO_TOKEN" > "$3/token.txt"',
        'echo "env-input=$STUDIO_INPUT_GREETING"',
      ].join("\n"),
    });
    const submitted = await submitCommandJob(
      contributor,
      workspace.name,
      {
        experiment: "runner",
        command: "bash run.sh ${{inputs.rows}} ${{inputs.greeting}} ${{outputs.result}}",
        inputs: {
          rows: { type: "data", asset: `${data}:1` },
          greeting: { type: "literal", value: "hello 'world' $(id)" },
        },
        outputs: ["result"],
        tags: { purpose: "test" },
      },
      code,
    );
    expect(submitted).toMatchObject({
      status: "queued",
      kind: "command",
      compute: "local",
      code: { fileCount: 1 },
      outputs: [{ name: "result", fileCount: 0 }],
    });
    expect(submitted.inputs).toEqual({
      rows: { type: "data", asset: `${data}:1`, kind: "file" },
      greeting: { type: "literal", value: "hello 'world' $(id)" },
    });

    startRunner();
    const done = await waitFor(() => getJob(contributor, workspace.name, submitted.name), isFinal);
    const logs = await allLogs(contributor, workspace.name, submitted.name);
    expect(done.status, logs).toBe("completed");
    expect(done.exitCode).toBe(0);
    expect(done.startedAt).not.toBeNull();
    expect(done.endedAt).not.toBeNull();
    expect(logs).toContain("rows: 3");
    expect(logs).toContain("greeting: hello 'world' $(id)");
    expect(logs).toContain("to stderr");
    expect(logs).toContain(`job=${submitted.name} ws=${workspace.name} url=http`);
    expect(logs).toContain("token=mls_ db=unset secret=unset");
    expect(logs).toContain("env-input=hello 'world' $(id)");
    const chunks = (await getJobLogs(contributor, workspace.name, submitted.name, {})).chunks;
    expect(chunks.find((c) => c.text.includes("to stderr"))?.stream).toBe("stderr");
    expect(chunks.some((c) => c.stream === "system")).toBe(true);

    expect(done.outputs).toEqual([{ name: "result", fileCount: 3, totalSize: expect.any(Number) }]);
    const files = await listJobFiles(contributor, workspace.name, submitted.name, { kind: "output", output: "result" });
    expect(files.map((f) => f.path)).toEqual(["copy.csv", "sub/n.txt", "token.txt"]);
    const copy = await openJobFile(
      contributor,
      workspace.name,
      submitted.name,
      { kind: "output", output: "result" },
      "copy.csv",
    );
    expect(await new Response(copy.stream).text()).toBe("a,b\n1,2\n3,4\n");

    // The job's token worked while it ran and was revoked when it ended.
    const token = (
      await new Response(
        (
          await openJobFile(
            contributor,
            workspace.name,
            submitted.name,
            { kind: "output", output: "result" },
            "token.txt",
          )
        ).stream,
      ).text()
    ).trim();
    expect(await authenticateAccessToken(token)).toBeNull();
    expect(
      await db.accessToken.count({
        where: {
          tokenHash: { not: "" },
          jobId: (await db.job.findFirstOrThrow({ where: { name: submitted.name } })).id,
        },
      }),
    ).toBe(1);
    expect(
      await db.event.findMany({
        where: { subjectLabel: submitted.name },
        orderBy: { seq: "asc" },
        select: { action: true },
      }),
    ).toEqual([{ action: "job.submitted" }, { action: "job.started" }, { action: "job.completed" }]);
  });

  it("fails a job whose command exits non-zero, keeping its logs and reason", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const job = await submitCommandJob(contributor, workspace.name, { command: "echo before; exit 3" });
    startRunner();
    const done = await waitFor(() => getJob(contributor, workspace.name, job.name), isFinal);
    expect(done).toMatchObject({ status: "failed", exitCode: 3, failureReason: "The command exited with code 3." });
    expect(await allLogs(contributor, workspace.name, job.name)).toContain("before");
  });

  it("calls the hooks handed to it: on every pass, and once a job's end is recorded", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const job = await submitCommandJob(contributor, workspace.name, { command: "exit 3" });
    let passes = 0;
    const settled: { job: SettledJob; statusInDb: string | undefined }[] = [];
    const removePass = onRunnerPass("test-pass", async () => {
      passes += 1;
    });
    const removeSettled = onJobSettled("test-settled", async (ended) => {
      if (ended.name !== job.name) return;
      const row = await db.job.findUnique({ where: { id: ended.id }, select: { status: true } });
      settled.push({ job: ended, statusInDb: row?.status });
    });
    try {
      startRunner();
      await waitFor(
        async () => settled.length,
        (n) => n > 0,
      );
      expect(passes).toBeGreaterThan(0);
      expect(settled).toEqual([
        {
          job: { id: expect.any(String), name: job.name, scopeId: workspace.id, status: "failed", endpointId: null },
          statusInDb: "failed",
        },
      ]);
    } finally {
      removePass();
      removeSettled();
    }
  });

  it("fails a job whose command does not exist with a clear log line", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const job = await submitCommandJob(contributor, workspace.name, { command: "no-such-tool-xyz --train" });
    startRunner();
    const done = await waitFor(() => getJob(contributor, workspace.name, job.name), isFinal);
    expect(done.status).toBe("failed");
    expect(done.exitCode).toBe(127);
    expect(done.failureReason).toContain(
      'the command "no-such-tool-xyz" (or one it calls) was not found on this machine',
    );
    const logs = await allLogs(contributor, workspace.name, job.name);
    expect(logs).toContain("no-such-tool-xyz: command not found");
    expect(logs).toContain("[studio] Exit code 127");
  });

  it("runs python and python3 as the configured interpreter", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const shim = pythonShimDir();
    expect(shim, "a python3 must be on PATH or in STUDIO_PYTHON for this test").not.toBeNull();
    const job = await submitCommandJob(contributor, workspace.name, {
      command: `python -c "import sys; print('exe=' + sys.executable)" && python3 -c "print('three')"`,
    });
    startRunner();
    const done = await waitFor(() => getJob(contributor, workspace.name, job.name), isFinal);
    const logs = await allLogs(contributor, workspace.name, job.name);
    expect(done.status, logs).toBe("completed");
    expect(logs).toContain(`python and python3 mean ${shim!.python}`);
    expect(logs).toContain("three");
    expect(logs).toMatch(/exe=\S*python/);
  });

  it("cancels a queued job at once and a running one by ending its whole process tree", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const queued = await submitCommandJob(contributor, workspace.name, { command: "sleep 60" });
    expect((await cancelJob(contributor, workspace.name, queued.name)).status).toBe("canceled");
    await expect(cancelJob(contributor, workspace.name, queued.name)).rejects.toMatchObject({ code: "conflict" });

    // The job runs in its own PID namespace: its grandchild is found from here by a command line no
    // other process has.
    const marker = `${100 + Math.floor(Math.random() * 1000)}.${Date.now() % 1000}`;
    const job = await submitCommandJob(contributor, workspace.name, {
      command: `bash -c 'sleep ${marker} & wait' & echo started; wait`,
    });
    startRunner();
    await waitFor(
      () => allLogs(contributor, workspace.name, job.name),
      (logs) => logs.includes("started"),
    );
    const grandchild = await waitFor(
      async () => processWithCommandLine(["sleep", marker]),
      (pid) => pid !== null,
    );
    expect(() => process.kill(grandchild!, 0)).not.toThrow();
    const requested = await cancelJob(contributor, workspace.name, job.name, "wrong params");
    expect(requested.isCancelRequested).toBe(true);
    const done = await waitFor(() => getJob(contributor, workspace.name, job.name), isFinal, 10_000);
    expect(done.status).toBe("canceled");
    await waitFor(
      async () => {
        try {
          process.kill(grandchild!, 0);
          return false;
        } catch {
          return true;
        }
      },
      (gone) => gone,
      5_000,
    );
    expect(await allLogs(contributor, workspace.name, job.name)).toContain("Cancel requested");
    const reasons = await db.event.findMany({
      where: { subjectLabel: job.name, action: "job.cancel_requested" },
      select: { reason: true, actorLabel: true },
    });
    expect(reasons).toEqual([{ reason: "wrong params", actorLabel: contributor.email }]);
  });

  it("runs at most the configured number of jobs at once, in submission order", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const jobs: { name: string }[] = [];
    for (let i = 0; i < 4; i++)
      jobs.push(await submitCommandJob(contributor, workspace.name, { command: "sleep 0.6" }));
    startRunner(2);
    let maxRunning = 0;
    await waitFor(
      async () => {
        const rows = await db.job.findMany({
          where: { name: { in: jobs.map((j) => j.name) } },
          select: { status: true },
        });
        maxRunning = Math.max(maxRunning, rows.filter((r) => r.status === "running").length);
        return rows;
      },
      (rows) => rows.every(isFinal),
    );
    expect(maxRunning).toBe(2);
    const rows = await db.job.findMany({
      where: { name: { in: jobs.map((j) => j.name) } },
      select: { name: true, startedAt: true, status: true },
    });
    expect(rows.every((r) => r.status === "completed")).toBe(true);
    const byName = new Map(rows.map((r) => [r.name, r.startedAt!.getTime()]));
    expect(byName.get(jobs[0].name)!).toBeLessThanOrEqual(byName.get(jobs[2].name)!);
    expect(byName.get(jobs[1].name)!).toBeLessThanOrEqual(byName.get(jobs[3].name)!);
  });

  it("refuses bad submissions and changes nothing", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam();
    const before = await db.job.count({ where: { scopeId: workspace.id } });
    await expect(submitCommandJob(reader, workspace.name, { command: "true" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      submitCommandJob(contributor, workspace.name, { command: "true", environment: "nope:1" }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      submitCommandJob(contributor, workspace.name, {
        command: "cat ${{inputs.d}}",
        inputs: { d: { type: "data", asset: "missing@latest" } },
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(submitCommandJob(contributor, workspace.name, { command: "cat ${{inputs.d}}" })).rejects.toThrow(
      /but the job has no input/,
    );
    await expect(
      submitCommandJob(contributor, workspace.name, { command: "true" }, [
        { path: "../x.sh", size: 1, sha256: "0".repeat(64) },
      ]),
    ).rejects.toMatchObject({ code: "invalid" });
    expect(await db.job.count({ where: { scopeId: workspace.id } })).toBe(before);
  });
});

describe("lease recovery", () => {
  async function runningJobWithLease(owner: string, expiresAt: Date) {
    const { workspace, contributor } = await workspaceWithTeam();
    const job = await submitCommandJob(contributor, workspace.name, { command: "sleep 100" });
    await db.job.updateMany({
      where: { name: job.name },
      data: { status: "running", startedAt: new Date(), leaseOwner: owner, leaseExpiresAt: expiresAt },
    });
    return { workspace, contributor, job };
  }

  it("fails a job whose runner died, with the reason, and leaves live leases alone", async () => {
    const dead = await runningJobWithLease("crashed-runner", new Date(Date.now() - 1000));
    const live = await runningJobWithLease("live-runner", new Date(Date.now() + LEASE_MS));
    const token = await db.accessToken.create({
      data: {
        userId: dead.contributor.userId,
        name: "job token",
        prefix: "mls_xx",
        tokenHash: uniqueName("hash"),
        jobId: (await db.job.findFirstOrThrow({ where: { name: dead.job.name } })).id,
      },
    });

    const recovered = await recoverExpiredJobs();
    expect(recovered).toContain(dead.job.name);
    expect(recovered).not.toContain(live.job.name);
    const failed = await getJob(dead.contributor, dead.workspace.name, dead.job.name);
    expect(failed.status).toBe("failed");
    expect(failed.failureReason).toMatch(/^The runner stopped while the job ran \(its lease expired at .*\)/);
    expect(await allLogs(dead.contributor, dead.workspace.name, dead.job.name)).toContain(
      "The runner stopped while the job ran",
    );
    expect((await db.accessToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).not.toBeNull();
    expect((await getJob(live.contributor, live.workspace.name, live.job.name)).status).toBe("running");
    // A second pass finds nothing more to do.
    expect(await recoverExpiredJobs()).not.toContain(dead.job.name);
  });

  it("ends a job process that outlived its crashed runner", async () => {
    const { job } = await runningJobWithLease("crashed-runner", new Date(Date.now() - 1000));
    const row = await db.job.findFirstOrThrow({ where: { name: job.name } });
    const orphan = spawn("sleep", ["120"], {
      detached: true,
      stdio: "ignore",
      env: { ...process.env, MLOPS_STUDIO_JOB: job.name },
    });
    mkdirSync(jobWorkDir(row.id), { recursive: true });
    writeFileSync(
      join(jobWorkDir(row.id), "process.json"),
      JSON.stringify({ pid: orphan.pid, host: (await import("node:os")).hostname(), job: job.name }),
    );
    const exited = new Promise((resolve) => orphan.once("exit", resolve));
    expect(await recoverExpiredJobs()).toContain(job.name);
    await expect(exited).resolves.toBeDefined();
  });

  it("a runner restarted after a crash marks the old job failed and runs the queued ones", async () => {
    const { workspace, contributor, job } = await runningJobWithLease("crashed-runner", new Date(Date.now() - 1));
    const next = await submitCommandJob(contributor, workspace.name, { command: "echo after restart" });
    startRunner();
    expect((await waitFor(() => getJob(contributor, workspace.name, job.name), isFinal)).status).toBe("failed");
    expect((await waitFor(() => getJob(contributor, workspace.name, next.name), isFinal)).status).toBe("completed");
  });
});

describe("a job's own token", () => {
  it("writes to its job only, reads the workspace, and cannot do anything else", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const own = await createExternalJob(contributor, workspace.name, {});
    const other = await createExternalJob(contributor, workspace.name, {});
    const ownRow = await db.job.findFirstOrThrow({ where: { name: own.name } });
    const jobActor: Actor = { ...contributor, via: "token", jobId: ownRow.id };

    await logBatch(jobActor, workspace.name, own.name, { metrics: [{ key: "loss", value: 1, step: 1 }] });
    await expect(
      logBatch(jobActor, workspace.name, other.name, { metrics: [{ key: "loss", value: 1 }] }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect((await getJob(jobActor, workspace.name, other.name)).name).toBe(other.name);
    const files = await storeFiles({ "model.bin": "weights" });
    await expect(registerModelVersion(jobActor, workspace, { name: uniqueName("m") }, files)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(submitCommandJob(jobActor, workspace.name, { command: "true" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(uploadJobOutputFiles(jobActor, workspace.name, other.name, "model", files)).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await uploadJobOutputFiles(jobActor, workspace.name, own.name, "model", files)).toHaveLength(1);
    await expect(uploadJobOutputFiles(jobActor, workspace.name, own.name, "model", files)).rejects.toMatchObject({
      code: "conflict",
    });
    expect((await getJob(contributor, workspace.name, own.name)).outputs).toEqual([
      { name: "model", fileCount: 1, totalSize: 7 },
    ]);
  });
});

describe("registering a model from a job's output", () => {
  it("registers the output's files with the job as the source, and refuses unfinished jobs and unknown outputs", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam();
    const job = await submitCommandJob(contributor, workspace.name, {
      command: "echo 'onnx bytes' > ${{outputs.model}}/model.onnx && echo '{}' > ${{outputs.model}}/labels.json",
      outputs: ["model"],
    });
    await expect(
      registerModelFromOutput(contributor, workspace.name, job.name, "model", { name: "early" }),
    ).rejects.toMatchObject({ code: "conflict" });
    startRunner();
    await waitFor(() => getJob(contributor, workspace.name, job.name), isFinal);
    const name = uniqueName("iris");
    const version = await registerModelFromOutput(contributor, workspace.name, job.name, "model", {
      name,
      tags: { stage: "candidate" },
    });
    expect(version).toMatchObject({
      name,
      version: 1,
      type: "onnx",
      source: { jobId: job.name },
      tags: { stage: "candidate" },
    });
    const detail = await getModelVersion(contributor, workspace, name, 1);
    expect(detail.files.map((f) => f.path)).toEqual(["labels.json", "model.onnx"]);
    expect(detail.lineage).toMatchObject({
      workspace: workspace.name,
      job: { name: job.name, status: "completed" },
      experiment: "default",
      isMember: true,
      data: [],
      metrics: {},
    });
    expect(detail.lineage?.environment).toBeUndefined();
    // A reader of the workspace sees the lineage too; a free-text source id has no job behind it.
    expect((await getModelVersion(reader, workspace, name, 1)).lineage?.job.name).toBe(job.name);
    const external = await registerModelVersion(
      contributor,
      workspace,
      { name: uniqueName("ext"), source: { jobId: "run-from-elsewhere" } },
      await storeFiles({ "m.bin": "x" }),
    );
    expect((await getModelVersion(contributor, workspace, external.name, 1)).lineage).toBeUndefined();
    expect((await registerModelFromOutput(contributor, workspace.name, job.name, "model", { name })).version).toBe(2);
    await expect(
      registerModelFromOutput(contributor, workspace.name, job.name, "missing", { name }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(registerModelFromOutput(reader, workspace.name, job.name, "model", { name })).rejects.toMatchObject({
      code: "forbidden",
    });
    const error = await registerModelFromOutput(contributor, workspace.name, job.name, "model", {
      name: "bad name!",
    }).catch((e) => e);
    expect(isAppError(error) || error.name === "ZodError").toBe(true);
  });
});
