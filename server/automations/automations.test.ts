import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { MAX_CHAIN_DEPTH } from "@/lib/automations/rule";
import { createRule, listFirings, updateRule } from "@/server/automations/manage-rules";
import { runDueFirings } from "@/server/automations/run-firings";
import { registerModelVersion } from "@/server/models/register-model-version";
import { updateModelVersion } from "@/server/models/update-model-version";
import { getModelVersion } from "@/server/models/get-model-version";
import { recordEvent } from "@/server/events/record-event";
import { routeEvents } from "@/server/webhooks/route-events";
import { storeFiles, uniqueName, workspaceWithTeam } from "../../tests/support/factories";
import { toComponentRef } from "@/lib/pipeline/component-ref";
import type { PipelineGraph } from "@/lib/pipeline/types";
import { registerComponent } from "@/server/components/register-component";
import { createPipeline } from "@/server/pipelines/create-pipeline";
import { submitCommandJob } from "@/server/jobs/submit-command-job";
import { readPipelineJobSpec } from "@/server/jobs/stored-job-spec";
import { seal } from "@/server/security/sealing";
import { newWebhookSecret } from "@/server/webhooks/signing";

// Automation rules against the real database: routing sets rules off, the worker runs them as their
// author, and chains of rules stop. The dispatcher is not running in domain tests; each test drives the
// router and the worker itself until nothing is left.

const workspaces: string[] = [];
afterAll(async () => {
  // Jobs the rules queued are not for the runners other test files start.
  await db.job.updateMany({
    where: { scopeId: { in: workspaces }, status: { in: ["queued", "waiting"] } },
    data: { status: "canceled" },
  });
});

async function drain(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const routed = await routeEvents();
    const ran = await runDueFirings(`test-${process.pid}`);
    if (!routed && !ran) return;
  }
  throw new Error("rules kept firing");
}

async function modelIn(ws: { kind: "workspace"; name: string }, actor: Parameters<typeof registerModelVersion>[0]) {
  const name = uniqueName("m");
  await registerModelVersion(
    actor,
    ws,
    { name, type: "custom_model", tags: { team: "a" } },
    await storeFiles({ "w.txt": "x" }),
  );
  return name;
}

describe("automation rules", () => {
  it("set tags on a model version when it is registered, in the author's name", async () => {
    const { workspace, owner, contributor } = await workspaceWithTeam();
    const ws = { kind: "workspace" as const, name: workspace.name };
    const rule = await createRule(contributor, workspace.name, {
      name: "mark new",
      trigger: { eventTypes: ["model.version.registered"], tags: "team=a" },
      actions: [{ type: "set_model_tags", tags: { reviewed: "no", from: "${{event.subject}}" } }],
    });
    const name = await modelIn(ws, owner);
    await drain();
    const version = await getModelVersion(owner, ws, name, 1);
    expect(version.tags).toEqual({ team: "a", reviewed: "no", from: `models/${name}:1` });
    const { items } = await listFirings(owner, workspace.name, rule.id, {});
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ status: "succeeded", eventType: "model.version.registered", depth: 0 });
    expect(items[0].results[0]).toMatchObject({ action: "set_model_tags", ok: true });
    // The change is the author's, marked as the rule's, and caused by the registration.
    const tagged = await db.event.findFirst({
      where: { scopeId: workspace.id, action: "model.version.tags_updated" },
      orderBy: { seq: "desc" },
    });
    expect(tagged).toMatchObject({
      actorId: contributor.userId,
      actorLabel: `${contributor.email} (rule mark new)`,
      chainDepth: 1,
    });
    const fired = await db.event.findFirst({ where: { scopeId: workspace.id, action: "automation.fired" } });
    expect(JSON.parse(fired!.data)).toMatchObject({ rule: "mark new", status: "succeeded" });
  });

  it("two rules that set each other off stop with a reason", async () => {
    const { workspace, owner } = await workspaceWithTeam();
    const ws = { kind: "workspace" as const, name: workspace.name };
    const name = await modelIn(ws, owner);
    await drain();
    const on = { eventTypes: ["model.version.tags_updated"], subjectPattern: `models/${name}:*` };
    const ping = await createRule(owner, workspace.name, {
      name: "ping",
      trigger: on,
      actions: [{ type: "set_model_tags", tags: { ping: "${{event.id}}" } }],
    });
    await createRule(owner, workspace.name, {
      name: "pong",
      trigger: on,
      actions: [{ type: "set_model_tags", tags: { pong: "${{event.id}}" } }],
    });
    await updateModelVersion(owner, ws, name, 1, { tags: { team: "a", start: "1" } });
    await drain();

    const firings = await db.automationFiring.findMany({ where: { rule: { scopeId: workspace.id } } });
    expect(firings.every((f) => f.status === "succeeded" || f.status === "skipped")).toBe(true);
    const stopped = firings.filter((f) => f.status === "skipped");
    expect(stopped.length).toBeGreaterThan(0);
    expect(stopped.every((f) => f.depth === MAX_CHAIN_DEPTH)).toBe(true);
    expect(stopped[0].reason).toMatch(
      /^Chain stopped: rule firings led to this event 3 deep \(rule (ping|pong) ← rule (ping|pong) ← rule (ping|pong)\)/,
    );
    // Nothing deeper than the limit was ever done.
    const deepest = await db.event.aggregate({ where: { scopeId: workspace.id }, _max: { chainDepth: true } });
    expect(deepest._max.chainDepth).toBe(MAX_CHAIN_DEPTH);
    const pingFirings = await listFirings(owner, workspace.name, ping.id, { status: "skipped" });
    expect(pingFirings.items.length).toBeGreaterThan(0);
  });

  it("a rule whose author lost access does nothing and says why; a turned-off rule is not set off", async () => {
    const { workspace, owner, contributor } = await workspaceWithTeam();
    const ws = { kind: "workspace" as const, name: workspace.name };
    const rule = await createRule(contributor, workspace.name, {
      name: "tagger",
      trigger: { eventTypes: ["model.version.registered"] },
      actions: [{ type: "set_model_tags", tags: { touched: "yes" } }],
    });
    await db.membership.updateMany({
      where: { scopeId: workspace.id, userId: contributor.userId },
      data: { role: "reader" },
    });
    const name = await modelIn(ws, owner);
    await drain();
    const [firing] = (await listFirings(owner, workspace.name, rule.id, {})).items;
    expect(firing.status).toBe("failed");
    expect(firing.reason).toBe(
      `The rule's author, ${contributor.email}, may no longer change workspace ${workspace.name}, and a rule acts only with its author's rights. Nothing was done.`,
    );
    expect((await getModelVersion(owner, ws, name, 1)).tags).toEqual({ team: "a" });

    await updateRule(owner, workspace.name, rule.id, { isEnabled: false });
    await modelIn(ws, owner);
    await drain();
    expect((await listFirings(owner, workspace.name, rule.id, {})).items).toHaveLength(1);
  });

  it("checks a job's metrics against the condition, and keeps to the cooldown", async () => {
    const { workspace, owner } = await workspaceWithTeam();
    const experiment = await db.experiment.create({
      data: { scopeId: workspace.id, name: uniqueName("exp"), createdById: owner.userId },
    });
    const rule = await createRule(owner, workspace.name, {
      name: "good runs",
      trigger: { eventTypes: ["job.completed"], experiment: experiment.name, condition: "metrics.accuracy >= 0.9" },
      actions: [{ type: "notify", message: "${{event.data.name}} reached ${{event.data.metrics.accuracy}}" }],
      cooldownSeconds: 3600,
    });
    const finish = async (accuracy: number) => {
      const job = await db.job.create({
        data: {
          scopeId: workspace.id,
          experimentId: experiment.id,
          name: uniqueName("job"),
          displayName: "run",
          kind: "command",
          compute: "local",
          status: "completed",
          createdById: owner.userId,
          createdByLabel: owner.email,
        },
      });
      await db.metricSummary.create({
        data: {
          jobId: job.id,
          key: "accuracy",
          count: 1,
          lastValue: accuracy,
          lastStep: 0,
          lastTimestamp: 0n,
          minValue: accuracy,
          minStep: 0,
          maxValue: accuracy,
          maxStep: 0,
        },
      });
      await db.$transaction((tx) =>
        recordEvent(tx, {
          actor: null,
          anonymousLabel: "local runner",
          action: "job.completed",
          subject: { type: "job", id: job.id, label: job.name },
          scopeId: workspace.id,
          data: {
            name: job.name,
            experiment: experiment.name,
            kind: "command",
            status: "completed",
            metrics: { accuracy },
          },
        }),
      );
      await drain();
      return job.name;
    };
    await finish(0.8);
    const good = await finish(0.95);
    await finish(0.97);
    const items = (await listFirings(owner, workspace.name, rule.id, {})).items.reverse();
    expect(items.map((f) => f.status)).toEqual(["skipped", "succeeded", "skipped"]);
    expect(items[0].reason).toBe("The job does not meet metrics.accuracy >= 0.9 (accuracy = 0.8).");
    expect(items[2].reason).toBe("Cooling down: the rule fires at most once every 3600 s.");
    const note = await db.notification.findFirst({ where: { userId: owner.userId, reason: "rule" } });
    expect(note?.title).toBe(`${good} reached 0.95`);
  });

  it("submits a pipeline with an input taken from the event, re-runs a job, and sends the event to a webhook", async () => {
    const { workspace, contributor, owner } = await workspaceWithTeam();
    workspaces.push(workspace.id);
    const ws = { kind: "workspace" as const, name: workspace.name };
    const yaml = `name: ${uniqueName("c")}\nversion: 1\ntype: command\ninputs:\n  greeting:\n    type: string\ncommand: echo \${{inputs.greeting}}\n`;
    const { component } = await registerComponent(contributor, ws, { yaml }, []);
    const graph: PipelineGraph = {
      nodes: [
        {
          kind: "input",
          id: "input:greeting",
          position: { x: 0, y: 0 },
          name: "greeting",
          type: "string",
          default: "hi",
          optional: false,
        },
        {
          kind: "step",
          id: "say",
          position: { x: 0, y: 100 },
          component: toComponentRef(ws, component.version, component.spec),
          bindings: {},
        },
      ],
      edges: [{ id: "e", source: "input:greeting", sourcePort: "value", target: "say", targetPort: "greeting" }],
      settings: {},
    };
    const pipeline = await createPipeline(contributor, workspace.name, { name: uniqueName("pipe"), graph });
    const hook = await db.webhook.create({
      data: {
        scopeId: workspace.id,
        url: "http://127.0.0.1:9/hook",
        events: JSON.stringify(["job.failed"]),
        secretSealed: seal("webhook-secrets", newWebhookSecret()),
        createdById: owner.userId,
        createdByLabel: owner.email,
      },
    });
    const template = await submitCommandJob(contributor, workspace.name, { command: "echo again" });
    await db.job.updateMany({ where: { name: template.name }, data: { status: "canceled" } });

    const pipelineRule = await createRule(contributor, workspace.name, {
      name: "pipeline on models",
      trigger: { eventTypes: ["model.version.registered"] },
      actions: [
        { type: "submit_pipeline", pipeline: pipeline.id, inputs: { greeting: "${{event.data.name}}" } },
        { type: "rerun_job", job: template.name },
        { type: "call_webhook", webhook: hook.id },
      ],
    });
    const name = await modelIn(ws, owner);
    await drain();

    const [firing] = (await listFirings(owner, workspace.name, pipelineRule.id, {})).items;
    expect(firing.status, JSON.stringify(firing)).toBe("succeeded");
    expect(firing.results.map((r) => r.action)).toEqual(["submit_pipeline", "rerun_job", "call_webhook"]);
    const pipelineJob = await db.job.findFirstOrThrow({ where: { scopeId: workspace.id, kind: "pipeline" } });
    expect(readPipelineJobSpec(pipelineJob.spec).inputs.greeting).toEqual({ type: "literal", value: name });
    expect(firing.results[0].link).toBe(`/workspaces/${workspace.name}/jobs/${pipelineJob.name}`);
    const rerun = await db.job.findMany({ where: { scopeId: workspace.id, kind: "command", parentJobId: null } });
    expect(rerun.map((j) => j.command).sort()).toEqual(["echo again", "echo again"]);
    // The webhook listens to job.failed only: the rule sends it this event all the same, as a delivery.
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.id } });
    expect(delivery).toMatchObject({ eventType: "model.version.registered", status: "pending" });
    expect(JSON.parse(delivery.body)).toMatchObject({
      subject: `models/${name}:1`,
      type: "io.mlopsstudio.model.version.registered",
    });
  });
});
