import "server-only";
import type { Readable } from "node:stream";
import { db } from "@/server/db";
import { checkRelativeFilePath } from "@/lib/file-paths";
import type { Actor } from "@/server/auth/actor";
import { readCommandJobSpec } from "@/server/jobs/stored-job-spec";
import { openJobFile } from "@/server/jobs/job-files";
import { openModelFile } from "@/server/models/model-files";
import { artifactStore } from "@/server/artifacts/store";
import { BlobHolds } from "@/server/artifacts/blob-holds";
import type { FileDownload } from "@/server/artifacts/downloads";
import { recordEvent } from "@/server/events/record-event";
import { requireJobWrite, requireScope } from "@/server/scopes/scope-access";
import { mlflowInvalid, mlflowNotFound, optionalString, runIdOf } from "@/server/mlflow/protocol";
import type { MlflowContext } from "@/server/mlflow/context";
import { assertRunActive, runArtifactUri, runOrThrow, type RunRow } from "@/server/mlflow/runs";

// A run's artifacts, as MLflow's proxied artifact API addresses them (<experiment>/<run>/artifacts/<path>): the
// files of its job's output "artifacts", in the studio's content-addressed store, where the Jobs page shows them
// and a model can be registered from them. As in MLflow, a path written again is replaced.

export const ARTIFACT_OUTPUT = "artifacts";

type Located =
  { kind: "run"; runId: string; path: string } | { kind: "model"; name: string; version: number; path: string };

/** The studio's model versions are readable here too, as models/<name>/<version>/<path> (get-download-uri's answer). */
export const modelArtifactUri = (name: string, version: number) => `mlflow-artifacts:/models/${name}/${version}`;

/** `<experiment>/<run>/artifacts[/<path>]` or `models/<name>/<version>[/<path>]`. */
function locate(path: string): Located | null {
  const segments = path.split("/").filter(Boolean);
  if (segments[0] === "models") {
    const [, name, version, ...rest] = segments;
    return name && version && /^[1-9]\d{0,8}$/.test(version)
      ? { kind: "model", name, version: Number(version), path: rest.join("/") }
      : null;
  }
  const [, runId, root, ...rest] = segments;
  if (!runId || root !== "artifacts") return null;
  return { kind: "run", runId, path: rest.join("/") };
}

function checkedPath(path: string): string {
  const checked = checkRelativeFilePath(path);
  if (!checked.ok) throw mlflowInvalid(checked.message);
  return checked.path;
}

const readScope = (actor: Actor, workspace: string) =>
  requireScope(actor, { kind: "workspace", name: workspace }, "read");

/** The files and folders directly under `dir`, as MLflow's FileInfo. */
function entriesOf(files: { path: string; size: bigint }[], dir: string, pathOf: (name: string) => string) {
  const prefix = dir ? `${dir.replace(/\/$/, "")}/` : "";
  const entries = new Map<string, { path: string; is_dir: boolean; file_size?: number }>();
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    if (!f.path.startsWith(prefix)) continue;
    const rest = f.path.slice(prefix.length);
    const slash = rest.indexOf("/");
    const name = slash < 0 ? rest : rest.slice(0, slash);
    if (!entries.has(name))
      entries.set(
        name,
        slash < 0
          ? { path: pathOf(name), is_dir: false, file_size: Number(f.size) }
          : { path: pathOf(name), is_dir: true },
      );
  }
  return [...entries.values()];
}

async function entriesUnder(jobId: string, dir: string, pathOf: (name: string) => string) {
  const prefix = dir ? `${dir.replace(/\/$/, "")}/` : "";
  const files = await db.jobFile.findMany({
    where: { jobId, kind: "output", output: ARTIFACT_OUTPUT, ...(prefix ? { path: { startsWith: prefix } } : {}) },
    select: { path: true, size: true },
  });
  return entriesOf(files, dir, pathOf);
}

/**
 * The files a model version registers from a run: `mlflow-artifacts:/<experiment>/<run>/artifacts/<path>` (with or
 * without a host) or `runs:/<run>/<path>`, a folder (its files, relative to it) or one file.
 */
export async function runArtifactFiles(actor: Actor, workspace: string, source: string, runId: string | undefined) {
  const proxied = /^mlflow-artifacts:(?:\/\/[^/]*)?\/+(.*)$/.exec(source);
  const runs = /^runs:\/+([^/]+)\/?(.*)$/.exec(source);
  const located: Located | null = proxied
    ? locate(proxied[1]!)
    : runs
      ? { kind: "run", runId: runs[1]!, path: runs[2]! }
      : null;
  if (!located || located.kind !== "run")
    throw mlflowInvalid(
      `Invalid model version source: '${source}'. The studio registers versions from a run's artifacts (mlflow-artifacts:/<experiment>/<run>/artifacts/<path> or runs:/<run>/<path>).`,
    );
  if (runId && runId !== located.runId)
    throw mlflowInvalid(`The source names run ${located.runId}, but run_id is ${runId}.`);
  const run = await runOrThrow(await readScope(actor, workspace), located.runId);
  const path = located.path.replace(/\/+$/, "");
  const stored = await db.jobFile.findMany({
    where: { jobId: run.id, kind: "output", output: ARTIFACT_OUTPUT },
    select: { path: true, size: true, sha256: true },
  });
  const files = stored.flatMap((f) => {
    const relative = !path
      ? f.path
      : f.path === path
        ? f.path.split("/").at(-1)!
        : f.path.startsWith(`${path}/`)
          ? f.path.slice(path.length + 1)
          : null;
    return relative === null ? [] : [{ path: relative, size: Number(f.size), sha256: f.sha256 }];
  });
  if (!files.length) throw mlflowInvalid(`Run ${run.name} has no artifacts at '${path || "/"}'.`);
  return { run: run.name, files };
}

/** The proxied API's listing (?path=<experiment>/<run>/artifacts[/<dir>]): names relative to the folder listed. */
export async function listArtifacts(actor: Actor, workspace: string, path: string) {
  const located = locate(path);
  if (!located) return [];
  const dir = located.path && checkedPath(located.path);
  if (located.kind === "model") {
    const scope = await readScope(actor, workspace);
    const version = await db.modelVersion.findFirst({
      where: { scopeId: scope.id, name: located.name, version: located.version },
      select: { id: true },
    });
    if (!version) throw mlflowNotFound(`Model Version (name=${located.name}, version=${located.version}) not found`);
    const files = await db.modelFile.findMany({ where: { versionId: version.id }, select: { path: true, size: true } });
    return entriesOf(files, dir, (name) => name);
  }
  const run = await runOrThrow(await readScope(actor, workspace), located.runId);
  return entriesUnder(run.id, dir, (name) => name);
}

export async function openArtifact(actor: Actor, workspace: string, path: string): Promise<FileDownload> {
  const located = locate(path);
  if (!located?.path) throw mlflowNotFound(`No artifact at "${path}".`);
  const file = checkedPath(located.path);
  if (located.kind === "model")
    return openModelFile(actor, { kind: "workspace", name: workspace }, located.name, located.version, file);
  return openJobFile(actor, workspace, located.runId, { kind: "output", output: ARTIFACT_OUTPUT }, file);
}

type WriteTarget = { actor: Actor; scopeId: string; run: RunRow; path: string };

/** Whether the caller may write this artifact (a job's token only into its own job), before a byte is read. */
export async function artifactWriteTarget(actor: Actor, workspace: string, path: string): Promise<WriteTarget> {
  const located = locate(path);
  if (!located?.path) throw mlflowNotFound(`No artifact at "${path}".`);
  if (located.kind === "model") throw mlflowInvalid("A model version's files cannot change.");
  const file = checkedPath(located.path);
  const scope = await requireJobWrite(actor, workspace);
  const run = await runOrThrow(scope, located.runId);
  if (scope.jobId && scope.jobId !== run.id) throw mlflowNotFound(`Run with id=${located.runId} not found`);
  assertRunActive(run);
  return { actor, scopeId: scope.id, run, path: file };
}

export async function putArtifact(target: WriteTarget, body: Readable, limit: number): Promise<void> {
  const { run, path } = target;
  const holds = new BlobHolds();
  try {
    const blob = await artifactStore.put(body, { budget: { remaining: limit, limit }, holds });
    await db.$transaction(async (tx) => {
      const file = { jobId: run.id, kind: "output", output: ARTIFACT_OUTPUT, path };
      await tx.jobFile.upsert({
        where: { jobId_kind_output_path: file },
        create: { ...file, size: BigInt(blob.size), sha256: blob.sha256 },
        update: { size: BigInt(blob.size), sha256: blob.sha256 },
      });
      const spec = readCommandJobSpec(run.spec);
      if (!spec.outputs.includes(ARTIFACT_OUTPUT))
        await tx.job.update({
          where: { id: run.id },
          data: { spec: JSON.stringify({ ...spec, outputs: [...spec.outputs, ARTIFACT_OUTPUT] }) },
        });
      await recordEvent(tx, {
        actor: target.actor,
        action: "job.output.uploaded",
        subject: { type: "job", id: run.id, label: run.name },
        scopeId: target.scopeId,
        data: { output: ARTIFACT_OUTPUT, files: 1 },
      });
    });
    await holds.release();
  } catch (error) {
    await holds.discard().catch(() => undefined);
    throw error;
  }
}

/** Deletes an artifact, or a folder of them. */
export async function deleteArtifact(target: WriteTarget): Promise<void> {
  const { count } = await db.jobFile.deleteMany({
    where: {
      jobId: target.run.id,
      kind: "output",
      output: ARTIFACT_OUTPUT,
      OR: [{ path: target.path }, { path: { startsWith: `${target.path}/` } }],
    },
  });
  if (!count) throw mlflowNotFound(`No artifact at "${target.path}".`);
}

export const artifactRpcs = {
  /** The tracking API's listing: paths relative to the run's artifact root. */
  "artifacts/list": {
    methods: ["GET"],
    handle: async (c: MlflowContext) => {
      const runId = runIdOf(c.message);
      const path = (optionalString(c.message, "path") ?? "").replace(/^\/+|\/+$/g, "");
      const run = await runOrThrow(await readScope(c.actor, c.workspace), runId);
      const files = await entriesUnder(run.id, path && checkedPath(path), (name) => (path ? `${path}/${name}` : name));
      return { root_uri: runArtifactUri(run), ...(files.length ? { files } : {}) };
    },
  },
} as const;
