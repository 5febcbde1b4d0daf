import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createExternalJob } from "@/server/jobs/create-job";
import { getJobErrorLines } from "@/server/jobs/job-error-lines";
import { workspaceWithTeam } from "@/tests/support/factories";

describe("a failed job's error lines", () => {
  it("are the last traceback it wrote to stderr, across log chunks, leaving stdout out", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam();
    const job = await createExternalJob(contributor, workspace.name, {});
    const row = await db.job.findFirstOrThrow({ where: { name: job.name } });
    const chunks: [string, string][] = [
      ["stdout", "epoch 1\n"],
      ["stderr", 'Traceback (most recent call last):\n  File "train.py", line 3, in <module>\n'],
      ["stdout", "epoch 2\n"],
      ["stderr", "    fit(lr)\nValueError: lr must be "],
      ["stderr", "positive\n"],
      ["system", "[studio] Exit code 1\n"],
    ];
    for (const [stream, text] of chunks) await db.jobLog.create({ data: { jobId: row.id, stream, text } });
    expect(await getJobErrorLines(reader, workspace.name, job.name)).toEqual([]);
    await db.job.update({ where: { id: row.id }, data: { status: "failed", failureReason: "exited with code 1" } });
    expect(await getJobErrorLines(reader, workspace.name, job.name)).toEqual([
      "Traceback (most recent call last):",
      '  File "train.py", line 3, in <module>',
      "    fit(lr)",
      "ValueError: lr must be positive",
    ]);
  });
});
