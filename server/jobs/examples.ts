import "server-only";
import { spawnSync } from "node:child_process";
import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { notFound } from "@/lib/errors";
import { assetNameSchema } from "@/lib/schemas/common";
import { submitCommandJobSchema } from "@/lib/schemas/jobs";
import type { JobDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { artifactStore } from "@/server/artifacts/store";
import { pythonShimDir } from "@/server/runtime/python-shim";
import { requireScope } from "@/server/scopes/scope-access";
import { submitCommandJob, type CodeFile } from "@/server/jobs/submit-command-job";

// The training examples under examples/ that a new user submits in one click. "train-iris" takes the
// scikit-learn version when the jobs' Python has scikit-learn, and the dependency-free JS one otherwise.
const EXAMPLES_DIR = join(process.cwd(), "examples");
export const EXAMPLE_NAMES = ["train-iris", "sklearn-iris", "js-iris"] as const;
export type ExampleName = (typeof EXAMPLE_NAMES)[number];

const submitExampleSchema = z
  .object({
    example: z.enum(EXAMPLE_NAMES, { message: `example must be one of ${EXAMPLE_NAMES.join(", ")}.` }),
    displayName: z.string().trim().min(1).max(200).optional(),
    experiment: assetNameSchema.optional(),
  })
  .strict();

let sklearnProbe: boolean | null = null;

/** Whether `python` in a job's command can import scikit-learn (asked once per process). */
export function canRunSklearnExample(): boolean {
  if (sklearnProbe === null) {
    const python = pythonShimDir()?.python;
    sklearnProbe = python ? spawnSync(python, ["-c", "import sklearn"], { timeout: 20_000 }).status === 0 : false;
  }
  return sklearnProbe;
}

export function resolveExample(name: ExampleName): "sklearn-iris" | "js-iris" {
  if (name !== "train-iris") return name;
  return canRunSklearnExample() ? "sklearn-iris" : "js-iris";
}

/**
 * Submits an example: its folder is the code snapshot, its job.json the job. Without a display name the
 * run gets a generated one, so repeated clicks are told apart.
 */
export async function submitExampleJob(actor: Actor, workspace: string, input: unknown): Promise<JobDto> {
  const { example, displayName, experiment } = submitExampleSchema.parse(input);
  await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const folder = resolveExample(example);
  const dir = join(EXAMPLES_DIR, folder);
  let job: unknown;
  try {
    job = JSON.parse(await readFile(join(dir, "job.json"), "utf8"));
  } catch {
    throw notFound(`Example "${folder}" (its folder is missing from this installation)`);
  }
  const code: CodeFile[] = [];
  for (const entry of await readdir(dir)) {
    if (entry === "job.json" || entry.startsWith(".") || entry === "__pycache__") continue;
    // stat follows the links to the shared client helpers, so the snapshot holds real files.
    if (!(await stat(join(dir, entry))).isFile()) continue;
    const blob = await artifactStore.put(createReadStream(join(dir, entry)));
    code.push({ path: entry, ...blob });
  }
  const spec = submitCommandJobSchema.parse(job);
  return submitCommandJob(
    actor,
    workspace,
    { ...spec, ...(displayName ? { displayName } : {}), ...(experiment ? { experiment } : {}) },
    code,
  );
}
