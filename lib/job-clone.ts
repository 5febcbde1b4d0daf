// "Clone" of a command job (Edit and re-run): the submit form filled from a job's spec. Submitting it
// makes a new job; the code snapshot is reused by reference (`codeFrom`) unless new files are picked.
import type { JobDto } from "@/lib/schemas/dto";

export type JobFormInput = { name: string; type: "literal" | "data"; value: string };

/** What the submit form starts from: empty for a new job, a job's own settings for a clone. */
export type JobFormValues = {
  experiment: string;
  displayName: string;
  command: string;
  environment: string;
  inputs: JobFormInput[];
  outputs: string;
  git: { repository: string; branch: string; commit: string };
  tags: { key: string; value: string }[];
  /** The job whose code snapshot the new job runs, with its size, when cloning one that had code. */
  codeFrom: { job: string; fileCount: number; totalSize: number } | null;
};

/**
 * Whether a job can be cloned into the submit form: command jobs submitted by someone. Pipeline steps
 * are re-run with their pipeline, and batch scoring jobs from their endpoint.
 */
export function isClonable(job: Pick<JobDto, "kind" | "parent" | "command" | "tags" | "experiment">): boolean {
  if (job.kind !== "command" || job.parent || !job.command) return false;
  const isBatchScoring = job.experiment.startsWith("batch-") && "endpoint" in job.tags && "deployment" in job.tags;
  return !isBatchScoring;
}

/** The submit form's values for a clone of `job`: every setting but the display name (a new run gets its own). */
export function cloneFormValues(job: JobDto): JobFormValues {
  return {
    experiment: job.experiment,
    displayName: "",
    command: job.command ?? "",
    environment: job.environment ?? "",
    inputs: Object.entries(job.inputs).map(([name, input]) =>
      input.type === "literal"
        ? { name, type: "literal" as const, value: input.value }
        : { name, type: "data" as const, value: input.asset },
    ),
    outputs: job.outputs.map((o) => o.name).join(", "),
    git: {
      repository: job.git?.repository ?? "",
      branch: job.git?.branch ?? "",
      commit: job.git?.commit ?? "",
    },
    tags: Object.entries(job.tags).map(([key, value]) => ({ key, value })),
    codeFrom: job.code ? { job: job.name, fileCount: job.code.fileCount, totalSize: job.code.totalSize } : null,
  };
}
