import "server-only";
import { collectBatchPredictions } from "@/server/monitoring/batch-collection";
import { readCommandJobSpec } from "@/server/jobs/stored-job-spec";
import { join } from "node:path";
import { db } from "@/server/db";
import { invalid } from "@/lib/errors";
import { shellQuote } from "@/lib/command-template";
import { invokeBatchSchema, type BatchJobDto, type InvokeBatchInput } from "@/lib/schemas/endpoints";
import type { JobDto } from "@/lib/schemas/dto";
import type { DataSpec } from "@/lib/schemas/assets";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { resolveAssetVersion } from "@/server/assets/resolve-asset-version";
import { insertAssetVersion } from "@/server/assets/insert-asset-version";
import { queueCommandJob } from "@/server/jobs/submit-command-job";
import { findJobDto } from "@/server/jobs/find-job";
import { findEndpointOrThrow } from "@/server/endpoints/find-endpoint";
import { modelLabelOf, trafficOf } from "@/server/endpoints/endpoint-dto";
import { pythonInterpreter } from "@/server/runtime/scoring/hosts";
import { onJobSettled } from "@/server/runtime/job-hooks";

// Batch endpoints: an invocation is a command job on the local runner that runs the deployment over a CSV
// data asset in mini-batches (server/runtime/scoring/hosts/batch_host.mjs); when it completes, its
// predictions become the next version of a data asset, with the job as its lineage.

const BATCH_HOST = join(process.cwd(), "server/runtime/scoring/hosts/batch_host.mjs");
const PREDICTIONS_OUTPUT = "predictions";

export async function invokeBatchEndpoint(
  actor: Actor,
  workspace: string,
  endpointName: string,
  input: InvokeBatchInput,
): Promise<JobDto> {
  const data = invokeBatchSchema.parse(input);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const endpoint = await findEndpointOrThrow(db, scope.id, endpointName);
  if (endpoint.kind !== "batch")
    throw invalid(`"${endpointName}" is an online endpoint; send requests to its scoring URL instead.`);
  const { traffic } = trafficOf(endpoint);
  const deployment = data.deployment
    ? endpoint.deployments.find((d) => d.name === data.deployment)
    : ([...endpoint.deployments].sort((a, b) => (traffic[b.name] ?? 0) - (traffic[a.name] ?? 0))[0] ?? null);
  if (!deployment)
    throw invalid(
      data.deployment
        ? `Endpoint "${endpointName}" has no deployment "${data.deployment}".`
        : `Endpoint "${endpointName}" has no deployment yet; add one first.`,
      { field: "deployment" },
    );
  if (deployment.state !== "succeeded")
    throw invalid(
      `Deployment "${deployment.name}" is ${deployment.state}; only a deployment that succeeded can score.`,
      { field: "deployment" },
    );
  const asset = await resolveAssetVersion(actor, workspace, "data", data.input);
  if (!asset.files.some((f) => f.path.toLowerCase().endsWith(".csv")))
    throw invalid(`Data asset "${asset.label}" holds no .csv file; batch scoring reads CSV.`, { field: "input" });
  const model = await db.modelVersion.findUniqueOrThrow({
    where: { id: deployment.modelVersion.id },
    select: { files: { select: { path: true, size: true, sha256: true } } },
  });
  const code = await db.deploymentFile.findMany({
    where: { deploymentId: deployment.id },
    select: { path: true, size: true, sha256: true },
  });
  const outputAsset = data.output ?? `${endpoint.name}-predictions`;

  const command = [
    shellQuote(process.execPath),
    shellQuote(BATCH_HOST),
    `--method ${deployment.scoringMethod}`,
    "--model ${{inputs.model}}",
    "--data ${{inputs.data}}",
    `--output \${{outputs.${PREDICTIONS_OUTPUT}}}`,
    `--mini-batch ${deployment.miniBatchSize}`,
    ...(deployment.scoringMethod === "onnx"
      ? []
      : [
          '--code "$PWD"',
          `--script ${shellQuote(deployment.scoringScript ?? "")}`,
          `--python ${shellQuote(pythonInterpreter())}`,
        ]),
    ...(data.columns?.length ? [`--columns ${shellQuote(data.columns.join(","))}`] : []),
  ].join(" ");
  const name = await queueCommandJob(actor, scope, {
    experiment: `batch-${endpoint.name}`,
    displayName: `${endpoint.name}/${deployment.name} on ${asset.label}`,
    compute: "local",
    command,
    git: null,
    environment:
      deployment.environmentVersionId && deployment.environmentLabel
        ? { id: deployment.environmentVersionId, label: deployment.environmentLabel }
        : null,
    spec: {
      inputs: {
        data: {
          type: "data",
          asset: asset.label,
          versionId: asset.id,
          kind: asset.files.length === 1 ? "file" : "folder",
          files: asset.files,
        },
        model: {
          type: "data",
          asset: `model ${modelLabelOf(deployment.modelVersion)}`,
          versionId: null,
          kind: "folder",
          files: model.files.map((f) => ({ path: f.path, size: Number(f.size), sha256: f.sha256 })),
        },
        predictions_asset: { type: "literal", value: outputAsset },
      },
      outputs: [PREDICTIONS_OUTPUT],
    },
    tags: { endpoint: endpoint.name, deployment: deployment.name },
    code: code.map((f) => ({ path: f.path, size: Number(f.size), sha256: f.sha256 })),
    batch: { endpointId: endpoint.id, deployment: deployment.name },
  });
  return findJobDto(db, scope, name);
}

/** The endpoint's batch jobs, newest first, with the data asset version each one wrote. */
export async function listBatchJobs(actor: Actor, workspace: string, endpointName: string): Promise<BatchJobDto[]> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const endpoint = await findEndpointOrThrow(db, scope.id, endpointName);
  const jobs = await db.job.findMany({
    where: { endpointId: endpoint.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
  });
  const written = await db.assetVersion.findMany({
    where: { sourceJobId: { in: jobs.map((j) => j.id) } },
    select: { sourceJobId: true, name: true, version: true },
  });
  return jobs.map((j) => {
    const spec = readCommandJobSpec(j.spec);
    const out = written.find((w) => w.sourceJobId === j.id);
    return {
      name: j.name,
      displayName: j.displayName,
      status: j.status,
      deployment: j.deploymentName,
      input: spec.inputs.data?.type === "data" ? spec.inputs.data.asset : null,
      createdAt: j.createdAt.toISOString(),
      createdBy: j.createdByLabel,
      endedAt: j.endedAt?.toISOString() ?? null,
      failureReason: j.failureReason,
      predictions: out ? { name: out.name, version: out.version } : null,
    };
  });
}

/** Hands the runner what follows a batch job's end: call it where the runner is started. */
export function registerBatchJobRunnerHooks(): void {
  onJobSettled("batch-predictions", async (job) => {
    if (job.status === "completed" && job.endpointId) await registerBatchPredictions(job.id);
  });
}

/**
 * Called when a job completes: a batch job's predictions become the next version of its
 * data asset (written as the job's submitter, with the job as lineage). Other jobs are left alone.
 */
export async function registerBatchPredictions(jobId: string): Promise<void> {
  const job = await db.job.findUnique({
    where: { id: jobId },
    include: { scope: true, files: { where: { kind: "output", output: PREDICTIONS_OUTPUT } } },
  });
  if (!job?.endpointId || job.status !== "completed") return;
  const log = (text: string) => db.jobLog.create({ data: { jobId, stream: "system", text: `[studio] ${text}\n` } });
  try {
    const user = job.createdById ? await db.user.findUnique({ where: { id: job.createdById } }) : null;
    if (!user) throw new Error("the job's submitter no longer exists");
    const spec = readCommandJobSpec(job.spec);
    const asset = spec.inputs.predictions_asset;
    const name = asset?.type === "literal" ? asset.value : "predictions";
    if (!job.files.length) throw new Error("the job wrote no predictions");
    const actor: Actor = { userId: user.id, email: user.email, name: user.name, via: "session" };
    const endpoint = await db.endpoint.findUnique({ where: { id: job.endpointId }, select: { name: true } });
    const dataSpec: DataSpec = {
      type: job.files.length === 1 ? "file" : "folder",
      origin: "job",
      originalPath: null,
      job: job.name,
    };
    const version = await db.$transaction((tx) =>
      insertAssetVersion(
        tx,
        actor,
        { id: job.scopeId, kind: "workspace", name: job.scope.name },
        {
          kind: "data",
          name,
          description: `Predictions of ${job.displayName}.`,
          tags: { endpoint: endpoint?.name ?? "(deleted)", deployment: job.deploymentName ?? "", job: job.name },
          spec: dataSpec,
          files: job.files.map((f) => ({ path: f.path, size: Number(f.size), sha256: f.sha256 })),
          profileStatus: "pending",
          sourceJobId: job.id,
        },
        null,
      ),
    );
    await log(`Registered the predictions as data asset ${name}:${version.version}.`);
    const collected = await collectBatchPredictions(job, spec);
    if (collected) await log(`Kept ${collected} rows of inputs and predictions for the deployment's monitors.`);
  } catch (error) {
    console.error(`[runner] could not register the predictions of job ${job.name}`, error);
    await log(`The predictions could not be registered as a data asset: ${(error as Error).message}`);
  }
}
