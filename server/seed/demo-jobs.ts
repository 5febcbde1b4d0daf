import "server-only";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/actor";
import { artifactStore } from "@/server/artifacts/store";
import { recordEvent } from "@/server/events/record-event";
import { newJobName } from "@/server/jobs/create-job";
import { upsertExperiment } from "@/server/jobs/experiments";
import { logBatch } from "@/server/jobs/log-batch";
import { registerModelFromOutput } from "@/server/jobs/register-model-from-output";

// Finished jobs for the demo, from real runs of the scikit-learn example
// (prisma/seed-assets/make_example_runs.py records what each run logged and wrote).
type SeedRun = {
  displayName: string;
  params: Record<string, string>;
  points: [string, number, number][];
  status: "completed" | "failed";
  exitCode: number;
  stdout: string;
  stderr: string;
  output: string | null;
};

const RUNS_DIR = join(process.cwd(), "prisma/seed-assets/example-runs");
const EXAMPLE_DIR = join(process.cwd(), "examples/sklearn-iris");
const COMMAND = "python train.py --epochs ${{inputs.epochs}} --lr ${{inputs.lr}} --output ${{outputs.model}}";

async function storeFiles(dir: string, names: string[]) {
  const files = [];
  for (const name of names)
    files.push({ path: name, ...(await artifactStore.putBuffer(readFileSync(join(dir, name)))) });
  return files;
}

export async function seedDemoJobs(scientist: Actor, workspace: string): Promise<void> {
  const runs = JSON.parse(readFileSync(join(RUNS_DIR, "runs.json"), "utf8")) as SeedRun[];
  const scope = await db.scope.findUniqueOrThrow({ where: { kind_name: { kind: "workspace", name: workspace } } });
  const environment = await db.assetVersion.findFirst({
    where: { scopeId: scope.id, kind: "environment", name: "sklearn-env", isLatest: true },
  });
  const code = await storeFiles(EXAMPLE_DIR, ["mlops_studio.py", "train.py"]);
  const experiment = await upsertExperiment(db, scope.id, "iris-sklearn", scientist.userId);
  // Spread over the last days, oldest first, each run lasting what the example takes to train here.
  const now = Date.now();
  let registered: string | null = null;
  const others: { name: string; lr: string }[] = [];
  for (const [index, run] of runs.entries()) {
    const startedAt = new Date(now - (runs.length - index) * 7 * 3_600_000);
    const endedAt = new Date(startedAt.getTime() + 2_000 + run.points.length * 12);
    const name = newJobName();
    const outputs = run.output
      ? await storeFiles(join(RUNS_DIR, run.output), readdirSync(join(RUNS_DIR, run.output)).sort())
      : [];
    const job = await db.job.create({
      data: {
        scopeId: scope.id,
        experimentId: experiment.id,
        name,
        displayName: run.displayName,
        kind: "command",
        status: run.status,
        compute: "local",
        command: COMMAND,
        gitRepository: "https://example.com/ml/iris-training.git",
        gitBranch: "main",
        gitCommit: ["3f9c2e1", "3f9c2e1", "8b41d07", "8b41d07"][index] ?? null,
        environmentVersionId: environment?.id ?? null,
        environmentLabel: environment ? `${environment.name}:${environment.version}` : null,
        spec: JSON.stringify({
          inputs: {
            epochs: { type: "literal", value: run.params.epochs },
            lr: { type: "literal", value: run.params.lr },
          },
          outputs: ["model"],
        }),
        exitCode: run.exitCode,
        failureReason: run.status === "failed" ? `The command exited with code ${run.exitCode}.` : null,
        createdById: scientist.userId,
        createdByLabel: scientist.email,
        createdAt: new Date(startedAt.getTime() - 1_000),
        startedAt,
        endedAt,
        tags: {
          createMany: {
            data: [
              { key: "example", value: "sklearn-iris" },
              { key: "dataset", value: "iris" },
            ],
          },
        },
        files: {
          createMany: {
            data: [
              ...code.map((f) => ({ kind: "code", output: "", path: f.path, size: BigInt(f.size), sha256: f.sha256 })),
              ...outputs.map((f) => ({
                kind: "output",
                output: "model",
                path: f.path,
                size: BigInt(f.size),
                sha256: f.sha256,
              })),
            ],
          },
        },
      },
    });
    const logs = [
      {
        stream: "system",
        text: `[studio] Running on local compute: ${COMMAND.replace("${{inputs.epochs}}", `'${run.params.epochs}'`).replace("${{inputs.lr}}", `'${run.params.lr}'`).replace("${{outputs.model}}", "'outputs/model'")}\n`,
      },
      ...(run.stdout ? [{ stream: "stdout", text: run.stdout }] : []),
      ...(run.stderr ? [{ stream: "stderr", text: run.stderr }] : []),
      {
        stream: "system",
        text:
          run.status === "completed"
            ? `[studio] The command exited with code 0; collected ${outputs.length} output file(s).\n`
            : `[studio] The command exited with code ${run.exitCode}.\n`,
      },
    ];
    await db.jobLog.createMany({ data: logs.map((l) => ({ jobId: job.id, at: endedAt, ...l })) });
    await logBatch(scientist, workspace, name, {
      params: Object.entries(run.params).map(([key, value]) => ({ key, value })),
      metrics: run.points.map(([key, step, value]) => ({
        key,
        step,
        value,
        timestamp: startedAt.getTime() + 1_500 + step * 12,
      })),
    });
    await db.$transaction((tx) =>
      recordEvent(tx, {
        actor: null,
        anonymousLabel: "local runner",
        action: `job.${run.status}`,
        subject: { type: "job", id: job.id, label: name },
        scopeId: scope.id,
        data: { exitCode: run.exitCode, seeded: true },
      }),
    );
    if (run.status === "completed" && run.params.lr === "0.05") registered = name;
    else if (run.status === "completed" && run.output) others.push({ name, lr: run.params.lr });
  }
  if (registered) {
    await registerModelFromOutput(scientist, workspace, registered, "model", {
      name: "iris-sgd",
      description: "SGD logistic regression from the iris training example (lr 0.05, 40 epochs); ONNX and pickle.",
      tags: { task: "classification", dataset: "iris", framework: "sklearn", team: "botany" },
    });
  }
  // The other completed runs become later versions, so the model's leaderboard compares three trainings.
  for (const other of others) {
    await registerModelFromOutput(scientist, workspace, other.name, "model", {
      name: "iris-sgd",
      description: `SGD logistic regression from the iris training example (lr ${other.lr}, 40 epochs).`,
      tags: { task: "classification", dataset: "iris", framework: "sklearn", team: "botany" },
    });
  }
}
