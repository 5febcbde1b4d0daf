import { z } from "zod";
import type { JobStatus } from "@/lib/schemas/jobs";

/** What a job or a deployment's Python really ran with, beside what its environment asked for. */
export const runtimeSchema = z.object({
  interpreter: z.string().nullable(),
  pythonVersion: z.string().nullable(),
  packages: z.array(z.string()).nullable().describe("`pip freeze` of the built environment it ran in."),
  buildJob: z.string().nullable().describe("The job that built its environment."),
  python: z
    .object({ wanted: z.string(), isMet: z.boolean() })
    .nullable()
    .describe("The environment's Python request (conda's spec), and whether the interpreter meets it."),
  requirements: z.array(
    z.object({ name: z.string(), wanted: z.string(), installed: z.string().nullable(), isMet: z.boolean() }),
  ),
});
export type RuntimeDto = z.infer<typeof runtimeSchema>;

/** One build of an environment version: its build job as the environment page lists it. */
export type EnvironmentBuildSummary = {
  job: string;
  status: JobStatus;
  startedAt: string | null;
  endedAt: string | null;
  failureReason: string | null;
};
