import "server-only";
import { readPipelineJobSpec } from "@/server/jobs/stored-job-spec";
import { readComponentSpec } from "@/server/components/stored-component-spec";
import { db } from "@/server/db";
import { reuseKey, type ResolvedInput } from "@/lib/pipeline/reuse-key";
import { VALUE_PORT, type StepNode } from "@/lib/pipeline/types";
import type { CommandJobSpec } from "@/lib/schemas/jobs";
import { recordEvent } from "@/server/events/record-event";
import { jobEventData } from "@/server/jobs/job-event-data";
import { onRunnerPass } from "@/server/runtime/job-hooks";
import type { PipelineJobSpec, ResolvedValue } from "@/server/pipelines/pipeline-job-spec";

// The pipeline pass of the runner: pipeline jobs have no process of their own. Each pass looks at the
// running ones and moves their steps on: a waiting step whose upstream steps all completed gets its
// inputs (upstream outputs as files, pipeline inputs, bindings, defaults) and is queued for the runner,
// or takes the outputs of an identical earlier step (reuse); a step downstream of a failed or canceled
// one is canceled with the reason; when every step has ended, the pipeline job ends and its outputs are
// the files of the step outputs bound to them. Every change is a conditional update on the step's or
// job's status, so two passes (two instances) cannot both act on one step.

const RUNNER_LABEL = "local runner";
const ENDED = new Set(["completed", "failed", "canceled"]);

type StepRow = {
  id: string;
  name: string;
  stepName: string | null;
  status: string;
  componentVersionId: string | null;
  environmentLabel: string | null;
  cancelRequestedAt: Date | null;
};

/** Hands the runner its pipeline pass: call it where the runner is started. */
export function registerPipelineRunnerHooks(): void {
  onRunnerPass("pipelines", advancePipelines);
}

/** Advances every running pipeline job once. Returns how many steps were queued or reused (tests). */
export async function advancePipelines(): Promise<number> {
  const running = await db.job.findMany({ where: { kind: "pipeline", status: "running" }, select: { id: true } });
  let moved = 0;
  for (const { id } of running) moved += await advancePipelineJob(id);
  return moved;
}

export async function advancePipelineJob(pipelineJobId: string): Promise<number> {
  const parent = await db.job.findUnique({ where: { id: pipelineJobId } });
  if (!parent || parent.kind !== "pipeline" || parent.status !== "running") return 0;
  const spec = readPipelineJobSpec(parent.spec);
  const steps = await db.job.findMany({
    where: { parentJobId: parent.id },
    select: {
      id: true,
      name: true,
      stepName: true,
      status: true,
      componentVersionId: true,
      environmentLabel: true,
      cancelRequestedAt: true,
    },
  });
  const byStep = new Map(steps.filter((s) => s.stepName).map((s) => [s.stepName!, s]));
  const nodes = new Map(spec.graph.nodes.map((n) => [n.id, n]));
  let moved = 0;

  const failed = steps.find((s) => s.status === "failed");
  if (parent.cancelRequestedAt) {
    await cancelRemainingSteps(steps, "The pipeline job was canceled.");
  } else if (failed && spec.graph.settings.continueOnStepFailure !== true) {
    // Azure ML's default (settings.continue_on_step_failure: false): once a step fails, no other step starts;
    // those already running finish.
    await cancelRemainingSteps(
      steps,
      `Not run: step "${failed.stepName}" failed, and the pipeline stops at a failed step (settings.continue_on_step_failure is not true).`,
      { running: false },
    );
  } else {
    for (const stepId of spec.order) {
      const step = byStep.get(stepId);
      if (!step || step.status !== "waiting") continue;
      const upstream = spec.graph.edges
        .filter((e) => e.target === stepId && nodes.get(e.source)?.kind === "step")
        .map((e) => byStep.get(e.source)!);
      const stopped = upstream.find((u) => u.status === "failed" || u.status === "canceled");
      if (stopped) {
        const reason = `Not run: step "${stopped.stepName}" ${stopped.status === "failed" ? "failed" : "was canceled"}.`;
        const { count } = await db.job.updateMany({
          where: { id: step.id, status: "waiting" },
          data: { status: "canceled", endedAt: new Date(), failureReason: reason },
        });
        if (count) {
          step.status = "canceled";
          await db.jobLog.create({ data: { jobId: step.id, stream: "system", text: `[studio] ${reason}\n` } });
        }
        continue;
      }
      if (upstream.every((u) => u.status === "completed")) {
        moved += await startStep(parent, spec, nodes.get(stepId) as StepNode, step, byStep);
      }
    }
  }
  await finishIfDone(parent.id);
  return moved;
}

/** Resolves a ready step's inputs, then reuses an identical earlier step's outputs or queues it. */
async function startStep(
  parent: { id: string; scopeId: string },
  spec: PipelineJobSpec,
  node: StepNode,
  step: StepRow,
  byStep: Map<string, StepRow>,
): Promise<number> {
  const component = await db.assetVersion.findUnique({
    where: { id: step.componentVersionId ?? "" },
    select: { spec: true, scopeId: true, name: true, version: true },
  });
  if (!component) {
    await db.job.updateMany({
      where: { id: step.id, status: "waiting" },
      data: { status: "failed", endedAt: new Date(), failureReason: "Its component version no longer exists." },
    });
    return 0;
  }
  const componentScope = await db.scope.findUniqueOrThrow({
    where: { id: component.scopeId },
    select: { kind: true, name: true },
  });
  const stored = readComponentSpec(component.spec);
  const inputs: Record<string, ResolvedValue> = {};
  for (const port of stored.component.inputs) {
    const edge = spec.graph.edges.find((e) => e.target === node.id && e.targetPort === port.name);
    let value: ResolvedValue | undefined;
    if (edge) {
      const source = spec.graph.nodes.find((n) => n.id === edge.source);
      if (source?.kind === "input") value = spec.inputs[source.name];
      else if (source?.kind === "step") value = await upstreamOutput(byStep.get(source.id)!, edge.sourcePort);
    } else {
      value =
        spec.bindings[node.id]?.[port.name] ??
        (port.default === undefined ? undefined : { type: "literal", value: port.default });
    }
    if (value) inputs[port.name] = value;
  }

  const jobInputs: CommandJobSpec["inputs"] = Object.fromEntries(
    Object.entries(inputs).map(([name, v]) => [
      name,
      v.type === "literal" ? { type: "literal" as const, value: String(v.value) } : v,
    ]),
  );
  const jobSpec: CommandJobSpec = { inputs: jobInputs, outputs: stored.component.outputs.map((o) => o.name) };
  const key = stored.component.isDeterministic
    ? reuseKey({
        component: {
          scope: `${componentScope.kind}/${componentScope.name}`,
          name: component.name,
          version: component.version,
        },
        environment: step.environmentLabel,
        inputs: Object.fromEntries(
          Object.entries(inputs).map(([name, v]): [string, ResolvedInput] => [
            name,
            v.type === "literal"
              ? { kind: "literal", value: v.value }
              : { kind: "data", files: v.files.map((f) => ({ path: f.path, sha256: f.sha256 })) },
          ]),
        ),
      })
    : null;

  const earlier =
    spec.reuse && key
      ? await db.job.findFirst({
          where: { scopeId: parent.scopeId, reuseKey: key, status: "completed", kind: "command", id: { not: step.id } },
          orderBy: { createdAt: "desc" },
          select: { id: true, name: true, reusedFromJobId: true },
        })
      : null;
  if (earlier) {
    const origin = earlier.reusedFromJobId ?? earlier.id;
    const isReused = await db.$transaction(async (tx) => {
      const now = new Date();
      const { count } = await tx.job.updateMany({
        where: { id: step.id, status: "waiting" },
        data: {
          status: "completed",
          startedAt: now,
          endedAt: now,
          exitCode: 0,
          spec: JSON.stringify(jobSpec),
          reuseKey: key,
          reusedFromJobId: origin,
        },
      });
      if (!count) return false;
      const outputs = await tx.jobFile.findMany({
        where: { jobId: earlier.id, kind: "output" },
        select: { output: true, path: true, size: true, sha256: true },
      });
      if (outputs.length)
        await tx.jobFile.createMany({ data: outputs.map((f) => ({ ...f, jobId: step.id, kind: "output" })) });
      await tx.jobLog.create({
        data: {
          jobId: step.id,
          stream: "system",
          text: `[studio] Reused the outputs of job ${earlier.name}: same component version, inputs and parameters.\n`,
        },
      });
      await recordEvent(tx, {
        actor: null,
        anonymousLabel: RUNNER_LABEL,
        action: "job.reused",
        subject: { type: "job", id: step.id, label: step.name },
        scopeId: parent.scopeId,
        data: await jobEventData(tx, step.id, "completed", { from: earlier.name }),
      });
      return true;
    });
    if (isReused) step.status = "completed";
    return isReused ? 1 : 0;
  }
  const { count } = await db.job.updateMany({
    where: { id: step.id, status: "waiting" },
    data: { status: "queued", spec: JSON.stringify(jobSpec), reuseKey: key },
  });
  if (count) step.status = "queued";
  return count;
}

async function upstreamOutput(upstream: StepRow, output: string): Promise<ResolvedValue> {
  const files = await db.jobFile.findMany({
    where: { jobId: upstream.id, kind: "output", output },
    orderBy: { path: "asc" },
    select: { path: true, size: true, sha256: true },
  });
  return {
    type: "data",
    asset: `${upstream.name}/${output}`,
    versionId: null,
    kind: "folder",
    files: files.map((f) => ({ path: f.path, size: Number(f.size), sha256: f.sha256 })),
    fromJob: { job: upstream.name, output },
  };
}

/** Cancels the steps that have not started (and asks running ones to stop, unless `running` is false). */
async function cancelRemainingSteps(steps: StepRow[], reason: string, options: { running?: boolean } = {}) {
  const now = new Date();
  for (const step of steps) {
    if (step.status === "waiting" || step.status === "queued") {
      const { count } = await db.job.updateMany({
        where: { id: step.id, status: step.status },
        data: { status: "canceled", endedAt: now, cancelRequestedAt: now, failureReason: reason },
      });
      if (count) {
        step.status = "canceled";
        await db.jobLog.create({ data: { jobId: step.id, stream: "system", text: `[studio] ${reason}\n` } });
      }
    } else if (step.status === "running" && !step.cancelRequestedAt && options.running !== false) {
      await db.job.updateMany({ where: { id: step.id, cancelRequestedAt: null }, data: { cancelRequestedAt: now } });
    }
  }
}

/** Ends the pipeline job once every step has ended, with the outputs its output nodes are bound to. */
async function finishIfDone(pipelineJobId: string) {
  const steps = await db.job.findMany({
    where: { parentJobId: pipelineJobId },
    select: { id: true, stepName: true, status: true, failureReason: true },
  });
  if (steps.some((s) => !ENDED.has(s.status))) return;
  await db.$transaction(async (tx) => {
    const parent = await tx.job.findUniqueOrThrow({ where: { id: pipelineJobId } });
    if (parent.status !== "running") return;
    const failed = steps.filter((s) => s.status === "failed");
    const status = failed.length
      ? "failed"
      : parent.cancelRequestedAt
        ? "canceled"
        : steps.some((s) => s.status === "canceled")
          ? "failed"
          : "completed";
    const reason = failed.length
      ? `Step${failed.length > 1 ? "s" : ""} ${failed.map((s) => `"${s.stepName}"`).join(", ")} failed.`
      : status === "canceled"
        ? "Canceled."
        : status === "failed"
          ? "Some steps did not run."
          : null;
    const { count } = await tx.job.updateMany({
      where: { id: pipelineJobId, status: "running" },
      data: { status, endedAt: new Date(), failureReason: reason },
    });
    if (!count) return;
    const spec = readPipelineJobSpec(parent.spec);
    const stepIds = new Map(steps.map((s) => [s.stepName, s.id]));
    for (const node of spec.graph.nodes) {
      if (node.kind !== "output") continue;
      const edge = spec.graph.edges.find((e) => e.target === node.id && e.targetPort === VALUE_PORT);
      const source = edge && stepIds.get(edge.source);
      if (!edge || !source) continue;
      const files = await tx.jobFile.findMany({
        where: { jobId: source, kind: "output", output: edge.sourcePort },
        select: { path: true, size: true, sha256: true },
      });
      if (files.length)
        await tx.jobFile.createMany({
          data: files.map((f) => ({ ...f, jobId: pipelineJobId, kind: "output", output: node.name })),
        });
    }
    await recordEvent(tx, {
      actor: null,
      anonymousLabel: RUNNER_LABEL,
      action: `job.${status}`,
      subject: { type: "job", id: pipelineJobId, label: parent.name },
      scopeId: parent.scopeId,
      reason,
      data: await jobEventData(tx, pipelineJobId, status),
    });
  });
}
