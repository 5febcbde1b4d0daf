import "server-only";
import { isMlmodelPath } from "@/lib/models/model-files";
import { db } from "@/server/db";
import { AppError, conflict, notFound } from "@/lib/errors";
import { registerFromOutputSchema, type RegisterFromOutputInput } from "@/lib/schemas/jobs";
import type { ModelType } from "@/lib/schemas/models";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope } from "@/server/scopes/scope-access";
import { findJobOrThrow } from "@/server/jobs/find-job";
import { insertVersion } from "@/server/models/register-model-version";
import { captureLineage } from "@/server/lineage/capture-lineage";
import { toDetailDto, type ModelVersionDto } from "@/server/models/model-dto";

/** ONNX if the output holds one .onnx file, MLflow if it has an MLmodel file, custom otherwise. */
export function inferModelType(paths: string[]): ModelType {
  if (paths.some(isMlmodelPath)) return "mlflow_model";
  if (paths.filter((p) => p.toLowerCase().endsWith(".onnx")).length === 1) return "onnx";
  return "custom_model";
}

/**
 * Registers the next version of a model from one output folder of a finished job. The files are the
 * job's stored bytes (nothing is copied), and the job is recorded as the version's source: the model
 * page links back to it, its code commit, environment and input data.
 */
export async function registerModelFromOutput(
  actor: Actor,
  workspace: string,
  jobName: string,
  output: string,
  input: RegisterFromOutputInput,
): Promise<ModelVersionDto> {
  const parsed = registerFromOutputSchema.parse(input);
  // A pipeline step's own token may register from the outputs of the steps of its pipeline job (a
  // "register model" step); any other actor needs write access to the workspace.
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, actor.jobId ? "read" : "write");
  const row = await db.$transaction(async (tx) => {
    const job = await findJobOrThrow(tx, scope.id, jobName);
    if (actor.jobId) {
      const own = await tx.job.findUnique({ where: { id: actor.jobId }, select: { parentJobId: true } });
      if (!own?.parentJobId || own.parentJobId !== job.parentJobId) {
        throw new AppError(
          "forbidden",
          "A job's token may register models only from the outputs of the steps of its own pipeline job.",
        );
      }
    }
    if (job.status !== "completed")
      throw conflict(`Job "${jobName}" is ${job.status}; register models from completed jobs.`);
    const files = await tx.jobFile.findMany({
      where: { jobId: job.id, kind: "output", output },
      orderBy: { path: "asc" },
    });
    if (!files.length) throw notFound(`Output "${output}" of job "${jobName}" (or it holds no files)`);
    const type = parsed.type ?? inferModelType(files.map((f) => f.path));
    const created = await insertVersion(
      tx,
      actor,
      scope,
      { ...parsed, type, source: { jobId: job.name } },
      files.map((f) => ({ path: f.path, size: Number(f.size), sha256: f.sha256 })),
      null,
      await captureLineage(tx, job.id),
    );
    await recordEvent(tx, {
      actor,
      action: "job.output.registered",
      subject: { type: "job", id: job.id, label: job.name },
      scopeId: scope.id,
      data: { output, model: `${created.name}:${created.version}` },
    });
    return created;
  });
  return toDetailDto(row, scope);
}
