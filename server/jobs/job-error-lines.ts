import "server-only";
import { db } from "@/server/db";
import { lastErrorLines } from "@/lib/job-error";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { findJobOrThrow } from "@/server/jobs/find-job";

/** How many of the last stderr chunks are read to find the error: a traceback fits in far fewer. */
const STDERR_CHUNKS = 200;

/**
 * Why a failed job failed, in its own words: the last Python traceback it wrote to stderr, or the last
 * lines there. Empty for a job that has not failed or wrote nothing to stderr.
 */
export async function getJobErrorLines(actor: Actor, workspace: string, jobName: string): Promise<string[]> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const job = await findJobOrThrow(db, scope.id, jobName);
  if (job.status !== "failed") return [];
  const chunks = await db.jobLog.findMany({
    where: { jobId: job.id, stream: "stderr" },
    orderBy: { id: "desc" },
    take: STDERR_CHUNKS,
    select: { text: true },
  });
  return lastErrorLines(
    chunks
      .reverse()
      .map((c) => c.text)
      .join(""),
  );
}
