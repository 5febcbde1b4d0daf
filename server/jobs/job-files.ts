import "server-only";
import { db } from "@/server/db";
import { notFound } from "@/lib/errors";
import type { JobFileDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { artifactStore } from "@/server/artifacts/store";
import { requireScope } from "@/server/scopes/scope-access";
import { findJobOrThrow } from "@/server/jobs/find-job";
import { readBlob, streamFrom, zipChunks, type FileDownload } from "@/server/artifacts/downloads";

/** Which files of a job: its code snapshot, or one named output. */
export type JobFileSet = { kind: "code" } | { kind: "output"; output: string };

async function findFiles(actor: Actor, workspace: string, jobName: string, set: JobFileSet) {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const job = await findJobOrThrow(db, scope.id, jobName);
  const files = await db.jobFile.findMany({
    where: { jobId: job.id, kind: set.kind, output: set.kind === "output" ? set.output : "" },
    orderBy: { path: "asc" },
  });
  return { job, files };
}

export async function listJobFiles(
  actor: Actor,
  workspace: string,
  jobName: string,
  set: JobFileSet,
): Promise<JobFileDto[]> {
  const { files } = await findFiles(actor, workspace, jobName, set);
  return files.map((f) => ({ path: f.path, size: Number(f.size), sha256: f.sha256 }));
}

export async function openJobFile(
  actor: Actor,
  workspace: string,
  jobName: string,
  set: JobFileSet,
  path: string,
): Promise<FileDownload> {
  const { files } = await findFiles(actor, workspace, jobName, set);
  const file = files.find((f) => f.path === path);
  const what = set.kind === "code" ? "code" : `output "${set.output}"`;
  if (!file) throw notFound(`File "${path}" in the ${what} of job "${jobName}"`);
  if (!(await artifactStore.has(file.sha256))) throw notFound(`The bytes of "${path}"`);
  return { path: file.path, size: Number(file.size), sha256: file.sha256, stream: streamFrom(readBlob(file.sha256)) };
}

export async function zipJobFiles(
  actor: Actor,
  workspace: string,
  jobName: string,
  set: JobFileSet,
): Promise<{ fileName: string; stream: ReadableStream<Uint8Array> }> {
  const { files } = await findFiles(actor, workspace, jobName, set);
  if (!files.length)
    throw notFound(
      set.kind === "code" ? `Code of job "${jobName}"` : `Files of output "${set.output}" of job "${jobName}"`,
    );
  return {
    fileName: `${jobName}-${set.kind === "code" ? "code" : set.output}.zip`,
    stream: streamFrom(zipChunks(files)),
  };
}
