import "server-only";
import { planMlflowDeployment } from "@/server/endpoints/mlflow-deployment";
import { db, type Tx } from "@/server/db";
import { checkFeatureNames } from "@/lib/monitoring/feature-names";
import { columnsOf } from "@/server/monitoring/collected-segments";
import { AppError, conflict, invalid, isAppError } from "@/lib/errors";
import { formatAssetRef, parseAssetRef, splitAliasRef } from "@/lib/asset-ref";
import { checkRelativeFilePath } from "@/lib/file-paths";
import {
  createDeploymentSchema,
  DEPLOYMENT_LIMITS,
  updateDeploymentSchema,
  type CreateDeploymentInput,
  type DeploymentDto,
  type ScoringMethod,
} from "@/lib/schemas/endpoints";
import { actorLabel, type Actor } from "@/server/auth/actor";
import { artifactStore, type UploadedFile } from "@/server/artifacts/store";
import { recordEvent } from "@/server/events/record-event";
import { requireScope } from "@/server/scopes/scope-access";
import { resolveAssetVersion } from "@/server/assets/resolve-asset-version";
import { findVersionOrThrow } from "@/server/models/find-version";
import { deploymentInclude, toDeploymentDto, trafficOf } from "@/server/endpoints/endpoint-dto";
import { findDeploymentOrThrow, findEndpointOrThrow } from "@/server/endpoints/find-endpoint";
import { removeDeploymentRuntimes } from "@/server/endpoints/change-endpoint";
import { onnxFileOf } from "@/server/runtime/scoring/deployment-runtime";
import { policyOf } from "@/server/governance/policy";
import { requestApproval } from "@/server/governance/promotions";
import { scoringControl } from "@/server/runtime/scoring/scoring-control";

const SCRIPT_EXTENSIONS: Record<Exclude<ScoringMethod, "onnx" | "mlflow">, RegExp> = {
  python: /\.py$/,
  javascript: /\.(mjs|cjs|js)$/,
};

/**
 * The model version a deployment names, from the workspace or a registry the actor reads; with `name@alias`, the
 * version the alias names now (and the alias, which the deployment then follows).
 */
export async function resolveModelVersion(actor: Actor, workspace: string, ref: string) {
  const aliased = splitAliasRef(ref);
  const parsed = parseAssetRef(aliased?.ref ?? ref);
  if (!parsed.ok) throw invalid(`Model reference "${ref}": ${parsed.message}`, { field: "model" });
  if (aliased && parsed.ref.version !== "latest")
    throw invalid(`Model reference "${ref}" names a version and an alias: name one.`, { field: "model" });
  const { registry, name } = parsed.ref;
  const scopeRef = registry
    ? { kind: "registry" as const, name: registry }
    : { kind: "workspace" as const, name: workspace };
  try {
    const scope = await requireScope(actor, scopeRef, "read");
    let version = parsed.ref.version;
    if (aliased) {
      const pointer = await db.modelAlias.findFirst({
        where: { alias: aliased.alias, model: { scopeId: scope.id, name } },
        select: { version: { select: { version: true } } },
      });
      if (!pointer) throw new AppError("not_found", aliased.alias);
      version = pointer.version.version;
    } else if (version === "latest") {
      const latest = await db.modelVersion.findFirst({
        where: { scopeId: scope.id, name, isLatest: true },
        select: { version: true },
      });
      if (!latest) throw new AppError("not_found", "latest");
      version = latest.version;
    }
    return { ...(await findVersionOrThrow(db, scope.id, name, version)), registry, alias: aliased?.alias ?? null };
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") {
      throw new AppError(
        "not_found",
        `Model "${ref}" was not found in ${registry ? `registry "${registry}"` : `workspace "${workspace}"`}.`,
      );
    }
    throw error;
  }
}

/** A folder picked in a browser arrives as "<folder>/score.py": the folder is dropped when the script is named without it. */
function codeRoot(files: UploadedFile[], script: string): UploadedFile[] {
  if (files.some((f) => f.path === script)) return files;
  const top = files[0]?.path.split("/")[0];
  if (!top || !files.every((f) => f.path.startsWith(`${top}/`)) || !files.some((f) => f.path === `${top}/${script}`))
    return files;
  return files.map((f) => ({ ...f, path: f.path.slice(top.length + 1) }));
}

async function storeInlineCode(code: Record<string, string>): Promise<UploadedFile[]> {
  const total = Object.values(code).reduce((n, text) => n + Buffer.byteLength(text), 0);
  if (total > DEPLOYMENT_LIMITS.maxInlineCodeBytes)
    throw new AppError(
      "too_large",
      `Inline code is at most ${DEPLOYMENT_LIMITS.maxInlineCodeBytes / 1024} KiB; upload a folder (multipart) instead.`,
    );
  const files: UploadedFile[] = [];
  for (const [path, text] of Object.entries(code)) {
    const check = checkRelativeFilePath(path);
    if (!check.ok) throw invalid(check.message, { field: "code" });
    files.push({ path: check.path, ...(await artifactStore.putBuffer(Buffer.from(text, "utf8"))) });
  }
  return files;
}

/**
 * A new deployment under an endpoint, in state "creating": the scoring service then brings it up
 * (succeeded, with ONNX inputs and outputs read from the model, or failed with the reason and logs).
 * Code comes inline (JSON `code`) or as uploaded files (multipart).
 */
export async function createDeployment(
  actor: Actor,
  workspace: string,
  endpointName: string,
  input: CreateDeploymentInput,
  uploaded: UploadedFile[] = [],
  options: { approvedRequest?: string; forceRequest?: boolean } = {},
): Promise<DeploymentDto> {
  const data = createDeploymentSchema.parse(input);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const model = await resolveModelVersion(actor, workspace, data.model);
  const policy = await policyOf(scope.id);
  if (policy.registryAssetsOnly && !model.registry)
    throw invalid(
      `Only registry model versions may be deployed in workspace "${workspace}"; share ${data.model} to a registry and deploy that.`,
      { field: "model" },
    );
  const environment = data.environment
    ? await resolveAssetVersion(actor, workspace, "environment", data.environment)
    : null;
  let code = data.code ? await storeInlineCode(data.code) : [];
  if (data.code && uploaded.length)
    throw invalid("Send code inline (JSON `code`) or as uploaded files, not both.", { field: "code" });
  if (uploaded.length) code = uploaded;

  if (data.scoringMethod === "mlflow") {
    // No code, as Azure ML's no-code deployments: the MLmodel says how to serve it (an onnx flavor as ONNX).
    if (code.length || data.scoringScript)
      throw invalid("An MLflow model is served without code; choose an entry script method to run code.", {
        field: "scoringMethod",
      });
    const plan = await planMlflowDeployment(
      data.model,
      model.files.map((f) => ({ path: f.path, sha256: f.sha256, size: Number(f.size) })),
    );
    if (plan.method === "onnx") data.scoringMethod = "onnx";
    else {
      code = await storeInlineCode(plan.code);
      data.scoringScript = plan.scoringScript;
    }
  } else if (data.scoringMethod === "onnx") {
    if (code.length || data.scoringScript)
      throw invalid(
        "An ONNX deployment serves the model's .onnx file and takes no code; choose an entry script method to run code.",
        { field: "scoringMethod" },
      );
    if (!onnxFileOf(model.files))
      throw invalid(
        `Model ${data.model} has no .onnx file to serve (or several, none named model.onnx); deploy it with an entry script.`,
        { field: "model" },
      );
  } else {
    if (!data.scoringScript)
      throw invalid(
        `A ${data.scoringMethod === "python" ? "Python" : "JavaScript"} deployment names its scoring script (e.g. ${data.scoringMethod === "python" ? "score.py" : "score.mjs"}).`,
        { field: "scoringScript" },
      );
    if (!SCRIPT_EXTENSIONS[data.scoringMethod].test(data.scoringScript))
      throw invalid(
        `"${data.scoringScript}" is not a ${data.scoringMethod === "python" ? "Python (.py)" : "JavaScript (.js, .mjs, .cjs)"} file.`,
        { field: "scoringScript" },
      );
    code = codeRoot(code, data.scoringScript);
    if (!code.some((f) => f.path === data.scoringScript))
      throw invalid(
        `The code has no file "${data.scoringScript}"; it holds ${
          code.length
            ? code
                .map((f) => f.path)
                .slice(0, 10)
                .join(", ")
            : "no files"
        }.`,
        { field: "scoringScript" },
      );
  }

  if ((policy.requireDeploy || options.forceRequest) && !options.approvedRequest) {
    const endpoint = await findEndpointOrThrow(db, scope.id, endpointName);
    if (endpoint.deployments.some((d) => d.name === data.name))
      throw conflict(`Endpoint "${endpointName}" already has a deployment named "${data.name}".`);
    const label = formatAssetRef(
      model.registry ? { kind: "registry", name: model.registry } : scope,
      model.name,
      model.version,
    );
    await requestApproval(actor, scope, {
      kind: "deploy",
      // The version as resolved now ("@latest" could name another by the time it is approved); code as files.
      // A deployment that follows an alias keeps following it: it is resolved again when applied.
      action: { ...data, model: model.alias ? data.model : label, code: undefined },
      files: code,
      summary: `Deploy ${label} as ${endpointName}/${data.name}`,
      reason: data.reason,
      modelVersionId: model.id,
      workspace,
      endpoint: endpointName,
    });
  }

  const row = await db.$transaction(async (tx) => {
    const endpoint = await findEndpointOrThrow(tx, scope.id, endpointName, { forUpdate: true });
    if (endpoint.deployments.some((d) => d.name === data.name))
      throw conflict(`Endpoint "${endpointName}" already has a deployment named "${data.name}".`);
    const created = await tx.deployment.create({
      data: {
        endpointId: endpoint.id,
        name: data.name,
        description: data.description,
        modelVersionId: model.id,
        followsAlias: model.alias,
        state: "creating",
        scoringMethod: data.scoringMethod,
        scoringScript: data.scoringScript ?? null,
        environmentVersionId: environment?.id ?? null,
        environmentLabel: environment?.label ?? null,
        instanceCount: data.instanceCount,
        requestTimeoutMs: data.requestTimeoutMs,
        dataCollectionPercent: data.dataCollectionPercent,
        miniBatchSize: data.miniBatchSize,
        createdById: actor.userId,
        createdByLabel: actorLabel(actor),
        files: { create: code.map((f) => ({ path: f.path, size: BigInt(f.size), sha256: f.sha256 })) },
      },
      include: deploymentInclude,
    });
    await tx.endpoint.update({
      where: { id: endpoint.id },
      data: { revision: { increment: 1 }, updatedAt: new Date() },
    });
    await recordEvent(tx, {
      actor,
      action: "deployment.created",
      subject: { type: "deployment", id: created.id, label: `${endpoint.name}/${created.name}` },
      scopeId: scope.id,
      reason: data.reason,
      data: {
        model: data.model,
        scoringMethod: data.scoringMethod,
        instanceCount: data.instanceCount,
        ...(options.approvedRequest ? { promotionId: options.approvedRequest } : {}),
      },
    });
    return { created, traffic: trafficOf(endpoint), endpointId: endpoint.id };
  });
  await scoringControl.invalidate(row.endpointId);
  await scoringControl.provision();
  return toDeploymentDto(row.created, row.traffic);
}

/**
 * Changes settings that apply in place; instances restart with them (the old ones serve until the new are
 * up). A failed deployment is brought up again with its new settings.
 */
export async function updateDeployment(
  actor: Actor,
  workspace: string,
  endpointName: string,
  name: string,
  input: unknown,
): Promise<DeploymentDto> {
  const { featureNames, ...data } = updateDeploymentSchema.parse(input);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const result = await db.$transaction(async (tx) => {
    const endpoint = await findEndpointOrThrow(tx, scope.id, endpointName, { forUpdate: true });
    const deployment = findDeploymentOrThrow(endpoint, name);
    const names = featureNames === undefined ? undefined : await checkedFeatureNames(tx, deployment.id, featureNames);
    const changed = Object.keys(data).filter((k) => data[k as keyof typeof data] !== undefined);
    // Collection settings take effect where data is written and read; the instances keep running.
    const restarts = changed.some((k) => !COLLECTION_SETTINGS.has(k));
    const retry =
      deployment.state === "failed"
        ? { state: "creating", stateReason: null, leaseOwner: null, leaseExpiresAt: null }
        : {};
    const updated = await tx.deployment.update({
      where: { id: deployment.id },
      data: {
        ...data,
        ...(names === undefined ? {} : { featureNames: names === null ? null : JSON.stringify(names) }),
        ...(restarts ? { ...retry, updatedAt: new Date() } : {}),
      },
      include: deploymentInclude,
    });
    if (names !== undefined) changed.push("featureNames");
    await tx.endpoint.update({ where: { id: endpoint.id }, data: { revision: { increment: 1 } } });
    await recordEvent(tx, {
      actor,
      action: "deployment.updated",
      subject: { type: "deployment", id: deployment.id, label: `${endpoint.name}/${deployment.name}` },
      scopeId: scope.id,
      data: {
        changed: Object.fromEntries(
          changed.map((k) => [k, k === "featureNames" ? names : data[k as keyof typeof data]]),
        ),
      },
    });
    return { updated, traffic: trafficOf(endpoint), endpointId: endpoint.id };
  });
  await scoringControl.invalidate(result.endpointId);
  if (result.updated.state === "creating") await scoringControl.provision();
  return toDeploymentDto(result.updated, result.traffic);
}

const COLLECTION_SETTINGS = new Set(["collectRetentionDays", "collectMaxRows", "featureNames"]);

/**
 * A feature-name map checked against the columns the deployment collected most recently (when it has
 * collected anything): a list names positional inputs in order; null clears the map.
 */
async function checkedFeatureNames(tx: Tx, deploymentId: string, given: Record<string, string> | string[] | null) {
  if (given === null) return null;
  const latest = await tx.collectedSegment.findFirst({
    where: { deploymentId },
    orderBy: [{ endAt: "desc" }, { id: "desc" }],
    select: { columns: true },
  });
  const columns = latest ? columnsOf(latest).x : [];
  const checked = checkFeatureNames(given, columns.length ? columns : undefined);
  if ("error" in checked) throw invalid(checked.error, { field: "featureNames" });
  return checked.map;
}

/** Deletes a deployment that takes no traffic (live or mirrored) and stops its instances. */
export async function deleteDeployment(
  actor: Actor,
  workspace: string,
  endpointName: string,
  name: string,
  reason?: string,
): Promise<void> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const { id, endpointId } = await db.$transaction(async (tx) => {
    const endpoint = await findEndpointOrThrow(tx, scope.id, endpointName, { forUpdate: true });
    const deployment = findDeploymentOrThrow(endpoint, name);
    const { traffic, mirror } = trafficOf(endpoint);
    if ((traffic[name] ?? 0) > 0)
      throw conflict(
        `Deployment "${name}" takes ${traffic[name]}% of the traffic of "${endpointName}"; move its traffic to other deployments first.`,
        { traffic: traffic[name] },
      );
    if (mirror?.deployment === name)
      throw conflict(
        `Deployment "${name}" receives ${mirror.percent}% mirrored traffic of "${endpointName}"; stop the mirror first.`,
        { mirror: mirror.percent },
      );
    await tx.deployment.delete({ where: { id: deployment.id } });
    const rest = Object.fromEntries(Object.entries(traffic).filter(([n]) => n !== name));
    await tx.endpoint.update({
      where: { id: endpoint.id },
      data: { traffic: JSON.stringify(rest), revision: { increment: 1 }, updatedAt: new Date() },
    });
    await tx.deploymentLog.deleteMany({ where: { deploymentId: deployment.id } });
    await recordEvent(tx, {
      actor,
      action: "deployment.deleted",
      subject: { type: "deployment", id: deployment.id, label: `${endpoint.name}/${deployment.name}` },
      scopeId: scope.id,
      reason,
      data: { model: deployment.modelVersion.name + ":" + deployment.modelVersion.version },
    });
    return { id: deployment.id, endpointId: endpoint.id };
  });
  await scoringControl.invalidate(endpointId);
  await removeDeploymentRuntimes([id]);
}

/** A deployment's log lines after `after` (an id), oldest first, for tailing. */
export async function deploymentLogs(
  actor: Actor,
  workspace: string,
  endpointName: string,
  name: string,
  query: { after?: string; limit?: string },
) {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const endpoint = await findEndpointOrThrow(db, scope.id, endpointName);
  const deployment = findDeploymentOrThrow(endpoint, name);
  const after = /^\d{1,15}$/.test(query.after ?? "") ? Number(query.after) : 0;
  const limit = Math.min(5000, /^\d{1,5}$/.test(query.limit ?? "") ? Math.max(1, Number(query.limit)) : 1000);
  const rows = await db.deploymentLog.findMany({
    where: { deploymentId: deployment.id, id: { gt: after } },
    orderBy: { id: "asc" },
    take: limit,
  });
  const instances = await scoringControl.instanceStatus(deployment.id);
  return {
    deployment: deployment.name,
    state: deployment.state,
    instances,
    lines: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      instance: r.instance,
      stream: r.stream,
      text: r.text,
    })),
    next: rows.length ? rows[rows.length - 1].id : after,
  };
}
