import "server-only";
import { z } from "zod";
import { compareRequirements, pythonVersionMeets } from "@/lib/environments/build-plan";
import type { RuntimeDto } from "@/lib/schemas/runtime";

// The `runtime` column of a job or deployment: what it really ran with (interpreter, Python version, `pip
// freeze` of its built environment) and what its environment asked for, read in one place and parsed, not cast.

const storedRuntimeSchema = z.object({
  interpreter: z.string().nullable(),
  pythonVersion: z.string().nullable(),
  packages: z.array(z.string()).nullable(),
  buildJob: z.string().nullable(),
  requested: z.object({ python: z.string().nullable(), requirements: z.array(z.string()) }).nullable(),
});
export type StoredRuntime = z.infer<typeof storedRuntimeSchema>;

/** The runtime as the API shows it: asked-for beside installed, each requirement checked. */
export function readRuntime(column: string | null): RuntimeDto | null {
  if (column === null) return null;
  const stored = storedRuntimeSchema.parse(JSON.parse(column));
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
