import { createHash } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { submitCommandJob } from "@/server/jobs/submit-command-job";
import { getJob } from "@/server/jobs/get-job";
import { getJobLogs } from "@/server/jobs/get-job-logs";
import { JobRunner } from "@/server/runtime/job-runner";
import {
  probeSandbox,
  sandboxedCommand,
  sandboxStatus,
  SandboxUnavailableError,
  SANDBOX_UID,
} from "@/server/runtime/sandbox/sandbox";
import { storeFiles, workspaceWithTeam, createScope, grant } from "@/tests/support/factories";
import { waitFor } from "@/tests/support/wait";
import type { Actor } from "@/server/auth/actor";

// The outside probe's finding 1, line by line: a dev contributor's job tried to read the session secret,
// the studio's environment through /proc, another user's running job token, and to write a prod
// membership straight into the database. Each attempt runs for real, in a real sandbox, and must fail.

let runner: JobRunner | null = null;
afterEach(async () => {
  await runner?.stop({ kill: true });
  runner = null;
});

const isFinal = (job: { status: string }) => ["completed", "failed", "canceled"].includes(job.status);

async function runJob(actor: Actor, workspace: string, script: string) {
  const code = await storeFiles({ "attack.sh": script });
  const job = await submitCommandJob(actor, workspace, { command: "bash attack.sh" }, code);
  runner ??= new JobRunner({ concurrency: 2, pollMs: 100 }).start();
  const done = await waitFor(() => getJob(actor, workspace, job.name), isFinal, 30_000);
  const logs = (await getJobLogs(actor, workspace, job.name, { limit: 5000 })).chunks.map((c) => c.text).join("");
  return { job: done, logs };
}

const secret = `studio-secret-${Math.random().toString(36).slice(2)}`;

beforeAll(() => {
  // What the studio keeps in its data folder and its own environment.
  mkdirSync(env.dataDir, { recursive: true });
  writeFileSync(join(env.dataDir, "session-secret"), secret, { mode: 0o600 });
  process.env.NEXTAUTH_SECRET = secret;
});

describe("the sandbox", () => {
  it("is bubblewrap on this machine (the tests need it: STUDIO_SANDBOX=bwrap)", () => {
    const status = sandboxStatus();
    expect(status, JSON.stringify(status)).toMatchObject({ isSandboxed: true });
  });

  it("keeps the session secret out of reach, by relative or absolute path", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const { job, logs } = await runJob(
      contributor,
      workspace.name,
      [
        "cat ../../../session-secret && echo READ-RELATIVE",
        `cat ${env.dataDir}/session-secret && echo READ-ABSOLUTE`,
        // The data folder exists inside only as the empty path down to the job's own folders.
        `ls -A ${env.dataDir} | sed "s/^/data dir holds: /"`,
        'echo "env: ${NEXTAUTH_SECRET:-none}"',
        "echo done",
      ].join("\n"),
    );
    expect(job.status, logs).toBe("completed");
    expect(logs).toContain("done");
    expect(logs).not.toContain(secret);
    for (const marker of ["READ-RELATIVE", "READ-ABSOLUTE"]) expect(logs).not.toContain(marker);
    expect([...logs.matchAll(/^data dir holds: (.*)$/gm)].map((m) => m[1])).toEqual(["jobs"]);
    expect(logs).toContain("env: none");
    expect(logs).toMatch(/No such file or directory/);
  });

  it("shows the job no other process: not the studio, not its environment", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const { job, logs } = await runJob(
      contributor,
      workspace.name,
      [
        'for p in /proc/[0-9]*; do echo "proc $(basename $p): $(tr "\\0" " " < $p/cmdline)"; done',
        `cat /proc/${process.pid}/environ > /dev/null 2>&1 && echo STUDIO-ENVIRON-READ`,
        'cat /proc/[0-9]*/environ 2>/dev/null | tr "\\0" "\\n" | grep -c NEXTAUTH_SECRET || true',
        "echo uid=$(id -u)",
      ].join("\n"),
    );
    expect(job.status, logs).toBe("completed");
    expect(logs).not.toContain(secret);
    expect(logs).not.toContain("STUDIO-ENVIRON-READ");
    expect(logs).not.toMatch(/^proc \d+: (\S*\/)?(node|vitest)\b/m);
    // Only the job's own few processes (bwrap's init, bash, the loop's subshells) are visible.
    const visible = [...logs.matchAll(/^proc (\d+):/gm)].map((m) => Number(m[1]));
    expect(visible.length).toBeGreaterThan(0);
    expect(Math.max(...visible)).toBeLessThan(100);
    expect(logs).toContain(`uid=${SANDBOX_UID}`);
  });

  it("cannot read or write the studio's database (no prod membership appears)", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const prod = await createScope("workspace", { stage: "prod" });
    const sqlite = join(env.dataDir, "studio.db");
    const attempts = [
      `python3 - <<'EOF'\nimport sqlite3\ntry:\n    c = sqlite3.connect("file:${sqlite}?mode=rw", uri=True)\n    c.execute("INSERT INTO Membership (userId, scopeId, role) VALUES ('${contributor.userId}', '${prod.id}', 'owner')")\n    c.commit()\n    print("SQLITE-WRITTEN")\nexcept Exception as e:\n    print("sqlite refused:", e)\nEOF`,
    ];
    if (env.isPostgres) {
      // The server's port is on the shared network; without the password the studio holds, it refuses.
      const url = new URL(env.DATABASE_URL!);
      expect(existsSync("/usr/bin/psql")).toBe(true);
      attempts.push(
        `PGCONNECT_TIMEOUT=5 psql -w -h ${url.hostname} -p ${url.port} -U ${url.username} -d ${url.pathname.slice(1)} -c "INSERT INTO \\"Membership\\" (\\"userId\\", \\"scopeId\\", role) VALUES ('${contributor.userId}', '${prod.id}', 'owner')" && echo PG-WRITTEN || echo "pg refused"`,
      );
    }
    const { job, logs } = await runJob(contributor, workspace.name, attempts.join("\n"));
    expect(job.status, logs).toBe("completed");
    expect(logs).toContain("sqlite refused");
    expect(logs).not.toContain("SQLITE-WRITTEN");
    if (env.isPostgres) {
      expect(logs).toContain("pg refused");
      expect(logs).not.toContain("PG-WRITTEN");
    }
    expect(await db.membership.count({ where: { scopeId: prod.id } })).toBe(0);
  });

  it("cannot find another user's running job token, nor its files or the artifact store", async () => {
    const victim = await workspaceWithTeam();
    const attacker = await workspaceWithTeam();
    await grant(victim.owner, attacker.workspace, "reader");
    const code = await storeFiles({ "wait.sh": "echo waiting; sleep 30" });
    const running = await submitCommandJob(victim.owner, victim.workspace.name, { command: "bash wait.sh" }, code);
    runner = new JobRunner({ concurrency: 2, pollMs: 100 }).start();
    await waitFor(
      () => getJobLogs(victim.owner, victim.workspace.name, running.name, {}),
      (logs) => logs.chunks.some((c) => c.text.includes("waiting")),
    );
    const victimRow = await db.job.findFirstOrThrow({ where: { name: running.name }, select: { id: true } });
    const { job, logs } = await runJob(
      attacker.contributor,
      attacker.workspace.name,
      [
        'for f in /proc/[0-9]*/environ; do tr "\\0" "\\n" < $f 2>/dev/null | grep "^MLOPS_STUDIO_TOKEN=" | cut -d= -f2; done | sort -u | sed "s/^/token: /"',
        `ls ${env.dataDir}/jobs/${victimRow.id} && echo SAW-OTHER-JOB`,
        `ls ${env.dataDir}/artifacts && echo SAW-ARTIFACTS`,
        "echo scanned",
      ].join("\n"),
    );
    expect(job.status, logs).toBe("completed");
    expect(logs).toContain("scanned");
    const found = [...logs.matchAll(/^token: (\S+)$/gm)].map((m) => createHash("sha256").update(m[1]).digest("hex"));
    const victimTokens = await db.accessToken.findMany({ where: { jobId: victimRow.id }, select: { tokenHash: true } });
    expect(victimTokens.length).toBe(1);
    // The attacker's job sees its own token only.
    expect(found.length).toBe(1);
    expect(found).not.toContain(victimTokens[0].tokenHash);
    expect(logs).not.toContain("SAW-OTHER-JOB");
    expect(logs).not.toContain("SAW-ARTIFACTS");
  });

  it("lets the job write only to its outputs and its scratch folder", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const code = await storeFiles({
      "w.sh": [
        "touch ./in-code 2>/dev/null && echo WROTE-CODE",
        'touch "$HOME/scratch" && echo wrote-home',
        'touch "$1/out.txt" && echo wrote-output',
        "touch /usr/x 2>/dev/null && echo WROTE-USR",
        "touch /tmp/t && echo wrote-tmp",
      ].join("\n"),
    });
    const submitted = await submitCommandJob(
      contributor,
      workspace.name,
      { command: "bash w.sh ${{outputs.result}}", outputs: ["result"] },
      code,
    );
    runner = new JobRunner({ concurrency: 2, pollMs: 100 }).start();
    const done = await waitFor(() => getJob(contributor, workspace.name, submitted.name), isFinal);
    const logs = (await getJobLogs(contributor, workspace.name, submitted.name, { limit: 5000 })).chunks
      .map((c) => c.text)
      .join("");
    expect(done.status, logs).toBe("completed");
    expect(logs).toContain("wrote-home");
    expect(logs).toContain("wrote-output");
    expect(logs).toContain("wrote-tmp");
    expect(logs).not.toContain("WROTE-CODE");
    expect(logs).not.toContain("WROTE-USR");
    expect(logs).toContain("sandboxed with bubblewrap");
    expect(done.outputs).toEqual([{ name: "result", fileCount: 1, totalSize: 0 }]);
  });
});

describe("STUDIO_SANDBOX", () => {
  const spec = { command: "/bin/true", args: [], cwd: "/", env: {}, writable: [], readOnly: [] };

  it("off runs programs directly and says so", () => {
    const status = probeSandbox("off");
    expect(status).toMatchObject({ isSandboxed: false, mode: "off", summary: "not sandboxed (STUDIO_SANDBOX=off)" });
    expect(sandboxedCommand(spec, status)).toMatchObject({ command: "/bin/true", isSandboxed: false });
  });

  it("auto and bwrap both find bubblewrap here and wrap the program", () => {
    for (const mode of ["auto", "bwrap"] as const) {
      const status = probeSandbox(mode);
      expect(status.isSandboxed).toBe(true);
      const wrapped = sandboxedCommand(spec, status);
      expect(wrapped.command).toMatch(/bwrap$/);
      expect(wrapped.args.at(-1)).toBe("/bin/true");
    }
  });

  it("bwrap refuses to run anything when no sandbox works; auto falls back to running directly", () => {
    const broken = (mode: "auto" | "bwrap") => ({
      isSandboxed: false as const,
      mode,
      reason: "bubblewrap is not installed.",
      summary: "not sandboxed: bubblewrap is not installed.",
    });
    expect(() => sandboxedCommand(spec, broken("bwrap"))).toThrow(SandboxUnavailableError);
    expect(sandboxedCommand(spec, broken("auto"))).toMatchObject({ command: "/bin/true", isSandboxed: false });
  });
});
