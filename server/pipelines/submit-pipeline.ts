import "server-only";
import { resolveYamlEnvironment } from "@/server/assets/anonymous-environment";
import { toComponentRef } from "@/lib/pipeline/component-ref";
import { readPipelineJobSpec } from "@/server/jobs/stored-job-spec";
import { readComponentSpec, type StoredComponentSpec } from "@/server/components/stored-component-spec";
import { db } from "@/server/db";
import { AppError, conflict, invalid } from "@/lib/errors";
import { parseLiteral } from "@/lib/pipeline/literals";
import { topologicalOrder } from "@/lib/pipeline/order";
import { validateGraph } from "@/lib/pipeline/validate";
import type { ComponentEnvironment, LiteralValue, PipelineGraph, StepNode } from "@/lib/pipeline/types";
import { submitPipelineSchema, type SubmitPipelineInput } from "@/lib/schemas/pipelines";
import type { JobDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { actorLabel } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { jobEventData } from "@/server/jobs/job-event-data";
import { requireScope, type ScopeAccess } from "@/server/scopes/scope-access";
import { findAssetVersionOrThrow } from "@/server/assets/find-asset-version";
import { resolveAssetVersion } from "@/server/assets/resolve-asset-version";
import { upsertExperiment } from "@/server/jobs/experiments";
import { newJobName } from "@/server/jobs/create-job";
import { findJobDto, findJobOrThrow } from "@/server/jobs/find-job";
import { notifyRunner } from "@/server/runtime/runner-signal";
import { findPipelineRow } from "@/server/pipelines/find-pipeline";
import { parseStoredGraph } from "@/server/pipelines/pipeline-dto";
import type { PipelineJobSpec, ResolvedValue } from "@/server/pipelines/pipeline-job-spec";

/** A component version as a step runs it. */
type ResolvedComponent = {
  versionId: string;
  stored: StoredComponentSpec;
  files: { path: string; size: bigint; sha256: string }[];
  environmentLabel: string | null;
  environmentVersionId: string | null;
};

/**
 * Submits a draft as a pipeline job: the graph is checked exactly as the designer checks it (nothing is
 * queued if any problem remains), snapshotted as the pipeline's next version, and every step becomes a
 * child command job "waiting" for its inputs. The runner's pipeline pass (advance-pipeline.ts) queues each
 * step when the steps it depends on have completed, or reuses an identical earlier step's outputs.
 */
export async function submitPipeline(
  actor: Actor,
  workspace: string,
  pipelineId: string,
  input: SubmitPipelineInput = {},
): Promise<JobDto> {
  const data = submitPipelineSchema.parse(input);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const pipeline = await findPipelineRow(db, scope, pipelineId);
  if (data.revision !== undefined && data.revision !== pipeline.revision) {
    throw conflict(
      `The pipeline is at revision ${pipeline.revision} now, not ${data.revision}: it was saved elsewhere; reload before you submit.`,
      { revision: pipeline.revision },
    );
  }
  return submitGraph(
    actor,
    scope,
    { id: pipeline.id, name: pipeline.name, revision: pipeline.revision, experimentName: pipeline.experimentName },
    parseStoredGraph(pipeline.graph),
    data,
  );
}

/**
 * Runs a pipeline job's graph again, as it was submitted (not the draft as it is now), with the same
 * input values unless new ones are given; it counts as the next version of its pipeline if that still exists.
 */
export async function resubmitPipelineJob(
  actor: Actor,
  workspace: string,
  jobName: string,
  input: SubmitPipelineInput = {},
): Promise<JobDto> {
  const data = submitPipelineSchema.parse(input);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const job = await findJobOrThrow(db, scope.id, jobName);
  if (job.kind !== "pipeline") throw conflict(`Job "${jobName}" is not a pipeline job.`);
  const spec = readPipelineJobSpec(job.spec);
  const pipeline = job.pipelineId ? await db.pipeline.findUnique({ where: { id: job.pipelineId } }) : null;
  const given: Record<string, LiteralValue | { data: string }> = {};
  for (const [name, value] of Object.entries(spec.inputs))
    given[name] = value.type === "literal" ? value.value : { data: value.asset };
  return submitGraph(
    actor,
    scope,
    pipeline
      ? { id: pipeline.id, name: pipeline.name, revision: spec.revision, experimentName: job.experiment.name }
      : null,
    spec.graph,
    {
      ...data,
      inputs: { ...given, ...data.inputs },
      experiment: data.experiment ?? job.experiment.name,
      displayName: data.displayName,
    },
  );
}

type PipelineSource = { id: string; name: string; revision: number; experimentName: string | null };

async function submitGraph(
  actor: Actor,
  scope: ScopeAccess,
  pipeline: PipelineSource | null,
  graph: PipelineGraph,
  data: ReturnType<typeof submitPipelineSchema.parse>,
): Promise<JobDto> {
  graph = await withLatestComponents(actor, graph);
  const issues = validateGraph(graph);
  if (issues.length) {
    throw new AppError("invalid", `The pipeline cannot run yet: ${issues.map((i) => i.message).join(" ")}`, { issues });
  }
  const order = topologicalOrder(graph);
  if (!order.ok) throw invalid(`The steps form a cycle: ${order.cycle.join(" → ")}.`);
  const workspace = scope.name;

  const pipelineInputs = await resolvePipelineInputs(actor, workspace, graph, data.inputs);
  const steps = graph.nodes.filter((n): n is StepNode => n.kind === "step");
  const components = new Map<string, ResolvedComponent>();
  const bindings: PipelineJobSpec["bindings"] = {};
  for (const step of steps) {
    components.set(step.id, await resolveComponent(actor, workspace, step));
    for (const [port, binding] of Object.entries(step.bindings)) {
      (bindings[step.id] ??= {})[port] =
        binding.kind === "literal"
          ? { type: "literal", value: binding.value }
          : await dataValue(actor, workspace, binding.ref);
    }
  }

  const name = newJobName();
  const experimentName = data.experiment ?? pipeline?.experimentName ?? pipeline?.name ?? "pipelines";
  await db.$transaction(async (tx) => {
    const version = pipeline
      ? (await tx.pipeline.update({ where: { id: pipeline.id }, data: { versionCounter: { increment: 1 } } }))
          .versionCounter
      : null;
    const experiment = await upsertExperiment(tx, scope.id, experimentName, actor.userId);
    const spec: PipelineJobSpec = {
      graph,
      revision: pipeline?.revision ?? 0,
      inputs: pipelineInputs,
      bindings,
      reuse: data.reuse,
      order: order.order,
    };
    const parent = await tx.job.create({
      data: {
        scopeId: scope.id,
        experimentId: experiment.id,
        name,
        displayName: data.displayName ?? (pipeline ? `${pipeline.name} #${version}` : name),
        kind: "pipeline",
        status: "running",
        startedAt: new Date(),
        compute: String(graph.settings.defaultCompute ?? "local"),
        spec: JSON.stringify(spec),
        pipelineId: pipeline?.id ?? null,
        pipelineVersion: version,
        createdById: actor.userId,
        createdByLabel: actorLabel(actor),
      },
    });
    for (const stepId of order.order) {
      const step = steps.find((s) => s.id === stepId)!;
      const component = components.get(stepId)!;
      await tx.job.create({
        data: {
          scopeId: scope.id,
          experimentId: experiment.id,
          name: newJobName(),
          displayName: step.displayName ?? stepId,
          kind: "command",
          status: "waiting",
          compute: "local",
          command: component.stored.component.command,
          environmentVersionId: component.environmentVersionId,
          environmentLabel: component.environmentLabel,
          spec: JSON.stringify({ inputs: {}, outputs: component.stored.component.outputs.map((o) => o.name) }),
          parentJobId: parent.id,
          stepName: stepId,
          componentVersionId: component.versionId,
          createdById: actor.userId,
          createdByLabel: actorLabel(actor),
          files: {
            createMany: {
              data: component.files.map((f) => ({ kind: "code", path: f.path, size: f.size, sha256: f.sha256 })),
            },
          },
        },
      });
    }
    await recordEvent(tx, {
      actor,
      action: "job.submitted",
      subject: { type: "job", id: parent.id, label: name },
      scopeId: scope.id,
      data: await jobEventData(tx, parent.id, "queued", {
        pipeline: pipeline ? { id: pipeline.id, name: pipeline.name, version, revision: pipeline.revision } : null,
        steps: order.order.length,
        reuse: data.reuse,
      }),
    });
  });
  notifyRunner();
  return findJobDto(db, scope, name);
}

/** Each pipeline input's value: given at submit, else its default; data inputs resolve to one version. */
async function resolvePipelineInputs(
  actor: Actor,
  workspace: string,
  graph: PipelineGraph,
  given: Record<string, LiteralValue | { data: string }>,
): Promise<Record<string, ResolvedValue>> {
  const out: Record<string, ResolvedValue> = {};
  const known = new Set<string>();
  for (const node of graph.nodes) {
    if (node.kind !== "input") continue;
    known.add(node.name);
    const value = given[node.name];
    const isData = !["string", "integer", "number", "boolean"].includes(node.type);
    if (isData) {
      const ref = value === undefined ? node.defaultData : typeof value === "object" ? value.data : String(value);
      if (ref === undefined) {
        if (node.optional) continue;
        throw invalid(`Pipeline input "${node.name}" needs a data asset version (e.g. {"data": "iris:1"}).`);
      }
      out[node.name] = await dataValue(actor, workspace, ref);
      continue;
    }
    const literal = value === undefined ? node.default : value;
    if (literal === undefined) {
      if (node.optional) continue;
      throw invalid(`Pipeline input "${node.name}" needs a value.`);
    }
    if (typeof literal === "object") throw invalid(`Pipeline input "${node.name}" is a ${node.type}, not data.`);
    const fitted = parseLiteral({ type: node.type }, literal);
    if (!fitted.ok) throw invalid(`Pipeline input "${node.name}": ${fitted.message}`);
    out[node.name] = { type: "literal", value: fitted.value };
  }
  const unknown = Object.keys(given).filter((k) => !known.has(k));
  if (unknown.length) throw invalid(`The pipeline has no input named ${unknown.map((k) => `"${k}"`).join(", ")}.`);
  return out;
}

async function dataValue(actor: Actor, workspace: string, ref: string): Promise<ResolvedValue> {
  const asset = await resolveAssetVersion(actor, workspace, "data", ref);
  if (!asset.files.length) throw invalid(`Data asset "${asset.label}" has no files.`);
  const declared = (asset.spec as { type?: string } | null)?.type;
  const kind =
    declared === "file" || declared === "folder" || declared === "table"
      ? declared
      : asset.files.length === 1
        ? "file"
        : "folder";
  return { type: "data", asset: asset.label, versionId: asset.id, kind, files: asset.files };
}

/**
 * Steps that follow a component's latest version (`azureml:name@latest`) take the version that is latest now,
 * with its interface: the graph is then checked, so a latest version whose inputs no longer fit is refused by name,
 * and the job records the versions that ran.
 */
async function withLatestComponents(actor: Actor, graph: PipelineGraph): Promise<PipelineGraph> {
  if (!graph.nodes.some((n) => n.kind === "step" && n.component.followsLatest)) return graph;
  const nodes = [];
  for (const node of graph.nodes) {
    if (node.kind !== "step" || !node.component.followsLatest) {
      nodes.push(node);
      continue;
    }
    const ref = node.component;
    const scope = await requireScope(actor, { kind: ref.scopeKind, name: ref.scopeName }, "read");
    const latest = await findAssetVersionOrThrow(db, scope.id, "component", ref.name, "latest");
    const stored = readComponentSpec(latest.spec);
    nodes.push({
      ...node,
      component: {
        ...toComponentRef({ kind: ref.scopeKind, name: ref.scopeName }, latest.version, stored.component),
        followsLatest: true,
      },
    });
  }
  return { ...graph, nodes };
}

/** The step's component version (readable by the actor), and its environment if this studio knows it. */
async function resolveComponent(actor: Actor, workspace: string, step: StepNode): Promise<ResolvedComponent> {
  const ref = step.component;
  const scope: ScopeAccess = await requireScope(actor, { kind: ref.scopeKind, name: ref.scopeName }, "read");
  const row = await findAssetVersionOrThrow(db, scope.id, "component", ref.name, ref.version);
  const stored = readComponentSpec(row.spec);
  const environment = await resolveEnvironment(actor, workspace, stored.component.environment);
  return { versionId: row.id, stored, files: row.files, ...environment };
}

/**
 * A step's environment: a reference that names an environment registered here is resolved to its version
 * (built before the step runs); one that does not (Azure's curated `AzureML-sklearn-…`) is recorded as
 * written and the step runs on the machine's Python. An inline one with a conda file becomes a version of
 * the workspace's anonymous environment, built like any other; an image alone is recorded.
 */
async function resolveEnvironment(
  actor: Actor,
  workspace: string,
  environment: ComponentEnvironment | null,
): Promise<{ environmentLabel: string | null; environmentVersionId: string | null }> {
  if (!environment) return { environmentLabel: null, environmentVersionId: null };
  const resolved = await resolveYamlEnvironment(actor, workspace, environment);
  if (resolved.kind === "registered") return { environmentLabel: resolved.label, environmentVersionId: resolved.id };
  return {
    environmentLabel: resolved.kind === "image" ? `image ${resolved.image}` : resolved.reference,
    environmentVersionId: null,
  };
}
