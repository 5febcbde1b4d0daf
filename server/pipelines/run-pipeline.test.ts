import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { toComponentRef } from "@/lib/pipeline/component-ref";
import type { PipelineGraph, StepNode } from "@/lib/pipeline/types";
import { registerComponent } from "@/server/components/register-component";
import { createPipeline } from "@/server/pipelines/create-pipeline";
import { getPipeline } from "@/server/pipelines/get-pipeline";
import { submitPipeline } from "@/server/pipelines/submit-pipeline";
import { registerPipelineRunnerHooks } from "@/server/pipelines/advance-pipeline";
import { cancelJob } from "@/server/jobs/cancel-job";
import { listJobFiles, openJobFile } from "@/server/jobs/job-files";
import { JobRunner } from "@/server/runtime/job-runner";
import { failureOf } from "@/tests/support/failures";
import { storeFiles, uniqueName, workspaceWithTeam } from "@/tests/support/factories";
import { waitFor } from "@/tests/support/wait";
import type { Actor } from "@/server/auth/actor";
import type { ScopeRef } from "@/lib/scopes";

// As where the studio starts its runner: the runner advances pipelines through the hook they register.
registerPipelineRunnerHooks();
let runner: JobRunner | null = null;
afterEach(async () => {
  await runner?.stop({ kill: true });
  runner = null;
});

const yamlOf = (name: string, body: string) => `name: ${name}\nversion: 1\ntype: command\n${body}`;
const MAKE = `inputs:
  greeting:
    type: string
    default: hi
outputs:
  out:
    type: uri_folder
command: printf '%s\\n' \${{inputs.greeting}} > \${{outputs.out}}/data.txt
`;
const COUNT = `inputs:
  data:
    type: uri_folder
  suffix:
    type: string
    optional: true
outputs:
  result:
    type: uri_folder
code: ./src
command: bash count.sh \${{inputs.data}} \${{outputs.result}} $[[ \${{inputs.suffix}} ]]
`;
const FAIL = "command: echo failing on purpose; exit 3\n";
const SLEEP = "outputs:\n  out:\n    type: uri_folder\ncommand: sleep 30\n";

async function component(actor: Actor, workspace: ScopeRef, body: string, code: Record<string, string> = {}) {
  const name = uniqueName("c");
  const yaml = yamlOf(name, body);
  const files = Object.keys(code).length ? await storeFiles({ "component.yml": yaml, ...code }) : [];
  const { component: dto } = await registerComponent(actor, workspace, { yaml }, files);
  return toComponentRef(workspace, dto.version, dto.spec);
}

const step = (
  id: string,
  ref: ReturnType<typeof toComponentRef>,
  y: number,
  bindings: StepNode["bindings"] = {},
): StepNode => ({ kind: "step", id, position: { x: 0, y }, component: ref, bindings });
const edge = (source: string, sourcePort: string, target: string, targetPort: string) => ({
  id: `e:${source}.${sourcePort}->${target}.${targetPort}`,
  source,
  sourcePort,
  target,
  targetPort,
});

async function stepJobs(pipelineJob: string) {
  const parent = await db.job.findFirstOrThrow({ where: { name: pipelineJob } });
  const steps = await db.job.findMany({ where: { parentJobId: parent.id }, orderBy: { stepName: "asc" } });
  return { parent, steps: Object.fromEntries(steps.map((s) => [s.stepName!, s])) };
}

async function textOf(actor: Actor, workspace: string, job: string, output: string, path: string) {
  const file = await openJobFile(actor, workspace, job, { kind: "output", output }, path);
  return Buffer.from(await new Response(file.stream).arrayBuffer()).toString("utf8");
}

describe("pipeline jobs on the local runner", () => {
  it("runs steps in dependency order passing outputs to inputs, ends with the pipeline's outputs, and reuses identical steps on the next submit", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const make = await component(contributor, workspace, MAKE);
    const count = await component(contributor, workspace, COUNT, {
      "src/count.sh":
        'wc -c < "$1/data.txt" | tr -d " " > "$2/count.txt"\n[ -n "$3" ] && echo "$3" >> "$2/count.txt"\nexit 0\n',
    });
    const graph: PipelineGraph = {
      nodes: [
        {
          kind: "input",
          id: "input:greeting",
          position: { x: 0, y: 0 },
          name: "greeting",
          type: "string",
          default: "hello",
          optional: false,
        },
        step("make", make, 100),
        step("count", count, 200, { suffix: { kind: "literal", value: "chars" } }),
        { kind: "output", id: "output:final", position: { x: 0, y: 300 }, name: "final", type: "uri_folder" },
      ],
      edges: [
        edge("input:greeting", "value", "make", "greeting"),
        edge("make", "out", "count", "data"),
        edge("count", "result", "output:final", "value"),
      ],
      settings: {},
    };
    const pipeline = await createPipeline(contributor, workspace.name, { name: uniqueName("pipe"), graph });
    const first = await submitPipeline(contributor, workspace.name, pipeline.id);
    expect(first).toMatchObject({ kind: "pipeline", status: "running" });
    const queuedSteps = await stepJobs(first.name);
    expect(
      Object.values(queuedSteps.steps)
        .map((s) => s.status)
        .sort(),
    ).toEqual(["waiting", "waiting"]);

    runner = new JobRunner({ concurrency: 2, pollMs: 100 }).start();
    const done = await waitFor(
      () => db.job.findFirstOrThrow({ where: { name: first.name } }),
      (j) => ["completed", "failed", "canceled"].includes(j.status),
    );
    expect(done.status, done.failureReason ?? "").toBe("completed");
    const { steps } = await stepJobs(first.name);
    expect(steps.make.status).toBe("completed");
    expect(steps.count.status).toBe("completed");
    expect(steps.count.startedAt!.getTime()).toBeGreaterThanOrEqual(steps.make.endedAt!.getTime());
    expect(await textOf(contributor, workspace.name, steps.make.name, "out", "data.txt")).toBe("hello\n");
    expect(await textOf(contributor, workspace.name, first.name, "final", "count.txt")).toBe("6\nchars\n");
    expect((await getPipeline(contributor, workspace.name, pipeline.id)).versions).toEqual([
      expect.objectContaining({ version: 1, job: first.name, status: "completed" }),
    ]);

    // The same graph and inputs again: both steps take the earlier outputs.
    const second = await submitPipeline(contributor, workspace.name, pipeline.id);
    const reused = await waitFor(
      () => db.job.findFirstOrThrow({ where: { name: second.name } }),
      (j) => j.status !== "running",
    );
    expect(reused.status).toBe("completed");
    const again = await stepJobs(second.name);
    expect(again.steps.make.reusedFromJobId).toBe(steps.make.id);
    expect(again.steps.count.reusedFromJobId).toBe(steps.count.id);
    expect(await textOf(contributor, workspace.name, second.name, "final", "count.txt")).toBe("6\nchars\n");

    // Another value for the pipeline input: nothing to reuse. Reuse turned off: everything runs again.
    const third = await submitPipeline(contributor, workspace.name, pipeline.id, {
      inputs: { greeting: "hello world" },
    });
    await waitFor(
      () => db.job.findFirstOrThrow({ where: { name: third.name } }),
      (j) => j.status !== "running",
    );
    expect(await textOf(contributor, workspace.name, third.name, "final", "count.txt")).toBe("12\nchars\n");
    expect((await stepJobs(third.name)).steps.make.reusedFromJobId).toBeNull();
    const fourth = await submitPipeline(contributor, workspace.name, pipeline.id, { reuse: false });
    await waitFor(
      () => db.job.findFirstOrThrow({ where: { name: fourth.name } }),
      (j) => j.status !== "running",
    );
    const fresh = await stepJobs(fourth.name);
    expect([fresh.parent.status, fresh.steps.make.reusedFromJobId, fresh.steps.count.reusedFromJobId]).toEqual([
      "completed",
      null,
      null,
    ]);
    expect(
      (await listJobFiles(contributor, workspace.name, fresh.steps.count.name, { kind: "code" })).map((f) => f.path),
    ).toEqual(["count.sh"]);
  }, 90_000);

  it("stops the dependents of a failed step while the others finish, and fails the pipeline naming the step", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const fail = await component(contributor, workspace, FAIL);
    const make = await component(contributor, workspace, MAKE);
    const count = await component(contributor, workspace, COUNT, { "src/count.sh": "exit 0\n" });
    const failWithOut = await component(contributor, workspace, `outputs:\n  out:\n    type: uri_folder\n${FAIL}`);
    const graph: PipelineGraph = {
      nodes: [
        step("broken", failWithOut, 0),
        step("after_broken", count, 100),
        step("independent", make, 0),
        step("fails_alone", fail, 0),
      ],
      edges: [edge("broken", "out", "after_broken", "data")],
      settings: { continueOnStepFailure: true },
    };
    const pipeline = await createPipeline(contributor, workspace.name, { name: uniqueName("pipe"), graph });
    const job = await submitPipeline(contributor, workspace.name, pipeline.id);
    runner = new JobRunner({ concurrency: 2, pollMs: 100 }).start();
    const done = await waitFor(
      () => db.job.findFirstOrThrow({ where: { name: job.name } }),
      (j) => j.status !== "running",
    );
    const { steps } = await stepJobs(job.name);
    expect(done.status).toBe("failed");
    expect(done.failureReason).toMatch(/"broken".*"fails_alone"|"fails_alone".*"broken"/);
    expect([steps.broken.status, steps.after_broken.status, steps.independent.status]).toEqual([
      "failed",
      "canceled",
      "completed",
    ]);
    expect(steps.after_broken.failureReason).toBe('Not run: step "broken" failed.');
  }, 60_000);

  it("starts no other step after a failure unless continue_on_step_failure is true (Azure ML's default), letting running ones finish", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const fail = await component(contributor, workspace, FAIL);
    const count = await component(contributor, workspace, COUNT, { "src/count.sh": "exit 0\n" });
    runner = new JobRunner({ concurrency: 2, pollMs: 100 }).start();
    const outcome = async (settings: PipelineGraph["settings"]) => {
      // Not deterministic: each run really sleeps, rather than reusing the previous run's outputs.
      const slow = await component(
        contributor,
        workspace,
        "is_deterministic: false\noutputs:\n  out:\n    type: uri_folder\ncommand: sleep 2\n",
      );
      const graph: PipelineGraph = {
        nodes: [step("slow", slow, 0), step("next", count, 100), step("fails", fail, 0)],
        edges: [edge("slow", "out", "next", "data")],
        settings,
      };
      const pipeline = await createPipeline(contributor, workspace.name, { name: uniqueName("pipe"), graph });
      const job = await submitPipeline(contributor, workspace.name, pipeline.id);
      const done = await waitFor(
        () => db.job.findFirstOrThrow({ where: { name: job.name } }),
        (j) => j.status !== "running",
      );
      const { steps } = await stepJobs(job.name);
      return { done, steps };
    };
    for (const settings of [{}, { continueOnStepFailure: false }]) {
      const { done, steps } = await outcome(settings);
      expect(done.status).toBe("failed");
      expect([steps.fails.status, steps.slow.status, steps.next.status]).toEqual(["failed", "completed", "canceled"]);
      expect(steps.next.failureReason).toBe(
        'Not run: step "fails" failed, and the pipeline stops at a failed step (settings.continue_on_step_failure is not true).',
      );
    }
    const { steps } = await outcome({ continueOnStepFailure: true });
    expect([steps.fails.status, steps.slow.status, steps.next.status]).toEqual(["failed", "completed", "completed"]);
  }, 90_000);

  it("cancels every step of a canceled pipeline, running or not", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const sleep = await component(contributor, workspace, SLEEP);
    const count = await component(contributor, workspace, COUNT, { "src/count.sh": "exit 0\n" });
    const graph: PipelineGraph = {
      nodes: [step("slow", sleep, 0), step("next", count, 100)],
      edges: [edge("slow", "out", "next", "data")],
      settings: {},
    };
    const pipeline = await createPipeline(contributor, workspace.name, { name: uniqueName("pipe"), graph });
    const job = await submitPipeline(contributor, workspace.name, pipeline.id);
    runner = new JobRunner({ concurrency: 2, pollMs: 100 }).start();
    await waitFor(
      () => stepJobs(job.name),
      (s) => s.steps.slow.status === "running",
    );
    await cancelJob(contributor, workspace.name, job.name, "wrong data");
    const done = await waitFor(
      () => db.job.findFirstOrThrow({ where: { name: job.name } }),
      (j) => j.status !== "running",
      20_000,
    );
    const { steps } = await stepJobs(job.name);
    expect([done.status, steps.slow.status, steps.next.status]).toEqual(["canceled", "canceled", "canceled"]);
  }, 60_000);

  it("refuses to submit a graph with problems, naming them, and queues nothing", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam();
    const count = await component(contributor, workspace, COUNT, { "src/count.sh": "exit 0\n" });
    const pipeline = await createPipeline(contributor, workspace.name, {
      name: uniqueName("pipe"),
      graph: { nodes: [step("count", count, 0)], edges: [], settings: {} },
    });
    const failure = await failureOf(submitPipeline(contributor, workspace.name, pipeline.id));
    expect(failure.code).toBe("invalid");
    expect(failure.message).toMatch(/data/);
    expect((failure.details as { issues: { code: string; nodeId: string }[] }).issues).toEqual([
      expect.objectContaining({ code: "missing_input", nodeId: "count" }),
    ]);
    expect(await db.job.count({ where: { pipelineId: pipeline.id } })).toBe(0);
    expect((await failureOf(submitPipeline(reader, workspace.name, pipeline.id))).code).toBe("forbidden");
    expect((await failureOf(submitPipeline(contributor, workspace.name, pipeline.id, { revision: 7 }))).code).toBe(
      "conflict",
    );
  });
});
