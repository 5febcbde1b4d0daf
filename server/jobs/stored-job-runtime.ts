import "server-only";
import { z } from "zod";
import { compareRequirements, pythonVersionMeets } from "@/lib/environments/build-plan";
import type { JobDto } from "@/lib/schemas/dto";

// A job's `runtime` column: what it really ran with (interpreter, Python version, `pip freeze` of its built
// environment) and what its environment asked for, read in one place and parsed, not cast.

const storedJobRuntimeSchema = z.object({
  interpreter: z.string().nullable(),
  pythonVersion: z.string().nullable(),
  packages: z.array(z.string()).nullable(),
  buildJob: z.string().nullable(),
  requested: z.object({ python: z.string().nullable(), requirements: z.array(z.string()) }).nullable(),
});
export type StoredJobRuntime = z.infer<typeof storedJobRuntimeSchema>;

/** The runtime as the API shows it: asked-for beside installed, each requirement checked. */
export function readJobRuntime(column: string | null): JobDto["runtime"] {
  if (column === null) return null;
  const stored = storedJobRuntimeSchema.parse(JSON.parse(column));
  const wanted = stored.requested?.python ?? null;
  return {
    interpreter: stored.interpreter,
    pythonVersion: stored.pythonVersion,
    packages: stored.packages,
    buildJob: stored.buildJob,
    python: wanted && stored.pythonVersion ? { wanted, isMet: pythonVersionMeets(stored.pythonVersion, wanted) } : null,
    requirements: stored.requested ? compareRequirements(stored.requested.requirements, stored.packages ?? []) : [],
  };
}
